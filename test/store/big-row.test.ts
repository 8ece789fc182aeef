import { it, expect } from 'vitest';
import { Store } from '../../src/store/store.js';
import { tempDir } from '../support/extract.js';
import { join } from 'node:path';
it('stores a value larger than the DuckDB memory limit instead of refusing it', async () => {
  const st = await Store.open(join(tempDir(), 'big.duckdb'), { memoryLimit: '16MB', threads: 1 });
  const id = await st.beginSnapshot({ runId: 'r', apiHost: 'h', edgercSection: 's', toolVersion: 'v', startedAt: new Date().toISOString(), clientTokensKept: false });
  await st.append('raw_responses', { snapshot_id: id, request_path: '/x', fetched_at: new Date().toISOString(), body: JSON.stringify({ a: 'x'.repeat(30_000_000) }) });
  await st.completeSnapshot(id, { finishedAt: new Date().toISOString(), requests: 1, retries: 0, rateLimited: 0, vanished: 0 });
  expect((await st.query<any>('select length(body::VARCHAR)::INTEGER n from raw_responses'))[0].n).toBe(30_000_008);
  st.close();
});
