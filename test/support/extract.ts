import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { edgercSection } from '../../src/extract/edgerc.js';
import { extract, type ExtractOptions, type ExtractResult } from '../../src/extract/extractor.js';
import { Progress } from '../../src/extract/progress.js';
import { Store } from '../../src/store/store.js';
import type { Simulator } from '../../src/simulator/server.js';
import type { SimGrant, Tenant, World } from '../../src/simulator/model.js';
import { roleHolders } from '../../src/simulator/render.js';

export function tempDir(prefix = 'iam-audit-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function edgercOf(sim: Simulator, section: 'auditor' | 'limited' = 'auditor') {
  return edgercSection('(test)', section, { ...sim.credentials[section] });
}

/** Writes the simulator's .edgerc and CA file into dir; returns their paths. */
export async function writeSimFiles(sim: Simulator, dir: string) {
  return sim.writeEdgerc(join(dir, '.edgerc'));
}

export async function runExtract(sim: Simulator, dbFile: string, o: Partial<ExtractOptions> = {}): Promise<{ result: ExtractResult; store: Store }> {
  const store = await Store.open(dbFile);
  const result = await extract({
    edgerc: edgercOf(sim), store, concurrency: 8, timeoutMs: 10_000, maxAttempts: 6, retryBaseMs: 20, ca: sim.caPem,
    keepClientTokens: false, progress: new Progress('quiet'), clock: sim.now, ...o,
  });
  return { result, store };
}

function grantNodes(g: { subGroups: unknown[] }): number {
  return 1 + (g.subGroups as { subGroups: unknown[] }[]).reduce((n, s) => n + grantNodes(s), 0);
}

function grantedGroups(grants: SimGrant[], out = new Set<number>()): Set<number> {
  for (const g of grants) {
    if (g.groupId !== undefined && !g.isBlocked) out.add(g.groupId);
    grantedGroups(g.subGroups, out);
  }
  return out;
}

/** What a complete snapshot of `t` must hold, table by table, computed from the simulator's model. */
export function expectedRowCounts(world: World, t: Tenant): Record<string, number> {
  const users = [...t.users.values()];
  const clients = [...t.apiClients.values()];
  const caller = world.home.apiClients.get(world.caller.clientId)!;
  const holders = roleHolders(t);
  return {
    users: users.length,
    user_grants: users.reduce((n, u) => n + u.grants.reduce((m, g) => m + grantNodes(g), 0), 0),
    blocked_properties: users.reduce((n, u) => n + [...grantedGroups(u.grants)].reduce((m, g) => m + (u.blockedProperties.get(g)?.length ?? 0), 0), 0),
    groups: t.groups.size,
    roles: t.roles.size,
    role_holders: [...holders.values()].reduce((n, l) => n + l.length, 0),
    role_granted_roles: [...t.roles.values()].reduce((n, r) => n + r.grantedRoleIds.length, 0),
    grantable_roles: t.grantableRoles.length,
    properties: t.properties.size,
    api_clients: clients.length,
    api_client_apis: clients.reduce((n, c) => n + c.apis.length, 0),
    api_client_groups: clients.reduce((n, c) => n + c.groups.reduce((m, g) => m + grantNodes(g), 0), 0),
    credentials: clients.reduce((n, c) => n + c.credentials.length, 0),
    cidr_blocks: t.cidrBlocks.size,
    allowlist: 1,
    password_policy: 1,
    timeout_policies: 7,
    account_switch_keys: caller.switchKeys.length + clients.filter((c) => c.allowAccountSwitch && c.clientId !== caller.clientId).reduce((n, c) => n + c.switchKeys.length, 0),
  };
}

export async function rowCounts(store: Store, snapshotId: number, tables: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of tables) out[t] = (await store.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${t} WHERE snapshot_id = $id`, { id: snapshotId }))[0].n;
  return out;
}

export function writeFile(dir: string, name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}
