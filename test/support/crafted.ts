/**
 * Hand-built snapshots for analysis tests: a clean baseline account on which no check fires, that
 * each test mutates to make exactly the case it is about.
 */
import { join } from 'node:path';
import { Store, type Row } from '../../src/store/store.js';
import { analyzeSnapshot, ensureViews, loadFindings } from '../../src/analyze/analyzer.js';
import type { AuditConfig } from '../../src/config.js';
import { tempDir } from './extract.js';

export const AS_OF = '2026-12-01T00:00:00Z';
const day = 86_400_000;
export const daysBefore = (n: number, from = AS_OF) => new Date(Date.parse(from) - n * day).toISOString();
export const daysAfter = (n: number, from = AS_OF) => new Date(Date.parse(from) + n * day).toISOString();

export type Tables = Record<string, Row[]>;

export function user(id: string, o: Row = {}): Row {
  return {
    ui_identity_id: id, ui_user_name: id.toLowerCase(), first_name: id, last_name: 'Test', email: `${id.toLowerCase()}@corp.example`,
    account_id: 'A-TEST', is_locked: false, tfa_enabled: false, tfa_configured: false, additional_authentication: 'MFA',
    additional_authentication_configured: true, last_login_date: daysBefore(5), password_expiry_date: daysAfter(60),
    session_timeout_seconds: 900, ...o,
  };
}

export function grant(uid: string, grantId: number, groupId: number | null, roleId: number, o: Row = {}): Row {
  return { ui_identity_id: uid, grant_id: grantId, parent_grant_id: null, nesting_depth: 0, group_id: groupId, group_name: `g${groupId}`,
    role_id: roleId, role_name: ROLE_NAMES[roleId] ?? `role ${roleId}`, is_blocked: false, ...o };
}

export function client(id: string, o: Row = {}): Row {
  return { client_id: id, client_name: id, client_description: 'test', client_type: 'CLIENT', authorized_users: ['alice'], is_locked: false,
    active_credential_count: 1, allow_account_switch: false, can_auto_create_credential: false, notification_emails: ['alice@corp.example'],
    created_by: 'alice', created_date: daysBefore(30), is_caller: false, all_accessible_apis: false, clone_authorized_user_groups: false,
    ip_acl_enabled: true, ip_acl_cidrs: ['198.51.100.0/24'], ...o };
}

export function credential(clientId: string, credentialId: number, o: Row = {}): Row {
  return { client_id: clientId, credential_id: credentialId, client_token: '…abcd', status: 'ACTIVE', created_on: daysBefore(10),
    expires_on: daysAfter(700), max_allowed_expiry: daysAfter(720), description: '', ...o };
}

export const ROLE_NAMES: Record<number, string> = { 1: 'Admin', 2: 'Viewer', 3: 'Editor', 100002: 'Admin for Account Roles', 500: 'Web Team', 501: 'Sneaky Ops' };

/**
 * Groups: 1 Root → 10 A → 11 A1 → 12 A1a, 10 A → 13 A2; 1 Root → 20 B → 21 B1.
 * Two admins (Admin on A and on B), alice (Viewer on A), bob (Editor on B, Viewer override on B1),
 * one tidy API client owned by alice.
 */
export function baseline(): Tables {
  const group = (id: number, name: string, parent: number | null, depth: number, path: string) =>
    ({ group_id: id, group_name: name, parent_group_id: parent, depth, group_path: path, created_by: 'x', created_date: daysBefore(900), modified_by: 'x', modified_date: daysBefore(800) });
  const role = (id: number, type: string) => ({ role_id: id, role_name: ROLE_NAMES[id], role_description: '', role_type: type, created_by: 'x', created_date: daysBefore(500) });
  return {
    groups: [group(1, 'Root', null, 0, 'Root'), group(10, 'A', 1, 1, 'Root > A'), group(11, 'A1', 10, 2, 'Root > A > A1'),
      group(12, 'A1a', 11, 3, 'Root > A > A1 > A1a'), group(13, 'A2', 10, 2, 'Root > A > A2'), group(20, 'B', 1, 1, 'Root > B'), group(21, 'B1', 20, 2, 'Root > B > B1')],
    roles: [role(1, 'standard'), role(2, 'standard'), role(3, 'standard'), role(100002, 'account'), role(500, 'custom')],
    role_granted_roles: [
      { role_id: 1, granted_role_id: 3, granted_role_name: 'All privileges (Admin)' },
      { role_id: 2, granted_role_id: 10, granted_role_name: 'Reports - View' },
      { role_id: 3, granted_role_id: 12, granted_role_name: 'Property Manager - Edit' },
      { role_id: 100002, granted_role_id: 4, granted_role_name: 'User Administration' },
      { role_id: 500, granted_role_id: 12, granted_role_name: 'Property Manager - Edit' },
    ],
    users: [user('ADMIN1'), user('ADMIN2'), user('ALICE'), user('BOB')],
    user_grants: [
      grant('ADMIN1', 1, 10, 1), grant('ADMIN2', 1, 20, 1), grant('ALICE', 1, 10, 2),
      grant('BOB', 1, 20, 3), grant('BOB', 2, 21, 2, { parent_grant_id: 1, nesting_depth: 1 }), grant('BOB', 3, 13, 500),
    ],
    api_clients: [client('client1')],
    api_client_apis: [{ client_id: 'client1', api_id: 3, api_name: 'Property Manager (PAPI)', endpoint: '/papi', access_level: 'READ-ONLY' }],
    api_client_groups: [{ client_id: 'client1', grant_id: 1, parent_grant_id: null, nesting_depth: 0, group_id: 10, group_name: 'A', role_id: 2, role_name: 'Viewer', is_blocked: false }],
    credentials: [credential('client1', 1001)],
    allowlist: [{ enabled: true }],
    cidr_blocks: [{ cidr_block_id: 1, cidr_block: '203.0.113.0/24', enabled: true, comments: 'Berlin office', created_by: 'x', created_date: daysBefore(100) }],
    password_policy: [{ pwclass: 'strict', min_length: 12, min_letters: 1, min_digits: 1, case_dif: 1, min_non_alpha: 1, max_repeating: 2, min_reuse: 4, rotate_frequency_days: 90 }],
    timeout_policies: [{ name: 'after15Minutes', seconds: 900 }],
    blocked_properties: [],
    account_switch_keys: [],
  };
}

/** A new DuckDB file with the analysis views in place. */
export async function openTempStore(): Promise<Store> {
  const store = await Store.open(join(tempDir('iam-analyze-'), 'crafted.duckdb'));
  await ensureViews(store);
  return store;
}

/** Writes `tables` as one complete snapshot of account A-TEST as of `asOf`; returns its id. */
export async function craft(store: Store, tables: Tables, asOf = AS_OF, accountId = 'A-TEST'): Promise<number> {
  const id = await store.beginSnapshot({ runId: 'test', apiHost: 'test', edgercSection: 'test', toolVersion: 'test', startedAt: asOf, clientTokensKept: false });
  for (const [table, rows] of Object.entries(tables)) for (const row of rows) await store.append(table, { snapshot_id: id, ...row });
  await store.completeSnapshot(id, { finishedAt: asOf, requests: 0, retries: 0, rateLimited: 0, vanished: 0, accountId, accountName: 'Test Account' });
  return id;
}

/** Analyzes one snapshot and reads back its findings. */
export async function analyzed(store: Store, config: AuditConfig, id: number) {
  const a = await analyzeSnapshot(store, config, id);
  return { ...a, findings: await loadFindings(store, [id]) };
}
