/**
 * Runs the check catalogue over snapshots already in DuckDB (never the API): materialises the
 * configured definition of "privileged", runs every enabled check with its thresholds as SQL
 * parameters, applies suppressions, carries first-seen dates forward from the account's previous
 * analysis, evaluates the frameworks, and stores it all per snapshot in one transaction.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { SEVERITIES, type AuditConfig, type Severity } from '../config.js';
import type { Store } from '../store/store.js';
import { TOOL_VERSION } from '../version.js';
import { UserError } from '../errors.js';
import { loadChecks, type Check } from './catalog.js';
import { evaluateFrameworks, loadFrameworks, type RequirementResult } from './frameworks.js';

export const VIEWS_DIR = new URL('./views/', import.meta.url);

export interface Finding {
  snapshotId: number;
  checkId: string;
  severity: Severity;
  resourceType: string;
  resourceId: string;
  resourceName: string | null;
  reason: string;
  details: Record<string, unknown>;
  status: 'open' | 'suppressed';
  suppressionReason: string | null;
  suppressionOwner: string | null;
  suppressionExpires: string | null;
  suppressionExpired: boolean;
  firstSeen: string;
  firstSeenSnapshotId: number;
}

export interface CheckResult {
  checkId: string;
  title: string;
  severity: Severity;
  resourceType: string;
  status: 'evaluated' | 'not_evaluated' | 'disabled';
  note: string | null;
  findings: number;
  openFindings: number;
}

export interface SnapshotInfo {
  snapshotId: number;
  accountId: string | null;
  accountName: string | null;
  accountSwitchKey: string | null;
  asOf: string;
}

/** What an analysis concluded; the findings themselves stay in DuckDB (`loadFindings` reads them). */
export interface SnapshotAnalysis {
  snapshot: SnapshotInfo;
  /** Open findings per severity. */
  open: Record<Severity, number>;
  suppressed: number;
  checks: CheckResult[];
  frameworks: RequirementResult[];
  /** Suppressions that matched a finding but have expired: the finding is open again. */
  expiredSuppressions: { check: string; resource: string; owner: string; expires: string; findings: number }[];
  /** Suppressions that matched no finding of this snapshot. */
  unusedSuppressions: { check: string; resource: string }[];
}

/** Creates or refreshes the derived views (effective_access and its helpers) in the DuckDB file. */
export async function ensureViews(store: Store): Promise<void> {
  for (const f of readdirSync(VIEWS_DIR).filter((n) => n.endsWith('.sql')).sort()) {
    await store.run(readFileSync(new URL(f, VIEWS_DIR), 'utf8'));
  }
}

export async function snapshotInfo(store: Store, snapshotId: number): Promise<SnapshotInfo> {
  const rows = await store.query<{ snapshot_id: number; account_id: string | null; account_name: string | null; account_switch_key: string | null; as_of: string; status: string }>(
    `SELECT snapshot_id, account_id, account_name, account_switch_key, strftime(started_at, '%Y-%m-%dT%H:%M:%SZ') AS as_of, status
     FROM snapshots WHERE snapshot_id = $id`, { id: snapshotId });
  if (!rows.length) throw new UserError(`No snapshot ${snapshotId} in ${store.file}: \`iam-audit analyze --db ${store.file}\` without --snapshot uses the latest of each account.`);
  if (rows[0].status !== 'complete') throw new UserError(`Snapshot ${snapshotId} is ${rows[0].status}, not complete: only complete snapshots can be analyzed.`);
  const r = rows[0];
  return { snapshotId: r.snapshot_id, accountId: r.account_id, accountName: r.account_name, accountSwitchKey: r.account_switch_key, asOf: r.as_of };
}

/** The latest complete snapshot of every account in the file, oldest account first. */
export async function latestSnapshots(store: Store): Promise<number[]> {
  const rows = await store.query<{ snapshot_id: number }>(
    `SELECT snapshot_id FROM snapshots WHERE status = 'complete'
     QUALIFY row_number() OVER (PARTITION BY coalesce(account_id, account_switch_key, '') ORDER BY started_at DESC, snapshot_id DESC) = 1
     ORDER BY snapshot_id`);
  if (!rows.length) throw new UserError(`${store.file} has no complete snapshot: run \`iam-audit extract --db ${store.file}\` first.`);
  return rows.map((r) => r.snapshot_id);
}

function anyOf(patterns: string[]): string {
  // RE2 has no "never matches" shorthand; an empty character class is one.
  return patterns.length ? `(?i)(${patterns.map((p) => `(?:${p})`).join('|')})` : '[^\\s\\S]';
}

function domainPattern(domains: string[]): string {
  return domains.length
    ? `(${domains.map((d) => d.toLowerCase().replace(/[.+^${}()|[\]\\?]/g, '\\$&').replace(/\*/g, '.*')).join('|')})`
    : '[^\\s\\S]';
}

/** Every value a check may name as a `$parameter`. */
export function checkParameters(config: AuditConfig, snapshot: SnapshotInfo): Record<string, unknown> {
  return {
    snapshot_id: snapshot.snapshotId,
    as_of: snapshot.asOf,
    ...config.thresholds,
    allowed_email_domain_pattern: domainPattern(config.allowed_email_domains),
    shared_account_pattern: anyOf(config.shared_account_patterns),
  };
}

function paramsFor(check: Check, all: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of check.parameters) {
    if (!(p in all)) throw new Error(`${check.file} uses $${p}, which no config value provides`);
    out[p] = all[p];
  }
  return out;
}

async function materialisePrivilegedRoles(store: Store, config: AuditConfig, snapshotId: number): Promise<void> {
  await store.run(
    `INSERT INTO privileged_roles
     SELECT r.snapshot_id, r.role_id, r.role_name,
            CASE WHEN list_contains(ids.l, r.role_id) THEN 'role id listed in config'
                 WHEN regexp_matches(r.role_name, $role_pattern) THEN 'role name matches'
                 ELSE 'granted role ' || (SELECT string_agg(g.granted_role_name, ', ' ORDER BY g.granted_role_name) FROM role_granted_roles g
                                          WHERE g.snapshot_id = r.snapshot_id AND g.role_id = r.role_id AND regexp_matches(g.granted_role_name, $granted_pattern)) END
     FROM roles r, (SELECT CASE WHEN $role_ids = '' THEN []::BIGINT[] ELSE string_split($role_ids, ',')::BIGINT[] END AS l) ids
     WHERE r.snapshot_id = $snapshot_id
       AND (list_contains(ids.l, r.role_id) OR regexp_matches(r.role_name, $role_pattern)
            OR EXISTS (SELECT 1 FROM role_granted_roles g WHERE g.snapshot_id = r.snapshot_id AND g.role_id = r.role_id
                       AND regexp_matches(g.granted_role_name, $granted_pattern)))`,
    { snapshot_id: snapshotId, role_ids: config.privileged.role_ids.join(','), role_pattern: anyOf(config.privileged.role_name_patterns),
      granted_pattern: anyOf(config.privileged.granted_role_name_patterns) });
}

/** The previous analyzed snapshot of the same account: its findings carry first-seen dates forward. */
async function previousAnalyzed(store: Store, s: SnapshotInfo): Promise<number> {
  const prev = await store.query<{ snapshot_id: number }>(
    `SELECT s.snapshot_id FROM snapshots s
     WHERE s.status = 'complete' AND s.snapshot_id <> $id AND s.account_id IS NOT DISTINCT FROM $account
       AND s.started_at < $as_of::TIMESTAMPTZ AND EXISTS (SELECT 1 FROM analyses a WHERE a.snapshot_id = s.snapshot_id)
     ORDER BY s.started_at DESC LIMIT 1`, { id: s.snapshotId, account: s.accountId, as_of: s.asOf });
  return prev[0]?.snapshot_id ?? -1;
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * The statement that stores one check's findings: the check's own SQL as a subquery, its extra
 * columns as `details`, the first matching suppression (by id or name glob, in config order), and
 * first_seen carried from the previous analysis. Findings never leave DuckDB on the way.
 */
function findingsInsert(check: Check, extraColumns: string[]): string {
  const details = extraColumns.length ? `to_json(struct_pack(${extraColumns.map((c) => `${ident(c)} := q.${ident(c)}`).join(', ')}))` : 'NULL';
  return `INSERT INTO findings
    WITH q AS (${check.sql.replace(/;\s*$/, '')}),
    f AS (SELECT q.resource_type::VARCHAR AS resource_type, q.resource_id::VARCHAR AS resource_id, q.resource_name::VARCHAR AS resource_name,
                 q.reason::VARCHAR AS reason, ${details} AS details FROM q),
    m AS (SELECT f.*, (SELECT min(sp.idx) FROM suppression_rules sp WHERE sp.check_id = $__check
                        AND (f.resource_id GLOB sp.pattern OR f.resource_name GLOB sp.pattern)) AS rule FROM f)
    SELECT $__snapshot, $__check, $__severity, m.resource_type, m.resource_id, m.resource_name, m.reason, m.details,
           CASE WHEN sp.idx IS NOT NULL AND sp.expires >= $__as_of_date::DATE THEN 'suppressed' ELSE 'open' END,
           sp.reason, sp.owner, sp.expires, coalesce(sp.expires < $__as_of_date::DATE, false),
           coalesce(p.first_seen, $__as_of::TIMESTAMPTZ), coalesce(p.first_seen_snapshot_id, $__snapshot)
    FROM m
    LEFT JOIN suppression_rules sp ON sp.idx = m.rule
    LEFT JOIN findings p ON p.snapshot_id = $__previous AND p.check_id = $__check AND p.resource_id = m.resource_id`;
}

async function loadSuppressions(store: Store, config: AuditConfig): Promise<void> {
  await store.run('CREATE OR REPLACE TEMP TABLE suppression_rules (idx INTEGER, check_id VARCHAR, pattern VARCHAR, reason VARCHAR, owner VARCHAR, expires DATE)');
  for (const [idx, sp] of config.suppressions.entries()) {
    await store.run('INSERT INTO suppression_rules VALUES ($idx, $check, $pattern, $reason, $owner, $expires::DATE)',
      { idx, check: sp.check, pattern: sp.resource, reason: sp.reason, owner: sp.owner, expires: sp.expires });
  }
}

export async function analyzeSnapshot(store: Store, config: AuditConfig, snapshotId: number, analyzedAt = new Date()): Promise<SnapshotAnalysis> {
  const snapshot = await snapshotInfo(store, snapshotId);
  const checks = loadChecks();
  const frameworks = loadFrameworks();
  const params = checkParameters(config, snapshot);
  const previous = await previousAnalyzed(store, snapshot);
  await loadSuppressions(store, config);

  await store.run('BEGIN TRANSACTION');
  try {
    for (const t of ['findings', 'check_results', 'framework_results', 'privileged_roles']) {
      await store.run(`DELETE FROM ${t} WHERE snapshot_id = $id`, { id: snapshotId });
    }
    await materialisePrivilegedRoles(store, config, snapshotId);

    const results: CheckResult[] = [];
    for (const check of checks) {
      const severity = config.severity[check.id] ?? check.severity;
      const base = { checkId: check.id, title: check.title, severity, resourceType: check.resourceType };
      if (config.disabled_checks.includes(check.id)) {
        results.push({ ...base, status: 'disabled', note: 'disabled in config', findings: 0, openFindings: 0 });
        continue;
      }
      const missing = check.requires.filter((k) => !(config[k as keyof AuditConfig] as unknown[] | undefined)?.length);
      if (missing.length) {
        results.push({ ...base, status: 'not_evaluated', note: `needs ${missing.join(', ')} in the config`, findings: 0, openFindings: 0 });
        continue;
      }
      const own = paramsFor(check, params);
      try {
        const columns = await store.columnsOf(`SELECT * FROM (${check.sql.replace(/;\s*$/, '')}) LIMIT 0`, own);
        for (const c of ['resource_type', 'resource_id', 'resource_name', 'reason']) if (!columns.includes(c)) throw new Error(`it returns no ${c} column`);
        await store.run(findingsInsert(check, columns.filter((c) => !['resource_type', 'resource_id', 'resource_name', 'reason'].includes(c))), {
          ...own, __snapshot: snapshotId, __check: check.id, __severity: severity, __as_of: snapshot.asOf,
          __as_of_date: snapshot.asOf.slice(0, 10), __previous: previous,
        });
      } catch (err) {
        throw new Error(`check ${check.id} (${check.file}) failed: ${(err as Error).message}`);
      }
      const [n] = await store.query<{ total: number; open: number; bad: number }>(
        `SELECT count(*)::INTEGER AS total, count(*) FILTER (WHERE status = 'open')::INTEGER AS open,
                count(*) FILTER (WHERE resource_id IS NULL OR reason IS NULL)::INTEGER AS bad
         FROM findings WHERE snapshot_id = $id AND check_id = $check`, { id: snapshotId, check: check.id });
      if (n.bad) throw new Error(`check ${check.id} returned ${n.bad} row(s) without resource_id or reason`);
      results.push({ ...base, status: 'evaluated', note: null, findings: n.total, openFindings: n.open });
    }

    for (const r of results) {
      await store.append('check_results', { snapshot_id: snapshotId, check_id: r.checkId, title: r.title, severity: r.severity,
        resource_type: r.resourceType, status: r.status, note: r.note, findings: r.findings, open_findings: r.openFindings });
    }
    const fw = evaluateFrameworks(frameworks, results, config);
    for (const r of fw) {
      await store.append('framework_results', { snapshot_id: snapshotId, framework_id: r.frameworkId, framework_name: r.frameworkName,
        requirement_id: r.requirementId, requirement_title: r.requirementTitle, status: r.status, weakened: r.weakened, note: r.note,
        check_ids: r.checkIds, open_findings: r.openFindings });
    }
    await store.flushAppends();
    const counts = await severityCounts(store, snapshotId);
    const use = await suppressionUse(store, snapshotId);
    await store.run(
      `INSERT INTO analyses (snapshot_id, analyzed_at, as_of, tool_version, config_file, config, checks_evaluated, open_findings, suppressed_findings)
       VALUES ($id, $at::TIMESTAMPTZ, $as_of::TIMESTAMPTZ, $version, $file, $config, $evaluated, $open, $suppressed)`,
      { id: snapshotId, at: analyzedAt.toISOString(), as_of: snapshot.asOf, version: TOOL_VERSION, file: config.file ?? null,
        config: JSON.stringify({ ...config, file: undefined }), evaluated: results.filter((r) => r.status === 'evaluated').length,
        open: Object.values(counts.open).reduce((a, b) => a + b, 0), suppressed: counts.suppressed });
    await store.run('COMMIT');
    return {
      snapshot, checks: results, frameworks: fw, open: counts.open, suppressed: counts.suppressed,
      expiredSuppressions: config.suppressions.flatMap((sp, i) => use.get(i)?.expired
        ? [{ check: sp.check, resource: sp.resource, owner: sp.owner, expires: sp.expires, findings: use.get(i)!.expired }] : []),
      unusedSuppressions: config.suppressions.flatMap((sp, i) => (use.get(i)?.matched ? [] : [{ check: sp.check, resource: sp.resource }])),
    };
  } catch (err) {
    await store.abandonAppends();
    await store.run('ROLLBACK');
    throw err;
  }
}

async function severityCounts(store: Store, snapshotId: number): Promise<{ open: Record<Severity, number>; suppressed: number }> {
  const rows = await store.query<{ severity: Severity; status: string; n: number }>(
    'SELECT severity, status, count(*)::INTEGER AS n FROM findings WHERE snapshot_id = $id GROUP BY ALL', { id: snapshotId });
  const open = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  let suppressed = 0;
  for (const r of rows) {
    if (r.status === 'open') open[r.severity] += r.n;
    else suppressed += r.n;
  }
  return { open, suppressed };
}

/** How many findings each suppression (by config position) matched first, and how many of those had expired. */
async function suppressionUse(store: Store, snapshotId: number): Promise<Map<number, { matched: number; expired: number }>> {
  const rows = await store.query<{ idx: number; matched: number; expired: number }>(
    `SELECT m.rule AS idx, count(*)::INTEGER AS matched, count(*) FILTER (WHERE f.suppression_expired)::INTEGER AS expired
     FROM findings f, LATERAL (SELECT min(sp.idx) AS rule FROM suppression_rules sp WHERE sp.check_id = f.check_id
                               AND (f.resource_id GLOB sp.pattern OR f.resource_name GLOB sp.pattern)) m
     WHERE f.snapshot_id = $id AND m.rule IS NOT NULL GROUP BY m.rule`, { id: snapshotId });
  return new Map(rows.map((r) => [r.idx, r]));
}

/** The stored findings of snapshots, most severe first. */
export async function loadFindings(store: Store, snapshotIds: number[]): Promise<Finding[]> {
  if (!snapshotIds.length) return [];
  const rows = await store.query<Record<string, unknown>>(
    `SELECT snapshot_id, check_id, severity, resource_type, resource_id, resource_name, reason, details, status, suppression_reason,
            suppression_owner, strftime(suppression_expires, '%Y-%m-%d') AS suppression_expires, suppression_expired,
            strftime(first_seen, '%Y-%m-%dT%H:%M:%SZ') AS first_seen, first_seen_snapshot_id
     FROM findings WHERE list_contains($ids::INTEGER[], snapshot_id)
     ORDER BY snapshot_id, CASE severity ${SEVERITIES.map((s, i) => `WHEN '${s}' THEN ${i}`).join(' ')} END, check_id, resource_id`,
    { ids: `[${snapshotIds.join(',')}]` });
  return rows.map((r) => ({
    snapshotId: r.snapshot_id as number, checkId: r.check_id as string, severity: r.severity as Severity, resourceType: r.resource_type as string,
    resourceId: r.resource_id as string, resourceName: (r.resource_name as string | null) ?? null, reason: r.reason as string,
    details: r.details ? JSON.parse(r.details as string) : {}, status: r.status as Finding['status'],
    suppressionReason: (r.suppression_reason as string | null) ?? null, suppressionOwner: (r.suppression_owner as string | null) ?? null,
    suppressionExpires: (r.suppression_expires as string | null) ?? null, suppressionExpired: r.suppression_expired as boolean,
    firstSeen: r.first_seen as string, firstSeenSnapshotId: r.first_seen_snapshot_id as number,
  }));
}

/** Analyzes snapshots oldest first, so each can carry first-seen dates from the one before. */
export async function analyze(store: Store, config: AuditConfig, snapshotIds: number[], analyzedAt = new Date()): Promise<SnapshotAnalysis[]> {
  await ensureViews(store);
  const infos = await Promise.all(snapshotIds.map((id) => snapshotInfo(store, id)));
  infos.sort((a, b) => a.asOf.localeCompare(b.asOf) || a.snapshotId - b.snapshotId);
  const out: SnapshotAnalysis[] = [];
  for (const s of infos) out.push(await analyzeSnapshot(store, config, s.snapshotId, analyzedAt));
  return out;
}

export const SEVERITY_RANK: Record<Severity, number> = Object.fromEntries(SEVERITIES.map((s, i) => [s, SEVERITIES.length - i])) as Record<Severity, number>;
