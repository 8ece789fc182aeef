import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Store } from '../../src/store/store.js';
import { tempDir } from '../support/extract.js';

const doc = readFileSync(new URL('../../docs/data-model.md', import.meta.url), 'utf8');

/** Documented columns per `### table` section of docs/data-model.md. */
function documented(): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  let current: Set<string> | undefined;
  for (const line of doc.split('\n')) {
    const h = /^### (\w+)/.exec(line);
    if (h) out.set(h[1], (current = new Set()));
    const c = /^\| `(\w+)` \|/.exec(line);
    if (c && current) current.add(c[1]);
  }
  return out;
}

describe('docs/data-model.md', () => {
  it('documents every table and column of schema.sql, and nothing that is not there', async () => {
    const store = await Store.open(join(tempDir(), 'doc.duckdb'));
    try {
      const cols = await store.query<{ table_name: string; column_name: string }>(
        `SELECT table_name, column_name FROM information_schema.columns WHERE table_catalog = 'audit' ORDER BY table_name, ordinal_position`);
      const actual = new Map<string, Set<string>>();
      for (const c of cols) {
        if (!actual.has(c.table_name)) actual.set(c.table_name, new Set());
        actual.get(c.table_name)!.add(c.column_name);
      }
      const docs = documented();
      expect([...docs.keys()].sort()).toEqual([...actual.keys()].sort());
      for (const [table, columns] of actual) expect([...docs.get(table)!].sort(), table).toEqual([...columns].sort());
    } finally {
      store.close();
    }
  });
});
