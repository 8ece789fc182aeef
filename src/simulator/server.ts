/**
 * The simulator's HTTPS server: EdgeGrid verification, rate limit and faults, account switching,
 * per-service authorization, then the route table. Read-only, like the auditor it serves.
 */
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import selfsigned from 'selfsigned';
import { API_IDS } from './catalog.js';
import { EdgeGridVerifier, type EdgeGridCredential } from './edgegrid.js';
import { DEFAULT_FAULTS, EDGE_503_HTML, FaultInjector, type FaultOptions } from './faults.js';
import type { SimApiClient, Tenant, World } from './model.js';
import { matchRoute, type RouteContext } from './routes.js';
import { advanceWorld, generateWorld, type WorldOptions } from './tenant.js';

export const API_BASE = '/identity-management/v3';

export interface SimulatorOptions extends WorldOptions {
  /** 0 picks a free port. */
  port?: number;
  faults?: Partial<FaultOptions>;
  maxSkewMs?: number;
}

export interface EdgercSection {
  host: string;
  client_token: string;
  client_secret: string;
  access_token: string;
}

export interface SimulatorStats {
  requests: number;
  byStatus: Record<number, number>;
}

export interface Simulator {
  readonly port: number;
  /** `127.0.0.1:PORT`, the `.edgerc` host. */
  readonly host: string;
  readonly caPem: string;
  readonly world: World;
  readonly stats: SimulatorStats;
  /** The simulated present (epoch ms): the tenant's "now", moving with the wall clock. */
  now(): number;
  /** The auditor's credential (full IAM read access) and one without IAM access (403 everywhere). */
  readonly credentials: { auditor: EdgercSection; limited: EdgercSection };
  advance(quarters?: number): void;
  setFaults(f: Partial<FaultOptions>): void;
  /** Writes an .edgerc with `[section]` (auditor) and `[section-limited]`, and the CA file beside it. */
  writeEdgerc(file: string, section?: string): Promise<{ edgerc: string; caFile: string }>;
  close(): Promise<void>;
}

type Json = Record<string, unknown>;

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string>, contentType: string): void {
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

let instanceCounter = 0;
function problem(res: ServerResponse, status: number, title: string, detail: string, headers: Record<string, string> = {}, type?: string): void {
  const body: Json = {
    type: type ?? `/identity-management/error-types/${status === 404 ? 2 : status === 403 ? 3 : status === 400 ? 4 : status}`,
    title, detail, instance: `${API_BASE}/problems/${(++instanceCounter).toString(16)}-${randomBytes(4).toString('hex')}`, status, errors: [],
  };
  send(res, status, JSON.stringify(body), headers, 'application/problem+json');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function parseQuery(search: URLSearchParams, spec: Record<string, { type: string; required?: boolean }>): RouteContext['query'] | string {
  const out: RouteContext['query'] = {};
  for (const [name, { type, required }] of Object.entries(spec)) {
    const raw = search.get(name);
    if (raw === null) {
      if (required) return `Missing required query parameter ${name}.`;
      continue;
    }
    if (type === 'bool') {
      if (raw !== 'true' && raw !== 'false') return `Query parameter ${name} must be true or false, not "${raw}".`;
      out[name] = raw === 'true';
    } else if (type === 'int') {
      if (!/^-?\d+$/.test(raw)) return `Query parameter ${name} must be an integer, not "${raw}".`;
      out[name] = Number(raw);
    } else out[name] = raw;
  }
  return out;
}

function hasService(c: SimApiClient, service: 'userAdmin' | 'clientAdmin'): boolean {
  return c.allAccessibleApis || c.apis.some((a) => a.apiId === API_IDS[service]);
}

const SERVICE_NAMES = { userAdmin: 'Identity Management: User Administration', clientAdmin: 'API Clients Administration' };

export async function startSimulator(opts: SimulatorOptions): Promise<Simulator> {
  const world = generateWorld(opts);
  let injector = new FaultInjector({ ...DEFAULT_FAULTS, ...opts.faults });
  const stats: SimulatorStats = { requests: 0, byStatus: {} };

  // Secrets are random per start: they exist only in this process and in the .edgerc it writes.
  const credentialFor = (clientId: string): EdgeGridCredential => {
    const c = world.home.apiClients.get(clientId)!;
    const cred = c.credentials.find((x) => x.status === 'ACTIVE')!;
    return { clientId, clientToken: cred.clientToken, accessToken: c.accessToken, clientSecret: randomBytes(32).toString('base64') };
  };
  const auditor = credentialFor(world.caller.clientId);
  const limited = credentialFor(world.limitedClientId);
  const verifier = new EdgeGridVerifier(new Map([[auditor.clientToken, auditor], [limited.clientToken, limited]]), opts.maxSkewMs);

  const pems = await selfsigned.generate([{ name: 'commonName', value: 'akamai-iam-simulator' }], {
    keyType: 'ec', algorithm: 'sha256',
    notBeforeDate: new Date(Date.now() - 3_600_000), notAfterDate: new Date(Date.now() + 30 * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] },
    ],
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const rawUrl = req.url ?? '/';
    let body: Buffer | undefined;
    if (method !== 'GET' && method !== 'HEAD') {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      body = Buffer.concat(chunks);
    }
    const v = verifier.verify({ method, host: req.headers.host ?? '', pathAndQuery: rawUrl, authorization: req.headers.authorization, body });
    if (!v.ok) {
      return problem(res, 401, 'Not authorized', v.detail, {}, 'https://problems.luna.akamaiapis.net/-/pep-authn/deny-reason/invalid-signature');
    }
    const rate = injector.limiter?.take(v.credential.clientToken, Date.now());
    const rateHeaders = rate?.headers ?? {};
    if (rate && !rate.allowed) {
      return problem(res, 429, 'Too Many Requests', 'The API client exceeded its rate limit; retry after Akamai-RateLimit-Next.', rateHeaders,
        'https://problems.luna.akamaiapis.net/-/rate-limit/too-many-requests');
    }
    const fault = injector.draw();
    if (injector.options.latencyMs > 0) await sleep(injector.options.latencyMs);
    if (fault === 'error500') return problem(res, 500, 'Internal Server Error', 'An unexpected error occurred; retry the request.', rateHeaders);
    if (fault === 'error503') return send(res, 503, EDGE_503_HTML, rateHeaders, 'text/html');
    if (fault === 'slow') await sleep(injector.options.slowMs);

    const url = new URL(rawUrl, 'https://simulator');
    if (!url.pathname.startsWith(API_BASE + '/')) return problem(res, 404, 'Not Found', `No API at ${url.pathname}.`, rateHeaders);
    const match = matchRoute(url.pathname.slice(API_BASE.length));
    if (!match) return problem(res, 404, 'Not Found', `No resource at ${url.pathname}.`, rateHeaders);
    if (method !== 'GET') {
      return problem(res, 405, 'Method Not Allowed', `${method} is not served: the simulator is read-only, as an auditor should be.`, { ...rateHeaders, Allow: 'GET' });
    }

    const caller = world.home.apiClients.get(v.credential.clientId)!;
    let tenant: Tenant = world.home;
    const switchKey = url.searchParams.get('accountSwitchKey');
    if (switchKey !== null) {
      const switched = world.switched.get(switchKey);
      if (!switched || !caller.allowAccountSwitch || !caller.switchKeys.includes(switchKey)) {
        return problem(res, 403, 'no access', `The account switch key ${switchKey} is not valid for this API client.`, rateHeaders);
      }
      tenant = switched;
    }
    if (!hasService(caller, match.route.service)) {
      return problem(res, 403, 'no access',
        `This API client lacks the ${SERVICE_NAMES[match.route.service]} API; grant it in Identity and Access Management > API clients.`, rateHeaders);
    }
    const query = parseQuery(url.searchParams, match.route.query);
    if (typeof query === 'string') return problem(res, 400, 'Bad Request', query, rateHeaders);
    const flags = Object.fromEntries(Object.entries(query).filter(([, value]) => typeof value === 'boolean'));
    const result = match.route.handle({ world, tenant, caller, params: match.params, query, flags });
    if (result.status === 204) {
      res.writeHead(204, rateHeaders);
      return void res.end();
    }
    if (result.status !== 200) return problem(res, result.status, result.title, result.detail, rateHeaders);
    let text = JSON.stringify(result.body);
    if (fault === 'truncate') text = text.slice(0, Math.floor(text.length / 2));
    send(res, 200, text, rateHeaders, 'application/json');
  }

  const server: Server = createServer({ key: pems.private, cert: pems.cert, keepAliveTimeout: 30_000 }, (req, res) => {
    stats.requests += 1;
    res.on('finish', () => (stats.byStatus[res.statusCode] = (stats.byStatus[res.statusCode] ?? 0) + 1));
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) problem(res, 500, 'Internal Server Error', `Simulator error: ${(err as Error).message}`);
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  const host = `127.0.0.1:${port}`;
  let clockBase = Date.now();
  const section = (c: EdgeGridCredential): EdgercSection => ({ host, client_token: c.clientToken, client_secret: c.clientSecret, access_token: c.accessToken });

  return {
    port, host, caPem: pems.cert, world, stats,
    credentials: { auditor: section(auditor), limited: section(limited) },
    now: () => world.now + (Date.now() - clockBase),
    advance(quarters = 1) {
      for (let i = 0; i < quarters; i++) advanceWorld(world);
      clockBase = Date.now();
    },
    setFaults(f) {
      injector = new FaultInjector({ ...injector.options, ...f });
    },
    async writeEdgerc(file, name = 'default') {
      const caFile = `${file}.ca.pem`;
      const ini = (title: string, s: EdgercSection) =>
        `[${title}]\nclient_secret = ${s.client_secret}\nhost = ${s.host}\naccess_token = ${s.access_token}\nclient_token = ${s.client_token}\n`;
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, `; written by iam-audit simulate: credentials for the simulator at ${host}\n${ini(name, section(auditor))}\n${ini(`${name}-limited`, section(limited))}`, { mode: 0o600 });
      await writeFile(caFile, pems.cert);
      return { edgerc: file, caFile };
    },
    close() {
      return new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}
