/**
 * What changed between two snapshots of one account: the "changes since the last review" of a
 * quarterly access review. Computed in SQL over the stored snapshots (and their analyses, for
 * privileged holders and findings) and stored in snapshot_diffs for the reports.
 */
import type { Store } from '../store/store.js';
import { UserError } from '../errors.js';
import { snapshotInfo, type SnapshotInfo } from './analyzer.js';

/** One SELECT per kind of change; each returns category, change, resource_type, resource_id, resource_name, detail. */
const DIFF_QUERIES: string[] = [
  // users joined and left
  `SELECT 'users', 'added', 'user', t.ui_identity_id, t.ui_user_name, t.email FROM users t
   WHERE t.snapshot_id = $to AND NOT EXISTS (SELECT 1 FROM users f WHERE f.snapshot_id = $from AND f.ui_identity_id = t.ui_identity_id)`,
  `SELECT 'users', 'removed', 'user', f.ui_identity_id, f.ui_user_name, f.email FROM users f
   WHERE f.snapshot_id = $from AND NOT EXISTS (SELECT 1 FROM users t WHERE t.snapshot_id = $to AND t.ui_identity_id = f.ui_identity_id)`,
  // MFA switched on, off, or reset
  `SELECT 'mfa', CASE WHEN t.additional_authentication = 'NONE' OR (f.additional_authentication_configured AND NOT t.additional_authentication_configured) THEN 'weakened' ELSE 'strengthened' END,
          'user', t.ui_identity_id, t.ui_user_name,
          format('{}{} → {}{}', f.additional_authentication, CASE WHEN f.additional_authentication <> 'NONE' AND NOT f.additional_authentication_configured THEN ' (not configured)' ELSE '' END,
                 t.additional_authentication, CASE WHEN t.additional_authentication <> 'NONE' AND NOT t.additional_authentication_configured THEN ' (not configured)' ELSE '' END)
   FROM users t JOIN users f ON f.snapshot_id = $from AND f.ui_identity_id = t.ui_identity_id
   WHERE t.snapshot_id = $to AND (f.additional_authentication <> t.additional_authentication
         OR f.additional_authentication_configured <> t.additional_authentication_configured)`,
  // locks
  `SELECT 'users', CASE WHEN t.is_locked THEN 'locked' ELSE 'unlocked' END, 'user', t.ui_identity_id, t.ui_user_name, NULL
   FROM users t JOIN users f ON f.snapshot_id = $from AND f.ui_identity_id = t.ui_identity_id
   WHERE t.snapshot_id = $to AND f.is_locked <> t.is_locked`,
  // grants as given (and their overrides)
  `WITH g AS (SELECT snapshot_id, ui_identity_id, group_id, group_name, role_id, role_name, is_blocked FROM user_grants WHERE snapshot_id IN ($from, $to)),
        gained AS (SELECT ui_identity_id, group_id, role_id, is_blocked FROM g WHERE snapshot_id = $to EXCEPT SELECT ui_identity_id, group_id, role_id, is_blocked FROM g WHERE snapshot_id = $from),
        lost AS (SELECT ui_identity_id, group_id, role_id, is_blocked FROM g WHERE snapshot_id = $from EXCEPT SELECT ui_identity_id, group_id, role_id, is_blocked FROM g WHERE snapshot_id = $to)
   SELECT 'grants', c.change, 'user', c.ui_identity_id, any_value(u.ui_user_name),
          format('{} {}{}', any_value(g.role_name), CASE WHEN c.group_id IS NULL THEN 'account-wide' ELSE format('on {}', any_value(g.group_name)) END,
                 CASE WHEN c.is_blocked THEN ' (blocked)' ELSE '' END)
   FROM (SELECT 'gained' AS change, * FROM gained UNION ALL SELECT 'lost', * FROM lost) c
   JOIN g ON g.snapshot_id = CASE c.change WHEN 'gained' THEN $to ELSE $from END AND g.ui_identity_id = c.ui_identity_id
         AND g.group_id IS NOT DISTINCT FROM c.group_id AND g.role_id = c.role_id AND g.is_blocked = c.is_blocked
   LEFT JOIN users u ON u.snapshot_id = g.snapshot_id AND u.ui_identity_id = c.ui_identity_id
   GROUP BY c.change, c.ui_identity_id, c.group_id, c.role_id, c.is_blocked`,
  // effective access, for the principals whose grants changed (see prepareAccessDiff), summed up
  // per grant: "Editor on Root > Commerce (+141 more groups)"
  `WITH e AS MATERIALIZED (SELECT *, coalesce(group_id, -1) AS g FROM effective_access_over('diff_grant_nodes')),
        f AS (SELECT * FROM e WHERE snapshot_id = $from),
        t AS (SELECT * FROM e WHERE snapshot_id = $to),
        changes AS (
          SELECT 'gained' AS change, t.*, gr.group_path, gr.depth FROM t
          LEFT JOIN f ON f.principal_type = t.principal_type AND f.principal_id = t.principal_id AND f.g = t.g AND f.role_id = t.role_id
          LEFT JOIN groups gr ON gr.snapshot_id = $to AND gr.group_id = t.group_id
          WHERE f.principal_id IS NULL
          UNION ALL
          SELECT 'lost', f.*, gr.group_path, gr.depth FROM f
          LEFT JOIN t ON t.principal_type = f.principal_type AND t.principal_id = f.principal_id AND t.g = f.g AND t.role_id = f.role_id
          LEFT JOIN groups gr ON gr.snapshot_id = $from AND gr.group_id = f.group_id
          WHERE t.principal_id IS NULL),
        names AS (
          SELECT 'user' AS principal_type, ui_identity_id AS principal_id, any_value(ui_user_name) AS name FROM users WHERE snapshot_id IN ($from, $to) GROUP BY ALL
          UNION ALL
          SELECT 'api_client', client_id, any_value(client_name) FROM api_clients WHERE snapshot_id IN ($from, $to) GROUP BY ALL)
   SELECT 'access', ch.change, ch.principal_type, ch.principal_id, any_value(n.name),
          format('{} on {}{}', any_value(ch.role_name), coalesce(arg_min(ch.group_path, ch.depth), 'the account'),
                 CASE WHEN count(*) > 1 THEN format(' (+{} more group(s))', count(*) - 1) ELSE '' END)
   FROM changes ch
   LEFT JOIN names n ON n.principal_type = ch.principal_type AND n.principal_id = ch.principal_id
   GROUP BY ch.change, ch.principal_type, ch.principal_id, ch.role_id, ch.granted_on_group_id`,
  // new and former holders of privileged roles
  `WITH p AS (SELECT DISTINCT snapshot_id, principal_type, principal_id FROM privileged_grants WHERE snapshot_id IN ($from, $to))
   SELECT 'privileged', 'new holder', t.principal_type, t.principal_id, u.ui_user_name,
          (SELECT string_agg(DISTINCT role_name, ', ') FROM privileged_grants x WHERE x.snapshot_id = $to AND x.principal_id = t.principal_id)
   FROM p t LEFT JOIN users u ON u.snapshot_id = $to AND u.ui_identity_id = t.principal_id
   WHERE t.snapshot_id = $to AND NOT EXISTS (SELECT 1 FROM p f WHERE f.snapshot_id = $from AND f.principal_type = t.principal_type AND f.principal_id = t.principal_id)
   UNION ALL
   SELECT 'privileged', 'former holder', f.principal_type, f.principal_id, u.ui_user_name, NULL
   FROM p f LEFT JOIN users u ON u.snapshot_id = $from AND u.ui_identity_id = f.principal_id
   WHERE f.snapshot_id = $from AND NOT EXISTS (SELECT 1 FROM p t WHERE t.snapshot_id = $to AND t.principal_type = f.principal_type AND t.principal_id = f.principal_id)`,
  // API clients and credentials
  `SELECT 'api_clients', 'added', 'api_client', t.client_id, t.client_name, format('{} created {} by {}', t.client_type, strftime(t.created_date, '%Y-%m-%d'), t.created_by) FROM api_clients t
   WHERE t.snapshot_id = $to AND NOT EXISTS (SELECT 1 FROM api_clients f WHERE f.snapshot_id = $from AND f.client_id = t.client_id)`,
  `SELECT 'api_clients', 'removed', 'api_client', f.client_id, f.client_name, f.client_type FROM api_clients f
   WHERE f.snapshot_id = $from AND NOT EXISTS (SELECT 1 FROM api_clients t WHERE t.snapshot_id = $to AND t.client_id = f.client_id)`,
  `SELECT 'credentials', 'added', 'credential', t.credential_id::VARCHAR, t.client_token, format('{} of {}, created {}', t.status, t.client_id, strftime(t.created_on, '%Y-%m-%d'))
   FROM credentials t WHERE t.snapshot_id = $to AND NOT EXISTS (SELECT 1 FROM credentials f WHERE f.snapshot_id = $from AND f.credential_id = t.credential_id)`,
  `SELECT 'credentials', 'removed', 'credential', f.credential_id::VARCHAR, f.client_token, format('{} of {}', f.status, f.client_id)
   FROM credentials f WHERE f.snapshot_id = $from AND NOT EXISTS (SELECT 1 FROM credentials t WHERE t.snapshot_id = $to AND t.credential_id = f.credential_id)`,
  `SELECT 'credentials', 'status changed', 'credential', t.credential_id::VARCHAR, t.client_token, format('{} → {} ({})', f.status, t.status, t.client_id)
   FROM credentials t JOIN credentials f ON f.snapshot_id = $from AND f.credential_id = t.credential_id
   WHERE t.snapshot_id = $to AND f.status <> t.status`,
  `SELECT 'credentials', 'expired', 'credential', t.credential_id::VARCHAR, t.client_token, format('{} credential of {} expired {}', t.status, t.client_id, strftime(t.expires_on, '%Y-%m-%d'))
   FROM credentials t
   WHERE t.snapshot_id = $to AND t.status <> 'DELETED'
     AND t.expires_on <= (SELECT started_at FROM snapshots WHERE snapshot_id = $to)
     AND t.expires_on > (SELECT started_at FROM snapshots WHERE snapshot_id = $from)`,
  // the Control Center allowlist
  `SELECT 'allowlist', CASE WHEN t.enabled THEN 'enabled' ELSE 'disabled' END, 'account', s.account_id, s.account_name, NULL
   FROM allowlist t JOIN allowlist f ON f.snapshot_id = $from JOIN snapshots s ON s.snapshot_id = $to
   WHERE t.snapshot_id = $to AND t.enabled <> f.enabled`,
  `SELECT 'allowlist', 'block added', 'cidr_block', t.cidr_block_id::VARCHAR, t.cidr_block, format('{} "{}" by {}', CASE WHEN t.enabled THEN 'enabled' ELSE 'disabled' END, t.comments, t.created_by)
   FROM cidr_blocks t WHERE t.snapshot_id = $to AND NOT EXISTS (SELECT 1 FROM cidr_blocks f WHERE f.snapshot_id = $from AND f.cidr_block_id = t.cidr_block_id)`,
  `SELECT 'allowlist', 'block removed', 'cidr_block', f.cidr_block_id::VARCHAR, f.cidr_block, format('"{}"', f.comments)
   FROM cidr_blocks f WHERE f.snapshot_id = $from AND NOT EXISTS (SELECT 1 FROM cidr_blocks t WHERE t.snapshot_id = $to AND t.cidr_block_id = f.cidr_block_id)`,
  `SELECT 'allowlist', 'block changed', 'cidr_block', t.cidr_block_id::VARCHAR, t.cidr_block,
          concat_ws('; ', CASE WHEN f.cidr_block <> t.cidr_block THEN format('{} → {}', f.cidr_block, t.cidr_block) END,
                    CASE WHEN f.enabled <> t.enabled THEN CASE WHEN t.enabled THEN 'enabled' ELSE 'disabled' END END,
                    CASE WHEN f.comments IS DISTINCT FROM t.comments THEN format('comment "{}" → "{}"', f.comments, t.comments) END)
   FROM cidr_blocks t JOIN cidr_blocks f ON f.snapshot_id = $from AND f.cidr_block_id = t.cidr_block_id
   WHERE t.snapshot_id = $to AND (f.cidr_block <> t.cidr_block OR f.enabled <> t.enabled OR f.comments IS DISTINCT FROM t.comments)`,
  // findings: new, resolved, persisting (with the date first seen)
  `SELECT 'findings', CASE WHEN f.check_id IS NULL THEN 'new' ELSE 'persisting' END, t.resource_type, t.resource_id, t.resource_name,
          format('{} [{}] {}; first seen {}', t.check_id, t.severity, t.reason, strftime(t.first_seen, '%Y-%m-%d'))
   FROM findings t LEFT JOIN findings f ON f.snapshot_id = $from AND f.check_id = t.check_id AND f.resource_id = t.resource_id
   WHERE t.snapshot_id = $to AND t.status = 'open'`,
  `SELECT 'findings', 'resolved', f.resource_type, f.resource_id, f.resource_name, format('{} [{}] {}; first seen {}', f.check_id, f.severity, f.reason, strftime(f.first_seen, '%Y-%m-%d'))
   FROM findings f WHERE f.snapshot_id = $from AND f.status = 'open'
     AND NOT EXISTS (SELECT 1 FROM findings t WHERE t.snapshot_id = $to AND t.check_id = f.check_id AND t.resource_id = f.resource_id AND t.status = 'open')`,
];

export interface DiffSummary {
  from: SnapshotInfo;
  to: SnapshotInfo;
  /** category → change → count */
  counts: Record<string, Record<string, number>>;
  total: number;
}

/** Diffs two snapshots of one account (both analyzed) and stores the changes in snapshot_diffs. */
export async function diffSnapshots(store: Store, fromId: number, toId: number): Promise<DiffSummary> {
  const [from, to] = await Promise.all([snapshotInfo(store, fromId), snapshotInfo(store, toId)]);
  if (from.accountId !== to.accountId) {
    throw new UserError(`Snapshots ${fromId} (${from.accountName ?? from.accountId}) and ${toId} (${to.accountName ?? to.accountId}) are of different accounts: diff two snapshots of one account.`);
  }
  if (from.asOf > to.asOf) throw new UserError(`Snapshot ${fromId} is newer than ${toId}: pass the older one as --from.`);
  await prepareAccessDiff(store, fromId, toId);
  await store.run('BEGIN TRANSACTION');
  try {
    await store.run('DELETE FROM snapshot_diffs WHERE from_snapshot_id = $from AND to_snapshot_id = $to', { from: fromId, to: toId });
    for (const q of DIFF_QUERIES) {
      await store.run(`INSERT INTO snapshot_diffs SELECT $from, $to, * FROM (${q})`, { from: fromId, to: toId });
    }
    await store.run('COMMIT');
  } catch (err) {
    await store.run('ROLLBACK');
    throw err;
  }
  const rows = await store.query<{ category: string; change: string; n: number }>(
    `SELECT category, change, count(*)::INTEGER AS n FROM snapshot_diffs WHERE from_snapshot_id = $from AND to_snapshot_id = $to GROUP BY ALL ORDER BY ALL`,
    { from: fromId, to: toId });
  const counts: DiffSummary['counts'] = {};
  for (const r of rows) (counts[r.category] ??= {})[r.change] = r.n;
  return { from, to, counts, total: rows.reduce((n, r) => n + r.n, 0) };
}

/**
 * Effective access can only differ for a principal whose grant nodes differ, or who has a grant
 * above a group that was added, removed or moved. Only their grant nodes go into
 * diff_grant_nodes, so the diff computes a fraction of the account's access.
 */
async function prepareAccessDiff(store: Store, from: number, to: number): Promise<void> {
  await store.run(`CREATE OR REPLACE TEMP TABLE diff_grant_nodes AS
    WITH g AS (SELECT * FROM principal_grants WHERE snapshot_id IN ($from, $to)),
    nodes AS (SELECT snapshot_id, principal_type, principal_id, group_id, role_id, is_blocked, nesting_depth FROM g),
    regrouped AS (
      (SELECT group_id, parent_group_id FROM groups WHERE snapshot_id = $to EXCEPT SELECT group_id, parent_group_id FROM groups WHERE snapshot_id = $from)
      UNION
      (SELECT group_id, parent_group_id FROM groups WHERE snapshot_id = $from EXCEPT SELECT group_id, parent_group_id FROM groups WHERE snapshot_id = $to)),
    changed AS (
      SELECT principal_type, principal_id FROM (
        (SELECT * EXCLUDE snapshot_id FROM nodes WHERE snapshot_id = $to EXCEPT SELECT * EXCLUDE snapshot_id FROM nodes WHERE snapshot_id = $from)
        UNION ALL
        (SELECT * EXCLUDE snapshot_id FROM nodes WHERE snapshot_id = $from EXCEPT SELECT * EXCLUDE snapshot_id FROM nodes WHERE snapshot_id = $to))
      UNION
      SELECT g.principal_type, g.principal_id FROM g
      JOIN group_closure c ON c.snapshot_id = g.snapshot_id AND c.ancestor_id = g.group_id
      WHERE c.group_id IN (SELECT group_id FROM regrouped))
    SELECT g.* FROM g JOIN changed USING (principal_type, principal_id)`, { from, to });
}

/** For each account, its two latest complete snapshots (older first); accounts with one are skipped. */
export async function latestPairs(store: Store): Promise<[number, number][]> {
  const rows = await store.query<{ a: number; b: number }>(
    `WITH ranked AS (
       SELECT snapshot_id, coalesce(account_id, account_switch_key, '') AS account,
              row_number() OVER (PARTITION BY coalesce(account_id, account_switch_key, '') ORDER BY started_at DESC, snapshot_id DESC) AS k
       FROM snapshots WHERE status = 'complete')
     SELECT older.snapshot_id AS a, newer.snapshot_id AS b FROM ranked newer JOIN ranked older ON older.account = newer.account AND older.k = 2
     WHERE newer.k = 1 ORDER BY b`);
  return rows.map((r) => [r.a, r.b]);
}
