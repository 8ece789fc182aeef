/**
 * Paces requests to the server's token bucket so that a run seldom sees a 429 at all.
 *
 * Akamai sends `*-RateLimit-Limit` (bucket size), `*-RateLimit-Remaining` and, once the bucket is
 * empty, `*-RateLimit-Next` (when the next token arrives). While Remaining is comfortable the
 * governor lets requests through freely. Once the bucket runs dry it paces: every response that
 * leaves it empty carries a Next, and consecutive Nexts are one refill interval apart per request
 * the server accepted in between, which measures the refill rate without knowing it in advance.
 */

export interface RateHeaders {
  limit?: number;
  remaining?: number;
  /** Local epoch ms at which the server says the next token is available. */
  next?: number;
}

const header = (h: Record<string, string | string[] | undefined>, name: string): string | undefined => {
  const v = h[`akamai-ratelimit-${name}`] ?? h[`x-ratelimit-${name}`];
  return Array.isArray(v) ? v[0] : v;
};

/** Reads Akamai-RateLimit-* (or X-RateLimit-*), Retry-After and Date into local time. */
export function readRateHeaders(h: Record<string, string | string[] | undefined>, localNow: number, skewMs: number): RateHeaders & { retryAfterMs?: number } {
  const out: RateHeaders & { retryAfterMs?: number } = {};
  const limit = Number(header(h, 'limit'));
  if (Number.isFinite(limit) && header(h, 'limit') !== undefined) out.limit = limit;
  const remaining = Number(header(h, 'remaining'));
  if (Number.isFinite(remaining) && header(h, 'remaining') !== undefined) out.remaining = remaining;
  const next = Date.parse(header(h, 'next') ?? '');
  if (Number.isFinite(next)) out.next = next - skewMs;
  const retryAfter = h['retry-after'];
  if (typeof retryAfter === 'string') {
    const secs = Number(retryAfter);
    out.retryAfterMs = Number.isFinite(secs) ? secs * 1000 : Math.max(0, Date.parse(retryAfter) - skewMs - localNow);
  }
  return out;
}

export interface GovernorStats {
  /** Time requests spent waiting for the rate limit (ms, summed over waits of the dispatcher). */
  waitedMs: number;
  paced: boolean;
  /** Estimated refill rate (requests/s) once measured. */
  rate?: number;
}

export class RateGovernor {
  private pausedUntil = 0;
  private intervalMs = 0;
  private nextSlot = 0;
  private accepted = 0;
  /** (accepted count, Next) of responses that left the bucket empty: the refill clock. */
  private samples: { n: number; next: number }[] = [];
  private chain: Promise<void> = Promise.resolve();
  readonly stats: GovernorStats = { waitedMs: 0, paced: false };

  /**
   * @param lowWater below this Remaining the governor starts pacing before the bucket is empty
   *   (the concurrency: that many requests may already be on their way).
   */
  constructor(private readonly lowWater = 4, private readonly clock: () => number = Date.now) {}

  /** Resolves when a request may be sent; reserves its slot. */
  acquire(): Promise<void> {
    const turn = this.chain.then(async () => {
      const now = this.clock();
      const at = Math.max(this.pausedUntil, this.nextSlot);
      if (at > now) {
        this.stats.waitedMs += at - now;
        await new Promise((r) => setTimeout(r, at - now));
      }
      this.nextSlot = Math.max(at, now) + this.intervalMs;
    });
    this.chain = turn;
    return turn;
  }

  /** Feeds back what a response said about the bucket. */
  observe(r: RateHeaders, status: number): void {
    if (status === 429) {
      // Too fast: wait for the token the server named, and slow the pace a little.
      if (r.next !== undefined) this.pausedUntil = Math.max(this.pausedUntil, r.next);
      this.intervalMs = this.intervalMs ? this.intervalMs * 1.05 : this.intervalMs;
      this.stats.paced = true;
      return;
    }
    if (r.remaining === undefined) return;
    this.accepted += 1;
    if (r.remaining === 0 && r.next !== undefined) {
      this.stats.paced = true;
      this.pausedUntil = Math.max(this.pausedUntil, r.next);
      this.samples.push({ n: this.accepted, next: r.next });
      if (this.samples.length > 64) this.samples.shift();
      this.estimate();
    } else if (this.intervalMs === 0 && r.remaining <= this.lowWater && r.limit) {
      // About to run dry with requests in flight: start a little below a guess of one bucket per second
      // until the Next headers measure the real refill rate.
      this.intervalMs = 1250 / r.limit;
    } else if (this.intervalMs > 0 && r.remaining >= 2) {
      // Tokens are piling up: the pace is slower than the server allows.
      this.intervalMs *= 0.95;
      if (r.limit !== undefined && r.remaining > Math.max(this.lowWater * 2, r.limit / 2)) this.intervalMs = 0;
    }
  }

  private estimate(): void {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    const span = last.next - first.next;
    const n = last.n - first.n;
    if (this.samples.length < 4 || span < 200 || n <= 0) return;
    this.intervalMs = span / n;
    this.stats.rate = 1000 / this.intervalMs;
  }
}
