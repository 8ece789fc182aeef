/**
 * Server side of EdgeGrid (EG1-HMAC-SHA256): recomputes the signature of each request exactly as
 * REFERENCE §2.2 describes and refuses a bad signature, a stale timestamp or a replayed nonce.
 * The client side signs through the akamai-edgegrid library; this file is deliberately independent
 * of it, so the two implementations check each other.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export interface EdgeGridCredential {
  clientToken: string;
  accessToken: string;
  clientSecret: string;
  /** The API client the credential belongs to. */
  clientId: string;
}

export interface SignatureInput {
  method: string;
  scheme: string;
  host: string;
  /** Path plus `?` and the raw query, exactly as sent. */
  pathAndQuery: string;
  body?: Buffer;
  clientSecret: string;
  timestamp: string;
  authPrefix: string;
  maxBody?: number;
}

const base64Hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data, 'utf8').digest('base64');

export function contentHash(method: string, body: Buffer | undefined, maxBody = 131072): string {
  if (method.toUpperCase() !== 'POST' || !body || body.length === 0) return '';
  return createHash('sha256').update(body.subarray(0, maxBody)).digest('base64');
}

export function computeSignature(i: SignatureInput): string {
  const signingKey = base64Hmac(i.clientSecret, i.timestamp);
  const dataToSign = [
    i.method.toUpperCase(), i.scheme.toLowerCase(), i.host.toLowerCase(), i.pathAndQuery,
    '', // canonical signed headers: IAM signs none
    contentHash(i.method, i.body, i.maxBody), i.authPrefix,
  ].join('\t');
  return base64Hmac(signingKey, dataToSign);
}

/** `yyyyMMddTHH:mm:ss+0000` → epoch ms, or NaN. */
export function parseEdgeGridTimestamp(ts: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2}):(\d{2}):(\d{2})\+0000$/.exec(ts);
  if (!m) return NaN;
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
}

export interface ParsedAuthorization {
  clientToken: string;
  accessToken: string;
  timestamp: string;
  nonce: string;
  signature: string;
  authPrefix: string;
}

export function parseAuthorization(header: string | undefined): ParsedAuthorization | string {
  if (!header) return 'The request has no Authorization header; sign it with EdgeGrid (EG1-HMAC-SHA256).';
  const prefix = 'EG1-HMAC-SHA256 ';
  if (!header.startsWith(prefix)) return 'The Authorization header is not EG1-HMAC-SHA256.';
  const sigAt = header.lastIndexOf(';signature=');
  if (sigAt < 0) return 'The Authorization header has no signature.';
  const fields = new Map<string, string>();
  for (const part of header.slice(prefix.length).split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1));
  }
  const need = ['client_token', 'access_token', 'timestamp', 'nonce', 'signature'];
  const missing = need.filter((k) => !fields.get(k));
  if (missing.length) return `The Authorization header lacks ${missing.join(', ')}.`;
  return {
    clientToken: fields.get('client_token')!, accessToken: fields.get('access_token')!, timestamp: fields.get('timestamp')!,
    nonce: fields.get('nonce')!, signature: fields.get('signature')!, authPrefix: header.slice(0, sigAt + 1),
  };
}

/**
 * Remembers nonces for as long as their timestamps are acceptable. Two rotating generations keep
 * memory bounded by the request rate times the window, however long the server runs.
 */
class NonceCache {
  private current = new Set<string>();
  private previous = new Set<string>();
  private rotatedAt: number;
  constructor(private readonly windowMs: number, now: number) {
    this.rotatedAt = now;
  }
  /** False when the nonce was seen before. */
  add(nonce: string, now: number): boolean {
    if (now - this.rotatedAt > this.windowMs * 2) {
      this.previous = this.current;
      this.current = new Set();
      this.rotatedAt = now;
    }
    if (this.current.has(nonce) || this.previous.has(nonce)) return false;
    this.current.add(nonce);
    return true;
  }
}

export interface VerifyRequest {
  method: string;
  host: string;
  pathAndQuery: string;
  authorization: string | undefined;
  body?: Buffer;
}

export type VerifyResult = { ok: true; credential: EdgeGridCredential } | { ok: false; detail: string };

export class EdgeGridVerifier {
  private readonly nonces: NonceCache;
  constructor(
    private readonly credentials: Map<string, EdgeGridCredential>,
    /** How far a request's timestamp may be from the server clock. */
    private readonly maxSkewMs = 120_000,
    private readonly clock: () => number = Date.now,
  ) {
    this.nonces = new NonceCache(maxSkewMs, clock());
  }

  verify(r: VerifyRequest): VerifyResult {
    const auth = parseAuthorization(r.authorization);
    if (typeof auth === 'string') return { ok: false, detail: auth };
    const cred = this.credentials.get(auth.clientToken);
    if (!cred) return { ok: false, detail: 'Invalid authorization client_token: no active credential has this token.' };
    if (cred.accessToken !== auth.accessToken) return { ok: false, detail: 'Invalid authorization access_token for this client_token.' };
    const ts = parseEdgeGridTimestamp(auth.timestamp);
    if (Number.isNaN(ts)) return { ok: false, detail: 'Invalid timestamp: expected yyyyMMddTHH:mm:ss+0000.' };
    const now = this.clock();
    if (Math.abs(now - ts) > this.maxSkewMs) {
      return { ok: false, detail: `Invalid timestamp: ${auth.timestamp} is more than ${this.maxSkewMs / 1000} s from the server clock; check the client's clock.` };
    }
    const expected = computeSignature({
      method: r.method, scheme: 'https', host: r.host, pathAndQuery: r.pathAndQuery, body: r.body,
      clientSecret: cred.clientSecret, timestamp: auth.timestamp, authPrefix: auth.authPrefix,
    });
    const a = Buffer.from(expected);
    const b = Buffer.from(auth.signature);
    if (a.length !== b.length || !timingSafeEqual(a, b)) {
      return { ok: false, detail: 'The signature does not match: check client_secret and that the signed path and host are the ones sent.' };
    }
    // Checked last, so that a forged request cannot burn a legitimate client's nonce.
    if (!this.nonces.add(auth.nonce, now)) return { ok: false, detail: 'Invalid nonce: this nonce was already used (replayed request).' };
    return { ok: true, credential: cred };
  }
}
