/**
 * What a run tells its user while it works: a redrawn status line on a TTY (phases, requests
 * done/total, retries, rate-limit waits), one plain line per finished phase otherwise, JSON lines
 * with --json, nothing but errors with --quiet.
 */
import type { ClientEvent } from './client.js';

export type ProgressMode = 'tty' | 'plain' | 'json' | 'quiet';

export interface Counters {
  requests: number;
  retries: number;
  rateLimited: number;
  waitedMs: number;
}

export class Phase {
  done = 0;
  total = 0;
  sealed = false;
  readonly startedAt = Date.now();
  finishedAt: number | undefined;
  reported = false;
  constructor(readonly name: string, private readonly onChange: (p: Phase) => void) {}
  add(n = 1): void {
    this.total += n;
    this.onChange(this);
  }
  tick(n = 1): void {
    this.done += n;
    this.check();
  }
  /** No more work will be added to this phase. */
  seal(): void {
    this.sealed = true;
    this.check();
  }
  private check(): void {
    if (this.sealed && this.done >= this.total && this.finishedAt === undefined) this.finishedAt = Date.now();
    this.onChange(this);
  }
}

export class Progress {
  private phases: Phase[] = [];
  private account = '';
  private lastDraw = 0;
  private counters: () => Counters = () => ({ requests: 0, retries: 0, rateLimited: 0, waitedMs: 0 });

  constructor(readonly mode: ProgressMode, private readonly out: NodeJS.WritableStream = process.stderr) {}

  static auto(opts: { quiet?: boolean; json?: boolean }): Progress {
    if (opts.quiet) return new Progress('quiet');
    if (opts.json) return new Progress('json', process.stdout);
    return new Progress(process.stderr.isTTY ? 'tty' : 'plain');
  }

  startAccount(label: string, snapshotId: number, counters: () => Counters): void {
    this.account = label;
    this.phases = [];
    this.counters = counters;
    this.emit({ event: 'account-start', account: label, snapshotId }, `Extracting ${label} into snapshot ${snapshotId}`);
  }

  phase(name: string): Phase {
    const p = new Phase(name, (x) => this.changed(x));
    this.phases.push(p);
    return p;
  }

  clientEvent(e: ClientEvent): void {
    if (this.mode === 'json') this.json({ event: e.type, account: this.account, ...e });
    this.redraw();
  }

  info(message: string, data: Record<string, unknown> = {}): void {
    this.emit({ event: 'info', message, ...data }, message);
  }

  warn(message: string): void {
    this.clearLine();
    if (this.mode === 'json') this.json({ event: 'warning', account: this.account, message });
    else if (this.mode !== 'quiet') this.out.write(`warning: ${message}\n`);
  }

  endAccount(data: Record<string, unknown>, line: string): void {
    this.clearLine();
    // A failure is printed even with --quiet: it is an error.
    if (this.mode === 'quiet' && data.status === 'failed') this.out.write(`${line}\n`);
    else this.emit({ event: 'account-end', account: this.account, ...data }, line);
  }

  private changed(p: Phase): void {
    if (p.finishedAt !== undefined && !p.reported) {
      p.reported = true;
      const c = this.counters();
      const secs = ((p.finishedAt - p.startedAt) / 1000).toFixed(1);
      if (this.mode === 'plain') this.out.write(`  ${this.account} · ${p.name}: ${p.done} done in ${secs} s (run so far: ${c.requests} requests, ${c.retries} retries, ${c.rateLimited} × 429)\n`);
      if (this.mode === 'json') this.json({ event: 'phase-end', account: this.account, phase: p.name, done: p.done, seconds: Number(secs) });
      if (this.mode === 'tty') {
        this.clearLine();
        this.out.write(`  ${p.name}: ${p.done} done in ${secs} s\n`);
      }
    }
    this.redraw();
  }

  private redraw(): void {
    if (this.mode !== 'tty') return;
    const now = Date.now();
    if (now - this.lastDraw < 100) return;
    this.lastDraw = now;
    const c = this.counters();
    const phases = this.phases.filter((p) => p.finishedAt === undefined).map((p) => `${p.name} ${p.done}/${p.total}${p.sealed ? '' : '+'}`).join(' · ');
    const line = `  ${phases} | ${c.requests} req, ${c.retries} retries, ${c.rateLimited}×429, waited ${(c.waitedMs / 1000).toFixed(1)} s`;
    this.out.write(`\r\x1b[2K${line.slice(0, (process.stderr.columns ?? 120) - 1)}`);
  }

  private clearLine(): void {
    if (this.mode === 'tty') this.out.write('\r\x1b[2K');
  }

  private emit(data: Record<string, unknown>, line: string): void {
    if (this.mode === 'json') this.json(data);
    else if (this.mode !== 'quiet') this.out.write(`${line}\n`);
  }

  private json(data: Record<string, unknown>): void {
    this.out.write(`${JSON.stringify({ ts: new Date().toISOString(), ...data })}\n`);
  }
}
