import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import EdgeGrid from 'akamai-edgegrid';
import { API, startTestSimulator, type TestSimulator } from '../support/simulator.js';

describe('simulator HTTP behaviour', () => {
  let s: TestSimulator;
  beforeAll(async () => (s = await startTestSimulator({ users: 60 })));
  afterAll(() => s.close());
  const problemShape = { type: expect.any(String), title: expect.any(String), detail: expect.any(String), instance: expect.any(String) };

  it('404 problem+json for an unknown id and an unknown path', async () => {
    const user = await s.get('/user-admin/ui-identities/NO-SUCH-USER');
    expect(user.status).toBe(404);
    expect(user.headers['content-type']).toBe('application/problem+json');
    expect(user.json()).toMatchObject({ ...problemShape, status: 404, detail: expect.stringContaining('NO-SUCH-USER') });
    expect((await s.get('/user-admin/roles/999999999')).status).toBe(404);
    expect((await s.get('/no/such/thing')).json()).toMatchObject({ status: 404 });
  });

  it('405 for every (correctly signed) write, with Allow: GET', async () => {
    const c = s.sim.credentials.auditor;
    const eg = new EdgeGrid(c.client_token, c.client_secret, c.access_token, c.host);
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const path = `${API}/user-admin/ui-identities/${[...s.sim.world.home.users.keys()][0]}`;
      const body = method === 'DELETE' ? undefined : '{"firstName":"Mallory"}';
      eg.auth({ path, method, body, headers: {} });
      const signed = eg.request as any;
      const res = await s.send(signed.url, { method, authorization: signed.headers.Authorization, body });
      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe('GET');
      expect(res.json()).toMatchObject({ ...problemShape, status: 405 });
    }
  });

  it('403 for a client without IAM access, naming the API service to grant', async () => {
    const users = await s.get('/user-admin/ui-identities', 'limited');
    expect(users.status).toBe(403);
    expect(users.json()).toMatchObject({ ...problemShape, status: 403, detail: expect.stringContaining('Identity Management: User Administration') });
    const clients = await s.get('/api-clients', 'limited');
    expect(clients.json().detail).toContain('API Clients Administration');
  });

  it('switches account with accountSwitchKey; an unknown key is a 403', async () => {
    const [key, other] = [...s.sim.world.switched.entries()][0];
    const switched = await s.get(`/user-admin/ui-identities?accountSwitchKey=${encodeURIComponent(key)}`);
    expect(switched.status).toBe(200);
    expect(switched.json().map((u: any) => u.accountId)).toEqual([...other.users.values()].map(() => other.accountId));
    const keys = await s.get('/api-clients/self/account-switch-keys');
    expect(keys.json().map((k: any) => k.accountSwitchKey).sort()).toEqual([...s.sim.world.switched.keys()].sort());
    const bad = await s.get('/user-admin/groups?accountSwitchKey=1-NOPE%3A1-NOPE');
    expect(bad.status).toBe(403);
    expect(bad.json().detail).toContain('1-NOPE:1-NOPE');
  });

  it('400 for a malformed query parameter', async () => {
    const r = await s.get('/user-admin/ui-identities?authGrants=yes');
    expect(r.status).toBe(400);
    expect(r.json().detail).toContain('authGrants');
    expect((await s.get(`/user-admin/properties/${[...s.sim.world.home.properties.keys()][0]}`)).status).toBe(400);
  });
});

describe('simulator rate limit and faults', () => {
  let s: TestSimulator;
  beforeAll(async () => (s = await startTestSimulator({ users: 30 })));
  afterAll(() => s.close());

  it('token bucket: 429 with Akamai-RateLimit-* and Retry-After once the burst is spent, then refills', async () => {
    s.sim.setFaults({ rateLimit: 5, burst: 3 });
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 5; i++) {
      last = await s.get('/user-admin/ip-acl/allowlist/status');
      statuses.push(last.status);
      if (i === 0) expect(last.headers['akamai-ratelimit-remaining']).toBe('2');
    }
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    expect(statuses.slice(3)).toContain(429);
    const limited = last!;
    expect(limited.status).toBe(429);
    expect(limited.headers['akamai-ratelimit-limit']).toBe('3');
    expect(limited.headers['akamai-ratelimit-remaining']).toBe('0');
    const next = Date.parse(limited.headers['akamai-ratelimit-next']);
    expect(next).toBeGreaterThan(Date.now() - 1000);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    await new Promise((r) => setTimeout(r, Math.max(0, next - Date.now()) + 50));
    expect((await s.get('/user-admin/ip-acl/allowlist/status')).status).toBe(200);
  });

  it('X-RateLimit-* spelling on request', async () => {
    s.sim.setFaults({ rateLimit: 100, burst: 100, rateLimitHeaders: 'x' });
    const r = await s.get('/user-admin/ip-acl/allowlist/status');
    expect(r.headers['x-ratelimit-limit']).toBe('100');
    expect(r.headers['akamai-ratelimit-limit']).toBeUndefined();
  });

  it('500 problem+json and 503 HTML at the configured share; truncated JSON bodies', async () => {
    s.sim.setFaults({ rateLimit: 0, errorRate: 0.5, seed: 'f1' });
    const seen = new Map<number, string>();
    for (let i = 0; i < 40; i++) {
      const r = await s.get('/user-admin/common/timeout-policies');
      seen.set(r.status, r.headers['content-type']);
    }
    expect(seen.get(500)).toBe('application/problem+json');
    expect(seen.get(503)).toBe('text/html');
    expect(seen.get(200)).toBe('application/json');

    s.sim.setFaults({ errorRate: 0, truncateRate: 1 });
    const cut = await s.get('/user-admin/common/timeout-policies');
    expect(cut.status).toBe(200);
    expect(() => cut.json()).toThrow();
  });

  it('slow responses and added latency', async () => {
    s.sim.setFaults({ truncateRate: 0, slowRate: 1, slowMs: 400 });
    let t0 = Date.now();
    await s.get('/user-admin/ip-acl/allowlist/status');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(390);
    s.sim.setFaults({ slowRate: 0, latencyMs: 150 });
    t0 = Date.now();
    await s.get('/user-admin/ip-acl/allowlist/status');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    s.sim.setFaults({ latencyMs: 0 });
  });
});
