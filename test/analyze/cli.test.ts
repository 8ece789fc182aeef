import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { baseline, craft, daysBefore, user } from '../support/crafted.js';
import { tempDir } from '../support/extract.js';
import { runCli } from '../support/run-cli.js';
import { Store } from '../../src/store/store.js';

describe('analyze, diff and checks commands', () => {
  let dir: string;
  let db: string;
  let ids: number[];
  beforeAll(async () => {
    dir = tempDir('iam-cli-');
    db = join(dir, 'audit.duckdb');
    const store = await Store.open(db);
    const t1 = baseline();
    const t2 = baseline();
    t2.users.push(user('IDLE', { last_login_date: daysBefore(200) }));
    Object.assign(t2.users[0], { additional_authentication: 'NONE', additional_authentication_configured: false }); // ADMIN1: critical
    ids = [await craft(store, t1, '2026-09-01T00:00:00Z'), await craft(store, t2, '2026-12-01T00:00:00Z')];
    store.close();
  });

  it('analyze: exit 0, the summary, and the findings as JSON', async () => {
    const json = join(dir, 'findings.json');
    const r = await runCli(['analyze', '--db', db, '--json', json]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/snapshot 2 · Test Account \(A-TEST\) · as of 2026-12-01: \d+ open finding/);
    expect(r.stdout).toMatch(/user_admin_without_mfa\s+critical\s+1/);
    const out = JSON.parse(readFileSync(json, 'utf8'));
    expect(out.snapshots).toEqual([expect.objectContaining({ snapshotId: ids[1], accountId: 'A-TEST', asOf: '2026-12-01T00:00:00Z' })]);
    expect(out.findings).toContainEqual(expect.objectContaining({ checkId: 'user_inactive', severity: 'medium', resourceType: 'user', resourceId: 'IDLE',
      resourceName: 'idle', reason: expect.stringContaining('200 days ago'), status: 'open' }));
  });

  it('analyze --fail-on: exit 1 when an open finding reaches the severity, 0 when none does', async () => {
    expect((await runCli(['analyze', '--db', db, '--fail-on', 'critical', '--quiet'])).code).toBe(1);
    expect((await runCli(['analyze', '--db', db, '--snapshot', String(ids[0]), '--fail-on', 'low', '--quiet'])).code).toBe(0);
  });

  it('analyze: a suppression turns the failing finding off; errors exit 2 in one line', async () => {
    const cfg = join(dir, 'iam-audit.yaml');
    writeFileSync(cfg, 'suppressions:\n  - check: user_admin_without_mfa\n    resource: ADMIN*\n    reason: enrolment booked\n    owner: ciso@corp.example\n    expires: 2027-01-15\n');
    const ok = await runCli(['analyze', '--db', db, '--config', cfg, '--fail-on', 'critical']);
    expect(ok.code, ok.stdout).toBe(0);
    expect(ok.stdout).toMatch(/1 suppressed/);
    writeFileSync(cfg, 'thresholds:\n  inactive_days: soon\n');
    const bad = await runCli(['analyze', '--db', db, '--config', cfg]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^iam-audit: .*iam-audit\.yaml: thresholds\.inactive_days: /)]);
    const missing = await runCli(['analyze', '--db', join(dir, 'nope.duckdb')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/No DuckDB file at .*nope\.duckdb: run `iam-audit extract/);
    expect((await runCli(['analyze', '--db', db, '--snapshot', '99'])).stderr).toMatch(/No snapshot 99/);
  });

  it('diff: the two latest snapshots of each account by default, or --from/--to', async () => {
    const r = await runCli(['diff', '--db', db, '--json', join(dir, 'changes.json')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/changes from snapshot 1 \(2026-09-01\) to 2 \(2026-12-01\)/);
    expect(r.stdout).toMatch(/users\s+added 1/);
    expect(r.stdout).toMatch(/mfa\s+weakened 1/);
    const json = JSON.parse(readFileSync(join(dir, 'changes.json'), 'utf8'));
    expect(json.changes).toContainEqual(expect.objectContaining({ category: 'users', change: 'added', resource_id: 'IDLE' }));
    expect((await runCli(['diff', '--db', db, '--from', '2'])).code).toBe(2);
  });

  it('checks lists the catalogue; checks show prints SQL that runs by hand in DuckDB', async () => {
    const list = await runCli(['checks']);
    expect(list.stdout).toMatch(/^29 checks/m);
    const show = await runCli(['checks', 'show', 'user_inactive']);
    expect(show.stdout).toContain('frameworks: soc2 CC6.2, iso27001 5.18, pci-dss-4.0 8.2.6, nist-800-53 AC-2');
    const statements = show.stdout.slice(show.stdout.indexOf('PREPARE')).trim()
      .replace('as_of := \'2026-12-04T00:00:00Z\'', "as_of := '2026-12-01T00:00:00Z'").replace('snapshot_id := 1', `snapshot_id := ${ids[1]}`);
    const store = await Store.open(db);
    try {
      const [prepare, execute] = statements.split(/;\n/);
      await store.run(prepare);
      const rows = await store.query<any>(execute.replace(/;$/, ''));
      expect(rows.map((x) => x.resource_id)).toEqual(['IDLE']);
    } finally {
      store.close();
    }
    const nope = await runCli(['checks', 'show', 'nope']);
    expect(nope.code).toBe(2);
    expect(nope.stderr).toMatch(/No check "nope"/);
  });
});

