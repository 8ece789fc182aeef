/**
 * One typed function per IAM v3 read the extractor makes (REFERENCE §5, §12), each validating its
 * response. Every body is also handed to `onRaw` (as received, and parsed when it was), which keeps
 * it for the snapshot.
 */
import type { z } from 'zod';
import type { IamClient, Query } from './client.js';
import * as S from './schemas.js';

/** Keeps a body; `itemIndex` is set when a large list is kept element by element. */
export type RawSink = (requestPath: string, text: string, parsed?: unknown, itemIndex?: number) => Promise<void>;

export class IamReader {
  constructor(
    private readonly client: IamClient,
    readonly accountSwitchKey: string | undefined,
    private readonly signal: AbortSignal | undefined,
    private readonly onRaw: RawSink,
  ) {}

  private async read<T>(schema: z.ZodType<T>, path: string, query: Query = {}, idField?: string): Promise<T> {
    const res = await this.client.get(path, query, { accountSwitchKey: this.accountSwitchKey, signal: this.signal });
    await this.onRaw(requestLabel(path, query), res!.text, res!.json);
    return S.parseResponse(schema, res!.json, path, idField);
  }

  /**
   * A large list read element by element: each element is validated and handed to `onItem`, so
   * only one is in memory at a time, and kept as one raw row per element (a 20 MB row would need
   * DuckDB blocks as large).
   */
  private async readEach<T>(schema: z.ZodType<T>, path: string, query: Query, idField: string, onItem: (item: T) => Promise<void>): Promise<number> {
    const res = await this.client.getArray(path, query, { accountSwitchKey: this.accountSwitchKey, signal: this.signal });
    if (!res) return 0;
    const label = requestLabel(path, query);
    const { spans } = res.spans;
    for (let i = 0; i < spans.length; i += 2) {
      const text = res.text.slice(spans[i], spans[i + 1]);
      const element = JSON.parse(text);
      await this.onRaw(label, text, element, i / 2);
      await onItem(S.parseElement(schema, element, path, i / 2, idField));
    }
    return res.spans.count;
  }

  /** A detail read that answers 404 when the object vanished since it was listed: undefined then. */
  private async readDetail<T>(schema: z.ZodType<T>, path: string, query: Query, idField?: string): Promise<T | undefined> {
    const res = await this.client.get(path, query, { accountSwitchKey: this.accountSwitchKey, signal: this.signal, allow404: true });
    if (res === undefined) return undefined;
    await this.onRaw(requestLabel(path, query), res!.text, res!.json);
    return S.parseResponse(schema, res!.json, path, idField);
  }

  selfSwitchKeys() { return this.read(S.SwitchKey.array(), '/api-clients/self/account-switch-keys'); }
  self() { return this.read(S.ApiClient, '/api-clients/self', {}, 'clientId'); }
  userProfile() { return this.read(S.User, '/user-profile', {}, 'uiIdentityId'); }
  groups() { return this.read(S.Group.array(), '/user-admin/groups', {}, 'groupId'); }
  roles(onRole: (r: z.infer<typeof S.RoleListItem>) => Promise<void>) {
    return this.readEach(S.RoleListItem, '/user-admin/roles', { users: true, ignoreContext: true }, 'roleId', onRole);
  }
  role(roleId: number) { return this.readDetail(S.RoleDetail, `/user-admin/roles/${roleId}`, { grantedRoles: true }, 'roleId'); }
  grantableRoles() { return this.read(S.GrantedRole.array(), '/user-admin/roles/grantable-roles', {}, 'grantedRoleId'); }
  properties(onProperty: (p: z.infer<typeof S.Property>) => Promise<void>) {
    return this.readEach(S.Property, '/user-admin/properties', {}, 'propertyId', onProperty);
  }
  users(onUser: (u: z.infer<typeof S.UserListItem>) => Promise<void>) {
    return this.readEach(S.UserListItem, '/user-admin/ui-identities', {}, 'uiIdentityId', onUser);
  }
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
  apiClients(onClient: (c: z.infer<typeof S.ApiClientListItem>) => Promise<void>) {
    return this.readEach(S.ApiClientListItem, '/api-clients', {}, 'clientId', onClient);
  }
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
