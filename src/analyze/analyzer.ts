/**
 * Runs the check catalogue over snapshots already in DuckDB (never the API): materialises the
 * configured definition of "privileged", runs every enabled check with its thresholds as SQL
 * parameters, applies suppressions, carries first-seen dates forward from the account's previous
 * analysis, evaluates the frameworks, and stores it all per snapshot in one transaction.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { globMatch, SEVERITIES, type AuditConfig, type Severity } from '../config.js';
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

export interface SnapshotAnalysis {
  snapshot: SnapshotInfo;
  findings: Finding[];
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
async function previousFindings(store: Store, s: SnapshotInfo): Promise<Map<string, { firstSeen: string; firstSeenSnapshotId: number }>> {
  const prev = await store.query<{ snapshot_id: number }>(
    `SELECT s.snapshot_id FROM snapshots s
     WHERE s.status = 'complete' AND s.snapshot_id <> $id AND s.account_id IS NOT DISTINCT FROM $account
       AND s.started_at < $as_of::TIMESTAMPTZ AND EXISTS (SELECT 1 FROM analyses a WHERE a.snapshot_id = s.snapshot_id)
     ORDER BY s.started_at DESC LIMIT 1`, { id: s.snapshotId, account: s.accountId, as_of: s.asOf });
  const out = new Map<string, { firstSeen: string; firstSeenSnapshotId: number }>();
  if (!prev.length) return out;
  const rows = await store.query<{ check_id: string; resource_id: string; first_seen: string; first_seen_snapshot_id: number }>(
    `SELECT check_id, resource_id, strftime(first_seen, '%Y-%m-%dT%H:%M:%SZ') AS first_seen, first_seen_snapshot_id FROM findings WHERE snapshot_id = $id`,
    { id: prev[0].snapshot_id });
  for (const r of rows) out.set(`${r.check_id}\u0000${r.resource_id}`, { firstSeen: r.first_seen, firstSeenSnapshotId: r.first_seen_snapshot_id });
  return out;
}

const asText = (v: unknown) => (v === null || v === undefined ? null : String(v));

export async function analyzeSnapshot(store: Store, config: AuditConfig, snapshotId: number, analyzedAt = new Date()): Promise<SnapshotAnalysis> {
  const snapshot = await snapshotInfo(store, snapshotId);
  const checks = loadChecks();
  const frameworks = loadFrameworks();
  const params = checkParameters(config, snapshot);
  const previous = await previousFindings(store, snapshot);
  const asOfDate = snapshot.asOf.slice(0, 10);

  await store.run('BEGIN TRANSACTION');
  try {
    for (const t of ['findings', 'check_results', 'framework_results', 'privileged_roles']) {
      await store.run(`DELETE FROM ${t} WHERE snapshot_id = $id`, { id: snapshotId });
    }
    await materialisePrivilegedRoles(store, config, snapshotId);

    const findings: Finding[] = [];
    const results: CheckResult[] = [];
    const suppressionUse = config.suppressions.map(() => ({ matched: 0, expired: 0 }));
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
      let rows: Record<string, unknown>[];
      try {
        rows = await store.query(check.sql, paramsFor(check, params));
      } catch (err) {
        throw new Error(`check ${check.id} (${check.file}) failed: ${(err as Error).message}`);
      }
      let open = 0;
      for (const row of rows) {
        const { resource_type, resource_id, resource_name, reason, ...details } = row;
        if (resource_id === null || resource_id === undefined || reason === null || reason === undefined) {
          throw new Error(`check ${check.id} returned a row without resource_id or reason: ${JSON.stringify(row)}`);
        }
        const resourceId = String(resource_id);
        const resourceName = asText(resource_name);
        const idx = config.suppressions.findIndex((sp) => sp.check === check.id
          && (globMatch(sp.resource, resourceId) || (resourceName !== null && globMatch(sp.resource, resourceName))));
        const sup = idx >= 0 ? config.suppressions[idx] : undefined;
        const expired = !!sup && sup.expires < asOfDate;
        if (sup) {
          suppressionUse[idx].matched += 1;
          if (expired) suppressionUse[idx].expired += 1;
        }
        const status = sup && !expired ? 'suppressed' : 'open';
        if (status === 'open') open += 1;
        const prev = previous.get(`${check.id}\u0000${resourceId}`);
        findings.push({
          snapshotId, checkId: check.id, severity, resourceType: String(resource_type), resourceId, resourceName, reason: String(reason),
          details, status, suppressionReason: sup?.reason ?? null, suppressionOwner: sup?.owner ?? null, suppressionExpires: sup?.expires ?? null,
          suppressionExpired: expired, firstSeen: prev?.firstSeen ?? snapshot.asOf, firstSeenSnapshotId: prev?.firstSeenSnapshotId ?? snapshotId,
        });
      }
      results.push({ ...base, status: 'evaluated', note: null, findings: rows.length, openFindings: open });
    }

    for (const f of findings) {
      await store.append('findings', {
        snapshot_id: f.snapshotId, check_id: f.checkId, severity: f.severity, resource_type: f.resourceType, resource_id: f.resourceId,
        resource_name: f.resourceName, reason: f.reason, details: JSON.stringify(f.details), status: f.status,
        suppression_reason: f.suppressionReason, suppression_owner: f.suppressionOwner, suppression_expires: f.suppressionExpires,
        suppression_expired: f.suppressionExpired, first_seen: f.firstSeen, first_seen_snapshot_id: f.firstSeenSnapshotId,
      });
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
    await store.run(
      `INSERT INTO analyses (snapshot_id, analyzed_at, as_of, tool_version, config_file, config, checks_evaluated, open_findings, suppressed_findings)
       VALUES ($id, $at::TIMESTAMPTZ, $as_of::TIMESTAMPTZ, $version, $file, $config, $evaluated, $open, $suppressed)`,
      { id: snapshotId, at: analyzedAt.toISOString(), as_of: snapshot.asOf, version: TOOL_VERSION, file: config.file ?? null,
        config: JSON.stringify({ ...config, file: undefined }), evaluated: results.filter((r) => r.status === 'evaluated').length,
        open: findings.filter((f) => f.status === 'open').length, suppressed: findings.filter((f) => f.status === 'suppressed').length });
    await store.run('COMMIT');
    return {
      snapshot, findings, checks: results, frameworks: fw,
      expiredSuppressions: config.suppressions.flatMap((sp, i) => suppressionUse[i].expired
        ? [{ check: sp.check, resource: sp.resource, owner: sp.owner, expires: sp.expires, findings: suppressionUse[i].expired }] : []),
      unusedSuppressions: config.suppressions.flatMap((sp, i) => (suppressionUse[i].matched ? [] : [{ check: sp.check, resource: sp.resource }])),
    };
  } catch (err) {
    await store.abandonAppends();
    await store.run('ROLLBACK');
    throw err;
  }
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
