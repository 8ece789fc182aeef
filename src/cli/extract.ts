import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { defaultEdgercPath, defaultSection, readEdgerc } from '../extract/edgerc.js';
import { extract, type ExtractResult } from '../extract/extractor.js';
import { Progress } from '../extract/progress.js';
import { Store } from '../store/store.js';
import { UserError } from '../errors.js';
import { intOption } from './options.js';

export const DEFAULT_DB = 'reports/iam-audit.duckdb';
export const EXTRACT_MEMORY_LIMIT = '32MB';

/** Row counts per table of each snapshot, as a compact table for a terminal. */
export function formatRowCounts(result: ExtractResult): string {
  const tables = [...new Set(result.snapshots.flatMap((s) => Object.keys(s.rows)))].sort();
  const head = ['table', ...result.snapshots.map((s) => `#${s.snapshotId}`)];
  const body = tables.map((t) => [t, ...result.snapshots.map((s) => String(s.rows[t] ?? 0))]);
  const widths = head.map((_, i) => Math.max(...[head, ...body].map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), ...body.map(line)].join('\n');
}

export function extractCommand(): Command {
  return new Command('extract')
    .description('Snapshot everything IAM v3 exposes about access into a DuckDB file (one atomic snapshot per account)')
    .option('--edgerc <file>', 'EdgeGrid credentials file (env AKAMAI_EDGERC)', defaultEdgercPath())
    .option('--section <name>', 'section of the .edgerc (env AKAMAI_EDGERC_SECTION)', defaultSection())
    .option('--account-switch-key <key>', 'audit this account (repeatable); default: the credential\'s own account', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--all-accounts', 'also audit every account of GET /api-clients/self/account-switch-keys')
    .option('--db <file>', 'DuckDB file; each run appends snapshots, never changes old ones', DEFAULT_DB)
    .addOption(new Option('--concurrency <n>', 'requests in flight (the rate governor paces them to the server\'s limit)').default(16).argParser(intOption('--concurrency', 1, 256)))
    .addOption(new Option('--timeout <seconds>', 'per-request timeout').default(30).argParser(intOption('--timeout', 1, 600)))
    .addOption(new Option('--max-attempts <n>', 'attempts per request on 5xx, network errors and timeouts').default(6).argParser(intOption('--max-attempts', 1, 20)))
    .option('--ca-file <file>', 'extra CA certificate to trust (the simulator writes one); NODE_EXTRA_CA_CERTS works too')
    .option('--keep-client-tokens', 'store credentials\' client tokens in full instead of their last 4 characters')
    .option('--quiet', 'print nothing but errors')
    .option('--json', 'log progress as JSON lines on stdout')
    .action(async (o) => {
      const edgerc = readEdgerc(o.edgerc, o.section);
      let ca: string | undefined;
      if (o.caFile) {
        try {
          ca = readFileSync(o.caFile, 'utf8');
        } catch {
          throw new UserError(`Cannot read --ca-file ${o.caFile}: pass the CA file the simulator wrote (FILE.ca.pem).`);
        }
      }
      // Extraction only appends: one DuckDB thread and a small memory limit keep the footprint flat.
      const store = await Store.open(o.db, { memoryLimit: EXTRACT_MEMORY_LIMIT, threads: 1 });
      const progress = Progress.auto(o);
      const interrupt = new AbortController();
      const onSignal = (sig: string) => () => {
        if (interrupt.signal.aborted) process.exit(2);
        interrupt.abort(`${sig} received`);
      };
      process.once('SIGINT', onSignal('SIGINT'));
      process.once('SIGTERM', onSignal('SIGTERM'));
      try {
        const result = await extract({
          edgerc, store, accountSwitchKeys: o.accountSwitchKey, allAccounts: !!o.allAccounts, concurrency: o.concurrency,
          timeoutMs: o.timeout * 1000, maxAttempts: o.maxAttempts, ca, keepClientTokens: !!o.keepClientTokens, progress, signal: interrupt.signal,
        });
        // Peak memory goes with the summary: the benchmark reads it, and it tells an operator what to provision.
        if (o.json) progress.info('run-end', { result, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) });
        else if (!o.quiet) console.log(`\n${formatRowCounts(result)}\n\nWrote ${result.snapshots.length} snapshot(s) to ${store.file}.`);
        const failed = result.snapshots.filter((s) => s.status !== 'complete');
        if (failed.length) {
          throw new UserError(`${failed.length} of ${result.snapshots.length} snapshot(s) failed (kept as status 'failed', not used by analysis): ${failed[0].reason}`);
        }
      } finally {
        store.close();
      }
    });
}
