/**
 * Runtime types of the IAM v3 responses the extractor reads, mirroring Akamai's spec but tolerant
 * where real APIs deviate from it (REFERENCE §13): unknown fields are dropped, unknown enum values
 * are kept as text (and reported once), and spec-required fields the product never uses may be
 * absent. Fields the product needs are required: their absence is an error naming the record.
 */
import { z } from 'zod';

/** (field → values) seen outside the spec's enums; the extractor logs each once. */
export const unknownEnumValues = new Map<string, Set<string>>();

function lenientEnum(field: string, values: readonly string[]) {
  return z.string().check((ctx) => {
    if (values.includes(ctx.value)) return;
    let seen = unknownEnumValues.get(field);
    if (!seen) unknownEnumValues.set(field, (seen = new Set()));
    seen.add(ctx.value);
  });
}

const int = z.number().int();
const str = z.string();
const bool = z.boolean();
/** An ISO 8601 instant; Akamai writes both `…:25.000Z` and `…:57Z`. */
const instant = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'an ISO 8601 date-time');

export const SwitchKey = z.object({ accountName: str, accountSwitchKey: str });

export interface GroupT {
  groupId: number;
  groupName: string;
  parentGroupId?: number;
  createdBy?: string;
  createdDate?: string;
  modifiedBy?: string;
  modifiedDate?: string;
  subGroups?: GroupT[];
}
export const Group: z.ZodType<GroupT> = z.lazy(() => z.object({
  groupId: int, groupName: str, parentGroupId: int.optional(),
  createdBy: str.optional(), createdDate: instant.optional(), modifiedBy: str.optional(), modifiedDate: instant.optional(),
  subGroups: z.array(Group).optional(),
}));

export const RoleListItem = z.object({
  roleId: int, roleName: str, roleDescription: str.optional(), type: lenientEnum('role.type', ['custom', 'standard', 'account']),
  createdBy: str.optional(), createdDate: instant.optional(), modifiedBy: str.optional(), modifiedDate: instant.optional(),
  numUsers: int.optional(),
  users: z.array(z.object({ uiIdentityId: str, email: str.optional(), lastLoginDate: instant.optional() })).optional(),
});

export const GrantedRole = z.object({ grantedRoleId: int, grantedRoleName: str, grantedRoleDescription: str.optional() });
export const RoleDetail = z.object({ roleId: int, roleName: str, grantedRoles: z.array(GrantedRole).optional() });

export interface AuthGrantT {
  groupId?: number;
  groupName?: string;
  roleId: number;
  roleName?: string;
  roleDescription?: string;
  isBlocked?: boolean;
  subGroups?: AuthGrantT[];
}
export const AuthGrant: z.ZodType<AuthGrantT> = z.lazy(() => z.object({
  groupId: int.optional(), groupName: str.optional(), roleId: int, roleName: str.optional(), roleDescription: str.optional(),
  isBlocked: bool.optional(), subGroups: z.array(AuthGrant).optional(),
}));

const mfa = lenientEnum('user.additionalAuthentication', ['TFA', 'MFA', 'NONE']);

export const UserListItem = z.object({
  uiIdentityId: str, uiUserName: str, firstName: str.optional(), lastName: str.optional(), email: str, accountId: str.optional(),
  isLocked: bool, tfaEnabled: bool.optional(), tfaConfigured: bool.optional(),
  additionalAuthentication: mfa, additionalAuthenticationConfigured: bool, lastLoginDate: instant.optional(),
});

export const User = z.object({
  uiIdentityId: str, uiUserName: str.optional(), firstName: str.optional(), lastName: str.optional(), email: str,
  accountId: str.optional(), isLocked: bool.optional(), tfaEnabled: bool.optional(), tfaConfigured: bool.optional(),
  additionalAuthentication: mfa, additionalAuthenticationConfigured: bool, lastLoginDate: instant.optional(),
  passwordExpiryDate: instant.optional(), sessionTimeOut: int.optional(), emailUpdatePending: bool.optional(),
  phone: str.optional(), mobilePhone: str.optional(), secondaryEmail: str.optional(), contactType: str.optional(),
  jobTitle: str.optional(), preferredLanguage: str.optional(), timeZone: str.optional(), country: str.optional(),
  state: str.optional(), city: str.optional(), address: str.optional(), zipCode: str.optional(),
  authGrants: z.array(AuthGrant).optional(),
  notifications: z.object({
    enableEmailNotifications: bool,
    options: z.object({
      newUserNotification: bool.optional(), passwordExpiry: bool.optional(), apiClientCredentialExpiryNotification: bool.optional(),
      proactive: z.array(str).optional(), upgrade: z.array(str).optional(),
    }),
  }).optional(),
});

export const BlockedProperties = z.array(int);

export const Property = z.object({ propertyId: int, propertyName: str, propertyTypeDescription: str.optional(), groupId: int, groupName: str.optional() });

const clientType = lenientEnum('apiClient.clientType', ['CLIENT', 'USER_CLIENT', 'SERVICE_ACCOUNT']);

export const ApiClientListItem = z.object({
  clientId: str, clientName: str, clientDescription: str.optional(), clientType, authorizedUsers: z.array(str), isLocked: bool,
  activeCredentialCount: int, allowAccountSwitch: bool, canAutoCreateCredential: bool.optional(),
  notificationEmails: z.array(str).optional(), createdBy: str.optional(), createdDate: instant,
});

export interface ClientGroupT {
  groupId: number;
  groupName?: string;
  roleId: number;
  roleName?: string;
  isBlocked?: boolean;
  parentGroupId?: number;
  subGroups?: ClientGroupT[];
}
export const ClientGroup: z.ZodType<ClientGroupT> = z.lazy(() => z.object({
  groupId: int, groupName: str.optional(), roleId: int, roleName: str.optional(), isBlocked: bool.optional(),
  parentGroupId: int.optional(), subGroups: z.array(ClientGroup).optional(),
}));

export const ApiClient = ApiClientListItem.extend({
  baseURL: str.optional(), serviceProviderId: int.optional(),
  apiAccess: z.object({
    allAccessibleApis: bool,
    apis: z.array(z.object({ apiId: int, apiName: str, endPoint: str.optional(), accessLevel: lenientEnum('api.accessLevel', ['READ-ONLY', 'READ-WRITE']) })),
  }).optional(),
  groupAccess: z.object({ cloneAuthorizedUserGroups: bool, groups: z.array(ClientGroup) }).optional(),
  ipAcl: z.object({ enable: bool, cidr: z.array(str) }).optional(),
  purgeOptions: z.object({
    canPurgeByCpcode: bool, canPurgeByCacheTag: bool,
    cpcodeAccess: z.object({ allCurrentAndNewCpcodes: bool, cpcodes: z.array(int) }),
  }).optional(),
});

export const Credential = z.object({
  credentialId: int, clientToken: str, status: lenientEnum('credential.status', ['ACTIVE', 'INACTIVE', 'DELETED']),
  createdOn: instant, expiresOn: instant, maxAllowedExpiry: instant.optional(), description: str.optional(),
});

export const AllowlistStatus = z.object({ enabled: bool });
export const CidrBlock = z.object({
  cidrBlockId: int, cidrBlock: str, enabled: bool, comments: str.optional(),
  createdBy: str.optional(), createdDate: instant.optional(), modifiedBy: str.optional(), modifiedDate: instant.optional(),
});
export const PasswordPolicy = z.object({
  pwclass: str, minLength: int, minLetters: int.optional(), minDigits: int.optional(), caseDif: int.optional(),
  minNonAlpha: int.optional(), maxRepeating: int.optional(), minReuse: int.optional(), rotateFrequency: int.optional(),
});
export const TimeoutPolicy = z.object({ name: str, value: int });

/**
 * Parses a response or throws one line naming the endpoint, the record (by its id where it has one)
 * and the field.
 */
export function parseResponse<T>(schema: z.ZodType<T>, body: unknown, endpoint: string, idField?: string): T {
  const r = schema.safeParse(body);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const path = [...issue.path];
  let record = '';
  if (typeof path[0] === 'number' && Array.isArray(body)) {
    const item = body[path[0]] as Record<string, unknown> | undefined;
    const id = idField && item && typeof item === 'object' ? item[idField] : undefined;
    record = ` record ${path[0]}${id !== undefined ? ` (${idField} ${JSON.stringify(id)})` : ''},`;
    path.shift();
  } else if (idField && body && typeof body === 'object' && idField in body) {
    record = ` record ${idField} ${JSON.stringify((body as Record<string, unknown>)[idField])},`;
  }
  const field = path.length ? path.join('.') : '(whole response)';
  return invalid(`Unexpected response from GET ${endpoint}:${record} field ${field}: ${issue.message}.`);
}

/** Parses one element of a list read element by element; errors name its index and id. */
export function parseElement<T>(schema: z.ZodType<T>, element: unknown, endpoint: string, index: number, idField: string): T {
  const r = schema.safeParse(element);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const id = element && typeof element === 'object' ? (element as Record<string, unknown>)[idField] : undefined;
  const field = issue.path.length ? issue.path.join('.') : '(whole record)';
  return invalid(`Unexpected response from GET ${endpoint}: record ${index}${id !== undefined ? ` (${idField} ${JSON.stringify(id)})` : ''}, field ${field}: ${issue.message}.`);
}

export class ResponseShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ResponseShapeError';
  }
}

function invalid(message: string): never {
  throw new ResponseShapeError(message);
}
