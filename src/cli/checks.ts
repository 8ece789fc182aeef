import { Command } from 'commander';
import { defaultConfig } from '../config.js';
import { checkParameters } from '../analyze/analyzer.js';
import { findCheck, loadChecks } from '../analyze/catalog.js';
import { loadFrameworks } from '../analyze/frameworks.js';
import { UserError } from '../errors.js';
import { table } from './table.js';

export function checksCommand(): Command {
  const cmd = new Command('checks')
    .description('List the check catalogue; `checks show ID` prints one check\'s metadata and SQL')
    .action(() => {
      const rows = [['id', 'severity', 'resource', 'title']];
      for (const c of loadChecks()) rows.push([c.id, c.severity, c.resourceType, c.title]);
      console.log(table(rows));
      console.log(`\n${rows.length - 1} checks; frameworks: ${loadFrameworks().map((f) => f.name).join(', ')}`);
    });
  cmd.command('show')
    .description('Print a check\'s metadata, SQL, and how to run it by hand in DuckDB')
    .argument('<id>', 'check id')
    .action((id: string) => {
      const c = findCheck(id);
      if (!c) throw new UserError(`No check "${id}": \`iam-audit checks\` lists them.`);
      // The values analyze would bind with the default config (and an example allowed domain).
      const values = checkParameters({ ...defaultConfig(), allowed_email_domains: ['example.com'] },
        { snapshotId: 1, accountId: null, accountName: null, accountSwitchKey: null, asOf: '2026-12-04T00:00:00Z' });
      const literal = (v: unknown) => (typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`);
      const args = c.parameters.map((p) => `${p} := ${literal(values[p])}`).join(', ');
      console.log([
        `${c.id} — ${c.title}`,
        `severity: ${c.severity} · resource: ${c.resourceType}${c.requires.length ? ` · requires config: ${c.requires.join(', ')}` : ''}`,
        `frameworks: ${c.frameworks.map((f) => `${f.framework} ${f.requirement}`).join(', ')}`,
        `rationale: ${c.rationale}`,
        `remediation: ${c.remediation}`,
        `references: ${c.references.join(' ')}`,
        `parameters: ${c.parameters.map((p) => `$${p}`).join(', ')}`,
        '',
        c.sql,
        '',
        '-- to run it by hand in the duckdb shell (after `iam-audit analyze`, which fills privileged_roles):',
        `PREPARE ${c.id} AS ${c.sql.replace(/;\s*$/, '')};`,
        `EXECUTE ${c.id}(${args});`,
      ].join('\n'));
    });
  return cmd;
}
