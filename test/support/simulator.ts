import { Agent, request } from 'undici';
import { startSimulator, type EdgercSection, type Simulator, type SimulatorOptions } from '../../src/simulator/server.js';
import type { FaultOptions } from '../../src/simulator/faults.js';
import { Signer } from '../../src/extract/signer.js';
import { edgercSection } from '../../src/extract/edgerc.js';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
  json: () => any;
}

/** A running simulator plus a signed HTTPS client that trusts only the simulator's certificate. */
export interface TestSimulator {
  sim: Simulator;
  get(pathAndQuery: string, as?: 'auditor' | 'limited'): Promise<RawResponse>;
  send(url: string, init: { method?: string; authorization?: string; body?: string }): Promise<RawResponse>;
  signer(as?: 'auditor' | 'limited'): Signer;
  /** Runs fn with these faults on, then turns every fault off again (the tests' baseline). */
  withFaults<T>(faults: Partial<FaultOptions>, fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export const API = '/identity-management/v3';

export function signerFor(s: EdgercSection): Signer {
  return new Signer(edgercSection('(test)', 'test', { ...s }));
}

export async function startTestSimulator(opts: Partial<SimulatorOptions> = {}): Promise<TestSimulator> {
  const sim = await startSimulator({ seed: 'test', users: 120, ...opts, faults: { rateLimit: 0, ...opts.faults } });
  const agent = new Agent({ connect: { ca: sim.caPem }, connections: 16 });
  const signers = { auditor: signerFor(sim.credentials.auditor), limited: signerFor(sim.credentials.limited) };
  const send: TestSimulator['send'] = async (url, init) => {
    const res = await request(url, {
      method: (init.method ?? 'GET') as 'GET', body: init.body, dispatcher: agent,
      headers: init.authorization ? { authorization: init.authorization } : {},
    });
    const text = await res.body.text();
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers)) headers[k] = String(v);
    return { status: res.statusCode, headers, text, json: () => JSON.parse(text) };
  };
  return {
    sim,
    send,
    signer: (as = 'auditor') => signers[as],
    async withFaults(faults, fn) {
      sim.setFaults(faults);
      try {
        return await fn();
      } finally {
        sim.setFaults({ rateLimit: 0, latencyMs: 0, errorRate: 0, slowRate: 0, truncateRate: 0 });
      }
    },
    get(pathAndQuery, as = 'auditor') {
      const signed = signers[as].sign(pathAndQuery.startsWith('/identity-management') ? pathAndQuery : API + pathAndQuery);
      return send(signed.url, { authorization: signed.authorization });
    },
    async close() {
      await sim.close();
      await agent.close();
    },
  };
}
