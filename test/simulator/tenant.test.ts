import { describe, expect, it } from 'vitest';
import { generateWorld, advanceWorld, DAY } from '../../src/simulator/tenant.js';
import { renderUser } from '../../src/simulator/render.js';
import type { Tenant, World } from '../../src/simulator/model.js';

const NOW = Date.UTC(2026, 11, 4, 12, 0, 0);

/** The tenant as the API would show it, for comparing worlds. */
function fingerprint(w: World): string {
  const tenant = (t: Tenant) => ({
    account: [t.accountId, t.accountName, t.switchKey],
    users: [...t.users.values()].map((u) => renderUser(t, u, { authGrants: true, notifications: true })),
    groups: [...t.groups.values()], roles: [...t.roles.values()], clients: [...t.apiClients.values()],
    cidr: [...t.cidrBlocks.values()], policy: t.passwordPolicy, allowlist: t.allowlistEnabled,
  });
  return JSON.stringify([tenant(w.home), ...[...w.switched.values()].map(tenant)]);
}

function maxDepth(t: Tenant): number {
  return Math.max(...[...t.groups.values()].map((g) => g.depth)) + 1;
}

describe('tenant generator', () => {
  it('is deterministic: the same seed gives the same world, another seed another', () => {
    const a = fingerprint(generateWorld({ seed: 'same', users: 300, now: NOW }));
    const b = fingerprint(generateWorld({ seed: 'same', users: 300, now: NOW }));
    const c = fingerprint(generateWorld({ seed: 'other', users: 300, now: NOW }));
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  it.each(['shape', 'demo', 'a', 'b', 'c'])('has the realistic shape every check needs (seed %s)', (seed) => {
    const w = generateWorld({ seed, users: 250, now: NOW });
    const t = w.home;
    const all = [w.home, ...w.switched.values()];
    const users = all.flatMap((x) => [...x.users.values()]);
    expect(t.users.size).toBe(250);
    expect(maxDepth(t)).toBeGreaterThanOrEqual(3);
    expect(maxDepth(t)).toBeLessThanOrEqual(5);
    expect(w.switched.size).toBeGreaterThanOrEqual(1);
    expect(w.switched.size).toBeLessThanOrEqual(3);
    const share = (f: (u: (typeof users)[number]) => boolean) => users.filter(f).length / users.length;
    expect(share((u) => u.additionalAuthentication === 'NONE')).toBeGreaterThan(0.05);
    expect(share((u) => u.additionalAuthentication !== 'NONE' && !u.additionalAuthenticationConfigured)).toBeGreaterThan(0.01);
    expect(share((u) => u.lastLoginDate === undefined)).toBeGreaterThan(0.02);
    expect(share((u) => u.lastLoginDate !== undefined && NOW - u.lastLoginDate > 90 * DAY)).toBeGreaterThan(0.05);
    expect(share((u) => u.lastLoginDate !== undefined && NOW - u.lastLoginDate < 30 * DAY)).toBeGreaterThan(0.4);
    expect(users.some((u) => u.isLocked && u.grants.length > 0)).toBe(true);
    expect(users.some((u) => u.grants.some((g) => g.subGroups.some((s) => s.isBlocked)))).toBe(true);
    expect(users.some((u) => u.grants.some((g) => g.subGroups.some((s) => !s.isBlocked && s.roleId !== g.roleId)))).toBe(true);
    expect(users.some((u) => u.grants.some((g) => g.groupId === undefined))).toBe(true);
    expect(users.every((u) => u.grants.length > 0)).toBe(true); // the spec: authGrants has at least one item
    expect(users.some((u) => u.blockedProperties.size > 0)).toBe(true);
    expect(users.some((u) => u.passwordExpiryDate! < NOW)).toBe(true);
    const clients = all.flatMap((x) => [...x.apiClients.values()]);
    expect(new Set(clients.map((c) => c.clientType))).toEqual(new Set(['CLIENT', 'USER_CLIENT', 'SERVICE_ACCOUNT']));
    const creds = clients.flatMap((c) => c.credentials);
    expect(new Set(creds.map((c) => c.status))).toEqual(new Set(['ACTIVE', 'INACTIVE', 'DELETED']));
    expect(creds.some((c) => c.status === 'ACTIVE' && c.expiresOn < NOW)).toBe(true);
    expect(clients.some((c) => c.credentials.length === 0)).toBe(true);
    expect(clients.some((c) => c.allAccessibleApis)).toBe(true);
    expect(clients.some((c) => !c.ipAclEnabled)).toBe(true);
    expect(all.flatMap((x) => [...x.cidrBlocks.values()]).some((b) => /\.\d+\/([0-9]|1[0-5])$/.test(b.cidrBlock))).toBe(true);
    // Dates never lie in the future of the tenant's now, except expiry dates.
    expect(users.every((u) => u.lastLoginDate === undefined || u.lastLoginDate <= NOW)).toBe(true);
    expect(creds.every((c) => c.createdOn <= NOW && c.expiresOn > c.createdOn)).toBe(true);
  });

  it('scales groups, clients and properties from --users', () => {
    const w = generateWorld({ seed: 'scale', users: 2000, now: NOW });
    expect(w.home.users.size).toBe(2000);
    expect(w.home.apiClients.size).toBeGreaterThanOrEqual(200);
    expect(w.home.groups.size).toBeGreaterThan(80);
    expect(w.home.properties.size).toBeGreaterThan(400);
  });
});

describe('tenant evolution', () => {
  it('moves a quarter forward with joiners, leavers, MFA and credential changes, deterministically', () => {
    const before = generateWorld({ seed: 'evolve', users: 400, now: NOW - 91 * DAY });
    const snapshot = new Map([...before.home.users.values()].map((u) => [u.uiIdentityId, { ...u, grants: JSON.stringify(u.grants) }]));
    const creds = new Map([...before.home.apiClients.values()].flatMap((c) => c.credentials.map((k) => [k.credentialId, k.status] as const)));
    const cidrs = new Set([...before.home.cidrBlocks.values()].map((b) => `${b.cidrBlockId}:${b.enabled}`));
    advanceWorld(before);
    const after = before.home;
    expect(after.now).toBe(NOW);
    const ids = new Set(after.users.keys());
    const joiners = [...ids].filter((id) => !snapshot.has(id));
    const leavers = [...snapshot.keys()].filter((id) => !ids.has(id));
    expect(joiners.length).toBeGreaterThan(5);
    expect(leavers.length).toBeGreaterThan(3);
    const kept = [...after.users.values()].filter((u) => snapshot.has(u.uiIdentityId));
    expect(kept.filter((u) => u.additionalAuthentication !== snapshot.get(u.uiIdentityId)!.additionalAuthentication).length).toBeGreaterThan(0);
    expect(kept.filter((u) => JSON.stringify(u.grants) !== snapshot.get(u.uiIdentityId)!.grants).length).toBeGreaterThan(0);
    expect(kept.filter((u) => u.lastLoginDate !== snapshot.get(u.uiIdentityId)!.lastLoginDate).length).toBeGreaterThan(100);
    const credsAfter = [...after.apiClients.values()].flatMap((c) => c.credentials);
    expect(credsAfter.filter((k) => !creds.has(k.credentialId)).length).toBeGreaterThan(0);
    expect(credsAfter.filter((k) => creds.has(k.credentialId) && creds.get(k.credentialId) !== k.status).length).toBeGreaterThan(0);
    const cidrsAfter = new Set([...after.cidrBlocks.values()].map((b) => `${b.cidrBlockId}:${b.enabled}`));
    expect(cidrsAfter).not.toEqual(cidrs);

    const direct = generateWorld({ seed: 'evolve', users: 400, period: 1, now: NOW });
    expect(fingerprint(direct)).toBe(fingerprint(before));
  });

  it('never touches the caller: its credential keeps working and its user stays active', () => {
    const w = generateWorld({ seed: 'caller', users: 100, period: 6, now: NOW });
    const self = w.home.apiClients.get(w.caller.clientId)!;
    expect(self.credentials.filter((c) => c.status === 'ACTIVE')).toHaveLength(1);
    expect(w.home.users.get(w.caller.uiIdentityId)!.isLocked).toBe(false);
  });
});
