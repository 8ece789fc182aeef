import { rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { stringify as toYaml } from 'yaml';
import { startSimulator, type Simulator } from '../simulator/server.js';
import { DAY, QUARTER_DAYS } from '../simulator/tenant.js';
import { edgercSection } from '../extract/edgerc.js';
import { extract, type ExtractResult } from '../extract/extractor.js';
import { Progress } from '../extract/progress.js';
import { Store } from '../store/store.js';
import { loadConfig } from '../config.js';
import { loadChecks } from '../analyze/catalog.js';
import { analyze, latestSnapshots, loadFindings } from '../analyze/analyzer.js';
import { diffSnapshots, latestPairs } from '../analyze/diff.js';
import { findingsJson, formatAnalysis, formatDiff, formatRunNotes, writeJson } from '../analyze/summary.js';
import { formatRowCounts } from './extract.js';
import { intOption } from './options.js';

export const DEMO_DIR = 'reports/demo';

async function snapshotAll(sim: Simulator, store: Store, progress: Progress): Promise<ExtractResult> {
  return extract({
    edgerc: edgercSection('(built-in simulator)', 'default', { ...sim.credentials.auditor }),
    store, allAccounts: true, concurrency: 16, timeoutMs: 30_000, maxAttempts: 6, ca: sim.caPem, keepClientTokens: false,
    progress, clock: sim.now,
  });
}

/** An example config for the simulated accounts: their mail domains, and one documented exception. */
function demoConfig(sim: Simulator): Record<string, unknown> {
  const w = sim.world;
  const caller = w.home.apiClients.get(w.caller.clientId)!;
  const owner = w.home.users.get(w.caller.uiIdentityId)!;
  return {
    allowed_email_domains: [w.home.emailDomain, ...[...w.switched.values()].map((t) => t.emailDomain), 'contractor-partners.net'],
    suppressions: [{
      check: 'api_client_account_switch', resource: caller.clientId,
      reason: 'the audit client reads every account through account switch keys', owner: owner.email,
      expires: new Date(Date.now() + 180 * DAY).toISOString().slice(0, 10),
    }],
  };
}

export function demoCommand(): Command {
  return new Command('demo')
    .description('Audit the built-in simulated tenant end to end, two snapshots a quarter apart (no Akamai account needed)')
    .option('--seed <seed>', 'tenant seed', 'demo')
    .addOption(new Option('--users <n>', 'users in the simulated main account').default(250).argParser(intOption('--users', 10)))
    .option('--quiet', 'print only the results')
    .action(async (o) => {
      const progress = o.quiet ? new Progress('quiet') : Progress.auto({});
      mkdirSync(DEMO_DIR, { recursive: true });
      const dbFile = join(DEMO_DIR, 'iam-audit.duckdb');
      rmSync(dbFile, { force: true });
      rmSync(`${dbFile}.wal`, { force: true });
      // The first review happens a quarter ago; the simulated accounts then live through the quarter.
      const sim = await startSimulator({ seed: o.seed, users: o.users, now: Date.now() - QUARTER_DAYS * DAY });
      const store = await Store.open(dbFile);
      try {
        console.log(`Simulated Akamai accounts at https://${sim.host} (seed "${o.seed}"): ${[sim.world.home, ...sim.world.switched.values()].map((t) => t.accountName).join(', ')}.`);
        console.log(`\n== Review 1, as of ${new Date(sim.now()).toISOString().slice(0, 10)}: extracting every account`);
        const first = await snapshotAll(sim, store, progress);
        sim.advance(1);
        console.log(`\n== One quarter later, as of ${new Date(sim.now()).toISOString().slice(0, 10)}: extracting again`);
        const second = await snapshotAll(sim, store, progress);
        console.log(`\nRows per table and snapshot:\n${formatRowCounts({ ...second, snapshots: [...first.snapshots, ...second.snapshots] })}`);
        if ([...first.snapshots, ...second.snapshots].some((s) => s.status !== 'complete')) {
          process.exitCode = 2;
          return;
        }

        const configFile = join(DEMO_DIR, 'iam-audit.yaml');
        writeFileSync(configFile, `# Example configuration written by \`iam-audit demo\` (see docs/configuration.md)\n${toYaml(demoConfig(sim))}`);
        const config = loadConfig(configFile, loadChecks().map((c) => c.id));
        const all = [...first.snapshots, ...second.snapshots].map((s) => s.snapshotId);
        const analyses = await analyze(store, config, all);
        const latest = new Set(await latestSnapshots(store));
        const current = analyses.filter((a) => latest.has(a.snapshot.snapshotId));
        console.log(`\n== Findings of the current review (config ${configFile})\n`);
        console.log([current.map(formatAnalysis).join('\n\n'), formatRunNotes(current)].filter(Boolean).join('\n\n'));
        const diffs = [];
        for (const [from, to] of await latestPairs(store)) diffs.push(await diffSnapshots(store, from, to));
        console.log(`\n== Changes since the last review\n`);
        console.log(diffs.map(formatDiff).join('\n\n'));
        writeJson(join(DEMO_DIR, 'findings.json'), findingsJson(current, await loadFindings(store, current.map((a) => a.snapshot.snapshotId))));
        writeJson(join(DEMO_DIR, 'changes.json'), { diffs });
        console.log(`\nWrote ${join(DEMO_DIR, 'findings.json')}, ${join(DEMO_DIR, 'changes.json')} and the DuckDB file ${store.file}.`);
      } finally {
        store.close();
        await sim.close();
      }
    });
}
