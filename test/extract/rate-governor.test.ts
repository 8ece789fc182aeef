import { describe, expect, it } from 'vitest';
import { RateGovernor, readRateHeaders } from '../../src/extract/rate-governor.js';

describe('RateGovernor', () => {
  it('learns the refill rate from successive RateLimit-Next values and paces to it', async () => {
    let now = 1_000_000;
    const g = new RateGovernor(4, () => now);
    // Bucket of 20 drained; from then on each accepted request leaves it empty, and the next token
    // arrives 50 ms (20/s) after the previous one.
    for (let i = 0; i < 20; i++) g.observe({ limit: 20, remaining: 19 - i, next: i === 19 ? now + 50 : undefined }, 200);
    for (let i = 1; i <= 10; i++) g.observe({ limit: 20, remaining: 0, next: now + 50 + i * 50 }, 200);
    expect(g.stats.paced).toBe(true);
    expect(g.stats.rate).toBeCloseTo(20, 5);
    // Dispatch is now spaced by 50 ms: three acquisitions take two intervals after the pause.
    now += 1000; // past every Next
    const t0 = Date.now();
    await g.acquire();
    await g.acquire();
    await g.acquire();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(95);
  });

  it('a 429 pauses until the server\'s Next', async () => {
    const g = new RateGovernor(4);
    const t0 = Date.now();
    g.observe({ limit: 5, remaining: 0, next: t0 + 120 }, 429);
    await g.acquire();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(110);
  });

  it('reads Akamai-RateLimit-* and X-RateLimit-*, Retry-After in seconds, and corrects Next by the clock skew', () => {
    const now = Date.parse('2026-12-04T12:00:00Z');
    expect(readRateHeaders({ 'akamai-ratelimit-limit': '20', 'akamai-ratelimit-remaining': '0', 'akamai-ratelimit-next': '2026-12-04T12:00:01.500Z', 'retry-after': '2' }, now, 0))
      .toEqual({ limit: 20, remaining: 0, next: now + 1500, retryAfterMs: 2000 });
    expect(readRateHeaders({ 'x-ratelimit-remaining': '7', 'x-ratelimit-next': '2026-12-04T12:00:10Z' }, now, 10_000)).toEqual({ remaining: 7, next: now });
  });
});
