/** Turns analyses and diffs into what a terminal shows and what --json writes. */
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { SEVERITIES } from '../config.js';
import { table } from '../cli/table.js';
import type { Finding, SnapshotAnalysis } from './analyzer.js';
import type { DiffSummary } from './diff.js';

export function snapshotLabel(s: SnapshotAnalysis['snapshot']): string {
  return `snapshot ${s.snapshotId} · ${s.accountName ?? s.accountId ?? 'unknown account'}${s.accountId ? ` (${s.accountId})` : ''} · as of ${s.asOf.slice(0, 10)}`;
}

export function formatAnalysis(a: SnapshotAnalysis): string {
  const out: string[] = [];
  const open = Object.values(a.open).reduce((x, y) => x + y, 0);
  out.push(`${snapshotLabel(a.snapshot)}: ${open} open finding(s)${a.suppressed ? `, ${a.suppressed} suppressed` : ''}`);
  out.push(`  by severity: ${SEVERITIES.map((s) => `${s} ${a.open[s]}`).join(' · ')}`);
  const rows = [['check', 'severity', 'open', 'suppressed']];
  for (const c of a.checks) {
    if (c.status !== 'evaluated') continue;
    if (c.findings === 0) continue;
    rows.push([c.checkId, c.severity, String(c.openFindings), String(c.findings - c.openFindings)]);
  }
  if (rows.length > 1) out.push(table(rows).replace(/^/gm, '  '));
  const skipped = a.checks.filter((c) => c.status !== 'evaluated');
  if (skipped.length) out.push(`  not run: ${skipped.map((c) => `${c.checkId} (${c.note})`).join('; ')}`);
  const fw = new Map<string, { name: string; pass: number; fail: number; na: number; weakened: number }>();
  for (const r of a.frameworks) {
    const e = fw.get(r.frameworkId) ?? { name: r.frameworkName, pass: 0, fail: 0, na: 0, weakened: 0 };
    if (r.status === 'pass') e.pass++;
    else if (r.status === 'fail') e.fail++;
    else e.na++;
    if (r.weakened) e.weakened++;
    fw.set(r.frameworkId, e);
  }
  for (const e of fw.values()) {
    out.push(`  ${e.name}: ${e.pass} pass, ${e.fail} fail, ${e.na} not evaluated${e.weakened ? `, ${e.weakened} weakened by configuration` : ''}`);
  }
  for (const s of a.expiredSuppressions) {
    out.push(`  EXPIRED suppression: ${s.check} ${s.resource} (owner ${s.owner}, expired ${s.expires}): ${s.findings} finding(s) open again`);
  }
  return out.join('\n');
}

/** Suppressions that matched nothing in any snapshot of the run: stale config worth deleting. */
export function unusedSuppressions(analyses: SnapshotAnalysis[]): { check: string; resource: string }[] {
  if (!analyses.length) return [];
  const key = (s: { check: string; resource: string }) => `${s.check}\u0000${s.resource}`;
  const unusedEverywhere = analyses.map((a) => new Set(a.unusedSuppressions.map(key)));
  return analyses[0].unusedSuppressions.filter((s) => unusedEverywhere.every((set) => set.has(key(s))));
}

export function formatRunNotes(analyses: SnapshotAnalysis[]): string {
  return unusedSuppressions(analyses).map((s) => `unused suppression: ${s.check} ${s.resource} matched no finding in any analyzed snapshot`).join('\n');
}

export function formatDiff(d: DiffSummary): string {
  const out = [`changes from snapshot ${d.from.snapshotId} (${d.from.asOf.slice(0, 10)}) to ${d.to.snapshotId} (${d.to.asOf.slice(0, 10)}) · ${d.to.accountName ?? d.to.accountId}: ${d.total} change(s)`];
  for (const [category, changes] of Object.entries(d.counts)) {
    out.push(`  ${category.padEnd(12)} ${Object.entries(changes).map(([c, n]) => `${c} ${n}`).join(' · ')}`);
  }
  return out.join('\n');
}

export function findingsJson(analyses: SnapshotAnalysis[], findings: Finding[]) {
  return {
    snapshots: analyses.map((a) => ({
      snapshotId: a.snapshot.snapshotId, accountId: a.snapshot.accountId, accountName: a.snapshot.accountName,
      accountSwitchKey: a.snapshot.accountSwitchKey, asOf: a.snapshot.asOf,
      openFindings: Object.values(a.open).reduce((x, y) => x + y, 0),
      suppressedFindings: a.suppressed,
      checks: a.checks.map((c) => ({ checkId: c.checkId, status: c.status, severity: c.severity, findings: c.findings, openFindings: c.openFindings, note: c.note })),
      frameworks: a.frameworks,
      expiredSuppressions: a.expiredSuppressions,
      unusedSuppressions: a.unusedSuppressions,
    })),
    findings: findings.map(({ firstSeenSnapshotId: _, ...f }) => f),
  };
}

export function writeJson(file: string, data: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
}
