import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeSignature, EdgeGridVerifier, parseEdgeGridTimestamp } from '../../src/simulator/edgegrid.js';
import { API, startTestSimulator, type TestSimulator } from '../support/simulator.js';

// Official vectors of Akamai's EdgeGrid reference implementation (edgegrid-python testcases.json).
const V = {
  clientToken: 'akab-client-token-xxx-xxxxxxxxxxxxxxxx',
  accessToken: 'akab-access-token-xxx-xxxxxxxxxxxxxxxx',
  clientSecret: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx=',
  host: 'akaa-baseurl-xxxxxxxxxxx-xxxxxxxxxxxxx.luna.akamaiapis.net',
  timestamp: '20140321T19:34:21+0000',
  nonce: 'nonce-xx-xxxx-xxxx-xxxx-xxxxxxxxxxxx',
};
const prefix = `EG1-HMAC-SHA256 client_token=${V.clientToken};access_token=${V.accessToken};timestamp=${V.timestamp};nonce=${V.nonce};`;
const sig = (method: string, pathAndQuery: string, body?: string) => computeSignature({
  method, scheme: 'https', host: V.host, pathAndQuery, body: body === undefined ? undefined : Buffer.from(body),
  clientSecret: V.clientSecret, timestamp: V.timestamp, authPrefix: prefix, maxBody: 2048,
});

describe('EdgeGrid signature (official test vectors)', () => {
  it('GET /', () => expect(sig('GET', '/')).toBe('tL+y4hxyHxgWVD30X3pWnGKHcPzmrIF+LThiAOhMxYU='));
  it('GET with a query string', () => expect(sig('GET', '/testapi/v1/t1?p1=1&p2=2')).toBe('hKDH1UlnQySSHjvIcZpDMbQHihTQ0XyVAKZaApabdeA='));
  it('POST with a body (content hash)', () =>
    expect(sig('POST', '/testapi/v1/t3', 'datadatadatadatadatadatadatadata')).toBe('hXm4iCxtpN22m4cbZb4lVLW5rhX8Ca82vCFqXzSTPe4='));
  it('a changed byte changes the signature', () => expect(sig('GET', '/testapi/v1/t1?p1=1&p2=3')).not.toBe('hKDH1UlnQySSHjvIcZpDMbQHihTQ0XyVAKZaApabdeA='));
});

describe('EdgeGridVerifier', () => {
  const clock = () => parseEdgeGridTimestamp(V.timestamp) + 5_000;
  const creds = new Map([[V.clientToken, { ...V, clientId: 'c1' }]]);
  const header = (signature: string, nonce = V.nonce) => `${prefix.replace(V.nonce, nonce)}signature=${signature}`;

  it('accepts the official vector request, then refuses its replay', () => {
    const v = new EdgeGridVerifier(creds, 120_000, clock);
    const r = { method: 'GET', host: V.host, pathAndQuery: '/testapi/v1/t1?p1=1&p2=2', authorization: header('hKDH1UlnQySSHjvIcZpDMbQHihTQ0XyVAKZaApabdeA=') };
    expect(v.verify(r)).toMatchObject({ ok: true });
    expect(v.verify(r)).toMatchObject({ ok: false, detail: expect.stringContaining('nonce') });
  });

  it('refuses a stale timestamp, naming the clock', () => {
    const v = new EdgeGridVerifier(creds, 120_000, () => clock() + 600_000);
    const r = { method: 'GET', host: V.host, pathAndQuery: '/', authorization: header('tL+y4hxyHxgWVD30X3pWnGKHcPzmrIF+LThiAOhMxYU=') };
    expect(v.verify(r)).toMatchObject({ ok: false, detail: expect.stringContaining('clock') });
  });

  it('refuses a path other than the one signed, an unknown token and a missing header', () => {
    const v = new EdgeGridVerifier(creds, 120_000, clock);
    expect(v.verify({ method: 'GET', host: V.host, pathAndQuery: '/other', authorization: header('tL+y4hxyHxgWVD30X3pWnGKHcPzmrIF+LThiAOhMxYU=') }))
      .toMatchObject({ ok: false, detail: expect.stringContaining('signature does not match') });
    expect(v.verify({ method: 'GET', host: V.host, pathAndQuery: '/', authorization: header('x').replace(V.clientToken, 'akab-unknown') }))
      .toMatchObject({ ok: false, detail: expect.stringContaining('client_token') });
    expect(v.verify({ method: 'GET', host: V.host, pathAndQuery: '/', authorization: undefined })).toMatchObject({ ok: false });
  });
});

describe('the simulator verifies requests signed by akamai-edgegrid', () => {
  let s: TestSimulator;
  beforeAll(async () => (s = await startTestSimulator()));
  afterAll(() => s.close());

  it('accepts a library-signed request', async () => {
    const r = await s.get('/user-admin/ui-identities?authGrants=true');
    expect(r.status).toBe(200);
    expect(r.json().length).toBe(s.sim.world.home.users.size);
  });

  it('answers 401 problem+json to a replayed request, a tampered query and no signature', async () => {
    const signed = s.signer().sign(`${API}/user-admin/groups`);
    expect((await s.send(signed.url, { authorization: signed.authorization })).status).toBe(200);
    const replay = await s.send(signed.url, { authorization: signed.authorization });
    expect(replay.status).toBe(401);
    expect(replay.headers['content-type']).toBe('application/problem+json');
    expect(replay.json()).toMatchObject({ status: 401, detail: expect.stringContaining('nonce') });

    const other = s.signer().sign(`${API}/user-admin/groups?actions=false`);
    const tampered = await s.send(other.url.replace('actions=false', 'actions=true'), { authorization: other.authorization });
    expect(tampered.status).toBe(401);
    expect(tampered.json().detail).toContain('signature does not match');

    const unsigned = await s.send(`https://${s.sim.host}${API}/user-admin/groups`, {});
    expect(unsigned.status).toBe(401);
    expect(unsigned.json().detail).toContain('no Authorization header');
  });
});
