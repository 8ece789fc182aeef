import { Command } from 'commander';
import { analyze } from '../analyze/analyzer.js';
import { diffSnapshots, latestPairs } from '../analyze/diff.js';
import { formatDiff, writeJson } from '../analyze/summary.js';
import { Store } from '../store/store.js';
import { UserError } from '../errors.js';
import { configFrom, DEFAULT_CONFIG } from './analyze.js';
import { DEFAULT_DB } from './extract.js';
import { intOption } from './options.js';

export function diffCommand(): Command {
  return new Command('diff')
    .description('What changed between two snapshots of an account (default: the two latest of each account); stored for the reports')
    .option('--db <file>', 'DuckDB file written by extract', DEFAULT_DB)
    .option('--from <id>', 'older snapshot', intOption('--from', 1))
    .option('--to <id>', 'newer snapshot', intOption('--to', 1))
    .option('--config <file>', `config for analyzing a snapshot not yet analyzed (default: ./${DEFAULT_CONFIG} if present)`)
    .option('--json <file>', 'also write the changes as JSON')
    .option('--quiet', 'print nothing but errors')
    .action(async (o) => {
      if ((o.from === undefined) !== (o.to === undefined)) throw new UserError('Pass both --from and --to, or neither (then the two latest snapshots of each account are compared).');
      const store = await Store.open(o.db, { create: false });
      try {
        const pairs: [number, number][] = o.from !== undefined ? [[o.from, o.to]] : await latestPairs(store);
        if (!pairs.length) throw new UserError(`${store.file} has no account with two complete snapshots: extract again next quarter (or now) and diff then.`);
        // Privileged holders and findings need analyses; run them where missing.
        const ids = [...new Set(pairs.flat())];
        const analyzed = new Set((await store.query<{ snapshot_id: number }>('SELECT DISTINCT snapshot_id FROM analyses')).map((r) => r.snapshot_id));
        const missing = ids.filter((id) => !analyzed.has(id));
        if (missing.length) await analyze(store, configFrom(o.config), missing);
        const summaries = [];
        for (const [from, to] of pairs) summaries.push(await diffSnapshots(store, from, to));
        if (!o.quiet) console.log(summaries.map(formatDiff).join('\n\n'));
        if (o.json) {
          const changes = await store.query(`SELECT * FROM snapshot_diffs WHERE ${pairs.map((_, i) => `(from_snapshot_id = $f${i} AND to_snapshot_id = $t${i})`).join(' OR ')} ORDER BY ALL`,
            Object.fromEntries(pairs.flatMap(([f, t], i) => [[`f${i}`, f], [`t${i}`, t]])));
          writeJson(o.json, { diffs: summaries, changes });
        }
      } finally {
        store.close();
      }
    });
}
