import { rmSync } from 'node:fs';
import { Command } from 'commander';
import { startSimulator } from '../simulator/server.js';
import { extract } from '../extract/extractor.js';
import { Progress } from '../extract/progress.js';
import { Store } from '../store/store.js';
import { formatRowCounts } from './extract.js';

export const DEMO_DIR = 'reports/demo';

export function demoCommand(): Command {
  return new Command('demo')
    .description('Audit the built-in simulated tenant end to end (no Akamai account needed)')
    .option('--seed <seed>', 'tenant seed', 'demo')
    .option('--users <n>', 'users in the simulated main account', '250')
    .option('--quiet', 'print only the results')
    .action(async (o) => {
      const sim = await startSimulator({ seed: o.seed, users: Number(o.users) });
      const dbFile = `${DEMO_DIR}/iam-audit.duckdb`;
      rmSync(dbFile, { force: true });
      rmSync(`${dbFile}.wal`, { force: true });
      const store = await Store.open(dbFile);
      try {
        console.log(`Simulated Akamai account at https://${sim.host} (seed "${o.seed}"); extracting it and its switch-key accounts.`);
        const c = sim.credentials.auditor;
        const result = await extract({
          edgerc: { file: '(built-in simulator)', section: 'default', host: c.host, clientToken: c.client_token, clientSecret: c.client_secret,
            accessToken: c.access_token, maxBody: 131072 },
          store, allAccounts: true, concurrency: 16, timeoutMs: 30_000, maxAttempts: 6, ca: sim.caPem, keepClientTokens: false,
          progress: o.quiet ? new Progress('quiet') : Progress.auto({}), clock: sim.now,
        });
        console.log(`\n${formatRowCounts(result)}\n\nDuckDB file: ${store.file}`);
        if (result.snapshots.some((s) => s.status !== 'complete')) process.exitCode = 2;
      } finally {
        store.close();
        await sim.close();
      }
    });
}
