/**
 * Performance targets, measured and printed (never asserted in unit tests):
 *   simulator   50k-user start-up ≤ 1 s per 10k users; ≥ 2,000 signed requests/s at latency 0
 *   rate        5k users / 500 clients, 50 ms latency, 20 req/s: wall ≤ 1.15 × (requests ÷ 20 s)
 *   concurrency no rate limit, 50 ms latency: default concurrency ≥ 8 × faster than concurrency 1
 *   memory      50k-user tenant: extractor peak RSS ≤ 256 MB
 *   analyze     all checks + effective access + a diff on a 50k-user snapshot ≤ 3 s
 * Usage: npm run bench [-- scenario ...]   (default: all; add --users-rate N etc. to scale down)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Agent, request } from 'undici';
import { startSimulator } from '../src/simulator/server.js';
import { Signer } from '../src/extract/signer.js';

const BIN = resolve(import.meta.dirname, '../bin/iam-audit');
const { values: opt, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'users-rate': { type: 'string', default: '5000' },
    'users-concurrency': { type: 'string', default: '5000' },
    'users-memory': { type: 'string', default: '50000' },
    'users-analyze': { type: 'string', default: '50000' },
  },
});
const wanted = new Set(positionals.length ? positionals : ['simulator', 'rate', 'concurrency', 'memory', 'analyze']);
const results: string[] = [];
const report = (line: string) => {
  console.log(line);
  results.push(line);
};

interface SimProcess {
  child: ChildProcess;
  edgerc: string;
  caFile: string;
  startupMs: number;
}

async function startSimProcess(args: string[]): Promise<SimProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'iam-bench-'));
  const edgerc = join(dir, '.edgerc');
  const child = spawn(BIN, ['simulate', '--write-edgerc', edgerc, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  await new Promise<void>((ok, fail) => {
    child.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('Press Ctrl-C')) ok();
    });
    child.on('exit', (code) => fail(new Error(`simulator exited ${code}: ${out}`)));
  });
  const startupMs = Number(/started in (\d+) ms/.exec(out)![1]);
  return { child, edgerc, caFile: `${edgerc}.ca.pem`, startupMs };
}

interface ExtractRun {
  seconds: number;
  requests: number;
  retries: number;
  rateLimited: number;
  peakRssMb: number;
  status: string;
}

async function runExtract(sim: SimProcess, extra: string[], db = join(mkdtempSync(join(tmpdir(), 'iam-bench-db-')), 'bench.duckdb')): Promise<ExtractRun> {
  const t0 = Date.now();
  const child = spawn(BIN, ['extract', '--edgerc', sim.edgerc, '--ca-file', sim.caFile, '--db', db, '--json', ...extra], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  const code = await new Promise<number | null>((ok) => child.on('exit', ok));
  const seconds = (Date.now() - t0) / 1000;
  const end = out.split('\n').filter(Boolean).map((l) => JSON.parse(l)).find((e) => e.message === 'run-end');
  if (!end) throw new Error(`extract exited ${code} without a summary`);
  return { seconds, requests: end.result.requests, retries: end.result.retries, rateLimited: end.result.rateLimited, peakRssMb: end.peakRssMb, status: end.result.snapshots[0].status };
}

const fmt = (r: ExtractRun) => `${r.requests} requests, ${r.retries} retries, ${r.rateLimited} × 429, ${r.seconds.toFixed(1)} s, peak RSS ${r.peakRssMb} MB, snapshot ${r.status}`;

if (wanted.has('simulator')) {
  const t0 = Date.now();
  const sim = await startSimulator({ seed: 'bench', users: 50_000, faults: { rateLimit: 0 } });
  const startup = Date.now() - t0;
  sim.close();
  report(`simulator: 50,000-user tenant started in ${startup} ms = ${(startup / 5).toFixed(0)} ms per 10k users (target ≤ 1000)`);
  const proc = await startSimProcess(['--users', '50000', '--rate-limit', '0']);
  const text = (await import('node:fs')).readFileSync(proc.edgerc, 'utf8');
  const v = (k: string) => new RegExp(`${k} = (\\S+)`).exec(text)![1];
  const signer = new Signer({ host: v('host'), clientToken: v('client_token'), clientSecret: v('client_secret'), accessToken: v('access_token') });
  const agent = new Agent({ connect: { ca: (await import('node:fs')).readFileSync(proc.caFile, 'utf8') }, connections: 32 });
  const paths = ['/user-admin/ip-acl/allowlist/status', '/user-admin/common/timeout-policies', '/user-admin/common/password-policy'];
  let n = 0;
  const total = 20_000;
  const t1 = Date.now();
  await Promise.all(Array.from({ length: 32 }, async () => {
    while (n < total) {
      const s = signer.sign(`/identity-management/v3${paths[n++ % paths.length]}`);
      const res = await request(s.url, { headers: { authorization: s.authorization }, dispatcher: agent });
      await res.body.text();
      if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode}`);
    }
  }));
  const rps = total / ((Date.now() - t1) / 1000);
  report(`simulator: ${rps.toFixed(0)} signed requests/s served at latency 0 (target ≥ 2000; client in another process, 32 connections)`);
  await agent.close();
  proc.child.kill();
}

if (wanted.has('rate')) {
  const users = opt['users-rate'];
  const sim = await startSimProcess(['--users', users, '--rate-limit', '20', '--latency', '50']);
  const r = await runExtract(sim, []);
  const floor = r.requests / 20;
  report(`rate: ${users} users, 20 req/s, 50 ms: ${fmt(r)}; floor ${floor.toFixed(1)} s, ratio ${(r.seconds / floor).toFixed(3)} (target ≤ 1.15)`);
  sim.child.kill();
}

if (wanted.has('concurrency')) {
  const users = opt['users-concurrency'];
  const sim = await startSimProcess(['--users', users, '--rate-limit', '0', '--latency', '50']);
  const fast = await runExtract(sim, []);
  const slow = await runExtract(sim, ['--concurrency', '1']);
  report(`concurrency: ${users} users, 50 ms, no limit: default ${fmt(fast)}; concurrency 1 ${fmt(slow)}; speed-up ${(slow.seconds / fast.seconds).toFixed(1)}× (target ≥ 8)`);
  sim.child.kill();
}

if (wanted.has('memory')) {
  const users = opt['users-memory'];
  const sim = await startSimProcess(['--users', users, '--rate-limit', '0']);
  const r = await runExtract(sim, []);
  report(`memory: ${users} users: ${fmt(r)} (target peak RSS ≤ 256 MB)`);
  sim.child.kill();
}

if (wanted.has('analyze')) {
  const users = opt['users-analyze'];
  const db = join(mkdtempSync(join(tmpdir(), 'iam-bench-db-')), 'analyze.duckdb');
  for (const period of ['0', '1']) {
    const sim = await startSimProcess(['--users', users, '--rate-limit', '0', '--period', period, '--seed', 'analyze-bench']);
    await runExtract(sim, [], db);
    sim.child.kill();
  }
  const { Store } = await import('../src/store/store.js');
  const { analyzeSnapshot, ensureViews } = await import('../src/analyze/analyzer.js');
  const { diffSnapshots } = await import('../src/analyze/diff.js');
  const { defaultConfig } = await import('../src/config.js');
  const store = await Store.open(db);
  await ensureViews(store);
  await analyzeSnapshot(store, defaultConfig(), 1); // last quarter's review, done back then
  const t0 = performance.now();
  const a = await analyzeSnapshot(store, defaultConfig(), 2);
  const t1 = performance.now();
  const ea = await store.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM effective_access WHERE snapshot_id = 2');
  const t2 = performance.now();
  const d = await diffSnapshots(store, 1, 2);
  const t3 = performance.now();
  store.close();
  const ms = (x: number) => `${(x / 1000).toFixed(2)} s`;
  report(`analyze: ${users} users: ${a.checks.length} checks, ${Object.values(a.open).reduce((x, y) => x + y, 0) + a.suppressed} findings in ${ms(t1 - t0)}; effective access ${ea[0].n} rows in ${ms(t2 - t1)}; diff ${d.total} changes in ${ms(t3 - t2)}; total ${ms(t3 - t0)} (target ≤ 3 s)`);
}

console.log(`\n${results.join('\n')}`);
