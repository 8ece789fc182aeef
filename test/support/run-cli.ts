import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export const BIN = resolve(import.meta.dirname, '../../bin/iam-audit');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs ./bin/iam-audit as a user would, optionally signalling it once `killWhen` sees its output. */
export function runCli(args: string[], opts: { env?: Record<string, string>; killWhen?: (out: string) => NodeJS.Signals | undefined; cwd?: string } = {}): Promise<CliResult> {
  return new Promise((resolvePromise) => {
    const child = spawn(BIN, args, { env: { ...process.env, ...opts.env }, cwd: opts.cwd ?? resolve(import.meta.dirname, '../..') });
    let stdout = '';
    let stderr = '';
    let killed = false;
    const check = () => {
      const sig = !killed && opts.killWhen?.(stdout + stderr);
      if (sig) {
        killed = true;
        child.kill(sig);
      }
    };
    child.stdout.on('data', (d) => { stdout += d; check(); });
    child.stderr.on('data', (d) => { stderr += d; check(); });
    child.on('close', (code, signal) => resolvePromise({ code, signal, stdout, stderr }));
  });
}
