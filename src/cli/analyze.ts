import { existsSync } from 'node:fs';
import { Command, Option } from 'commander';
import { loadConfig, SEVERITIES, type AuditConfig } from '../config.js';
import { analyze, latestSnapshots, loadFindings, SEVERITY_RANK } from '../analyze/analyzer.js';
import { loadChecks } from '../analyze/catalog.js';
import { findingsJson, formatAnalysis, formatRunNotes, writeJson } from '../analyze/summary.js';
import { Store } from '../store/store.js';
import { DEFAULT_DB } from './extract.js';
import { intOption } from './options.js';

export const DEFAULT_CONFIG = 'iam-audit.yaml';

/** --config FILE, else ./iam-audit.yaml when present, else the defaults. */
export function configFrom(file: string | undefined): AuditConfig {
  const chosen = file ?? (existsSync(DEFAULT_CONFIG) ? DEFAULT_CONFIG : undefined);
  return loadConfig(chosen, loadChecks().map((c) => c.id));
}

export function analyzeCommand(): Command {
  return new Command('analyze')
    .description('Run every check over snapshots (default: the latest complete one of each account) and store the findings; never calls the API')
    .option('--db <file>', 'DuckDB file written by extract', DEFAULT_DB)
    .addOption(new Option('--snapshot <id>', 'analyze this snapshot (repeatable)').argParser((v: string, acc: number[] = []) => [...acc, intOption('--snapshot', 1)(v)]))
    .option('--config <file>', `thresholds, privileged roles, suppressions (default: ./${DEFAULT_CONFIG} if present)`)
    .addOption(new Option('--fail-on <severity>', 'exit 1 when an open finding is at least this severe').choices(SEVERITIES))
    .option('--json <file>', 'also write {snapshots, findings} as JSON')
    .option('--quiet', 'print nothing but errors')
    .action(async (o) => {
      const config = configFrom(o.config);
      const store = await Store.open(o.db, { create: false });
      try {
        const ids: number[] = o.snapshot ?? (await latestSnapshots(store));
        const analyses = await analyze(store, config, ids);
        if (!o.quiet) console.log([analyses.map(formatAnalysis).join('\n\n'), formatRunNotes(analyses)].filter(Boolean).join('\n\n'));
        if (o.json) writeJson(o.json, findingsJson(analyses, await loadFindings(store, analyses.map((a) => a.snapshot.snapshotId))));
        if (o.failOn) {
          const bar = SEVERITY_RANK[o.failOn as keyof typeof SEVERITY_RANK];
          const failing = analyses.reduce((n, a) => n + SEVERITIES.filter((s) => SEVERITY_RANK[s] >= bar).reduce((m, s) => m + a.open[s], 0), 0);
          if (failing) {
            if (!o.quiet) console.log(`\n${failing} open finding(s) at or above ${o.failOn}: exit 1`);
            process.exitCode = 1;
          }
        }
      } finally {
        store.close();
      }
    });
}
