/**
 * The model as Akamai's IAM v3 responses: exact field names, optional members only when their
 * query flag is true, and the timestamp styles the real API mixes (`…:25.000Z` and `…:57Z`).
 */
import * as C from './catalog.js';
import type { SimApiClient, SimClientGroupGrant, SimCredential, SimGrant, SimGroup, SimProperty, SimRole, SimUser, Tenant } from './model.js';
import { activeCredentialCount } from './tenant.js';

type Json = Record<string, unknown>;

/** Management timestamps carry milliseconds... */
export const isoMs = (ms: number) => new Date(ms).toISOString();
/** ...login and expiry timestamps do not, as in Akamai's own examples. */
export const isoS = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

export interface Flags {
  actions?: boolean;
  authGrants?: boolean;
  notifications?: boolean;
  users?: boolean;
  grantedRoles?: boolean;
  groupAccess?: boolean;
  apiAccess?: boolean;
  credentials?: boolean;
  ipAcl?: boolean;
}

// ----------------------------------------------------------------------------------- users

export function renderGrant(t: Tenant, g: SimGrant): Json {
  const role = t.roles.get(g.roleId);
  if (g.groupId === undefined) {
    return { roleId: g.roleId, roleName: role?.roleName ?? 'Unknown role', roleDescription: role?.roleDescription ?? '' };
  }
  return {
    groupId: g.groupId, roleId: g.roleId, groupName: t.groups.get(g.groupId)?.groupName ?? '',
    roleName: role?.roleName ?? 'Unknown role', roleDescription: role?.roleDescription ?? '', isBlocked: g.isBlocked,
    subGroups: g.subGroups.map((s) => renderGrant(t, s)),
  };
}

export function renderUserListItem(t: Tenant, u: SimUser, f: Flags): Json {
  const out: Json = {
    uiIdentityId: u.uiIdentityId, firstName: u.firstName, lastName: u.lastName, uiUserName: u.uiUserName, email: u.email,
    accountId: t.accountId, isLocked: u.isLocked, tfaEnabled: u.tfaEnabled, tfaConfigured: u.tfaConfigured,
    additionalAuthentication: u.additionalAuthentication, additionalAuthenticationConfigured: u.additionalAuthenticationConfigured,
  };
  if (u.lastLoginDate !== undefined) out.lastLoginDate = isoS(u.lastLoginDate);
  if (f.authGrants) out.authGrants = u.grants.map((g) => renderGrant(t, g));
  if (f.actions) {
    out.actions = { delete: true, apiClient: !u.isLocked, edit: true, editProfile: true, isCloneable: true, resetPassword: true,
      thirdPartyAccess: false, canEditTFA: true, canEditMFA: true, canEditNone: true };
  }
  return out;
}

export function renderUser(t: Tenant, u: SimUser, f: Flags): Json {
  const out: Json = {
    uiIdentityId: u.uiIdentityId, firstName: u.firstName, lastName: u.lastName, uiUserName: u.uiUserName, email: u.email,
    accountId: t.accountId, phone: u.phone, timeZone: u.timeZone, jobTitle: u.jobTitle, preferredLanguage: u.preferredLanguage,
    sessionTimeOut: u.sessionTimeOut, country: u.country, address: u.address, city: u.city, zipCode: u.zipCode,
    contactType: u.contactType, isLocked: u.isLocked, tfaEnabled: u.tfaEnabled, tfaConfigured: u.tfaConfigured,
    additionalAuthentication: u.additionalAuthentication, additionalAuthenticationConfigured: u.additionalAuthenticationConfigured,
    emailUpdatePending: u.emailUpdatePending,
  };
  if (u.state !== undefined) out.state = u.state;
  if (u.mobilePhone !== undefined) out.mobilePhone = u.mobilePhone;
  if (u.secondaryEmail !== undefined) out.secondaryEmail = u.secondaryEmail;
  if (u.lastLoginDate !== undefined) out.lastLoginDate = isoS(u.lastLoginDate);
  if (u.passwordExpiryDate !== undefined) out.passwordExpiryDate = isoS(u.passwordExpiryDate);
  if (f.authGrants) out.authGrants = u.grants.map((g) => renderGrant(t, g));
  if (f.notifications) {
    const n = u.notifications;
    out.notifications = {
      enableEmailNotifications: n.enableEmailNotifications,
      options: { newUserNotification: n.newUserNotification, passwordExpiry: n.passwordExpiry,
        apiClientCredentialExpiryNotification: n.apiClientCredentialExpiryNotification, proactive: n.proactive, upgrade: n.upgrade },
    };
  }
  if (f.actions) out.actions = { delete: true, apiClient: !u.isLocked, edit: true, isCloneable: true, resetPassword: true, thirdPartyAccess: false };
  return out;
}

/** `{uiIdentityId, firstName, lastName, uiUserName, email, accountId, lastLoginDate?}` (G3). */
export function renderUserBrief(t: Tenant, u: SimUser): Json {
  const out: Json = { uiIdentityId: u.uiIdentityId, firstName: u.firstName, lastName: u.lastName, uiUserName: u.uiUserName, email: u.email, accountId: t.accountId };
  if (u.lastLoginDate !== undefined) out.lastLoginDate = isoS(u.lastLoginDate);
  return out;
}

// ----------------------------------------------------------------------------------- groups

export function renderGroup(t: Tenant, g: SimGroup, f: Flags): Json {
  const out: Json = { groupId: g.groupId, groupName: g.groupName };
  if (g.parentGroupId !== undefined) out.parentGroupId = g.parentGroupId;
  Object.assign(out, { createdDate: isoMs(g.createdDate), createdBy: g.createdBy, modifiedDate: isoMs(g.modifiedDate), modifiedBy: g.modifiedBy });
  if (f.actions) out.actions = { edit: true, delete: g.children.length === 0 && g.parentGroupId !== undefined };
  out.subGroups = g.children.map((id) => renderGroup(t, t.groups.get(id)!, f));
  return out;
}

// ----------------------------------------------------------------------------------- roles

/** Every (role → users) holding, including roles given through nested subGroups overrides. */
export function roleHolders(t: Tenant): Map<number, SimUser[]> {
  const holders = new Map<number, SimUser[]>();
  const visit = (u: SimUser, g: SimGrant, seen: Set<number>) => {
    if (!g.isBlocked && !seen.has(g.roleId)) {
      seen.add(g.roleId);
      let list = holders.get(g.roleId);
      if (!list) holders.set(g.roleId, (list = []));
      list.push(u);
    }
    for (const s of g.subGroups) visit(u, s, seen);
  };
  for (const u of t.users.values()) {
    const seen = new Set<number>();
    for (const g of u.grants) visit(u, g, seen);
  }
  return holders;
}

/**
 * A role holder. R1's schema requires lastLoginDate although a user who never logged in has none:
 * the simulator omits it there as everywhere else (a documented deviation in the conformance test).
 */
function roleUser(t: Tenant, u: SimUser): Json {
  const out: Json = { uiIdentityId: u.uiIdentityId, firstName: u.firstName, lastName: u.lastName, accountId: t.accountId, email: u.email };
  if (u.lastLoginDate !== undefined) out.lastLoginDate = isoMs(u.lastLoginDate);
  return out;
}

export function renderRoleListItem(t: Tenant, r: SimRole, f: Flags, holders?: Map<number, SimUser[]>): Json {
  const out: Json = { roleId: r.roleId, roleName: r.roleName, roleDescription: r.roleDescription, type: r.type,
    createdBy: r.createdBy, createdDate: isoMs(r.createdDate), modifiedBy: r.modifiedBy, modifiedDate: isoMs(r.modifiedDate) };
  const list = holders?.get(r.roleId) ?? [];
  out.numUsers = list.length;
  if (f.users) out.users = list.map((u) => roleUser(t, u));
  if (f.actions) out.actions = { edit: r.type === 'custom', delete: r.type === 'custom' && list.length === 0 };
  return out;
}

export function renderRole(t: Tenant, r: SimRole, f: Flags, holders?: Map<number, SimUser[]>): Json {
  const out: Json = { roleId: r.roleId, roleName: r.roleName, roleDescription: r.roleDescription, type: r.type,
    createdBy: r.createdBy, createdDate: isoMs(r.createdDate), modifiedBy: r.modifiedBy, modifiedDate: isoMs(r.modifiedDate) };
  if (f.grantedRoles) {
    out.grantedRoles = r.grantedRoleIds.map((id) => {
      const g = t.grantableRoles.find((x) => x.grantedRoleId === id);
      return { grantedRoleId: id, grantedRoleName: g?.grantedRoleName ?? `Role ${id}`, grantedRoleDescription: g?.grantedRoleDescription ?? '' };
    });
  }
  if (f.users) out.users = (holders?.get(r.roleId) ?? []).map((u) => roleUser(t, u));
  if (f.actions) out.actions = { edit: r.type === 'custom', delete: r.type === 'custom' };
  return out;
}

// ----------------------------------------------------------------------------------- properties

export function renderPropertyListItem(t: Tenant, p: SimProperty, f: Flags): Json {
  const out: Json = { propertyId: p.propertyId, propertyName: p.propertyName, propertyTypeDescription: p.propertyTypeDescription,
    groupId: p.groupId, groupName: t.groups.get(p.groupId)?.groupName ?? '' };
  if (f.actions) out.actions = { move: true };
  return out;
}

export function renderProperty(t: Tenant, p: SimProperty): Json {
  return { propertyId: p.propertyId, propertyName: p.propertyName, groupId: p.groupId, groupName: t.groups.get(p.groupId)?.groupName ?? '',
    arlConfigFile: p.arlConfigFile, createdBy: p.createdBy, createdDate: isoMs(p.createdDate), modifiedBy: p.modifiedBy, modifiedDate: isoMs(p.modifiedDate) };
}

// ----------------------------------------------------------------------------------- API clients

const CLIENT_LIST_ACTIONS = (c: SimApiClient) => ({ delete: true, deactivateAll: c.credentials.some((x) => x.status === 'ACTIVE'),
  edit: true, lock: !c.isLocked, transfer: true, unlock: c.isLocked });

export function renderClientListItem(c: SimApiClient): Json {
  const out: Json = {
    accessToken: c.accessToken, activeCredentialCount: activeCredentialCount(c), allowAccountSwitch: c.allowAccountSwitch,
    authorizedUsers: c.authorizedUsers, canAutoCreateCredential: c.canAutoCreateCredential,
  };
  if (c.clientDescription) out.clientDescription = c.clientDescription;
  Object.assign(out, {
    clientId: c.clientId, clientName: c.clientName, clientType: c.clientType, createdBy: c.createdBy, createdDate: isoMs(c.createdDate),
    isLocked: c.isLocked, notificationEmails: c.notificationEmails, serviceConsumerToken: c.serviceConsumerToken,
    actions: CLIENT_LIST_ACTIONS(c), // required on the list, whatever `actions` says (spec)
  });
  return out;
}

function renderClientGroup(t: Tenant, g: SimClientGroupGrant, parentGroupId: number | undefined): Json {
  const role = t.roles.get(g.roleId);
  const out: Json = { groupId: g.groupId, groupName: t.groups.get(g.groupId)?.groupName ?? '', isBlocked: g.isBlocked,
    roleId: g.roleId, roleName: role?.roleName ?? '', roleDescription: role?.roleDescription ?? '' };
  if (parentGroupId !== undefined) out.parentGroupId = parentGroupId;
  out.subGroups = g.subGroups.map((s) => renderClientGroup(t, s, g.groupId));
  return out;
}

const CREDENTIAL_ACTIONS = (c: SimCredential) => ({ delete: c.status === 'INACTIVE', activate: c.status === 'INACTIVE',
  deactivate: c.status === 'ACTIVE', editDescription: c.status !== 'DELETED', editExpiration: c.status === 'ACTIVE' });

export function renderCredential(c: SimCredential, f: Flags): Json {
  const out: Json = { credentialId: c.credentialId, clientToken: c.clientToken, status: c.status, createdOn: isoMs(c.createdOn),
    expiresOn: isoMs(c.expiresOn), description: c.description, maxAllowedExpiry: isoMs(c.maxAllowedExpiry) };
  if (f.actions) out.actions = CREDENTIAL_ACTIONS(c);
  return out;
}

export function renderClient(t: Tenant, c: SimApiClient, f: Flags): Json {
  const out: Json = {
    accessToken: c.accessToken, activeCredentialCount: activeCredentialCount(c), allowAccountSwitch: c.allowAccountSwitch,
    authorizedUsers: c.authorizedUsers, baseURL: c.baseURL, canAutoCreateCredential: c.canAutoCreateCredential,
    clientDescription: c.clientDescription, clientId: c.clientId, clientName: c.clientName, clientType: c.clientType,
    createdBy: c.createdBy, createdDate: isoMs(c.createdDate), isLocked: c.isLocked, notificationEmails: c.notificationEmails,
    serviceProviderId: 1,
  };
  if (f.apiAccess) {
    out.apiAccess = {
      allAccessibleApis: c.allAccessibleApis,
      apis: c.apis.map((a) => {
        const api = C.APIS.find((x) => x.apiId === a.apiId)!;
        return { apiId: a.apiId, apiName: api.apiName, description: api.description, endPoint: api.endPoint,
          documentationUrl: `https://techdocs.akamai.com${api.endPoint}`, accessLevel: a.accessLevel };
      }),
    };
  }
  if (f.groupAccess) out.groupAccess = { cloneAuthorizedUserGroups: c.cloneAuthorizedUserGroups, groups: c.groups.map((g) => renderClientGroup(t, g, undefined)) };
  if (f.credentials) {
    // Embedded credentials carry `actions` always and never maxAllowedExpiry (spec).
    out.credentials = c.credentials.map((x) => ({ credentialId: x.credentialId, clientToken: x.clientToken, status: x.status,
      createdOn: isoMs(x.createdOn), expiresOn: isoMs(x.expiresOn), description: x.description, actions: CREDENTIAL_ACTIONS(x) }));
  }
  if (f.ipAcl) out.ipAcl = { enable: c.ipAclEnabled, cidr: c.ipAclCidrs };
  if (c.purge) {
    out.purgeOptions = { canPurgeByCpcode: c.purge.canPurgeByCpcode, canPurgeByCacheTag: c.purge.canPurgeByCacheTag,
      cpcodeAccess: { allCurrentAndNewCpcodes: c.purge.allCurrentAndNewCpcodes, cpcodes: c.purge.cpcodes } };
  }
  if (f.actions) {
    out.actions = { ...CLIENT_LIST_ACTIONS(c), editApis: true, editAuth: true, editGroups: true, editIpAcl: true, editSwitchAccount: true };
  }
  return out;
}
