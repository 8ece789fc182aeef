import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzed, baseline, craft, daysBefore, openTempStore, user, type Tables } from '../support/crafted.js';
import { analyze, loadFindings } from '../../src/analyze/analyzer.js';
import { loadChecks } from '../../src/analyze/catalog.js';
import { loadFrameworks } from '../../src/analyze/frameworks.js';
import { defaultConfig, type AuditConfig } from '../../src/config.js';
import type { Store } from '../../src/store/store.js';

const setUser = (t: Tables, id: string, o: Record<string, unknown>) => Object.assign(t.users.find((u) => u.ui_identity_id === id)!, o);

describe('analyze: suppressions, first seen, frameworks', () => {
  let store: Store;
  beforeAll(async () => (store = await openTempStore()));
  afterAll(() => store.close());

  const withInactive = (t: Tables) => {
    setUser(t, 'BOB', { last_login_date: daysBefore(200) });
    t.users.push(user('ZED', { last_login_date: daysBefore(300) }));
  };

  it('a suppressed finding stays in the output, marked with its reason; an expired one is open again and reported', async () => {
    const t = baseline();
    withInactive(t);
    const id = await craft(store, t);
    const config: AuditConfig = { ...defaultConfig(), suppressions: [
      { check: 'user_inactive', resource: 'B?B', reason: 'parental leave', owner: 'hr@corp.example', expires: '2027-01-31' },
      { check: 'user_inactive', resource: 'Z*', reason: 'old exception', owner: 'it@corp.example', expires: '2026-11-30' },
      { check: 'user_mfa_disabled', resource: 'nobody', reason: 'stale', owner: 'x', expires: '2030-01-01' },
      { check: 'user_inactive', resource: 'OB', reason: 'a glob matches whole ids only', owner: 'x', expires: '2030-01-01' },
    ] };
    const a = await analyzed(store, config, id);
    const bob = a.findings.find((f) => f.checkId === 'user_inactive' && f.resourceId === 'BOB')!;
    expect(bob).toMatchObject({ status: 'suppressed', suppressionReason: 'parental leave', suppressionOwner: 'hr@corp.example', suppressionExpired: false });
    const zed = a.findings.find((f) => f.checkId === 'user_inactive' && f.resourceId === 'ZED')!;
    expect(zed).toMatchObject({ status: 'open', suppressionExpired: true, suppressionExpires: '2026-11-30' });
    expect(a.expiredSuppressions).toEqual([{ check: 'user_inactive', resource: 'Z*', owner: 'it@corp.example', expires: '2026-11-30', findings: 1 }]);
    expect(a.unusedSuppressions).toEqual([{ check: 'user_mfa_disabled', resource: 'nobody' }, { check: 'user_inactive', resource: 'OB' }]);
    expect(a.checks.find((c) => c.checkId === 'user_inactive')).toMatchObject({ findings: 2, openFindings: 1 });
    const stored = await store.query<any>(`SELECT resource_id, status, suppression_expired FROM findings WHERE snapshot_id = $id AND check_id = 'user_inactive' ORDER BY 1`, { id });
    expect(stored).toEqual([{ resource_id: 'BOB', status: 'suppressed', suppression_expired: false }, { resource_id: 'ZED', status: 'open', suppression_expired: true }]);
  });

  it('severity overrides and disabled checks apply; a check needing config is "not evaluated"', async () => {
    const t = baseline();
    withInactive(t);
    const id = await craft(store, t);
    const config = { ...defaultConfig(), severity: { user_inactive: 'critical' as const }, disabled_checks: ['user_dormant_privileged'] };
    const a = await analyzed(store, config, id);
    expect(new Set(a.findings.filter((f) => f.checkId === 'user_inactive').map((f) => f.severity))).toEqual(new Set(['critical']));
    expect(a.checks.find((c) => c.checkId === 'user_dormant_privileged')).toMatchObject({ status: 'disabled' });
    expect(a.checks.find((c) => c.checkId === 'user_external_email_domain')).toMatchObject({ status: 'not_evaluated', note: expect.stringContaining('allowed_email_domains') });
  });

  it('carries first_seen forward while a finding persists, and restarts it after a gap', async () => {
    const s1 = baseline(); withInactive(s1);
    const s2 = baseline(); withInactive(s2); setUser(s2, 'BOB', { last_login_date: daysBefore(10, '2027-01-01T00:00:00Z') });
    const s3 = baseline(); withInactive(s3);
    const ids = [await craft(store, s1, '2026-12-01T00:00:00Z', 'A-FIRST'), await craft(store, s2, '2027-01-01T00:00:00Z', 'A-FIRST'),
      await craft(store, s3, '2027-02-01T00:00:00Z', 'A-FIRST')];
    const res = await analyze(store, defaultConfig(), [ids[2], ids[0], ids[1]]); // given out of order: analyzed oldest first
    const findings = await Promise.all(ids.map((id) => loadFindings(store, [id])));
    const seen = (i: number, who: string) => findings[i].find((f) => f.checkId === 'user_inactive' && f.resourceId === who)?.firstSeen;
    expect(res.map((r) => r.snapshot.snapshotId)).toEqual(ids);
    expect(seen(2, 'ZED')).toBe('2026-12-01T00:00:00Z');
    expect(seen(1, 'BOB')).toBeUndefined();
    expect(seen(2, 'BOB')).toBe('2027-02-01T00:00:00Z');
  });

  it('frameworks: pass, fail, not evaluated, and weakened by configuration', async () => {
    const t = baseline();
    withInactive(t);
    const id = await craft(store, t);
    const config = defaultConfig();
    config.thresholds.inactive_days = 120;
    config.thresholds.password_min_length = 8;
    config.disabled_checks = ['user_shared_account'];
    const a = await analyzed(store, config, id);
    const req = (fw: string, r: string) => a.frameworks.find((x) => x.frameworkId === fw && x.requirementId === r)!;
    expect(req('pci-dss-4.0', '8.2.6')).toMatchObject({ status: 'fail', weakened: true, note: expect.stringContaining('inactive_days is 120, the requirement allows at most 90') });
    expect(req('pci-dss-4.0', '8.3.6')).toMatchObject({ status: 'pass', weakened: true, note: expect.stringContaining('password_min_length is 8, the requirement needs at least 12') });
    expect(req('pci-dss-4.0', '8.2.2')).toMatchObject({ status: 'not_evaluated' });
    expect(req('pci-dss-4.0', '8.4.2')).toMatchObject({ status: 'pass', weakened: false });
    const stored = await store.query<any>(`SELECT count(*)::INTEGER AS n FROM framework_results WHERE snapshot_id = $id`, { id });
    expect(stored[0].n).toBe(loadFrameworks().reduce((n, f) => n + f.requirements.length, 0));
  });

  it('framework files and check headers name the same mappings, and every framework the issue asks for is there', () => {
    const fromFrameworks = new Set(loadFrameworks().flatMap((f) => f.requirements.flatMap((r) => r.checks.map((c) => `${c} ${f.id}:${r.id}`))));
    const fromChecks = new Set(loadChecks().flatMap((c) => c.frameworks.map((f) => `${c.id} ${f.framework}:${f.requirement}`)));
    expect([...fromChecks].sort()).toEqual([...fromFrameworks].sort());
    const reqs = (id: string) => loadFrameworks().find((f) => f.id === id)!.requirements.map((r) => r.id);
    expect(reqs('soc2')).toEqual(expect.arrayContaining(['CC6.1', 'CC6.2', 'CC6.3', 'CC6.6']));
    expect(reqs('iso27001')).toEqual(expect.arrayContaining(['5.15', '5.16', '5.17', '5.18', '8.2', '8.5']));
    expect(reqs('nist-800-53')).toEqual(expect.arrayContaining(['AC-2', 'AC-6', 'IA-2(1)', 'IA-5']));
    for (const prefix of ['7.2.', '8.2.', '8.3.', '8.6.']) expect(reqs('pci-dss-4.0').some((r) => r.startsWith(prefix))).toBe(true);
    const known = new Set(loadChecks().map((c) => c.id));
    for (const f of loadFrameworks()) for (const r of f.requirements) for (const c of r.checks) expect(known.has(c), `${f.id} ${r.id} names ${c}`).toBe(true);
  });

  it('every check header is complete and the SQL parameters are all provided', () => {
    for (const c of loadChecks()) {
      expect(c.rationale.length, c.id).toBeGreaterThan(40);
      expect(c.remediation.length, c.id).toBeGreaterThan(30);
      expect(c.references[0], c.id).toMatch(/^https:\/\//);
      expect(c.parameters, c.id).toContain('snapshot_id');
    }
  });
});

