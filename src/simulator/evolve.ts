/**
 * One quarter in the life of an account: joiners and leavers, grants gained and lost, new admins,
 * MFA switched on and off, credentials rotated, created and expired, allowlist edits. Deterministic
 * from the rng it is given, so two snapshots a quarter apart differ the way a real account does.
 */
import type { Rng } from './random.js';
import type { Tenant } from './model.js';
import * as C from './catalog.js';
import {
  DAY, QUARTER_DAYS, addChildGroup, addCidrBlock, addCredential, addCustomRole, daysAgo, grantGroup, groupGrant, lastLoginFor,
  newApiClient, newUser, nonRootGroups, ordinaryRole, roleIdByName, userList, wholeSecond,
} from './tenant.js';

/** Objects evolution leaves alone: the caller's own client and user, whose credentials the simulator serves. */
export interface Pinned {
  clients: Set<string>;
  users: Set<string>;
}

export function evolveTenant(t: Tenant, rng: Rng, pinned: Pinned, switchKeys: string[]): void {
  t.now = wholeSecond(t.now + QUARTER_DAYS * DAY);
  const people = rng.fork('people');
  const startUsers = t.users.size;

  if (rng.chance(0.25)) {
    const parent = rng.pick(nonRootGroups(t).filter((g) => g.depth < 3));
    addChildGroup(t, rng, parent);
  }
  if (rng.chance(0.2)) {
    const tpl = rng.pick(C.CUSTOM_ROLES);
    addCustomRole(t, rng, `${tpl.name} ${t.roles.size}`, tpl.description, tpl.grantedRoleIds);
  }

  const adminRole = roleIdByName(t, 'Admin');
  for (const u of userList(t)) {
    if (pinned.users.has(u.uiIdentityId)) {
      u.lastLoginDate = daysAgo(t, people, 0, 3);
      continue;
    }
    // Leavers: most are removed, some are forgotten and simply stop logging in.
    const isAdmin = u.grants.some((g) => g.roleId === adminRole);
    if (people.chance(isAdmin ? 0.012 : 0.04)) {
      if (people.chance(0.75)) { t.users.delete(u.uiIdentityId); continue; }
      u.activity = 'departed';
    }
    if (u.activity === 'never' && people.chance(0.3)) u.activity = 'active';
    else if (u.activity === 'active' && people.chance(0.05)) u.activity = 'dormant';
    else if (u.activity === 'dormant' && people.chance(0.05)) u.activity = 'active';
    if (u.activity === 'active' || (u.activity === 'occasional' && people.chance(0.5))) {
      u.lastLoginDate = lastLoginFor(t, people, u.activity);
      u.passwordExpiryDate = wholeSecond(u.lastLoginDate! + people.int(1, t.passwordPolicy.rotateFrequency ?? 90) * DAY);
    }
    // MFA drifts: adoption campaigns switch most of it on, a few reset or turn it off.
    if (u.additionalAuthentication === 'NONE' && people.chance(0.1)) {
      u.additionalAuthentication = 'MFA';
      u.additionalAuthenticationConfigured = people.chance(0.8);
    } else if (u.additionalAuthentication !== 'NONE' && people.chance(0.01)) {
      u.additionalAuthentication = 'NONE';
      u.additionalAuthenticationConfigured = false;
    } else if (u.additionalAuthenticationConfigured && people.chance(0.01)) {
      u.additionalAuthenticationConfigured = false;
    }
    if (!u.isLocked && people.chance(0.01)) u.isLocked = true;
    else if (u.isLocked && people.chance(0.3)) u.isLocked = false;
    // Grants gained and lost.
    const groupGrants = u.grants.filter((g) => g.groupId !== undefined);
    if (people.chance(0.04)) {
      const g = grantGroup(t, people);
      if (!u.grants.some((x) => x.groupId === g.groupId)) u.grants.push(groupGrant(t, people, g.groupId, ordinaryRole(t, people), 0));
    } else if (groupGrants.length > 1 && people.chance(0.03)) {
      const lost = people.pick(groupGrants);
      u.grants = u.grants.filter((x) => x !== lost);
      if (lost.groupId !== undefined) u.blockedProperties.delete(lost.groupId);
    } else if (groupGrants.length && people.chance(0.02)) {
      people.pick(groupGrants).roleId = ordinaryRole(t, people);
    }
    if (people.chance(0.004) && !u.grants.some((g) => g.roleId === adminRole)) {
      u.grants.push({ groupId: t.rootGroupIds[0], roleId: adminRole, isBlocked: false, subGroups: [] });
    }
  }
  const joiners = Math.round(startUsers * (0.04 + people.next() * 0.04));
  for (let i = 0; i < joiners; i++) newUser(t, people, 'joiner');

  evolveClients(t, rng.fork('clients'), pinned.clients, switchKeys);
  evolveAllowlist(t, rng.fork('allowlist'));
}

function evolveClients(t: Tenant, rng: Rng, pinned: Set<string>, switchKeys: string[]): void {
  const existing = [...t.apiClients.values()];
  for (const c of existing) {
    if (pinned.has(c.clientId)) continue;
    if (rng.chance(0.02)) { t.apiClients.delete(c.clientId); continue; }
    const active = c.credentials.filter((x) => x.status === 'ACTIVE');
    const oldest = active.sort((a, b) => a.createdOn - b.createdOn)[0];
    if (oldest && t.now - oldest.createdOn > 365 * DAY && rng.chance(0.3)) {
      addCredential(t, rng, c, 'ACTIVE', 0, daysAgo(t, rng, 0, 60));
      oldest.status = rng.chance(0.5) ? 'INACTIVE' : 'DELETED';
    } else if (!active.length && rng.chance(0.2)) {
      addCredential(t, rng, c, 'ACTIVE', 0, daysAgo(t, rng, 0, 60));
    }
    for (const cred of c.credentials) if (cred.status === 'INACTIVE' && rng.chance(0.2)) cred.status = 'DELETED';
    if (rng.chance(0.03)) c.allowAccountSwitch = !c.allowAccountSwitch;
    c.switchKeys = c.allowAccountSwitch ? switchKeys.slice(0, rng.int(0, switchKeys.length)) : [];
    if (rng.chance(0.04)) c.ipAclEnabled = !c.ipAclEnabled;
    if (c.ipAclEnabled && c.ipAclCidrs.length === 0) c.ipAclCidrs = ['192.0.2.0/24'];
  }
  const created = Math.max(1, Math.round(existing.length * (0.02 + rng.next() * 0.03)));
  for (let i = 0; i < created; i++) {
    // A client created this quarter, with credentials of its own age.
    const c = newApiClient(t, rng, { createdDate: daysAgo(t, rng, 0, 90) });
    c.credentials = [];
    addCredential(t, rng, c, 'ACTIVE', 0, Math.max(c.createdDate, daysAgo(t, rng, 0, 60)));
  }
}

function evolveAllowlist(t: Tenant, rng: Rng): void {
  const blocks = [...t.cidrBlocks.values()];
  if (blocks.length > 2 && rng.chance(0.5)) t.cidrBlocks.delete(rng.pick(blocks).cidrBlockId);
  const added = rng.int(0, 2);
  for (let i = 0; i < added; i++) {
    const b = addCidrBlock(t, rng, 1);
    b.createdDate = b.modifiedDate = daysAgo(t, rng, 0, 90);
  }
  const changed = rng.pick([...t.cidrBlocks.values()]);
  if (changed && rng.chance(0.6)) {
    changed.enabled = !changed.enabled;
    changed.modifiedDate = daysAgo(t, rng, 0, 90);
  }
  if (rng.chance(0.05)) t.allowlistEnabled = !t.allowlistEnabled;
}
