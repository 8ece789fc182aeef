/** Every mistake a user will make with `extract`: one line naming the fix, exit 2, nothing complete. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startTestSimulator, type TestSimulator } from '../support/simulator.js';
import { tempDir } from '../support/extract.js';
import { runCli, type CliResult } from '../support/run-cli.js';
import { Store } from '../../src/store/store.js';

function expectOneLineError(r: CliResult, pattern: RegExp): void {
  expect(r.code, r.stderr).toBe(2);
  const lines = r.stderr.trim().split('\n').filter((l) => l.startsWith('iam-audit:') || l.includes('Error') || /^\s+at /.test(l));
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/^\s+at /m);
}

describe('extract: errors a user will hit', () => {
  let s: TestSimulator;
  let dir: string;
  let edgerc: string;
  let caFile: string;
  beforeAll(async () => {
    s = await startTestSimulator({ users: 20, seed: 'cli' });
    dir = tempDir();
    ({ edgerc, caFile } = await s.sim.writeEdgerc(join(dir, '.edgerc')));
  });
  afterAll(() => s.close());

  const extract = (args: string[], db = join(dir, `${Math.random().toString(36).slice(2)}.duckdb`)) =>
    runCli(['extract', '--db', db, '--ca-file', caFile, '--quiet', ...args]);

  async function completeSnapshots(db: string): Promise<number> {
    const store = await Store.open(db);
    try {
      return (await store.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM snapshots WHERE status = 'complete'`))[0].n;
    } finally {
      store.close();
    }
  }

  it('works when nothing is wrong (the baseline the errors differ from)', async () => {
    const db = join(dir, 'ok.duckdb');
    const r = await runCli(['extract', '--edgerc', edgerc, '--db', db, '--ca-file', caFile]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/users\s+\d+/);
    expect(await completeSnapshots(db)).toBe(1);
  });

  it('no .edgerc', async () => {
    expectOneLineError(await extract(['--edgerc', join(dir, 'missing.edgerc')]), /No \.edgerc at .*missing\.edgerc.*--edgerc FILE/);
  });

  it('a section that does not exist lists the sections found', async () => {
    expectOneLineError(await extract(['--edgerc', edgerc, '--section', 'prod']), /Section \[prod\] not found .*sections found: default, default-limited.*--section/);
  });

  it('a host with a scheme or a trailing slash', async () => {
    const text = readFileSync(edgerc, 'utf8');
    const withScheme = join(dir, 'scheme.edgerc');
    writeFileSync(withScheme, text.replace(/host = (\S+)/, 'host = https://$1'));
    expectOneLineError(await extract(['--edgerc', withScheme]), /host in \[default\] .* without a scheme/);
    const withSlash = join(dir, 'slash.edgerc');
    writeFileSync(withSlash, text.replace(/host = (\S+)/, 'host = $1/'));
    expectOneLineError(await extract(['--edgerc', withSlash]), /trailing slash/);
  });

  it('401: a wrong client_secret names the section', async () => {
    const bad = join(dir, 'bad.edgerc');
    writeFileSync(bad, readFileSync(edgerc, 'utf8').replace(/client_secret = \S+/, 'client_secret = bm90LXRoZS1zZWNyZXQ='));
    const db = join(dir, '401.duckdb');
    expectOneLineError(await extract(['--edgerc', bad], db), /refused the EdgeGrid credentials of \[default\] .*401.*client_secret/);
    expect(await completeSnapshots(db)).toBe(0);
  });

  it('403: a client without the IAM grant names the API services to add', async () => {
    const db = join(dir, '403.duckdb');
    expectOneLineError(await extract(['--edgerc', edgerc, '--section', 'default-limited'], db), /\[default-limited\].*may not read IAM \(403.*Identity Management: User Administration.*API Clients Administration/);
    expect(await completeSnapshots(db)).toBe(0);
  });

  it('an unknown account switch key', async () => {
    const db = join(dir, 'key.duckdb');
    const r = await extract(['--edgerc', edgerc, '--account-switch-key', '1-NOPE:1-NOPE'], db);
    expectOneLineError(r, /snapshot\(s\) failed.*Account switch key refused \(403.*1-NOPE:1-NOPE/);
    expect(await completeSnapshots(db)).toBe(0);
  });

  it('a DuckDB file in use by another process', async () => {
    const db = join(dir, 'locked.duckdb');
    const holder = await Store.open(db);
    try {
      expectOneLineError(await extract(['--edgerc', edgerc], db), /in use by another process/);
    } finally {
      holder.close();
    }
  });

  it('a file that is not a DuckDB file', async () => {
    const db = join(dir, 'notes.duckdb');
    writeFileSync(db, 'these are my notes, not a database\n'.repeat(200));
    expectOneLineError(await extract(['--edgerc', edgerc], db), /is not a DuckDB file/);
    expect(readFileSync(db, 'utf8')).toContain('these are my notes');
  });

  it('an output directory that cannot be written', async () => {
    const blocker = join(dir, 'a-file');
    writeFileSync(blocker, 'x');
    expectOneLineError(await extract(['--edgerc', edgerc], join(blocker, 'sub', 'audit.duckdb')), /Cannot write to .*a-file\/sub.*--db FILE/);
  });

  it('Ctrl-C leaves the snapshot failed ("interrupted"), exit 2', async () => {
    await s.withFaults({ latencyMs: 100 }, async () => {
    const db = join(dir, 'int.duckdb');
    const r = await runCli(['extract', '--edgerc', edgerc, '--db', db, '--ca-file', caFile], { killWhen: (out) => (out.includes('Extracting') ? 'SIGINT' : undefined) });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/interrupted \(SIGINT received\)/);
    const store = await Store.open(db);
    try {
      expect(await store.query('SELECT status, failure_reason FROM snapshots')).toEqual([{ status: 'failed', failure_reason: 'interrupted (SIGINT received)' }]);
      expect((await store.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM raw_responses'))[0].n).toBe(0);
    } finally {
      store.close();
    }
    });
  });

  it('a killed run (SIGKILL) leaves no rows and a failed snapshot once the file is next opened', async () => {
    await s.withFaults({ latencyMs: 50 }, async () => {
    const db = join(dir, 'kill.duckdb');
    const r = await runCli(['extract', '--edgerc', edgerc, '--db', db, '--ca-file', caFile], { killWhen: (out) => (out.includes('Extracting') ? 'SIGKILL' : undefined) });
    expect(r.signal).toBe('SIGKILL');
    const store = await Store.open(db);
    try {
      expect(await store.query('SELECT status, failure_reason FROM snapshots')).toEqual([{ status: 'failed', failure_reason: expect.stringContaining('interrupted') }]);
      expect((await store.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM users'))[0].n).toBe(0);
    } finally {
      store.close();
    }
    });
  });
});
