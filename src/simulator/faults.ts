/**
 * What can go wrong between an auditor and Akamai, on demand: a token-bucket rate limit with
 * Akamai's headers, added latency, 500/503 responses, responses slower than a client's timeout and
 * truncated JSON. Decisions come from a seeded generator, so a faulty run can be replayed.
 */
import { Rng } from './random.js';

export interface FaultOptions {
  /** Sustained requests per second per client token; 0 switches the rate limit off. */
  rateLimit: number;
  /** Bucket capacity (the burst a client may send at once). Defaults to the rate limit. */
  burst?: number;
  /** `akamai` sends Akamai-RateLimit-*, `x` sends the older X-RateLimit-* spelling. */
  rateLimitHeaders: 'akamai' | 'x';
  /** Added to every response. */
  latencyMs: number;
  /** Share (0–1) of requests answered 500 (problem+json) or 503 (HTML, as an edge server sends). */
  errorRate: number;
  /** Share of requests answered only after slowMs. */
  slowRate: number;
  slowMs: number;
  /** Share of 200 responses whose JSON body is cut in half. */
  truncateRate: number;
  seed: string;
}

/** A realistic default: a modest rate limit and nothing else. Akamai does not publish IAM's limit. */
export const DEFAULT_FAULTS: FaultOptions = {
  rateLimit: 100, rateLimitHeaders: 'akamai', latencyMs: 0, errorRate: 0, slowRate: 0, slowMs: 30_000, truncateRate: 0, seed: 'faults',
};

interface Bucket {
  tokens: number;
  updated: number;
}

export type RateDecision = { allowed: true; headers: Record<string, string> } | { allowed: false; headers: Record<string, string> };

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  constructor(private readonly rate: number, private readonly capacity: number, private readonly style: 'akamai' | 'x') {}

  /** Takes one token for `key`, or says when the next one will be there. */
  take(key: string, now: number): RateDecision {
    let b = this.buckets.get(key);
    if (!b) this.buckets.set(key, (b = { tokens: this.capacity, updated: now }));
    b.tokens = Math.min(this.capacity, b.tokens + ((now - b.updated) / 1000) * this.rate);
    b.updated = now;
    const p = this.style === 'akamai' ? 'Akamai-RateLimit-' : 'X-RateLimit-';
    const headers: Record<string, string> = { [`${p}Limit`]: String(this.capacity) };
    if (b.tokens >= 1) {
      b.tokens -= 1;
      const remaining = Math.floor(b.tokens);
      headers[`${p}Remaining`] = String(remaining);
      if (remaining === 0) headers[`${p}Next`] = new Date(now + ((1 - b.tokens) / this.rate) * 1000).toISOString();
      return { allowed: true, headers };
    }
    const waitMs = ((1 - b.tokens) / this.rate) * 1000;
    headers[`${p}Remaining`] = '0';
    headers[`${p}Next`] = new Date(now + waitMs).toISOString();
    headers['Retry-After'] = String(Math.max(1, Math.ceil(waitMs / 1000)));
    return { allowed: false, headers };
  }
}

export type Fault = 'none' | 'error500' | 'error503' | 'slow' | 'truncate';

export class FaultInjector {
  private rng: Rng;
  limiter: RateLimiter | undefined;
  constructor(public options: FaultOptions) {
    this.rng = new Rng(options.seed);
    this.limiter = options.rateLimit > 0
      ? new RateLimiter(options.rateLimit, options.burst ?? Math.max(1, Math.round(options.rateLimit)), options.rateLimitHeaders)
      : undefined;
  }

  /** Decides the fault for one request (before the route runs). */
  draw(): Fault {
    const o = this.options;
    const r = this.rng.next();
    if (r < o.errorRate) return this.rng.chance(0.5) ? 'error500' : 'error503';
    if (r < o.errorRate + o.slowRate) return 'slow';
    if (r < o.errorRate + o.slowRate + o.truncateRate) return 'truncate';
    return 'none';
  }
}

export const EDGE_503_HTML = `<HTML><HEAD>
<TITLE>Service Unavailable</TITLE>
</HEAD><BODY>
<H1>Service Unavailable - Zero size object</H1>
The server is temporarily unable to service your request.  Please try again later.<P>
Reference&#32;&#35;18&#46;7a3c1402&#46;1733338800&#46;2f1e0c4
</BODY></HTML>
`;
