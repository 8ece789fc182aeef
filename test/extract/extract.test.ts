import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { startTestSimulator, type TestSimulator } from '../support/simulator.js';
import { expectedRowCounts, rowCounts, runExtract, tempDir } from '../support/extract.js';
import { Store } from '../../src/store/store.js';

describe('extract against the simulator', () => {
  let s: TestSimulator;
  let dir: string;
  beforeAll(async () => {
    s = await startTestSimulator({ users: 150, seed: 'extract', period: 1 });
    dir = tempDir();
  });
  afterAll(() => s.close());

  it('writes a complete snapshot whose every table matches the tenant', async () => {
    const { result, store } = await runExtract(s.sim, join(dir, 'a.duckdb'));
    try {
      expect(result.snapshots).toHaveLength(1);
      const snap = result.snapshots[0];
      expect(snap.status).toBe('complete');
      const expected = expectedRowCounts(s.sim.world, s.sim.world.home);
      expect(await rowCounts(store, snap.snapshotId, Object.keys(expected))).toEqual(expected);
      const [row] = await store.query<any>('SELECT * FROM snapshots WHERE snapshot_id = $id', { id: snap.snapshotId });
      expect(row).toMatchObject({
        status: 'complete', account_id: s.sim.world.home.accountId, account_name: s.sim.world.home.accountName,
        caller_client_name: 'iam-audit', api_host: s.sim.host, tool_version: expect.any(String), client_tokens_kept: false, vanished: 0,
      });
      expect(row.requests).toBe(result.requests);
      // One raw row per request (no retries here), but one per element for the four lists that grow with the account.
      const t = s.sim.world.home;
      const listed = t.users.size + t.roles.size + t.properties.size + t.apiClients.size;
      expect(await rowCounts(store, snap.snapshotId, ['raw_responses'])).toEqual({ raw_responses: result.requests - 4 + listed });
    } finally {
      store.close();
    }
  });

  it('stores field values exactly, including nested subGroups overrides and blocked grants', async () => {
    const { result, store } = await runExtract(s.sim, join(dir, 'b.duckdb'));
    const id = result.snapshots[0].snapshotId;
    try {
      const t = s.sim.world.home;
      const u = [...t.users.values()].find((x) => x.lastLoginDate !== undefined && x.grants.some((g) => g.subGroups.length))!;
      const [user] = await store.query<any>(`SELECT *, strftime(last_login_date, '%Y-%m-%dT%H:%M:%SZ') AS login,
        strftime(password_expiry_date, '%Y-%m-%dT%H:%M:%SZ') AS expiry FROM users WHERE snapshot_id = $id AND ui_identity_id = $u`, { id, u: u.uiIdentityId });
      expect(user).toMatchObject({
        ui_user_name: u.uiUserName, email: u.email, is_locked: u.isLocked, additional_authentication: u.additionalAuthentication,
        additional_authentication_configured: u.additionalAuthenticationConfigured, session_timeout_seconds: u.sessionTimeOut,
        login: new Date(u.lastLoginDate!).toISOString().replace('.000Z', 'Z'), expiry: new Date(u.passwordExpiryDate!).toISOString().replace('.000Z', 'Z'),
        notify_password_expiry: u.notifications.passwordExpiry, country: u.country, tfa_enabled: u.tfaEnabled,
      });
      const grants = await store.query<any>(`SELECT grant_id, parent_grant_id, nesting_depth, group_id, role_id, is_blocked FROM user_grants
        WHERE snapshot_id = $id AND ui_identity_id = $u ORDER BY grant_id`, { id, u: u.uiIdentityId });
      const nested = u.grants.find((g) => g.subGroups.length)!;
      const parent = grants.find((g) => g.group_id === nested.groupId && g.nesting_depth === 0);
      const child = grants.find((g) => g.parent_grant_id === parent.grant_id);
      expect(child).toMatchObject({ nesting_depth: 1, group_id: nested.subGroups[0].groupId, role_id: nested.subGroups[0].roleId, is_blocked: nested.subGroups[0].isBlocked });
      const accountLevel = await store.query<any>(`SELECT count(*)::INTEGER AS n FROM user_grants WHERE snapshot_id = $id AND group_id IS NULL`, { id });
      expect(accountLevel[0].n).toBe([...t.users.values()].reduce((n, x) => n + x.grants.filter((g) => g.groupId === undefined).length, 0));

      const client = [...t.apiClients.values()].find((c) => c.credentials.length > 1 && c.ipAclCidrs.length > 0)!;
      const [c] = await store.query<any>('SELECT * FROM api_clients WHERE snapshot_id = $id AND client_id = $c', { id, c: client.clientId });
      expect(c).toMatchObject({ client_type: client.clientType, ip_acl_enabled: client.ipAclEnabled, ip_acl_cidrs: client.ipAclCidrs,
        authorized_users: client.authorizedUsers, all_accessible_apis: client.allAccessibleApis, is_caller: false });
      const creds = await store.query<any>(`SELECT credential_id, client_token, status, strftime(expires_on, '%Y-%m-%dT%H:%M:%S.000Z') AS expires,
        strftime(max_allowed_expiry, '%Y-%m-%dT%H:%M:%S.000Z') AS max FROM credentials WHERE snapshot_id = $id AND client_id = $c ORDER BY credential_id`, { id, c: client.clientId });
      expect(creds).toEqual([...client.credentials].sort((a, b) => a.credentialId - b.credentialId).map((k) => ({
        credential_id: k.credentialId, client_token: `…${k.clientToken.slice(-4)}`, status: k.status,
        expires: new Date(k.expiresOn).toISOString(), max: new Date(k.maxAllowedExpiry).toISOString() })));
      const groups = await store.query<any>('SELECT group_id, parent_group_id, depth FROM groups WHERE snapshot_id = $id', { id });
      for (const g of groups) expect(g.parent_group_id ?? undefined).toBe(t.groups.get(g.group_id)!.parentGroupId);
      expect(Math.max(...groups.map((g) => g.depth))).toBe(Math.max(...[...t.groups.values()].map((g) => g.depth)));
    } finally {
      store.close();
    }
  });

  it('never stores a secret: no client secret or access token anywhere, client tokens as tails', async () => {
    const file = join(dir, 'c.duckdb');
    const { store } = await runExtract(s.sim, file);
    try {
      const c = s.sim.credentials.auditor;
      const clients = [...s.sim.world.home.apiClients.values()];
      const forbidden = [c.client_secret, c.access_token, c.client_token, ...clients.map((x) => x.accessToken), ...clients.flatMap((x) => x.credentials.map((k) => k.clientToken))];
      const tables = await store.query<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_catalog = 'audit'`);
      for (const { table_name } of tables) {
        const rows = await store.query<any>(`SELECT * FROM ${table_name}`);
        const text = JSON.stringify(rows);
        for (const secret of forbidden) expect(text.includes(secret), `${table_name} holds a secret`).toBe(false);
      }
      const raw = await store.query<any>(`SELECT body FROM raw_responses WHERE request_path = '/api-clients'`);
      expect(raw[0].body).toContain('[redacted]');
    } finally {
      store.close();
    }
    const kept = await runExtract(s.sim, join(dir, 'c2.duckdb'), { keepClientTokens: true });
    try {
      const tokens = await kept.store.query<any>('SELECT client_token FROM credentials');
      expect(tokens.every((t: any) => t.client_token.startsWith('akab-'))).toBe(true);
    } finally {
      kept.store.close();
    }
  });

  it('snapshots every switch-key account in one run (--all-accounts)', async () => {
    const { result, store } = await runExtract(s.sim, join(dir, 'd.duckdb'), { allAccounts: true });
    try {
      const w = s.sim.world;
      expect(result.snapshots.map((x) => x.status)).toEqual(Array(1 + w.switched.size).fill('complete'));
      const rows = await store.query<any>('SELECT snapshot_id, account_id, account_switch_key, account_name FROM snapshots ORDER BY snapshot_id');
      expect(rows.map((r) => r.account_id)).toEqual([w.home.accountId, ...[...w.switched.values()].map((t) => t.accountId)]);
      expect(rows.map((r) => r.account_name)).toEqual([w.home.accountName, ...[...w.switched.values()].map((t) => t.accountName)]);
      for (const [i, t] of [...w.switched.values()].entries()) {
        const expected = expectedRowCounts(w, t);
        expect(await rowCounts(store, rows[i + 1].snapshot_id, Object.keys(expected))).toEqual(expected);
      }
    } finally {
      store.close();
    }
  });

  it('gets a complete, exact snapshot through 500s, 503s, truncated bodies and a rate limit', async () => {
    await s.withFaults({ errorRate: 0.1, truncateRate: 0.05, rateLimit: 200, burst: 20, seed: 'chaos' }, async () => {
    // 8 attempts at a 15% fault rate: a read fails for good once in ~4 million.
    const { result, store } = await runExtract(s.sim, join(dir, 'e.duckdb'), { maxAttempts: 8 });
    try {
      expect(result.snapshots[0]).toMatchObject({ status: 'complete' });
      expect(result.retries).toBeGreaterThan(20);
      const expected = expectedRowCounts(s.sim.world, s.sim.world.home);
      expect(await rowCounts(store, result.snapshots[0].snapshotId, Object.keys(expected))).toEqual(expected);
    } finally {
      store.close();
    }
    });
  });

  it('leaves a failed snapshot with its reason and no rows when reads keep failing, earlier snapshots untouched', async () => {
    const file = join(dir, 'f.duckdb');
    const first = await runExtract(s.sim, file);
    const good = first.result.snapshots[0].snapshotId;
    const before = await rowCounts(first.store, good, ['users', 'user_grants', 'raw_responses']);
    first.store.close();
    await s.withFaults({ errorRate: 0.6, seed: 'bad' }, async () => {
    const { result, store } = await runExtract(s.sim, file, { maxAttempts: 2 });
    try {
      const snap = result.snapshots[0];
      expect(snap.status).toBe('failed');
      expect(snap.reason).toMatch(/failed after 2 attempts: HTTP 50[03]/);
      const [row] = await store.query<any>('SELECT status, failure_reason FROM snapshots WHERE snapshot_id = $id', { id: snap.snapshotId });
      expect(row).toEqual({ status: 'failed', failure_reason: snap.reason });
      const tables = ['users', 'user_grants', 'groups', 'roles', 'api_clients', 'credentials', 'raw_responses'];
      expect(Object.values(await rowCounts(store, snap.snapshotId, tables)).every((n) => n === 0)).toBe(true);
      expect(await rowCounts(store, good, ['users', 'user_grants', 'raw_responses'])).toEqual(before);
    } finally {
      store.close();
    }
    });
  });

  it('times out a slow response and retries it with a fresh signature', async () => {
    await s.withFaults({ slowRate: 0.05, slowMs: 3000, seed: 'slow' }, async () => {
    const { result, store } = await runExtract(s.sim, join(dir, 'g.duckdb'), { timeoutMs: 500 });
    store.close();
    expect(result.snapshots[0].status).toBe('complete');
    expect(result.retries).toBeGreaterThan(0);
    });
  });

  it('paces itself to the rate limit: few 429s, and the run still completes', async () => {
    await s.withFaults({ rateLimit: 50, burst: 10, seed: 'rate' }, async () => {
    const { result, store } = await runExtract(s.sim, join(dir, 'h.duckdb'), { concurrency: 8 });
    store.close();
    expect(result.snapshots[0].status).toBe('complete');
    expect(result.rateLimited).toBeLessThan(result.requests * 0.05);
    });
  });

  it('marks a snapshot left running by a dead process as failed when the file is next opened', async () => {
    const file = join(dir, 'i.duckdb');
    let store = await Store.open(file);
    const id = await store.beginSnapshot({ runId: 'r', apiHost: 'h', edgercSection: 's', toolVersion: 'v', startedAt: new Date().toISOString(), clientTokensKept: false });
    await store.append('users', { snapshot_id: id, ui_identity_id: 'x', ui_user_name: 'x', email: 'x@y', is_locked: false, additional_authentication: 'MFA', additional_authentication_configured: true });
    store.close(); // the process "dies" with the transaction open
    store = await Store.open(file);
    try {
      expect(await store.query('SELECT status, failure_reason FROM snapshots')).toEqual([{ status: 'failed', failure_reason: expect.stringContaining('interrupted') }]);
      expect(await rowCounts(store, id, ['users'])).toEqual({ users: 0 });
    } finally {
      store.close();
    }
  });
});
