/**
 * One typed function per IAM v3 read the extractor makes (REFERENCE §5, §12), each validating its
 * response. Every parsed body is also handed to `onRaw`, which keeps it for the snapshot.
 */
import type { z } from 'zod';
import type { IamClient, Query } from './client.js';
import * as S from './schemas.js';

export type RawSink = (requestPath: string, body: unknown) => Promise<void>;

export class IamReader {
  constructor(
    private readonly client: IamClient,
    readonly accountSwitchKey: string | undefined,
    private readonly signal: AbortSignal | undefined,
    private readonly onRaw: RawSink,
  ) {}

  private async read<T>(schema: z.ZodType<T>, path: string, query: Query = {}, idField?: string): Promise<T> {
    const body = await this.client.get(path, query, { accountSwitchKey: this.accountSwitchKey, signal: this.signal });
    await this.onRaw(requestLabel(path, query), body);
    return S.parseResponse(schema, body, path, idField);
  }

  /** A detail read that answers 404 when the object vanished since it was listed: undefined then. */
  private async readDetail<T>(schema: z.ZodType<T>, path: string, query: Query, idField?: string): Promise<T | undefined> {
    const body = await this.client.get(path, query, { accountSwitchKey: this.accountSwitchKey, signal: this.signal, allow404: true });
    if (body === undefined) return undefined;
    await this.onRaw(requestLabel(path, query), body);
    return S.parseResponse(schema, body, path, idField);
  }

  selfSwitchKeys() { return this.read(S.SwitchKey.array(), '/api-clients/self/account-switch-keys'); }
  self() { return this.read(S.ApiClient, '/api-clients/self', {}, 'clientId'); }
  userProfile() { return this.read(S.User, '/user-profile', {}, 'uiIdentityId'); }
  groups() { return this.read(S.Group.array(), '/user-admin/groups', {}, 'groupId'); }
  roles() { return this.read(S.RoleListItem.array(), '/user-admin/roles', { users: true, ignoreContext: true }, 'roleId'); }
  role(roleId: number) { return this.readDetail(S.RoleDetail, `/user-admin/roles/${roleId}`, { grantedRoles: true }, 'roleId'); }
  grantableRoles() { return this.read(S.GrantedRole.array(), '/user-admin/roles/grantable-roles', {}, 'grantedRoleId'); }
  properties() { return this.read(S.Property.array(), '/user-admin/properties', {}, 'propertyId'); }
  users() { return this.read(S.UserListItem.array(), '/user-admin/ui-identities', {}, 'uiIdentityId'); }
  user(id: string) {
    return this.readDetail(S.User, `/user-admin/ui-identities/${encodeURIComponent(id)}`, { authGrants: true, notifications: true }, 'uiIdentityId');
  }
  blockedProperties(id: string, groupId: number) {
    return this.readDetail(S.BlockedProperties, `/user-admin/ui-identities/${encodeURIComponent(id)}/groups/${groupId}/blocked-properties`, {});
  }
  allowlistStatus() { return this.read(S.AllowlistStatus, '/user-admin/ip-acl/allowlist/status'); }
  allowlist() { return this.read(S.CidrBlock.array(), '/user-admin/ip-acl/allowlist', {}, 'cidrBlockId'); }
  passwordPolicy() { return this.read(S.PasswordPolicy, '/user-admin/common/password-policy'); }
  timeoutPolicies() { return this.read(S.TimeoutPolicy.array(), '/user-admin/common/timeout-policies', {}, 'name'); }
  apiClients() { return this.read(S.ApiClientListItem.array(), '/api-clients', {}, 'clientId'); }
  apiClient(clientId: string) {
    return this.readDetail(S.ApiClient, `/api-clients/${encodeURIComponent(clientId)}`, { apiAccess: true, groupAccess: true, ipAcl: true }, 'clientId');
  }
  credentials(clientId: string) {
    return this.readDetail(S.Credential.array(), `/api-clients/${encodeURIComponent(clientId)}/credentials`, {}, 'credentialId');
  }
  clientSwitchKeys(clientId: string) {
    return this.readDetail(S.SwitchKey.array(), `/api-clients/${encodeURIComponent(clientId)}/account-switch-keys`, {});
  }
}

function requestLabel(path: string, query: Query): string {
  const q = Object.entries(query).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${v}`).join('&');
  return q ? `${path}?${q}` : path;
}
