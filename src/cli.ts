/** One command tree; each command lives in src/cli/ and only parses flags and calls a stage. */
import { Command, CommanderError } from 'commander';
import { UserError } from './errors.js';
import { simulateCommand } from './cli/simulate.js';
import { demoCommand } from './cli/demo.js';
import { extractCommand } from './cli/extract.js';
import { analyzeCommand } from './cli/analyze.js';
import { diffCommand } from './cli/diff.js';
import { checksCommand } from './cli/checks.js';

const program = new Command('iam-audit')
  .description('Quarterly access review of Akamai accounts: extract IAM v3 into DuckDB, flag risks with SQL, report.')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

program.addCommand(demoCommand());
program.addCommand(extractCommand());
program.addCommand(analyzeCommand());
program.addCommand(diffCommand());
program.addCommand(checksCommand());
program.addCommand(simulateCommand());
// Subcommands added with addCommand do not inherit these settings.
for (const c of program.commands) c.exitOverride().showHelpAfterError('(run with --help for usage)');

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) process.exit(err.exitCode === 0 ? 0 : 2);
  if (err instanceof UserError) {
    console.error(`iam-audit: ${err.message}`);
    process.exit(err.exitCode);
  }
  throw err;
}
