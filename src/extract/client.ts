/**
 * Signed GETs against IAM v3 with everything a polite, patient client needs: a concurrency cap,
 * rate-limit pacing, bounded retries with exponential backoff and full jitter on 429, 5xx, network
 * errors, timeouts and unparseable bodies, and a fresh signature (timestamp and nonce) for every
 * attempt, since Akamai refuses a replayed nonce. Callers see JSON or one clear error.
 */
import pLimit, { type LimitFunction } from 'p-limit';
import { Agent, request } from 'undici';
import { UserError } from '../errors.js';
import type { EdgercSection } from './edgerc.js';
import { RateGovernor, readRateHeaders } from './rate-governor.js';
import { Signer } from './signer.js';
import { splitJsonArray, type ArraySpans } from './json-array.js';

export const API_BASE = '/identity-management/v3';

export interface ClientOptions {
  credentials: EdgercSection;
  /** PEM of extra CAs to trust (the simulator's); NODE_EXTRA_CA_CERTS works too. */
  ca?: string;
  concurrency: number;
  timeoutMs: number;
  /** Attempts for 5xx, network errors, timeouts and bad bodies. */
  maxAttempts: number;
  /** Attempts for 429s, which cost only waiting. */
  maxRateLimitedAttempts?: number;
  retryBaseMs?: number;
  retryCapMs?: number;
  signal?: AbortSignal;
  onEvent?: (e: ClientEvent) => void;
}

export type ClientEvent =
  | { type: 'retry'; path: string; attempt: number; reason: string; waitMs: number }
  | { type: 'rate-limited'; path: string; waitMs: number };

export interface ClientStats {
  requests: number;
  retries: number;
  rateLimited: number;
  bytes: number;
}

export type Query = Record<string, string | number | boolean | undefined>;

export interface GetOptions {
  accountSwitchKey?: string;
  allow404?: boolean;
  signal?: AbortSignal;
}

/** A read that failed for good. `fatal` ones (bad credentials, missing grants) end the whole run. */
export class ApiError extends UserError {
  constructor(message: string, readonly status: number | undefined, readonly fatal = false) {
    super(message);
    this.name = 'ApiError';
  }
}

export class AbortedError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'AbortedError';
  }
}

export function buildPath(path: string, query: Query): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(query)) if (v !== undefined) parts.push(`${k}=${encodeURIComponent(String(v))}`);
  return `${API_BASE}${path}${parts.length ? `?${parts.join('&')}` : ''}`;
}

function problemDetail(text: string): string {
  try {
    const p = JSON.parse(text) as { title?: string; detail?: string; instance?: string };
    return [p.title, p.detail].filter(Boolean).join(': ') + (p.instance ? ` (instance ${p.instance})` : '');
  } catch {
    return text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 120);
  }
}

const sleep = (ms: number, signal?: AbortSignal) => new Promise<void>((resolve, reject) => {
  if (signal?.aborted) return reject(new AbortedError(String(signal.reason ?? 'aborted')));
  const t = setTimeout(() => {
    signal?.removeEventListener('abort', onAbort);
    resolve();
  }, ms);
  const onAbort = () => {
    clearTimeout(t);
    reject(new AbortedError(String(signal?.reason ?? 'aborted')));
  };
  signal?.addEventListener('abort', onAbort, { once: true });
});

export class IamClient {
  readonly stats: ClientStats = { requests: 0, retries: 0, rateLimited: 0, bytes: 0 };
  readonly governor: RateGovernor;
  private readonly limit: LimitFunction;
  private readonly signer: Signer;
  private readonly agent: Agent;
  private skewMs = 0;

  constructor(private readonly o: ClientOptions) {
    this.signer = new Signer(o.credentials);
    this.limit = pLimit(o.concurrency);
    this.governor = new RateGovernor(o.concurrency);
    this.agent = new Agent({
      connections: o.concurrency, keepAliveTimeout: 30_000, headersTimeout: o.timeoutMs, bodyTimeout: o.timeoutMs,
      connect: o.ca ? { ca: o.ca } : undefined,
    });
  }

  get section(): string {
    return `[${this.o.credentials.section}] of ${this.o.credentials.file}`;
  }

  /**
   * GETs `path` and returns its parsed JSON body (null for 204), or undefined for a 404 when
   * `allow404` (an object deleted while the run was reading the account). `signal` (default: the
   * client's) cancels it.
   */
  /** The body as received and parsed (null for a 204; undefined for an allowed 404). */
  get(path: string, query: Query, opts: GetOptions = {}): Promise<{ text: string; json: unknown } | null | undefined> {
    return this.request(path, query, opts, (text) => ({ text, json: JSON.parse(text) as unknown }));
  }

  /**
   * GETs a JSON array and returns its text with the offsets of its elements, for callers that
   * parse a large list element by element. A body that is not one complete array is retried.
   */
  getArray(path: string, query: Query, opts: GetOptions = {}): Promise<{ text: string; spans: ArraySpans } | undefined> {
    return this.request(path, query, opts, (text) => ({ text, spans: splitJsonArray(text) })) as Promise<{ text: string; spans: ArraySpans } | undefined>;
  }

  private request<T>(path: string, query: Query, opts: GetOptions, decode: (text: string) => T): Promise<T | null | undefined> {
    const accountSwitchKey = opts.accountSwitchKey ?? this.o.credentials.accountKey;
    const pathAndQuery = buildPath(path, { ...query, accountSwitchKey });
    return this.limit(() => this.attempt(pathAndQuery, !!accountSwitchKey, opts.allow404 ?? false, opts.signal ?? this.o.signal, decode));
  }

  private async attempt<T>(pathAndQuery: string, switched: boolean, allow404: boolean, signal: AbortSignal | undefined, decode: (text: string) => T): Promise<T | null | undefined> {
    const o = { ...this.o, signal };
    let failures = 0;
    let rateLimited = 0;
    for (;;) {
      await this.governor.acquire();
      if (o.signal?.aborted) throw new AbortedError(String(o.signal.reason ?? 'aborted'));
      const signed = this.signer.sign(pathAndQuery);
      let status: number;
      let text: string;
      let headers: Record<string, string | string[] | undefined>;
      this.stats.requests += 1;
      try {
        // The timeout is the agent's headersTimeout/bodyTimeout: a per-request AbortSignal.timeout
        // would keep a timer alive for the full timeout after every fast response.
        const res = await request(signed.url, {
          method: 'GET', headers: { authorization: signed.authorization, accept: 'application/json' },
          dispatcher: this.agent, signal: o.signal,
        });
        status = res.statusCode;
        headers = res.headers;
        text = await res.body.text();
      } catch (err) {
        if (o.signal?.aborted) throw new AbortedError(String(o.signal.reason ?? 'aborted'));
        const e = err as Error & { code?: string };
        const reason = e.name === 'TimeoutError' || e.code === 'UND_ERR_HEADERS_TIMEOUT' || e.code === 'UND_ERR_BODY_TIMEOUT'
          ? `no response within ${o.timeoutMs} ms` : `network error ${e.code ?? e.message}`;
        if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(e.code ?? e.message)) {
          throw new ApiError(`TLS certificate of ${o.credentials.host} is not trusted (${e.code}): for the simulator pass --ca-file FILE.ca.pem or set NODE_EXTRA_CA_CERTS.`, undefined, true);
        }
        failures = await this.retryOrThrow(pathAndQuery, failures, reason, signal);
        continue;
      }
      this.stats.bytes += text.length;
      const now = Date.now();
      this.trackSkew(headers, now);
      const rate = readRateHeaders(headers, now, this.skewMs);
      this.governor.observe(rate, status);

      if (status === 200) {
        try {
          return decode(text);
        } catch {
          failures = await this.retryOrThrow(pathAndQuery, failures, `body is not valid JSON (${text.length} bytes, ends "${text.slice(-20)}")`, signal);
          continue;
        }
      }
      if (status === 204) return null;
      if (status === 429) {
        this.stats.rateLimited += 1;
        rateLimited += 1;
        if (rateLimited >= (o.maxRateLimitedAttempts ?? 30)) {
          throw new ApiError(`GET ${pathAndQuery}: still rate limited (429) after ${rateLimited} attempts.`, 429);
        }
        const until = rate.next ?? now + (rate.retryAfterMs ?? this.backoff(rateLimited));
        o.onEvent?.({ type: 'rate-limited', path: pathAndQuery, waitMs: Math.max(0, until - now) });
        this.stats.retries += 1;
        await sleep(Math.max(0, until - Date.now()), o.signal);
        continue;
      }
      if (status >= 500) {
        failures = await this.retryOrThrow(pathAndQuery, failures, `HTTP ${status} ${problemDetail(text)}`, signal);
        continue;
      }
      if (status === 404 && allow404) return undefined;
      throw this.clientError(status, text, pathAndQuery, switched);
    }
  }

  private clientError(status: number, text: string, pathAndQuery: string, switched: boolean): ApiError {
    const detail = problemDetail(text);
    if (status === 401) {
      return new ApiError(`Akamai refused the EdgeGrid credentials of ${this.section} (401: ${detail}). Check client_secret and access_token there, and that this machine's clock is right.`, 401, true);
    }
    if (status === 403 && switched) {
      return new ApiError(`Account switch key refused (403: ${detail}). List the keys this client may use with --all-accounts, or fix --account-switch-key.`, 403);
    }
    if (status === 403) {
      return new ApiError(`The API client of ${this.section} may not read IAM (403: ${detail}). In Control Center > Identity & Access > API clients, give it the "Identity Management: User Administration" and "API Clients Administration" API services.`, 403, true);
    }
    return new ApiError(`GET ${pathAndQuery} failed (${status}: ${detail}).`, status);
  }

  private async retryOrThrow(pathAndQuery: string, failures: number, reason: string, signal: AbortSignal | undefined): Promise<number> {
    failures += 1;
    if (failures >= this.o.maxAttempts) throw new ApiError(`GET ${pathAndQuery} failed after ${failures} attempts: ${reason}.`, undefined);
    const waitMs = this.backoff(failures);
    this.stats.retries += 1;
    this.o.onEvent?.({ type: 'retry', path: pathAndQuery, attempt: failures, reason, waitMs });
    await sleep(waitMs, signal);
    return failures;
  }

  /** Exponential backoff with full jitter. */
  private backoff(attempt: number): number {
    const base = this.o.retryBaseMs ?? 500;
    return Math.random() * Math.min(this.o.retryCapMs ?? 30_000, base * 2 ** (attempt - 1));
  }

  /** Akamai's Next is in server time; the Date header (1 s resolution) tells how far the clocks are apart. */
  private trackSkew(headers: Record<string, string | string[] | undefined>, now: number): void {
    const date = Date.parse(String(headers.date ?? ''));
    if (!Number.isFinite(date)) return;
    const skew = date - now;
    this.skewMs = Math.abs(skew) > 1500 ? skew : 0;
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}
