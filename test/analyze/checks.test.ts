/**
 * Every check on crafted snapshots: the clean baseline fires nothing; each case adds the risky
 * resource next to a near miss and expects exactly the risky one flagged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AS_OF, analyzed, baseline, client, craft, credential, daysAfter, daysBefore, grant, openTempStore, user, type Tables } from '../support/crafted.js';
import { loadChecks } from '../../src/analyze/catalog.js';
import { defaultConfig, type AuditConfig } from '../../src/config.js';
import type { Store } from '../../src/store/store.js';

interface Case {
  check: string;
  mutate: (t: Tables) => void;
  flagged: string[];
  config?: (c: AuditConfig) => void;
  /** Other findings the same change rightly causes ("check resource"). */
  alsoFires?: string[];
}

const setUser = (t: Tables, id: string, o: Record<string, unknown>) => Object.assign(t.users.find((u) => u.ui_identity_id === id)!, o);
const setClient = (t: Tables, id: string, o: Record<string, unknown>) => Object.assign(t.api_clients.find((c) => c.client_id === id)!, o);

const CASES: Case[] = [
  { check: 'user_mfa_disabled', flagged: ['ALICE'], mutate: (t) => {
    setUser(t, 'ALICE', { additional_authentication: 'NONE', additional_authentication_configured: false });
    t.users.push(user('LOCKED', { additional_authentication: 'NONE', is_locked: true })); // cannot sign in: not flagged
  } },
  { check: 'user_mfa_not_configured', flagged: ['ALICE'], mutate: (t) => {
    setUser(t, 'ALICE', { additional_authentication: 'TFA', additional_authentication_configured: false });
    setUser(t, 'BOB', { additional_authentication: 'NONE', additional_authentication_configured: false }); // no method: another check
  }, alsoFires: ['user_mfa_disabled BOB'] },
  { check: 'user_admin_without_mfa', flagged: ['ADMIN1'], mutate: (t) => {
    setUser(t, 'ADMIN1', { additional_authentication: 'MFA', additional_authentication_configured: false });
    setUser(t, 'ALICE', { additional_authentication: 'NONE', additional_authentication_configured: false }); // not privileged
  }, alsoFires: ['user_mfa_disabled ALICE', 'user_mfa_not_configured ADMIN1'] },
  { check: 'user_inactive', flagged: ['ALICE'], mutate: (t) => {
    setUser(t, 'ALICE', { last_login_date: daysBefore(91) });
    setUser(t, 'BOB', { last_login_date: daysBefore(89) });
  }, alsoFires: ['api_client_orphaned client1'] },
  { check: 'user_inactive', flagged: ['BOB'], config: (c) => { c.thresholds.inactive_days = 30; }, mutate: (t) => {
    setUser(t, 'ALICE', { last_login_date: daysBefore(29) });
    setUser(t, 'BOB', { last_login_date: daysBefore(31) });
  } },
  { check: 'user_never_logged_in', flagged: ['ALICE'], mutate: (t) => {
    setUser(t, 'ALICE', { last_login_date: null });
    t.users.push(user('GONE', { last_login_date: null, is_locked: true }));
  }, alsoFires: ['api_client_orphaned client1'] },
  { check: 'user_dormant_privileged', flagged: ['ADMIN1'], mutate: (t) => {
    setUser(t, 'ADMIN1', { last_login_date: daysBefore(31) });
    setUser(t, 'ALICE', { last_login_date: daysBefore(60) }); // inactive-ish but not privileged
  } },
  { check: 'user_broad_admin', flagged: ['ADMIN1', 'CARL'], mutate: (t) => {
    t.users.push(user('CARL'), user('DAVE'));
    t.user_grants.push(grant('ADMIN1', 2, 1, 1)); // Admin on the root group
    t.user_grants.push(grant('CARL', 1, null, 100002)); // account-level admin role
    t.user_grants.push(grant('DAVE', 1, 10, 1)); // Admin, but on a business unit only
  } },
  { check: 'user_locked_with_grants', flagged: ['ALICE'], mutate: (t) => {
    setUser(t, 'ALICE', { is_locked: true });
    t.users.push(user('EMPTY', { is_locked: true })); // locked, no grants
  }, alsoFires: ['api_client_orphaned client1'] },
  { check: 'user_password_expired', flagged: ['ALICE'], mutate: (t) => {
    setUser(t, 'ALICE', { password_expiry_date: daysBefore(1) });
    setUser(t, 'BOB', { password_expiry_date: daysAfter(1) });
  } },
  { check: 'user_session_timeout_long', flagged: ['ALICE'], mutate: (t) => {
    setUser(t, 'ALICE', { session_timeout_seconds: 1800 });
    setUser(t, 'BOB', { session_timeout_seconds: 900 });
  } },
  { check: 'user_external_email_domain', flagged: ['ALICE'], config: (c) => { c.allowed_email_domains = ['corp.example', '*.partner.example']; }, mutate: (t) => {
    setUser(t, 'ALICE', { email: 'alice@gmail.com' });
    setUser(t, 'BOB', { email: 'bob@eu.partner.example' });
  } },
  { check: 'user_shared_account', flagged: ['NOC'], mutate: (t) => {
    t.users.push(user('NOC', { ui_user_name: 'noc.team', email: 'noc.team@corp.example' }));
    t.users.push(user('TEAMSTER', { ui_user_name: 'bteamster', email: 'bteamster@corp.example' })); // "team" inside a name
  } },
  { check: 'account_too_many_admins', flagged: ['A-TEST'], config: (c) => { c.thresholds.max_admins = 2; }, mutate: (t) => {
    t.users.push(user('CARL'), user('LOCKEDADMIN', { is_locked: true }));
    t.user_grants.push(grant('CARL', 1, 20, 1), grant('LOCKEDADMIN', 1, 20, 1));
  }, alsoFires: ['user_locked_with_grants LOCKEDADMIN'] },
  { check: 'role_unused', flagged: ['501'], mutate: (t) => {
    t.roles.push({ role_id: 501, role_name: 'Sneaky Ops', role_description: '', role_type: 'custom', created_date: daysBefore(10) });
    t.roles.push({ role_id: 7, role_name: 'Purge Only', role_description: '', role_type: 'standard' }); // Akamai's own: not flagged
  } },
  { check: 'role_custom_privileged', flagged: ['501'], mutate: (t) => {
    t.roles.push({ role_id: 501, role_name: 'Sneaky Ops', role_description: '', role_type: 'custom', created_date: daysBefore(10) });
    t.role_granted_roles.push({ role_id: 501, granted_role_id: 4, granted_role_name: 'User Administration' });
    t.user_grants.push(grant('ALICE', 2, 20, 501));
  }, alsoFires: ['api_client_privileged_owner client1'] },
  { check: 'api_client_credential_stale', flagged: ['1002'], mutate: (t) => {
    t.credentials.push(credential('client1', 1002, { created_on: daysBefore(91) }));
    t.credentials.push(credential('client1', 1003, { created_on: daysBefore(300), status: 'INACTIVE' }));
    setClient(t, 'client1', { active_credential_count: 2 });
  }, config: (c) => { c.disabled_checks.push('api_client_multiple_active_credentials'); } },
  { check: 'api_client_credential_expiring', flagged: ['1001'], mutate: (t) => {
    Object.assign(t.credentials[0], { expires_on: daysAfter(29) });
    t.credentials.push(credential('client1', 1004, { expires_on: daysAfter(29), status: 'INACTIVE' }));
  } },
  { check: 'api_client_credential_expired_active', flagged: ['1001'], mutate: (t) => {
    Object.assign(t.credentials[0], { expires_on: daysBefore(1) });
    t.credentials.push(credential('client1', 1005, { expires_on: daysBefore(5), status: 'INACTIVE' }));
  } },
  { check: 'api_client_multiple_active_credentials', flagged: ['client1'], mutate: (t) => {
    t.credentials.push(credential('client1', 1006), credential('client1', 1007, { status: 'INACTIVE' }));
    setClient(t, 'client1', { active_credential_count: 2 });
  } },
  { check: 'api_client_no_ip_acl', flagged: ['client2'], mutate: (t) => {
    t.api_clients.push(client('client2', { ip_acl_enabled: false }), client('dead', { ip_acl_enabled: false, active_credential_count: 0 }));
    t.credentials.push(credential('client2', 2001));
  }, config: (c) => { c.disabled_checks.push('api_client_without_active_credentials'); } },
  { check: 'api_client_account_switch', flagged: ['client2'], mutate: (t) => {
    t.api_clients.push(client('client2', { allow_account_switch: true }));
    t.credentials.push(credential('client2', 2001));
    t.account_switch_keys.push({ client_id: 'client2', account_switch_key: '1-AB:1-CD', account_name: 'Other Co' });
  } },
  { check: 'api_client_all_apis_read_write', flagged: ['client2'], mutate: (t) => {
    t.api_clients.push(client('client2', { all_accessible_apis: true }), client('client3', { all_accessible_apis: true }));
    t.credentials.push(credential('client2', 2001), credential('client3', 3001));
    t.api_client_apis.push({ client_id: 'client2', api_id: 1, api_name: 'IAM', endpoint: '/identity-management', access_level: 'READ-WRITE' });
    t.api_client_apis.push({ client_id: 'client3', api_id: 1, api_name: 'IAM', endpoint: '/identity-management', access_level: 'READ-ONLY' });
  } },
  { check: 'api_client_orphaned', flagged: ['byGhost', 'byLocked', 'byIdle'], mutate: (t) => {
    t.users.push(user('LOCKY', { is_locked: true }), user('IDLE', { last_login_date: daysBefore(120) }));
    t.api_clients.push(client('byGhost', { authorized_users: ['ghost'] }), client('byLocked', { authorized_users: ['locky'] }),
      client('byIdle', { authorized_users: ['idle'] }), client('byBob', { authorized_users: ['bob'] }));
    for (const [i, c] of ['byGhost', 'byLocked', 'byIdle', 'byBob'].entries()) t.credentials.push(credential(c, 5000 + i));
  }, config: (c) => { c.disabled_checks.push('user_inactive', 'user_locked_with_grants'); } },
  { check: 'api_client_privileged_owner', flagged: ['byAdmin', 'adminRole'], mutate: (t) => {
    t.api_clients.push(client('byAdmin', { authorized_users: ['admin1'] }), client('adminRole', { authorized_users: ['alice'] }));
    t.credentials.push(credential('byAdmin', 6001), credential('adminRole', 6002));
    t.api_client_groups.push({ client_id: 'adminRole', grant_id: 1, parent_grant_id: null, nesting_depth: 0, group_id: 20, group_name: 'B', role_id: 1, role_name: 'Admin', is_blocked: false });
  } },
  { check: 'api_client_without_active_credentials', flagged: ['dead'], mutate: (t) => {
    t.api_clients.push(client('dead', { active_credential_count: 0 }), client('self', { active_credential_count: 0, is_caller: true }));
  }, config: (c) => { c.disabled_checks.push('api_client_no_ip_acl'); } },
  { check: 'allowlist_disabled', flagged: ['A-TEST'], mutate: (t) => { t.allowlist[0].enabled = false; } },
  { check: 'allowlist_broad_cidr', flagged: ['2', '3', '5'], mutate: (t) => {
    t.cidr_blocks.push(
      { cidr_block_id: 2, cidr_block: '10.0.0.0/8', enabled: true, comments: 'everything' },
      { cidr_block_id: 3, cidr_block: '0.0.0.0/0', enabled: true, comments: 'temporary' },
      { cidr_block_id: 4, cidr_block: '172.16.0.0/16', enabled: true, comments: 'exactly the minimum' },
      { cidr_block_id: 5, cidr_block: '2001:db8::/32', enabled: true, comments: 'provider block' },
      { cidr_block_id: 6, cidr_block: '2001:db8:1::/48', enabled: true, comments: 'site' },
      { cidr_block_id: 7, cidr_block: '11.0.0.0/8', enabled: false, comments: 'disabled' },
    );
  } },
  { check: 'allowlist_block_without_comment', flagged: ['2', '3', '4'], mutate: (t) => {
    t.cidr_blocks.push(
      { cidr_block_id: 2, cidr_block: '198.51.100.7', enabled: true, comments: '' },
      { cidr_block_id: 3, cidr_block: '198.51.100.8', enabled: true, comments: ' n/a ' },
      { cidr_block_id: 4, cidr_block: '198.51.100.9', enabled: false, comments: null },
      { cidr_block_id: 5, cidr_block: '198.51.100.10', enabled: true, comments: 'Temp office in Lisbon' },
    );
  } },
  { check: 'password_policy_weak', flagged: ['A-TEST'], mutate: (t) => { t.password_policy[0].min_length = 8; } },
  { check: 'password_policy_weak', flagged: ['A-TEST'], mutate: (t) => { t.password_policy[0].rotate_frequency_days = null; } },
];

describe('check catalogue on crafted snapshots', () => {
  let store: Store;
  beforeAll(async () => (store = await openTempStore()));
  afterAll(() => store.close());

  async function run(mutate: (t: Tables) => void, configure?: (c: AuditConfig) => void) {
    const t = baseline();
    mutate(t);
    const config = defaultConfig();
    configure?.(config);
    const id = await craft(store, t, AS_OF);
    return analyzed(store, config, id);
  }

  it('the clean baseline fires no check at all', async () => {
    const a = await run(() => {}, (c) => { c.allowed_email_domains = ['corp.example']; });
    expect(a.findings.map((f) => `${f.checkId} ${f.resourceId}: ${f.reason}`)).toEqual([]);
    expect(a.checks.filter((c) => c.status !== 'evaluated')).toEqual([]);
  });

  it('every check in the catalogue has a case here', () => {
    expect([...new Set(CASES.map((c) => c.check))].sort()).toEqual(loadChecks().map((c) => c.id).sort());
  });

  it.each(CASES.map((c, i) => [`${c.check} #${i}`, c] as const))('%s fires on the risky resource and not on the near miss', async (_, c) => {
    const a = await run(c.mutate, c.config);
    const own = a.findings.filter((f) => f.checkId === c.check);
    expect(own.map((f) => f.resourceId).sort()).toEqual([...c.flagged].sort());
    for (const f of own) {
      expect(f.reason.length, f.reason).toBeGreaterThan(10);
      expect(f.resourceType).toBe(loadChecks().find((x) => x.id === c.check)!.resourceType);
    }
    // Nothing else fires but what the same change rightly causes.
    expect(a.findings.filter((f) => f.checkId !== c.check).map((f) => `${f.checkId} ${f.resourceId}`).sort()).toEqual([...(c.alsoFires ?? [])].sort());
  });

  it('reasons carry the facts: dates, day counts and the threshold', async () => {
    const a = await run((t) => setUser(t, 'ALICE', { last_login_date: '2026-03-01T00:00:00Z' }));
    expect(a.findings.find((f) => f.checkId === 'user_inactive')!.reason).toBe('last login 2026-03-01, 275 days ago; threshold 90');
  });
});
