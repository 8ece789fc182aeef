/**
 * Seeded generator of a synthetic Akamai account ("tenant") and of the world around the caller:
 * the caller's own account plus 1–3 accounts reachable by account switch key.
 *
 * Shares of risky objects are chosen so that every audit check has something to find in a
 * 250-user tenant, while most objects stay healthy, as in a real account.
 */
import { Rng } from './random.js';
import * as C from './catalog.js';
import type {
  Activity, ClientType, CredentialStatus, SimApiClient, SimCidrBlock, SimClientGroupGrant, SimCredential,
  SimGrant, SimGroup, SimPasswordPolicy, SimProperty, SimRole, SimUser, Tenant, World,
} from './model.js';
import { evolveTenant } from './evolve.js';

export const DAY = 86_400_000;
export const QUARTER_DAYS = 91;

export interface WorldOptions {
  seed: string | number;
  users: number;
  /** Quarters the tenant has lived through since it was generated (0 = freshly generated). */
  period?: number;
  /** The instant the served tenant is "as of" (epoch ms); defaults to the current time. */
  now?: number;
}

export function wholeSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

/** Generates the world as it stands `period` quarters after its seed state, with `now` as its present. */
export function generateWorld(opts: WorldOptions): World {
  const seed = String(opts.seed);
  const period = opts.period ?? 0;
  const now = wholeSecond(opts.now ?? Date.now());
  const start = now - period * QUARTER_DAYS * DAY;
  const rng = new Rng(`iam-sim/${seed}`);
  const worldRng = rng.fork('world');

  const companies = worldRng.sample(C.COMPANY_NAMES, 4);
  const usedAccountIds = new Set<string>();
  const accountId = (): string => {
    let id: string;
    do id = `A-CCT${worldRng.int(1000, 9999)}`; while (usedAccountIds.has(id));
    usedAccountIds.add(id);
    return id;
  };

  const home = generateTenant(rng.fork('tenant/home'), {
    users: opts.users, now: start, accountId: accountId(), accountName: companies[0], isHome: true,
  });
  const switched = new Map<string, Tenant>();
  const extraAccounts = worldRng.int(1, 3);
  const contractPrefix = `1-${worldRng.code(6)}`;
  for (let i = 0; i < extraAccounts; i++) {
    const key = `${contractPrefix}:1-${worldRng.code(5)}`;
    const size = Math.max(12, Math.round(opts.users * (0.15 + worldRng.next() * 0.35)));
    const t = generateTenant(rng.fork(`tenant/${i}`), {
      users: size, now: start, accountId: accountId(), accountName: companies[i + 1], isHome: false,
    });
    t.switchKey = key;
    switched.set(key, t);
  }

  const caller = installCaller(home, rng.fork('caller'), [...switched.keys()]);
  const limitedClientId = installLimitedClient(home, rng.fork('limited'));

  const world: World = { seed, users: opts.users, period: 0, now: start, home, switched, caller, limitedClientId };
  for (let p = 0; p < period; p++) advanceWorld(world);
  return world;
}

/** Moves the whole world one quarter forward: every tenant evolves, the clock moves 91 days. */
export function advanceWorld(world: World): void {
  world.period += 1;
  const rng = new Rng(`iam-sim/${world.seed}/evolve/${world.period}`);
  const pinned = { clients: new Set([world.caller.clientId, world.limitedClientId]), users: new Set([world.caller.uiIdentityId]) };
  evolveTenant(world.home, rng.fork('home'), pinned, [...world.switched.keys()]);
  let i = 0;
  for (const t of world.switched.values()) evolveTenant(t, rng.fork(`t${i++}`), pinned, []);
  world.now = world.home.now;
}

interface TenantOptions {
  users: number;
  now: number;
  accountId: string;
  accountName: string;
  isHome: boolean;
}

export function generateTenant(rng: Rng, o: TenantOptions): Tenant {
  const brand = o.accountName.split(' ')[0].toLowerCase();
  const t: Tenant = {
    accountId: o.accountId,
    accountName: o.accountName,
    emailDomain: `${brand}.example`,
    now: o.now,
    groups: new Map(),
    rootGroupIds: [],
    roles: new Map(),
    grantableRoles: C.GRANTABLE_ROLES.map((g) => ({ grantedRoleId: g.id, grantedRoleName: g.name, grantedRoleDescription: g.description })),
    users: new Map(),
    properties: new Map(),
    apiClients: new Map(),
    allowlistEnabled: false,
    cidrBlocks: new Map(),
    passwordPolicy: passwordPolicy(rng.fork('policy'), o.isHome),
    ids: {
      group: rng.int(10_000, 60_000), role: rng.int(200_000, 700_000), property: rng.int(100_000, 900_000),
      credential: rng.int(1_000_000, 9_000_000), cidr: rng.int(100, 900), user: 0,
    },
  };
  generateGroups(t, rng.fork('groups'), o.users);
  generateRoles(t, rng.fork('roles'), o.users);
  generateProperties(t, rng.fork('properties'), o.users);
  const userRng = rng.fork('users');
  for (let i = 0; i < o.users; i++) {
    newUser(t, userRng, i < Math.max(2, Math.round(o.users * 0.03)) ? 'admin' : undefined);
  }
  const clientRng = rng.fork('clients');
  const clientCount = Math.max(6, Math.round(o.users / 10));
  for (let i = 0; i < clientCount; i++) newApiClient(t, clientRng);
  generateAllowlist(t, rng.fork('allowlist'), o.isHome);
  return t;
}

// ---------------------------------------------------------------------------------------------
// dates

export function daysAgo(t: Tenant, rng: Rng, minDays: number, maxDays: number): number {
  return wholeSecond(t.now - (minDays + rng.next() * (maxDays - minDays)) * DAY);
}

const ADMIN_NAMES = ['szhang', 'hgildong', 'mrossi', 'alfulani', 'jsmith'];
function adminName(_t: Tenant, rng: Rng): string {
  return rng.pick(ADMIN_NAMES);
}

/**
 * Derived lists (all users, non-root groups, role weights) are needed per generated object; building
 * them each time would make a 50k-user tenant quadratic. Cached per tenant, keyed by what they derive from.
 */
const caches = new WeakMap<Tenant, Map<string, { key: number; value: unknown }>>();
function cached<T>(t: Tenant, name: string, key: number, build: () => T): T {
  let m = caches.get(t);
  if (!m) caches.set(t, (m = new Map()));
  const hit = m.get(name);
  if (hit && hit.key === key) return hit.value as T;
  const value = build();
  m.set(name, { key, value });
  return value;
}
export function userList(t: Tenant): SimUser[] {
  return cached(t, 'users', t.users.size * 1e6 + t.ids.user, () => [...t.users.values()]);
}
export function nonRootGroups(t: Tenant): SimGroup[] {
  return cached(t, 'nonRoot', t.groups.size, () => [...t.groups.values()].filter((g) => g.depth > 0));
}
/** Where grants land: mostly on groups with a subtree (business units, regions), as admins grant upstream. */
export function grantGroup(t: Tenant, rng: Rng): SimGroup {
  const parents = cached(t, 'parents', t.groups.size, () => nonRootGroups(t).filter((g) => g.children.length > 0));
  return parents.length && rng.chance(0.6) ? rng.pick(parents) : rng.pick(nonRootGroups(t));
}

// ---------------------------------------------------------------------------------------------
// groups

function generateGroups(t: Tenant, rng: Rng, users: number): void {
  const target = Math.min(5000, 8 + Math.floor(users / 25));
  const levels = rng.int(3, 5);
  const root = addGroup(t, rng, t.accountName, undefined);
  t.rootGroupIds.push(root.groupId);
  const bus = rng.sample(C.BUSINESS_UNITS, Math.min(target - 1, rng.int(3, 8)));
  for (const bu of bus) addGroup(t, rng, `${t.accountName.split(' ')[0]} ${bu}`, root.groupId);
  // One chain down to the deepest level, so the tree really is `levels` deep.
  let parent = t.groups.get(root.children[0])!;
  while (parent.depth < levels - 1 && t.groups.size < target) parent = addChildGroup(t, rng, parent);
  // Then grow where there are fewest children, which gives a bushy tree rather than a long fringe.
  while (t.groups.size < target) {
    const candidates = [...t.groups.values()].filter((g) => g.depth <= levels - 2);
    const p = rng.weighted(candidates.map((g) => [g, (g.depth === 0 ? 0.3 : 1) / (1 + g.children.length)] as const));
    addChildGroup(t, rng, p);
  }
}

export function addChildGroup(t: Tenant, rng: Rng, parent: SimGroup): SimGroup {
  const pool = parent.depth === 0 ? C.BUSINESS_UNITS : parent.depth === 1 ? C.REGIONS : parent.depth === 2 ? C.TEAMS : C.SUBTEAMS;
  const base = `${parent.groupName} - ${rng.pick(pool)}`;
  let name = base;
  for (let n = 2; [...parent.children].some((id) => t.groups.get(id)!.groupName === name); n++) name = `${base} ${n}`;
  return addGroup(t, rng, name, parent.groupId);
}

function addGroup(t: Tenant, rng: Rng, name: string, parentGroupId: number | undefined): SimGroup {
  t.ids.group += rng.int(1, 40);
  const parent = parentGroupId === undefined ? undefined : t.groups.get(parentGroupId)!;
  const created = daysAgo(t, rng, 30, 3000);
  const g: SimGroup = {
    groupId: t.ids.group, groupName: name, parentGroupId, children: [], depth: parent ? parent.depth + 1 : 0,
    createdBy: adminName(t, rng), createdDate: created,
    modifiedBy: adminName(t, rng), modifiedDate: rng.chance(0.5) ? created : Math.min(t.now, created + rng.int(1, 400) * DAY),
  };
  t.groups.set(g.groupId, g);
  parent?.children.push(g.groupId);
  return g;
}

export function descendants(t: Tenant, groupId: number): number[] {
  const out: number[] = [];
  const stack = [...t.groups.get(groupId)!.children];
  while (stack.length) {
    const id = stack.pop()!;
    out.push(id);
    stack.push(...t.groups.get(id)!.children);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// roles and properties

function generateRoles(t: Tenant, rng: Rng, users: number): void {
  const stdCreated = wholeSecond(t.now - 2900 * DAY);
  let stdId = 1;
  for (const r of C.STANDARD_ROLES) {
    addRole(t, { roleId: stdId++ * 3 + 10, roleName: r.name, roleDescription: r.description, type: 'standard',
      createdBy: 'akamai', createdDate: stdCreated, modifiedBy: 'akamai', modifiedDate: stdCreated, grantedRoleIds: r.grantedRoleIds });
  }
  for (const r of C.ACCOUNT_ROLES) {
    addRole(t, { roleId: r.id, roleName: r.name, roleDescription: r.description, type: 'account',
      createdBy: 'akamai', createdDate: stdCreated, modifiedBy: 'akamai', modifiedDate: stdCreated, grantedRoleIds: r.grantedRoleIds });
  }
  const customCount = Math.min(C.CUSTOM_ROLES.length, 5 + Math.floor(users / 100));
  for (const r of C.CUSTOM_ROLES.slice(0, customCount)) addCustomRole(t, rng, r.name, r.description, r.grantedRoleIds);
}

export function addCustomRole(t: Tenant, rng: Rng, name: string, description: string, grantedRoleIds: number[]): SimRole {
  t.ids.role += rng.int(1, 500);
  const created = daysAgo(t, rng, 10, 2000);
  return addRole(t, { roleId: t.ids.role, roleName: name, roleDescription: description, type: 'custom',
    createdBy: adminName(t, rng), createdDate: created, modifiedBy: adminName(t, rng),
    modifiedDate: Math.min(t.now, created + rng.int(0, 300) * DAY), grantedRoleIds });
}

function addRole(t: Tenant, r: SimRole): SimRole {
  t.roles.set(r.roleId, r);
  return r;
}

export function roleIdByName(t: Tenant, name: string): number {
  for (const r of t.roles.values()) if (r.roleName === name) return r.roleId;
  throw new Error(`no role ${name}`);
}

/** Roles a user is given at random, weighted; admin-grade roles are handed out separately. */
export function ordinaryRole(t: Tenant, rng: Rng): number {
  const weights = cached(t, 'roleWeights', t.roles.size, () => {
    const w: [number, number][] = [];
    for (const r of t.roles.values()) {
      if (r.type === 'account') continue;
      const tpl = (r.type === 'standard' ? C.STANDARD_ROLES : C.CUSTOM_ROLES).find((x) => x.name === r.roleName);
      w.push([r.roleId, tpl ? tpl.weight : 2]);
    }
    return w;
  });
  return rng.weighted(weights);
}

function generateProperties(t: Tenant, rng: Rng, users: number): void {
  const count = 10 + Math.floor(users / 5);
  const groups = nonRootGroups(t);
  const brand = t.accountName.split(' ')[0].toLowerCase();
  for (let i = 0; i < count; i++) {
    const g = rng.weighted(groups.map((x) => [x, x.depth] as const));
    t.ids.property += rng.int(1, 90);
    const isInclude = rng.chance(0.2);
    const name = isInclude
      ? `${brand}-include-${rng.pick(C.PROPERTY_WORDS)}-${i}`
      : `${rng.pick(C.PROPERTY_WORDS)}${i}.${brand}.${rng.pick(C.PROPERTY_TLDS)}`;
    const created = daysAgo(t, rng, 5, 2500);
    const modified = Math.min(t.now, created + rng.int(0, 500) * DAY);
    const p: SimProperty = {
      propertyId: t.ids.property, propertyName: name, propertyTypeDescription: isInclude ? 'Include' : 'Property',
      groupId: g.groupId, arlConfigFile: `${name}.xml`, createdBy: adminName(t, rng), createdDate: created,
      modifiedBy: adminName(t, rng), modifiedDate: modified, resources: [],
    };
    const nRes = rng.int(1, 3);
    for (let k = 0; k < nRes; k++) {
      const resourceType = rng.pick(['arlfile', 'cpcode', 'storagegroup', 'fpdomain', 'edns', 'enable']);
      p.resources.push({ resourceId: rng.int(100_000, 999_999), resourceName: `${name}-${resourceType}`, resourceType, modifiedDate: modified });
    }
    t.properties.set(p.propertyId, p);
  }
}

function propertiesUnder(t: Tenant, groupId: number): number[] {
  const groups = new Set([groupId, ...descendants(t, groupId)]);
  const out: number[] = [];
  for (const p of t.properties.values()) if (groups.has(p.groupId)) out.push(p.propertyId);
  return out;
}

// ---------------------------------------------------------------------------------------------
// users

const ACTIVITY_WEIGHTS: [Activity, number][] = [['active', 62], ['occasional', 15], ['dormant', 15], ['never', 8]];

export function newUser(t: Tenant, rng: Rng, kind?: 'admin' | 'joiner'): SimUser {
  const first = rng.pick(C.FIRST_NAMES);
  const last = rng.pick(C.LAST_NAMES);
  const profile = kind === 'admin' ? 'staff' : rng.weighted([['staff', 84], ['contractor', 10], ['external', 3], ['shared', 3]] as const);
  let base = `${first[0]}${last}`.toLowerCase();
  if (profile === 'shared') base = `${rng.pick(['webops', 'noc', 'release', 'agency', 'soc'])}.team`;
  let userName = base;
  for (let n = 2; usernameIndex(t).has(userName); n++) userName = `${base}${n}`;
  let id: string;
  do id = `${rng.int(1, 9)}-${rng.code(6)}`; while (t.users.has(id));
  t.ids.user += 1;

  const domain = profile === 'external' ? rng.pick(C.EXTERNAL_DOMAINS) : profile === 'contractor' && rng.chance(0.5) ? 'contractor-partners.net' : t.emailDomain;
  const activity: Activity = kind === 'admin' ? rng.weighted([['active', 80], ['occasional', 10], ['dormant', 10]] as const)
    : kind === 'joiner' ? rng.weighted([['active', 75], ['occasional', 10], ['never', 15]] as const)
    : rng.weighted(ACTIVITY_WEIGHTS);
  const lastLoginDate = lastLoginFor(t, rng, activity);
  const mfa = rng.weighted([['MFA', 55], ['TFA', 30], ['NONE', kind === 'admin' ? 10 : 15]] as const);
  const configured = mfa !== 'NONE' && rng.chance(activity === 'never' ? 0.3 : 0.92);
  const tfaEnabled = mfa === 'TFA' ? rng.chance(0.85) : rng.chance(0.05);
  const countryIdx = rng.int(0, C.COUNTRIES.length - 1);
  const rotate = t.passwordPolicy.rotateFrequency ?? 90;
  // A login with an expired password forces a new one, so expiry lies within a rotation period
  // after the last login: only users who stopped logging in end up with expired passwords.
  const passwordExpiryDate = lastLoginDate === undefined
    ? wholeSecond(t.now + (rng.next() * 60 - 45) * DAY)
    : wholeSecond(lastLoginDate + rng.int(1, rotate) * DAY);

  const u: SimUser = {
    uiIdentityId: id, uiUserName: userName, firstName: profile === 'shared' ? 'Shared' : first,
    lastName: profile === 'shared' ? 'Mailbox' : last, email: `${userName.replace(/[^a-z0-9.]/g, '')}@${domain}`,
    isLocked: rng.chance(0.03), tfaEnabled, tfaConfigured: tfaEnabled && configured,
    additionalAuthentication: mfa, additionalAuthenticationConfigured: configured,
    lastLoginDate, passwordExpiryDate,
    sessionTimeOut: rng.weighted([[900, 70], [1800, 12], [3600, 8], [7200, 4], [14400, 3], [64800, 3]] as const),
    country: C.COUNTRIES[countryIdx], city: C.CITIES[countryIdx], state: countryIdx === 0 ? rng.pick(C.US_STATES) : undefined,
    address: `${rng.int(1, 250)} ${rng.pick(['Main Street', 'Harbour Road', 'Station Lane', 'Market Square', 'Park Avenue'])}`,
    zipCode: String(rng.int(10000, 99999)), timeZone: C.TIME_ZONES[countryIdx],
    phone: `+1 617 555 ${String(rng.int(0, 9999)).padStart(4, '0')}`,
    mobilePhone: rng.chance(0.6) ? `+1 617 555 ${String(rng.int(0, 9999)).padStart(4, '0')}` : undefined,
    jobTitle: profile === 'contractor' ? 'Contractor' : rng.pick(C.JOB_TITLES), contactType: rng.pick(C.CONTACT_TYPES),
    preferredLanguage: rng.weighted([['English', 80], ['Deutsch', 6], ['Français', 5], ['日本語', 5], ['Português', 4]] as const),
    secondaryEmail: rng.chance(0.1) ? `${userName.replace(/[^a-z0-9.]/g, '')}@${rng.pick(C.EXTERNAL_DOMAINS)}` : undefined,
    emailUpdatePending: rng.chance(0.01),
    notifications: {
      enableEmailNotifications: rng.chance(0.85), newUserNotification: rng.chance(0.5), passwordExpiry: rng.chance(0.8),
      apiClientCredentialExpiryNotification: rng.chance(0.6),
      proactive: rng.sample(C.NOTIFICATION_PRODUCTS, rng.int(0, 2)), upgrade: rng.sample(C.NOTIFICATION_PRODUCTS, rng.int(0, 2)),
    },
    grants: [], blockedProperties: new Map(), activity,
  };
  t.users.set(u.uiIdentityId, u);
  usernameIndex(t).add(userName);
  assignGrants(t, rng, u, kind === 'admin' ? 'admin' : profile === 'contractor' || profile === 'external' ? 'narrow' : 'normal');
  return u;
}

// Username lookups are hot when generating 50k users: keep a per-tenant index beside the map.
const usernames = new WeakMap<Tenant, Set<string>>();
export function usernameIndex(t: Tenant): Set<string> {
  let s = usernames.get(t);
  if (!s) {
    s = new Set([...t.users.values()].map((u) => u.uiUserName));
    usernames.set(t, s);
  }
  return s;
}

export function lastLoginFor(t: Tenant, rng: Rng, activity: Activity): number | undefined {
  switch (activity) {
    case 'active': return daysAgo(t, rng, 0, 30);
    case 'occasional': return daysAgo(t, rng, 30, 120);
    case 'dormant': return daysAgo(t, rng, 120, 900);
    case 'departed': return daysAgo(t, rng, 60, 400);
    case 'never': return undefined;
  }
}

export function assignGrants(t: Tenant, rng: Rng, u: SimUser, kind: 'admin' | 'normal' | 'narrow'): void {
  if (kind === 'admin') {
    u.grants.push({ groupId: t.rootGroupIds[0], roleId: roleIdByName(t, 'Admin'), isBlocked: false, subGroups: [] });
    if (rng.chance(0.5)) u.grants.push({ roleId: 100002, isBlocked: false, subGroups: [] });
    if (rng.chance(0.3)) u.grants.push({ roleId: 100004, isBlocked: false, subGroups: [] });
    return;
  }
  const n = kind === 'narrow' ? 1 : rng.weighted([[1, 70], [2, 20], [3, 10]] as const);
  const used = new Set<number>();
  for (let i = 0; i < n; i++) {
    const g = grantGroup(t, rng);
    if (used.has(g.groupId)) continue;
    used.add(g.groupId);
    u.grants.push(groupGrant(t, rng, g.groupId, ordinaryRole(t, rng), 0));
  }
  if (kind === 'normal' && rng.chance(0.02)) u.grants.push({ roleId: 100006, isBlocked: false, subGroups: [] });
  if (kind === 'normal' && rng.chance(0.01)) u.grants.push({ groupId: t.rootGroupIds[0], roleId: ordinaryRole(t, rng), isBlocked: false, subGroups: [] });
  for (const grant of u.grants) {
    if (grant.groupId === undefined || !rng.chance(0.04)) continue;
    const props = propertiesUnder(t, grant.groupId);
    if (props.length) u.blockedProperties.set(grant.groupId, rng.sample(props, rng.int(1, 3)).sort((a, b) => a - b));
  }
}

/** A grant on a group, sometimes with nested overrides (another role, or blocked) on descendants. */
export function groupGrant(t: Tenant, rng: Rng, groupId: number, roleId: number, depth: number): SimGrant {
  const grant: SimGrant = { groupId, roleId, isBlocked: false, subGroups: [] };
  const children = t.groups.get(groupId)!.children;
  if (children.length && depth < 2 && rng.chance(depth === 0 ? 0.12 : 0.2)) {
    const child = rng.pick(children);
    if (rng.chance(0.3)) grant.subGroups.push({ groupId: child, roleId, isBlocked: true, subGroups: [] });
    else {
      let other = ordinaryRole(t, rng);
      if (other === roleId) other = roleIdByName(t, 'Viewer');
      grant.subGroups.push(groupGrant(t, rng, child, other, depth + 1));
    }
  }
  return grant;
}

// ---------------------------------------------------------------------------------------------
// API clients and credentials

export function newApiClient(t: Tenant, rng: Rng, fixed?: Partial<SimApiClient>): SimApiClient {
  const users = userList(t);
  const owner = rng.pick(users);
  const clientType: ClientType = rng.weighted([['CLIENT', 45], ['USER_CLIENT', 25], ['SERVICE_ACCOUNT', 30]] as const);
  let authorizedUsers = [owner.uiUserName];
  if (rng.chance(0.03)) authorizedUsers = [`${owner.uiUserName}.former`]; // owner no longer exists
  else if (clientType === 'SERVICE_ACCOUNT' && rng.chance(0.3)) authorizedUsers.push(rng.pick(users).uiUserName);
  const purpose = rng.pick(['deploy', 'purge', 'reporting', 'dns-sync', 'siem-export', 'cert-renewal', 'terraform', 'monitoring', 'log-stream', 'backup']);
  let clientId: string;
  do clientId = rng.lowerCode(16); while (t.apiClients.has(clientId));
  const allAccessibleApis = rng.chance(0.08);
  const apiIds = allAccessibleApis ? C.APIS.map((a) => a.apiId) : rng.sample(C.APIS.map((a) => a.apiId), rng.int(1, 6));
  const rwShare = allAccessibleApis ? 0.9 : 0.45;
  const apis = apiIds.map((apiId) => ({ apiId, accessLevel: rng.chance(rwShare) ? 'READ-WRITE' as const : 'READ-ONLY' as const }));
  const created = daysAgo(t, rng, 1, 1500);
  const nonRoot = nonRootGroups(t);
  const cloneAuthorizedUserGroups = rng.chance(0.3);
  const groups: SimClientGroupGrant[] = [];
  if (!cloneAuthorizedUserGroups) {
    const n = rng.weighted([[1, 75], [2, 20], [3, 5]] as const);
    for (let i = 0; i < n; i++) {
      const g = rng.chance(0.06) ? t.groups.get(t.rootGroupIds[0])! : rng.pick(nonRoot);
      if (groups.some((x) => x.groupId === g.groupId)) continue;
      const grant: SimClientGroupGrant = { groupId: g.groupId, roleId: ordinaryRole(t, rng), isBlocked: false, subGroups: [] };
      if (g.children.length && rng.chance(0.1)) grant.subGroups.push({ groupId: rng.pick(g.children), roleId: ordinaryRole(t, rng), isBlocked: rng.chance(0.4), subGroups: [] });
      groups.push(grant);
    }
  }
  const ipAclEnabled = rng.chance(0.45);
  const client: SimApiClient = {
    clientId, clientName: `${purpose}-${rng.lowerCode(4)}`,
    clientDescription: rng.chance(0.85) ? `${purpose} automation owned by ${owner.firstName} ${owner.lastName}` : purpose,
    clientType, authorizedUsers, isLocked: rng.chance(0.04), allowAccountSwitch: rng.chance(0.06),
    canAutoCreateCredential: rng.chance(0.2), notificationEmails: rng.chance(0.85) ? [owner.email] : [],
    createdBy: owner.uiUserName, createdDate: created,
    accessToken: `akab-${rng.lowerCode(16)}-${rng.lowerCode(16)}`, serviceConsumerToken: `akab-${rng.lowerCode(16)}-${rng.lowerCode(16)}`,
    baseURL: `https://akab-${rng.lowerCode(16)}-${rng.lowerCode(16)}.luna.akamaiapis.net`,
    allAccessibleApis, apis, cloneAuthorizedUserGroups, groups,
    ipAclEnabled, ipAclCidrs: ipAclEnabled || rng.chance(0.2) ? randomCidrs(rng, rng.int(1, 4)) : [],
    purge: apiIds.includes(C.API_IDS.ccu) ? {
      canPurgeByCpcode: rng.chance(0.9), canPurgeByCacheTag: rng.chance(0.5), allCurrentAndNewCpcodes: rng.chance(0.5),
      cpcodes: Array.from({ length: rng.int(0, 4) }, () => rng.int(100_000, 999_999)),
    } : undefined,
    credentials: [], switchKeys: [],
    ...fixed,
  };
  t.apiClients.set(client.clientId, client);
  const nCred = rng.weighted([[0, 8], [1, 55], [2, 27], [3, 10]] as const);
  for (let i = 0; i < nCred; i++) {
    const newest = i === nCred - 1;
    const status: CredentialStatus = newest ? rng.weighted([['ACTIVE', 92], ['INACTIVE', 8]] as const)
      : rng.weighted([['ACTIVE', 30], ['INACTIVE', 35], ['DELETED', 35]] as const);
    addCredential(t, rng, client, status, created);
  }
  return client;
}

/** Adds a credential created at a random time after `notBefore`, or exactly at `createdOn`. */
export function addCredential(t: Tenant, rng: Rng, client: SimApiClient, status: CredentialStatus, notBefore: number, createdOn?: number): SimCredential {
  createdOn ??= wholeSecond(Math.max(notBefore, daysAgo(t, rng, 0, 1100)));
  const lifetimeDays = rng.weighted([[730, 80], [365, 12], [180, 8]] as const);
  t.ids.credential += rng.int(1, 5000);
  const cred: SimCredential = {
    credentialId: t.ids.credential, clientToken: `akab-${rng.lowerCode(16)}-${rng.lowerCode(16)}`, status, createdOn,
    expiresOn: createdOn + lifetimeDays * DAY, maxAllowedExpiry: createdOn + 730 * DAY,
    description: rng.chance(0.6) ? rng.pick(['CI pipeline', 'Terraform', 'laptop', 'jenkins', 'rotation 2025', '']) : '',
  };
  client.credentials.push(cred);
  return cred;
}

export function randomCidrs(rng: Rng, n: number): string[] {
  return Array.from({ length: n }, () => rng.chance(0.2)
    ? `2001:db8:${rng.int(0, 0xffff).toString(16)}::/${rng.pick([48, 56, 64])}`
    : `${rng.int(11, 223)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.pick([0, 64, 128])}/${rng.pick([24, 25, 26, 28, 32])}`);
}

// ---------------------------------------------------------------------------------------------
// allowlist and policies

function generateAllowlist(t: Tenant, rng: Rng, isHome: boolean): void {
  t.allowlistEnabled = isHome ? true : rng.chance(0.6);
  const n = rng.int(3, 10);
  for (let i = 0; i < n; i++) addCidrBlock(t, rng, i);
  if (isHome || rng.chance(0.5)) addCidrBlock(t, rng, -1, rng.pick(['10.0.0.0/8', '100.64.0.0/10', '172.16.0.0/12']), 'tmp');
  if (!isHome && rng.chance(0.4)) addCidrBlock(t, rng, -1, '0.0.0.0/0', 'temporary - remove after migration');
}

// The list schema requires a non-empty comment, so careless admins write placeholders instead.
const OFFICE_COMMENTS = ['Cambridge office', 'Berlin office', 'VPN egress', 'Jenkins NAT', 'London office', 'Bangalore office', 'Remote access gateway', 'Agency VPN', '-', 'n/a', 'TBD'];

export function addCidrBlock(t: Tenant, rng: Rng, i: number, cidr?: string, comment?: string): SimCidrBlock {
  t.ids.cidr += rng.int(1, 30);
  const created = daysAgo(t, rng, 0, 1500);
  const block: SimCidrBlock = {
    cidrBlockId: t.ids.cidr,
    cidrBlock: cidr ?? (rng.chance(0.15) ? `2001:db8:${rng.int(0, 0xffff).toString(16)}::/${rng.pick([32, 48, 56])}`
      : `${rng.int(11, 223)}.${rng.int(0, 255)}.${rng.int(0, 255)}.0/${rng.pick([24, 24, 26, 28, 32, 16])}`),
    enabled: rng.chance(0.9), comments: comment ?? (i === 0 ? 'Headquarters' : rng.pick(OFFICE_COMMENTS)),
    createdBy: adminName(t, rng), createdDate: created, modifiedBy: adminName(t, rng),
    modifiedDate: Math.min(t.now, created + rng.int(0, 200) * DAY),
  };
  t.cidrBlocks.set(block.cidrBlockId, block);
  return block;
}

function passwordPolicy(rng: Rng, isHome: boolean): SimPasswordPolicy {
  if (isHome || rng.chance(0.5)) {
    return { pwclass: 'aka90', minLength: 8, minLetters: 1, minDigits: 1, caseDif: 0, minNonAlpha: 0, maxRepeating: 2, minReuse: 4, rotateFrequency: 90 };
  }
  return { pwclass: 'aka_strict', minLength: 14, minLetters: 1, minDigits: 1, caseDif: 1, minNonAlpha: 1, maxRepeating: 2, minReuse: 10, rotateFrequency: 90 };
}

// ---------------------------------------------------------------------------------------------
// the caller's own clients

/** The API client whose .edgerc credential the simulator accepts: an auditor's read client. */
function installCaller(t: Tenant, rng: Rng, switchKeys: string[]): { clientId: string; uiIdentityId: string } {
  const adminRole = roleIdByName(t, 'Admin');
  const owner = [...t.users.values()].find((u) => u.grants.some((g) => g.roleId === adminRole))!;
  owner.isLocked = false;
  owner.activity = 'active';
  owner.lastLoginDate = daysAgo(t, rng, 0, 3);
  const client = newApiClient(t, rng, {
    clientName: 'iam-audit', clientDescription: 'Quarterly IAM access review (read only)', clientType: 'CLIENT',
    authorizedUsers: [owner.uiUserName], isLocked: false, allowAccountSwitch: switchKeys.length > 0,
    notificationEmails: [owner.email], createdBy: owner.uiUserName, allAccessibleApis: false,
    apis: [{ apiId: C.API_IDS.userAdmin, accessLevel: 'READ-WRITE' }, { apiId: C.API_IDS.clientAdmin, accessLevel: 'READ-ONLY' }],
    cloneAuthorizedUserGroups: true, groups: [], ipAclEnabled: false, ipAclCidrs: [], purge: undefined, switchKeys,
  });
  client.credentials = [];
  addCredential(t, rng, client, 'INACTIVE', client.createdDate);
  const active = addCredential(t, rng, client, 'ACTIVE', client.createdDate, daysAgo(t, rng, 5, 20));
  active.expiresOn = active.maxAllowedExpiry;
  active.description = 'iam-audit .edgerc';
  return { clientId: client.clientId, uiIdentityId: owner.uiIdentityId };
}

/** A purge-only client: its credential reaches the API but not IAM, so every IAM read is a 403. */
function installLimitedClient(t: Tenant, rng: Rng): string {
  const client = newApiClient(t, rng, {
    clientName: 'ccu-purge-bot', clientDescription: 'Purges only', clientType: 'SERVICE_ACCOUNT', isLocked: false,
    allAccessibleApis: false, apis: [{ apiId: C.API_IDS.ccu, accessLevel: 'READ-WRITE' }], allowAccountSwitch: false,
    purge: { canPurgeByCpcode: true, canPurgeByCacheTag: true, allCurrentAndNewCpcodes: true, cpcodes: [] },
  });
  client.credentials = [];
  addCredential(t, rng, client, 'ACTIVE', client.createdDate, daysAgo(t, rng, 1, 30));
  return client.clientId;
}

export function activeCredentialCount(c: SimApiClient): number {
  return c.credentials.filter((x) => x.status === 'ACTIVE').length;
}
