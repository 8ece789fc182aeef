/**
 * Every read endpoint of IAM v3 (REFERENCE §5) as a declarative table: path pattern, the API
 * service a caller needs, its query parameters with types, and a handler over the tenant model.
 */
import * as C from './catalog.js';
import type { SimApiClient, SimGrant, SimUser, Tenant, World } from './model.js';
import {
  type Flags, isoMs, renderClient, renderClientListItem, renderCredential, renderGrant, renderGroup, renderProperty,
  renderPropertyListItem, renderRole, renderRoleListItem, renderUser, renderUserBrief, renderUserListItem, roleHolders,
} from './render.js';
import { roleIdByName } from './tenant.js';

export type ParamType = 'bool' | 'int' | 'string';

export interface RouteContext {
  world: World;
  /** The account the request is about (switched by accountSwitchKey). */
  tenant: Tenant;
  caller: SimApiClient;
  params: Record<string, string>;
  query: Record<string, string | number | boolean | undefined>;
  flags: Flags;
}

export type RouteResult = { status: 200; body: unknown } | { status: 204 } | { status: 400 | 404; title: string; detail: string };

export interface Route {
  pattern: RegExp;
  /** Names of the capture groups of `pattern`, in order. */
  names: string[];
  service: 'userAdmin' | 'clientAdmin';
  query: Record<string, { type: ParamType; required?: boolean }>;
  handle: (ctx: RouteContext) => RouteResult;
}

const ok = (body: unknown): RouteResult => ({ status: 200, body });
const notFound = (what: string): RouteResult => ({ status: 404, title: 'Not Found', detail: `${what} does not exist in this account.` });
const badRequest = (detail: string): RouteResult => ({ status: 400, title: 'Bad Request', detail });

const FLAG = { type: 'bool' } as const;
const routes: Route[] = [];
function route(path: string, service: Route['service'], query: Route['query'], handle: Route['handle']): void {
  const names: string[] = [];
  const pattern = new RegExp('^' + path.replace(/\{(\w+)\}/g, (_, n: string) => {
    names.push(n);
    return n.endsWith('Id') && n !== 'uiIdentityId' && n !== 'clientId' ? '(\\d+)' : '([^/]+)';
  }) + '$');
  routes.push({ pattern, names, service, query, handle });
}

export function matchRoute(path: string): { route: Route; params: Record<string, string> } | undefined {
  for (const r of routes) {
    const m = r.pattern.exec(path);
    if (!m) continue;
    const params: Record<string, string> = {};
    r.names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1])));
    return { route: r, params };
  }
  return undefined;
}

// ----------------------------------------------------------------------------------- helpers

function grantTouches(g: SimGrant, groupId: number): boolean {
  return g.groupId === groupId || g.subGroups.some((s) => grantTouches(s, groupId));
}

function ancestors(t: Tenant, groupId: number): number[] {
  const out: number[] = [];
  for (let g = t.groups.get(groupId); g?.parentGroupId !== undefined; g = t.groups.get(g.parentGroupId)) out.push(g.parentGroupId);
  return out;
}

function userByName(t: Tenant, username: string): SimUser | undefined {
  for (const u of t.users.values()) if (u.uiUserName === username) return u;
  return undefined;
}

function searchKeys(world: World, keys: string[], search: string | undefined): RouteResult {
  if (search !== undefined && search.length < 3) return badRequest('search must be at least 3 characters.');
  const rows = keys.map((k) => ({ accountName: world.switched.get(k)?.accountName ?? 'Unknown', accountSwitchKey: k }))
    .filter((r) => !search || `${r.accountName} ${r.accountSwitchKey}`.toLowerCase().includes(search.toLowerCase()));
  return ok(rows);
}

function clientOrSelf(ctx: RouteContext): SimApiClient | undefined {
  return ctx.params.clientId === undefined ? ctx.caller : ctx.tenant.apiClients.get(ctx.params.clientId);
}

function credentialList(ctx: RouteContext): RouteResult {
  const c = clientOrSelf(ctx);
  if (!c) return notFound(`API client ${ctx.params.clientId}`);
  return ok(c.credentials.map((x) => renderCredential(x, ctx.flags)));
}

function credentialOne(ctx: RouteContext): RouteResult {
  const c = clientOrSelf(ctx);
  if (!c) return notFound(`API client ${ctx.params.clientId}`);
  const cred = c.credentials.find((x) => x.credentialId === Number(ctx.params.credentialId));
  return cred ? ok(renderCredential(cred, ctx.flags)) : notFound(`Credential ${ctx.params.credentialId}`);
}

// ----------------------------------------------------------------------------------- users

route('/user-admin/ui-identities', 'userAdmin', { groupId: { type: 'int' }, authGrants: FLAG, actions: FLAG }, (ctx) => {
  const groupId = ctx.query.groupId as number | undefined;
  if (groupId !== undefined && !ctx.tenant.groups.has(groupId)) return notFound(`Group ${groupId}`);
  const out: unknown[] = [];
  for (const u of ctx.tenant.users.values()) {
    if (groupId !== undefined && !u.grants.some((g) => grantTouches(g, groupId))) continue;
    out.push(renderUserListItem(ctx.tenant, u, ctx.flags));
  }
  return ok(out);
});

route('/user-admin/ui-identities/{uiIdentityId}', 'userAdmin', { authGrants: FLAG, notifications: FLAG, actions: FLAG }, (ctx) => {
  const u = ctx.tenant.users.get(ctx.params.uiIdentityId);
  return u ? ok(renderUser(ctx.tenant, u, ctx.flags)) : notFound(`User ${ctx.params.uiIdentityId}`);
});

route('/user-admin/ui-identities/{uiIdentityId}/groups/{groupId}/blocked-properties', 'userAdmin', {}, (ctx) => {
  const u = ctx.tenant.users.get(ctx.params.uiIdentityId);
  if (!u) return notFound(`User ${ctx.params.uiIdentityId}`);
  const groupId = Number(ctx.params.groupId);
  if (!ctx.tenant.groups.has(groupId)) return notFound(`Group ${groupId}`);
  return ok(u.blockedProperties.get(groupId) ?? []);
});

route('/user-profile', 'userAdmin', { authGrants: FLAG, notifications: FLAG, actions: FLAG }, (ctx) => {
  const u = ctx.world.home.users.get(ctx.world.caller.uiIdentityId)!;
  return ok(renderUser(ctx.world.home, u, ctx.flags));
});

// ----------------------------------------------------------------------------------- groups

route('/user-admin/groups', 'userAdmin', { actions: FLAG }, (ctx) =>
  ok(ctx.tenant.rootGroupIds.map((id) => renderGroup(ctx.tenant, ctx.tenant.groups.get(id)!, ctx.flags))));

route('/user-admin/groups/{groupId}', 'userAdmin', { actions: FLAG }, (ctx) => {
  const g = ctx.tenant.groups.get(Number(ctx.params.groupId));
  return g ? ok(renderGroup(ctx.tenant, g, ctx.flags)) : notFound(`Group ${ctx.params.groupId}`);
});

route('/user-admin/groups/move/{sourceGroupId}/{destinationGroupId}/affected-users', 'userAdmin', { userType: { type: 'string' } }, (ctx) => {
  const t = ctx.tenant;
  const src = Number(ctx.params.sourceGroupId);
  const dst = Number(ctx.params.destinationGroupId);
  if (!t.groups.has(src)) return notFound(`Group ${src}`);
  if (!t.groups.has(dst)) return notFound(`Group ${dst}`);
  const userType = ctx.query.userType ?? 'lostAccess';
  if (userType !== 'lostAccess' && userType !== 'gainAccess') return badRequest('userType must be lostAccess or gainAccess.');
  const before = new Set(ancestors(t, src));
  const after = new Set([dst, ...ancestors(t, dst)]);
  const affecting = new Set(userType === 'lostAccess' ? [...before].filter((g) => !after.has(g)) : [...after].filter((g) => !before.has(g)));
  const out: unknown[] = [];
  for (const u of t.users.values()) {
    if (u.grants.some((g) => g.groupId !== undefined && !g.isBlocked && affecting.has(g.groupId))) out.push(renderUserBrief(t, u));
  }
  return ok(out);
});

// ----------------------------------------------------------------------------------- roles

route('/user-admin/roles', 'userAdmin', { actions: FLAG, groupId: { type: 'int' }, users: FLAG, ignoreContext: FLAG }, (ctx) => {
  const t = ctx.tenant;
  const holders = roleHolders(t);
  const groupId = ctx.query.groupId as number | undefined;
  if (groupId !== undefined && !t.groups.has(groupId)) return notFound(`Group ${groupId}`);
  let roles = [...t.roles.values()];
  if (groupId !== undefined) {
    const onGroup = new Set<number>();
    for (const u of t.users.values()) for (const g of u.grants) if (g.groupId === groupId) onGroup.add(g.roleId);
    roles = roles.filter((r) => onGroup.has(r.roleId));
  }
  return ok(roles.map((r) => renderRoleListItem(t, r, ctx.flags, holders)));
});

route('/user-admin/roles/grantable-roles', 'userAdmin', {}, (ctx) => ok(ctx.tenant.grantableRoles));

route('/user-admin/roles/{roleId}', 'userAdmin', { actions: FLAG, grantedRoles: FLAG, users: FLAG }, (ctx) => {
  const r = ctx.tenant.roles.get(Number(ctx.params.roleId));
  if (!r) return notFound(`Role ${ctx.params.roleId}`);
  return ok(renderRole(ctx.tenant, r, ctx.flags, ctx.flags.users ? roleHolders(ctx.tenant) : undefined));
});

// ----------------------------------------------------------------------------------- properties

route('/user-admin/properties', 'userAdmin', { groupId: { type: 'int' } }, (ctx) => {
  const groupId = ctx.query.groupId as number | undefined;
  const out: unknown[] = [];
  for (const p of ctx.tenant.properties.values()) if (groupId === undefined || p.groupId === groupId) out.push(renderPropertyListItem(ctx.tenant, p, ctx.flags));
  return ok(out);
});

function propertyInGroup(ctx: RouteContext) {
  const p = ctx.tenant.properties.get(Number(ctx.params.assetId));
  if (!p || p.groupId !== ctx.query.groupId) return undefined;
  return p;
}

route('/user-admin/properties/{assetId}', 'userAdmin', { groupId: { type: 'int', required: true } }, (ctx) => {
  const p = propertyInGroup(ctx);
  return p ? ok(renderProperty(ctx.tenant, p)) : notFound(`Property ${ctx.params.assetId} in group ${ctx.query.groupId}`);
});

route('/user-admin/properties/{assetId}/resources', 'userAdmin', { groupId: { type: 'int', required: true } }, (ctx) => {
  const p = propertyInGroup(ctx);
  if (!p) return notFound(`Property ${ctx.params.assetId} in group ${ctx.query.groupId}`);
  return ok(p.resources.map((r) => ({ resourceId: r.resourceId, resourceName: r.resourceName, resourceType: r.resourceType, modifiedDate: isoMs(r.modifiedDate) })));
});

route('/user-admin/properties/{assetId}/users', 'userAdmin', { userType: { type: 'string' } }, (ctx) => {
  const t = ctx.tenant;
  const p = t.properties.get(Number(ctx.params.assetId));
  if (!p) return notFound(`Property ${ctx.params.assetId}`);
  const path = new Set([p.groupId, ...ancestors(t, p.groupId)]);
  const out: unknown[] = [];
  for (const u of t.users.values()) {
    const grant = u.grants.find((g) => g.groupId !== undefined && !g.isBlocked && path.has(g.groupId));
    if (!grant) continue;
    const blocked = (u.blockedProperties.get(grant.groupId!) ?? []).includes(p.propertyId);
    out.push({ uiIdentityId: u.uiIdentityId, uiUserName: u.uiUserName, firstName: u.firstName, lastName: u.lastName, isBlocked: blocked });
  }
  return ok(out);
});

// ----------------------------------------------------------------------------------- allowlist and policies

route('/user-admin/ip-acl/allowlist/status', 'userAdmin', {}, (ctx) => ok({ enabled: ctx.tenant.allowlistEnabled }));

function renderCidr(ctx: RouteContext, id: number) {
  const b = ctx.tenant.cidrBlocks.get(id)!;
  const out: Record<string, unknown> = { cidrBlockId: b.cidrBlockId, enabled: b.enabled, comments: b.comments };
  Object.assign(out, { cidrBlock: b.cidrBlock, createdDate: isoMs(b.createdDate), createdBy: b.createdBy, modifiedDate: isoMs(b.modifiedDate), modifiedBy: b.modifiedBy });
  if (ctx.flags.actions) out.actions = { delete: !(ctx.tenant.allowlistEnabled && ctx.tenant.cidrBlocks.size === 1), edit: true };
  return out;
}

route('/user-admin/ip-acl/allowlist', 'userAdmin', { actions: FLAG }, (ctx) => ok([...ctx.tenant.cidrBlocks.keys()].map((id) => renderCidr(ctx, id))));

route('/user-admin/ip-acl/allowlist/validate', 'userAdmin', { cidrblock: { type: 'string', required: true } }, (ctx) => {
  const cidr = String(ctx.query.cidrblock);
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(\/(\d{1,2}))?$/.exec(cidr);
  const v4ok = v4 && v4.slice(1, 5).every((o) => Number(o) <= 255) && (v4[6] === undefined || Number(v4[6]) <= 32);
  const v6ok = /^[0-9a-fA-F:]+(\/\d{1,3})?$/.test(cidr) && cidr.includes(':');
  return v4ok || v6ok ? { status: 204 } : badRequest(`${cidr} is not a valid IP address or CIDR block.`);
});

route('/user-admin/ip-acl/allowlist/{cidrBlockId}', 'userAdmin', { actions: FLAG }, (ctx) => {
  const id = Number(ctx.params.cidrBlockId);
  return ctx.tenant.cidrBlocks.has(id) ? ok(renderCidr(ctx, id)) : notFound(`CIDR block ${id}`);
});

for (const base of ['/user-admin/common', '/user-profile/common']) {
  route(`${base}/password-policy`, 'userAdmin', {}, (ctx) => ok(ctx.tenant.passwordPolicy));
  route(`${base}/timeout-policies`, 'userAdmin', {}, () => ok(C.TIMEOUT_POLICIES));
  route(`${base}/contact-types`, 'userAdmin', {}, () => ok(C.CONTACT_TYPES));
  route(`${base}/countries`, 'userAdmin', {}, () => ok(C.COUNTRIES));
  route(`${base}/countries/{country}/states`, 'userAdmin', {}, (ctx) => {
    if (!C.COUNTRIES.includes(ctx.params.country)) return notFound(`Country ${ctx.params.country}`);
    return ok(ctx.params.country === 'USA' ? C.US_STATES : []);
  });
  route(`${base}/notification-products`, 'userAdmin', {}, () => ok(C.NOTIFICATION_PRODUCTS));
  route(`${base}/supported-languages`, 'userAdmin', {}, () => ok(C.LANGUAGES));
  route(`${base}/timezones`, 'userAdmin', {}, () => ok(C.TIME_ZONES.map((tz) => ({ timezone: tz, description: tz.replace('_', ' ') }))));
}

// ----------------------------------------------------------------------------------- API clients

const CLIENT_FLAGS = { actions: FLAG, groupAccess: FLAG, apiAccess: FLAG, credentials: FLAG, ipAcl: FLAG };

route('/api-clients', 'clientAdmin', { actions: FLAG }, (ctx) => ok([...ctx.tenant.apiClients.values()].map(renderClientListItem)));
route('/api-clients/self', 'clientAdmin', CLIENT_FLAGS, (ctx) => ok(renderClient(ctx.world.home, ctx.caller, ctx.flags)));
route('/api-clients/self/account-switch-keys', 'clientAdmin', { search: { type: 'string' } }, (ctx) =>
  searchKeys(ctx.world, ctx.caller.switchKeys, ctx.query.search as string | undefined));
route('/api-clients/self/credentials', 'clientAdmin', { actions: FLAG }, credentialList);
route('/api-clients/self/credentials/{credentialId}', 'clientAdmin', { actions: FLAG }, credentialOne);
route('/api-clients/{clientId}', 'clientAdmin', CLIENT_FLAGS, (ctx) => {
  const c = clientOrSelf(ctx);
  return c ? ok(renderClient(ctx.tenant, c, ctx.flags)) : notFound(`API client ${ctx.params.clientId}`);
});
route('/api-clients/{clientId}/account-switch-keys', 'clientAdmin', { search: { type: 'string' } }, (ctx) => {
  const c = clientOrSelf(ctx);
  return c ? searchKeys(ctx.world, c.switchKeys, ctx.query.search as string | undefined) : notFound(`API client ${ctx.params.clientId}`);
});
route('/api-clients/{clientId}/credentials', 'clientAdmin', { actions: FLAG }, credentialList);
route('/api-clients/{clientId}/credentials/{credentialId}', 'clientAdmin', { actions: FLAG }, credentialOne);

route('/users', 'clientAdmin', {}, (ctx) => {
  const out: unknown[] = [];
  for (const u of ctx.tenant.users.values()) {
    if (!u.isLocked) out.push({ uiIdentityId: u.uiIdentityId, username: u.uiUserName, firstName: u.firstName, lastName: u.lastName, email: u.email });
  }
  return ok(out);
});

route('/users/{username}/allowed-apis', 'clientAdmin', { clientType: { type: 'string' }, allowAccountSwitch: FLAG }, (ctx) => {
  const u = userByName(ctx.tenant, ctx.params.username);
  if (!u) return notFound(`User ${ctx.params.username}`);
  const clientType = ctx.query.clientType ?? 'CLIENT';
  if (!['CLIENT', 'USER_CLIENT', 'SERVICE_ACCOUNT'].includes(String(clientType))) return badRequest('clientType must be CLIENT, USER_CLIENT or SERVICE_ACCOUNT.');
  const admin = u.grants.some((g) => g.roleId === roleIdByName(ctx.tenant, 'Admin'));
  return ok(C.APIS.map((a) => ({
    apiId: a.apiId, apiName: a.apiName, description: a.description, endPoint: a.endPoint,
    documentationUrl: `https://techdocs.akamai.com${a.endPoint}`, serviceProviderId: 1,
    hasAccess: admin || (a.apiId + u.uiUserName.length) % 3 !== 0, accessLevels: admin ? ['READ-ONLY', 'READ-WRITE'] : ['READ-ONLY'],
  })));
});

route('/users/{username}/group-access', 'clientAdmin', {}, (ctx) => {
  const u = userByName(ctx.tenant, ctx.params.username);
  if (!u) return notFound(`User ${ctx.params.username}`);
  return ok(u.grants.filter((g) => g.groupId !== undefined).map((g) => renderGrant(ctx.tenant, g)));
});
