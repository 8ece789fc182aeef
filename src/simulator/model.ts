/**
 * The simulator's internal model of an Akamai account. Close to the API's shapes, but with dates as
 * epoch milliseconds and references by id; `render.ts` turns it into exact API JSON.
 */

export type MfaMethod = 'TFA' | 'MFA' | 'NONE';
export type ClientType = 'CLIENT' | 'USER_CLIENT' | 'SERVICE_ACCOUNT';
export type CredentialStatus = 'ACTIVE' | 'INACTIVE' | 'DELETED';
export type RoleType = 'custom' | 'standard' | 'account';
/** How a user behaves over the quarters: drives last-login dates as the tenant evolves. */
export type Activity = 'active' | 'occasional' | 'dormant' | 'never' | 'departed';

/** One role on one group (or account-wide when groupId is absent), with nested overrides. */
export interface SimGrant {
  groupId?: number;
  roleId: number;
  isBlocked: boolean;
  subGroups: SimGrant[];
}

export interface SimNotifications {
  enableEmailNotifications: boolean;
  newUserNotification: boolean;
  passwordExpiry: boolean;
  apiClientCredentialExpiryNotification: boolean;
  proactive: string[];
  upgrade: string[];
}

export interface SimUser {
  uiIdentityId: string;
  uiUserName: string;
  firstName: string;
  lastName: string;
  email: string;
  isLocked: boolean;
  tfaEnabled: boolean;
  tfaConfigured: boolean;
  additionalAuthentication: MfaMethod;
  additionalAuthenticationConfigured: boolean;
  lastLoginDate?: number;
  passwordExpiryDate?: number;
  sessionTimeOut: number;
  country: string;
  address: string;
  city: string;
  state?: string;
  zipCode: string;
  timeZone: string;
  phone: string;
  mobilePhone?: string;
  jobTitle: string;
  contactType: string;
  preferredLanguage: string;
  secondaryEmail?: string;
  emailUpdatePending: boolean;
  notifications: SimNotifications;
  grants: SimGrant[];
  /** groupId -> property ids blocked for this user inside that group. */
  blockedProperties: Map<number, number[]>;
  activity: Activity;
}

export interface SimGroup {
  groupId: number;
  groupName: string;
  parentGroupId?: number;
  children: number[];
  depth: number;
  createdBy: string;
  createdDate: number;
  modifiedBy: string;
  modifiedDate: number;
}

export interface SimRole {
  roleId: number;
  roleName: string;
  roleDescription: string;
  type: RoleType;
  createdBy: string;
  createdDate: number;
  modifiedBy: string;
  modifiedDate: number;
  grantedRoleIds: number[];
}

export interface SimGrantableRole {
  grantedRoleId: number;
  grantedRoleName: string;
  grantedRoleDescription: string;
}

export interface SimPropertyResource {
  resourceId: number;
  resourceName: string;
  resourceType: string;
  modifiedDate: number;
}

export interface SimProperty {
  propertyId: number;
  propertyName: string;
  propertyTypeDescription: string;
  groupId: number;
  arlConfigFile: string;
  createdBy: string;
  createdDate: number;
  modifiedBy: string;
  modifiedDate: number;
  resources: SimPropertyResource[];
}

export interface SimApi {
  apiId: number;
  apiName: string;
  description: string;
  endPoint: string;
  documentationUrl: string;
  serviceProviderId: number;
}

export interface SimCredential {
  credentialId: number;
  clientToken: string;
  status: CredentialStatus;
  createdOn: number;
  expiresOn: number;
  maxAllowedExpiry: number;
  description: string;
}

export interface SimClientGroupGrant {
  groupId: number;
  roleId: number;
  isBlocked: boolean;
  subGroups: SimClientGroupGrant[];
}

export interface SimApiClient {
  clientId: string;
  clientName: string;
  clientDescription: string;
  clientType: ClientType;
  authorizedUsers: string[];
  isLocked: boolean;
  allowAccountSwitch: boolean;
  canAutoCreateCredential: boolean;
  notificationEmails: string[];
  createdBy: string;
  createdDate: number;
  accessToken: string;
  serviceConsumerToken: string;
  baseURL: string;
  allAccessibleApis: boolean;
  apis: { apiId: number; accessLevel: 'READ-ONLY' | 'READ-WRITE' }[];
  cloneAuthorizedUserGroups: boolean;
  groups: SimClientGroupGrant[];
  ipAclEnabled: boolean;
  ipAclCidrs: string[];
  purge?: { canPurgeByCpcode: boolean; canPurgeByCacheTag: boolean; allCurrentAndNewCpcodes: boolean; cpcodes: number[] };
  credentials: SimCredential[];
  /** Account switch keys this client may use (only when allowAccountSwitch). */
  switchKeys: string[];
}

export interface SimCidrBlock {
  cidrBlockId: number;
  cidrBlock: string;
  enabled: boolean;
  comments: string;
  createdBy: string;
  createdDate: number;
  modifiedBy: string;
  modifiedDate: number;
}

export interface SimPasswordPolicy {
  pwclass: string;
  minLength: number;
  minLetters: number;
  minDigits: number;
  caseDif: number;
  minNonAlpha: number;
  maxRepeating: number;
  minReuse: number;
  rotateFrequency?: number;
}

/** Counters for ids handed out as the tenant grows, so evolution never reuses an id. */
export interface IdCounters {
  group: number;
  role: number;
  property: number;
  credential: number;
  cidr: number;
  user: number;
}

export interface Tenant {
  accountId: string;
  accountName: string;
  /** The key that reaches this account from the caller's client; absent for the caller's own account. */
  switchKey?: string;
  emailDomain: string;
  /** The tenant's "now" (epoch ms): every date in it is relative to this instant. */
  now: number;
  groups: Map<number, SimGroup>;
  rootGroupIds: number[];
  roles: Map<number, SimRole>;
  grantableRoles: SimGrantableRole[];
  users: Map<string, SimUser>;
  properties: Map<number, SimProperty>;
  apiClients: Map<string, SimApiClient>;
  allowlistEnabled: boolean;
  cidrBlocks: Map<number, SimCidrBlock>;
  passwordPolicy: SimPasswordPolicy;
  ids: IdCounters;
}

/** The caller: the API client whose credential the simulator accepts, and the user behind it. */
export interface Caller {
  clientId: string;
  uiIdentityId: string;
}

export interface World {
  seed: string;
  users: number;
  period: number;
  now: number;
  home: Tenant;
  /** Other accounts reachable with an account switch key, by key. */
  switched: Map<string, Tenant>;
  caller: Caller;
  /** A client without IAM access, to exercise 403 responses. */
  limitedClientId: string;
}
