/**
 * The plan for one account: which IAM v3 reads, in which order, into which tables (REFERENCE §12
 * "suggested read sequence"). Reads fan out through the client's concurrency limit; rows are
 * appended as responses arrive; the snapshot commits only when every read has succeeded.
 */
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { AbortedError, ApiError, IamClient } from './client.js';
import type { EdgercSection } from './edgerc.js';
import { IamReader } from './endpoints.js';
import { Progress, type Phase } from './progress.js';
import { ResponseShapeError, unknownEnumValues, type AuthGrantT, type ClientGroupT, type GroupT } from './schemas.js';
import type { Row, Store } from '../store/store.js';
import { TOOL_VERSION } from '../version.js';

export interface ExtractOptions {
  edgerc: EdgercSection;
  store: Store;
  /** Accounts to snapshot: undefined = the credential's own account (or its account_key). */
  accountSwitchKeys?: string[];
  /** Also every account of GET /api-clients/self/account-switch-keys, after the own account. */
  allAccounts?: boolean;
  concurrency: number;
  timeoutMs: number;
  maxAttempts: number;
  retryBaseMs?: number;
  ca?: string;
  keepClientTokens: boolean;
  progress: Progress;
  signal?: AbortSignal;
  /** Where snapshot times come from: the wall clock, or a simulator's clock in the demo. */
  clock?: () => number;
}

export interface SnapshotOutcome {
  snapshotId: number;
  accountSwitchKey?: string;
  accountName?: string;
  status: 'complete' | 'failed';
  reason?: string;
  rows: Record<string, number>;
  requests: number;
  seconds: number;
}

export interface ExtractResult {
  runId: string;
  snapshots: SnapshotOutcome[];
  requests: number;
  retries: number;
  rateLimited: number;
  waitedMs: number;
}

/** Tokens kept as their last four characters, like a card number on a receipt. */
export function tokenTail(token: string): string {
  return `…${token.slice(-4)}`;
}

const SECRET_KEYS = new Set(['accessToken', 'clientSecret', 'access_token', 'client_secret']);

/** The response as stored in raw_responses: no access token ever, client tokens only as a tail. */
export function redact(value: unknown, keepClientTokens: boolean): unknown {
  if (Array.isArray(value)) return value.map((v) => redact(v, keepClientTokens));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (SECRET_KEYS.has(k)) out[k] = '[redacted]';
      else if (k === 'clientToken' && typeof v === 'string' && !keepClientTokens) out[k] = tokenTail(v);
      else out[k] = redact(v, keepClientTokens);
    }
    return out;
  }
  return value;
}

const MAY_HOLD_SECRETS = /"(accessToken|clientToken|clientSecret|access_token|client_secret)"/;

/** A body as stored: as received when it names no token (most do not), redacted otherwise. */
function rawBody(text: string, parsed: unknown, keepClientTokens: boolean): string {
  if (!MAY_HOLD_SECRETS.test(text)) return text;
  return JSON.stringify(redact(parsed ?? JSON.parse(text), keepClientTokens));
}

export async function extract(o: ExtractOptions): Promise<ExtractResult> {
  const runId = randomUUID();
  const client = new IamClient({
    credentials: o.edgerc, ca: o.ca, concurrency: o.concurrency, timeoutMs: o.timeoutMs, maxAttempts: o.maxAttempts,
    retryBaseMs: o.retryBaseMs, signal: o.signal, onEvent: (e) => o.progress.clientEvent(e),
  });
  const result: ExtractResult = { runId, snapshots: [], requests: 0, retries: 0, rateLimited: 0, waitedMs: 0 };
  try {
    let targets: (string | undefined)[] = o.accountSwitchKeys?.length ? [...o.accountSwitchKeys] : [o.edgerc.accountKey];
    const names = new Map<string, string>();
    if (o.allAccounts) {
      const keys = await new IamReader(client, o.edgerc.accountKey, undefined, async () => {}).selfSwitchKeys();
      for (const k of keys) names.set(k.accountSwitchKey, k.accountName);
      targets = [...new Set([...targets, ...keys.map((k) => k.accountSwitchKey)])];
    }
    for (const key of targets) {
      const outcome = await extractAccount(o, client, runId, key, key ? names.get(key) : undefined);
      result.snapshots.push(outcome);
      if (outcome.status === 'failed' && o.signal?.aborted) break;
    }
  } finally {
    result.requests = client.stats.requests;
    result.retries = client.stats.retries;
    result.rateLimited = client.stats.rateLimited;
    result.waitedMs = client.governor.stats.waitedMs;
    await client.close();
  }
  return result;
}

async function extractAccount(o: ExtractOptions, client: IamClient, runId: string, key: string | undefined, knownName: string | undefined): Promise<SnapshotOutcome> {
  const clock = o.clock ?? Date.now;
  const iso = () => new Date(clock()).toISOString();
  const started = Date.now();
  const before = { ...client.stats };
  const counters = () => ({
    requests: client.stats.requests - before.requests, retries: client.stats.retries - before.retries,
    rateLimited: client.stats.rateLimited - before.rateLimited, waitedMs: client.governor.stats.waitedMs,
  });
  const label = key ? `account ${knownName ? `${knownName} ` : ''}(switch key ${key})` : `the account of [${o.edgerc.section}]`;
  const snapshotId = await o.store.beginSnapshot({
    runId, apiHost: o.edgerc.host, edgercSection: o.edgerc.section, accountSwitchKey: key, toolVersion: TOOL_VERSION,
    startedAt: iso(), clientTokensKept: o.keepClientTokens,
  });
  o.progress.startAccount(label, snapshotId, counters);
  const rows: Record<string, number> = {};
  const write = async (table: string, row: Row) => {
    rows[table] = (rows[table] ?? 0) + 1;
    await o.store.append(table, { snapshot_id: snapshotId, ...row });
  };
  // Aborted when the snapshot fails, so reads still queued stop at once instead of delaying the next account.
  const abort = new AbortController();
  const signal = o.signal ? AbortSignal.any([o.signal, abort.signal]) : abort.signal;
  setMaxListeners(0, signal); // every request in flight listens to it
  const reader = new IamReader(client, key, signal, (requestPath, text, parsed, itemIndex) =>
    write('raw_responses', { request_path: requestPath, item_index: itemIndex, fetched_at: iso(), body: rawBody(text, parsed, o.keepClientTokens) }));
  const run = new AccountRun(o, reader, write, o.progress);
  try {
    const facts = await run.all();
    const c = counters();
    await o.store.completeSnapshot(snapshotId, {
      finishedAt: iso(), requests: c.requests, retries: c.retries, rateLimited: c.rateLimited, vanished: run.vanished,
      accountId: facts.accountId, accountName: knownName ?? facts.accountName, callerClientId: facts.callerClientId,
      callerClientName: facts.callerClientName, callerUiUserName: facts.callerUiUserName,
    });
    for (const [field, values] of unknownEnumValues) o.progress.warn(`${field} has values outside Akamai's spec, kept as text: ${[...values].join(', ')}`);
    unknownEnumValues.clear();
    const seconds = (Date.now() - started) / 1000;
    o.progress.endAccount({ snapshotId, status: 'complete', rows, requests: c.requests, seconds },
      `Snapshot ${snapshotId} complete: ${label}, ${c.requests} requests, ${c.retries} retries, ${c.rateLimited} × 429, ${seconds.toFixed(1)} s`);
    return { snapshotId, accountSwitchKey: key, accountName: knownName ?? facts.accountName, status: 'complete', rows, requests: c.requests, seconds };
  } catch (err) {
    const reason = err instanceof AbortedError ? `interrupted (${err.message})` : err instanceof Error ? err.message : String(err);
    run.abandon();
    abort.abort('snapshot failed');
    const c = counters();
    await o.store.failSnapshot(snapshotId, reason, { finishedAt: iso(), requests: c.requests, retries: c.retries, rateLimited: c.rateLimited });
    const seconds = (Date.now() - started) / 1000;
    o.progress.endAccount({ snapshotId, status: 'failed', reason }, `Snapshot ${snapshotId} FAILED (${label}): ${reason}`);
    // This account failed; others may still succeed. But bad credentials or missing grants fail
    // every account alike, and anything unexpected is a bug: those end the run.
    const accountOnly = (err instanceof ApiError && !err.fatal) || err instanceof AbortedError || err instanceof ResponseShapeError;
    if (!accountOnly) throw err;
    return { snapshotId, accountSwitchKey: key, status: 'failed', reason, rows: {}, requests: c.requests, seconds };
  }
}

/**
 * A tree of grants (users' authGrants, clients' groupAccess.groups) as rows, depth first, each nested
 * subGroups entry linked to its parent by grant ids numbered in that order.
 */
export function grantRows(tree: (AuthGrantT | ClientGroupT)[]) {
  const rows: { grant_id: number; parent_grant_id?: number; nesting_depth: number; group_id?: number; group_name?: string;
    role_id: number; role_name?: string; is_blocked: boolean }[] = [];
  const visit = (g: AuthGrantT | ClientGroupT, parent: number | undefined, depth: number) => {
    const grantId = rows.length + 1;
    rows.push({ grant_id: grantId, parent_grant_id: parent, nesting_depth: depth, group_id: g.groupId, group_name: g.groupName,
      role_id: g.roleId, role_name: g.roleName, is_blocked: g.isBlocked ?? false });
    for (const sub of g.subGroups ?? []) visit(sub, grantId, depth + 1);
  };
  for (const g of tree) visit(g, undefined, 0);
  return rows;
}

/** Runs fn over items with at most `limit` calls outstanding; rejects on the first failure. */
export async function forEachConcurrent<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const item = items[next++];
      try {
        await fn(item);
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** What a user's detail read needs from the list: U2 may omit the lock and TFA flags U1 has. */
interface UserRef {
  uiIdentityId: string;
  uiUserName: string;
  isLocked: boolean;
  tfaEnabled?: boolean;
  tfaConfigured?: boolean;
}

interface AccountFacts {
  accountId?: string;
  accountName?: string;
  callerClientId?: string;
  callerClientName?: string;
  callerUiUserName?: string;
}

/** The reads of one account and their mapping to rows. */
class AccountRun {
  vanished = 0;
  private abandoned = false;

  constructor(
    private readonly o: ExtractOptions,
    private readonly r: IamReader,
    private readonly write: (table: string, row: Row) => Promise<void>,
    private readonly progress: Progress,
  ) {}

  /** Stops writing rows of reads still in flight once the snapshot has failed. */
  abandon(): void {
    this.abandoned = true;
  }

  private async emit(table: string, row: Row): Promise<void> {
    if (!this.abandoned) await this.write(table, row);
  }

  private token(t: string): string {
    return this.o.keepClientTokens ? t : tokenTail(t);
  }

  async all(): Promise<AccountFacts> {
    const facts: AccountFacts = {};
    const setup = this.progress.phase('account');
    const directory = this.progress.phase('groups, roles, policies');
    const track = async <T>(phase: Phase, p: () => Promise<T>): Promise<T> => {
      phase.add();
      const v = await p();
      phase.tick();
      return v;
    };
    // Everything that is one read per account, at once.
    // Only what the per-user reads need is kept of the (possibly huge) user list.
    const users: UserRef[] = [];
    const clients: { clientId: string; allowAccountSwitch: boolean }[] = [];
    const [self, profile, , , keys] = await Promise.all([
      track(setup, () => this.r.self()),
      track(setup, () => this.r.userProfile()),
      track(setup, () => this.r.users(async (u) => {
        users.push({ uiIdentityId: u.uiIdentityId, uiUserName: u.uiUserName, isLocked: u.isLocked, tfaEnabled: u.tfaEnabled, tfaConfigured: u.tfaConfigured });
        facts.accountId ??= u.accountId;
      })),
      track(setup, () => this.r.apiClients(async (c) => void clients.push({ clientId: c.clientId, allowAccountSwitch: c.allowAccountSwitch }))),
      track(setup, () => this.r.selfSwitchKeys()),
      track(directory, () => this.groups().then((name) => (facts.accountName = name))),
      track(directory, () => this.roles(directory)),
      track(directory, () => this.grantableRoles()),
      track(directory, () => this.properties()),
      track(directory, () => this.allowlist()),
      track(directory, () => this.policies()),
    ]);
    setup.seal();
    for (const k of keys) await this.emit('account_switch_keys', { client_id: self.clientId, account_switch_key: k.accountSwitchKey, account_name: k.accountName });
    facts.callerClientId = self.clientId;
    facts.callerClientName = self.clientName;
    facts.callerUiUserName = profile.uiUserName;
    directory.seal();

    const userPhase = this.progress.phase('users');
    const blockedPhase = this.progress.phase('blocked properties');
    const clientPhase = this.progress.phase('API clients');
    userPhase.add(users.length);
    userPhase.seal();
    clientPhase.add(clients.length);
    clientPhase.seal();
    // A bounded window of work: 50k pending user tasks would hold 50k closures and queue entries.
    const window = this.o.concurrency * 4;
    await Promise.all([
      forEachConcurrent(users, window, (u) => this.user(u, userPhase, blockedPhase)).then(() => blockedPhase.seal()),
      forEachConcurrent(clients, window, (c) => this.apiClient(c, self.clientId, clientPhase)),
    ]);
    return facts;
  }

  /** Flattens the group tree; returns the root group's name, the best name IAM gives an account. */
  private async groups(): Promise<string | undefined> {
    const roots = await this.r.groups();
    const visit = async (g: GroupT, parent: GroupT | undefined, depth: number, path: string) => {
      const groupPath = path ? `${path} > ${g.groupName}` : g.groupName;
      await this.emit('groups', {
        group_id: g.groupId, group_name: g.groupName, parent_group_id: g.parentGroupId ?? parent?.groupId, depth, group_path: groupPath,
        created_by: g.createdBy, created_date: g.createdDate, modified_by: g.modifiedBy, modified_date: g.modifiedDate,
      });
      for (const child of g.subGroups ?? []) await visit(child, g, depth + 1, groupPath);
    };
    for (const root of roots) await visit(root, undefined, 0, '');
    return roots[0]?.groupName;
  }

  private async roles(phase: Phase): Promise<void> {
    const roles: number[] = [];
    await this.r.roles(async (role) => {
      roles.push(role.roleId);
      await this.emit('roles', {
        role_id: role.roleId, role_name: role.roleName, role_description: role.roleDescription, role_type: role.type,
        num_users: role.numUsers ?? role.users?.length, created_by: role.createdBy, created_date: role.createdDate,
        modified_by: role.modifiedBy, modified_date: role.modifiedDate,
      });
      for (const u of role.users ?? []) {
        await this.emit('role_holders', { role_id: role.roleId, ui_identity_id: u.uiIdentityId, email: u.email, last_login_date: u.lastLoginDate });
      }
    });
    phase.add(roles.length);
    await Promise.all(roles.map(async (roleId) => {
      const detail = await this.r.role(roleId);
      phase.tick();
      if (!detail) return void (this.vanished += 1);
      for (const g of detail.grantedRoles ?? []) {
        await this.emit('role_granted_roles', { role_id: roleId, granted_role_id: g.grantedRoleId, granted_role_name: g.grantedRoleName, granted_role_description: g.grantedRoleDescription });
      }
    }));
  }

  private async grantableRoles(): Promise<void> {
    for (const g of await this.r.grantableRoles()) {
      await this.emit('grantable_roles', { granted_role_id: g.grantedRoleId, granted_role_name: g.grantedRoleName, granted_role_description: g.grantedRoleDescription });
    }
  }

  private async properties(): Promise<void> {
    await this.r.properties((p) => this.emit('properties', {
      property_id: p.propertyId, property_name: p.propertyName, property_type: p.propertyTypeDescription, group_id: p.groupId, group_name: p.groupName,
    }));
  }

  private async allowlist(): Promise<void> {
    const [status, blocks] = await Promise.all([this.r.allowlistStatus(), this.r.allowlist()]);
    await this.emit('allowlist', { enabled: status.enabled });
    for (const b of blocks) {
      await this.emit('cidr_blocks', {
        cidr_block_id: b.cidrBlockId, cidr_block: b.cidrBlock, enabled: b.enabled, comments: b.comments,
        created_by: b.createdBy, created_date: b.createdDate, modified_by: b.modifiedBy, modified_date: b.modifiedDate,
      });
    }
  }

  private async policies(): Promise<void> {
    const [pw, timeouts] = await Promise.all([this.r.passwordPolicy(), this.r.timeoutPolicies()]);
    await this.emit('password_policy', {
      pwclass: pw.pwclass, min_length: pw.minLength, min_letters: pw.minLetters, min_digits: pw.minDigits, case_dif: pw.caseDif,
      min_non_alpha: pw.minNonAlpha, max_repeating: pw.maxRepeating, min_reuse: pw.minReuse, rotate_frequency_days: pw.rotateFrequency,
    });
    for (const t of timeouts) await this.emit('timeout_policies', { name: t.name, seconds: t.value });
  }

  private async user(item: UserRef, phase: Phase, blockedPhase: Phase): Promise<void> {
    const u = await this.r.user(item.uiIdentityId);
    phase.tick();
    if (!u) return void (this.vanished += 1);
    const n = u.notifications;
    await this.emit('users', {
      ui_identity_id: u.uiIdentityId, ui_user_name: u.uiUserName ?? item.uiUserName, first_name: u.firstName, last_name: u.lastName,
      email: u.email, account_id: u.accountId, is_locked: u.isLocked ?? item.isLocked,
      tfa_enabled: u.tfaEnabled ?? item.tfaEnabled, tfa_configured: u.tfaConfigured ?? item.tfaConfigured,
      additional_authentication: u.additionalAuthentication, additional_authentication_configured: u.additionalAuthenticationConfigured,
      last_login_date: u.lastLoginDate, password_expiry_date: u.passwordExpiryDate, session_timeout_seconds: u.sessionTimeOut,
      email_update_pending: u.emailUpdatePending, job_title: u.jobTitle, contact_type: u.contactType, phone: u.phone,
      mobile_phone: u.mobilePhone, secondary_email: u.secondaryEmail, preferred_language: u.preferredLanguage, time_zone: u.timeZone,
      country: u.country, state: u.state, city: u.city, address: u.address, zip_code: u.zipCode,
      email_notifications_enabled: n?.enableEmailNotifications, notify_new_user: n?.options.newUserNotification,
      notify_password_expiry: n?.options.passwordExpiry, notify_api_client_credential_expiry: n?.options.apiClientCredentialExpiryNotification,
      notify_proactive: n?.options.proactive, notify_upgrade: n?.options.upgrade,
    });
    const groups = new Set<number>();
    for (const row of grantRows(u.authGrants ?? [])) {
      await this.emit('user_grants', { ui_identity_id: u.uiIdentityId, ...row });
      if (row.group_id !== undefined && !row.is_blocked) groups.add(row.group_id);
    }
    // Property-level exceptions exist only where the user has a role: ask for each granted group.
    blockedPhase.add(groups.size);
    await Promise.all([...groups].map(async (groupId) => {
      const ids = await this.r.blockedProperties(u.uiIdentityId, groupId);
      blockedPhase.tick();
      if (!ids) return void (this.vanished += 1);
      for (const propertyId of ids) await this.emit('blocked_properties', { ui_identity_id: u.uiIdentityId, group_id: groupId, property_id: propertyId });
    }));
  }

  private async apiClient(item: { clientId: string; allowAccountSwitch: boolean }, callerClientId: string, phase: Phase): Promise<void> {
    const [c, credentials, keys] = await Promise.all([
      this.r.apiClient(item.clientId),
      this.r.credentials(item.clientId),
      // The caller's own keys come from /api-clients/self/account-switch-keys already.
      item.allowAccountSwitch && item.clientId !== callerClientId ? this.r.clientSwitchKeys(item.clientId) : Promise.resolve([]),
    ]);
    phase.tick();
    if (!c || !credentials) return void (this.vanished += 1);
    await this.emit('api_clients', {
      client_id: c.clientId, client_name: c.clientName, client_description: c.clientDescription, client_type: c.clientType,
      authorized_users: c.authorizedUsers, is_locked: c.isLocked, active_credential_count: c.activeCredentialCount,
      allow_account_switch: c.allowAccountSwitch, can_auto_create_credential: c.canAutoCreateCredential,
      notification_emails: c.notificationEmails, created_by: c.createdBy, created_date: c.createdDate, base_url: c.baseURL,
      is_caller: c.clientId === callerClientId, all_accessible_apis: c.apiAccess?.allAccessibleApis,
      clone_authorized_user_groups: c.groupAccess?.cloneAuthorizedUserGroups, ip_acl_enabled: c.ipAcl?.enable, ip_acl_cidrs: c.ipAcl?.cidr,
      can_purge_by_cpcode: c.purgeOptions?.canPurgeByCpcode, can_purge_by_cache_tag: c.purgeOptions?.canPurgeByCacheTag,
      purge_all_cpcodes: c.purgeOptions?.cpcodeAccess.allCurrentAndNewCpcodes, purge_cpcodes: c.purgeOptions?.cpcodeAccess.cpcodes,
    });
    for (const a of c.apiAccess?.apis ?? []) {
      await this.emit('api_client_apis', { client_id: c.clientId, api_id: a.apiId, api_name: a.apiName, endpoint: a.endPoint, access_level: a.accessLevel });
    }
    for (const row of grantRows(c.groupAccess?.groups ?? [])) await this.emit('api_client_groups', { client_id: c.clientId, ...row });
    for (const k of credentials) {
      await this.emit('credentials', {
        client_id: c.clientId, credential_id: k.credentialId, client_token: this.token(k.clientToken), status: k.status,
        created_on: k.createdOn, expires_on: k.expiresOn, max_allowed_expiry: k.maxAllowedExpiry, description: k.description,
      });
    }
    for (const k of keys ?? []) await this.emit('account_switch_keys', { client_id: c.clientId, account_switch_key: k.accountSwitchKey, account_name: k.accountName });
  }
}
