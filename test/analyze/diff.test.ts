import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseline, client, craft, credential, daysBefore, grant, openTempStore, user } from '../support/crafted.js';
import { analyze } from '../../src/analyze/analyzer.js';
import { diffSnapshots, latestPairs } from '../../src/analyze/diff.js';
import { defaultConfig } from '../../src/config.js';
import type { Store } from '../../src/store/store.js';

describe('diff between two snapshots of an account', () => {
  let store: Store;
  let from: number;
  let to: number;
  beforeAll(async () => {
    store = await openTempStore();
    const before = baseline();
    before.users.push(user('LEAVER'));
    before.user_grants.push(grant('LEAVER', 1, 20, 2));
    before.credentials.push(credential('client1', 1002, { status: 'ACTIVE', expires_on: '2026-12-15T00:00:00Z' }));
    before.api_clients.push(client('oldclient'));
    from = await craft(store, before, '2026-09-01T00:00:00Z');

    const after = baseline();
    after.users.push(user('JOINER', { last_login_date: null }));
    after.user_grants.push(grant('JOINER', 1, 20, 1)); // a new admin on B
    Object.assign(after.users.find((u) => u.ui_identity_id === 'ALICE')!, { additional_authentication: 'NONE', additional_authentication_configured: false });
    Object.assign(after.users.find((u) => u.ui_identity_id === 'BOB')!, { is_locked: true });
    after.user_grants.push(grant('ALICE', 2, 20, 3)); // Editor on B: grant and access gained
    after.credentials.push(credential('client1', 1002, { status: 'INACTIVE', expires_on: '2026-12-15T00:00:00Z' }), credential('client1', 1003, { created_on: daysBefore(3) }));
    after.api_clients.push(client('newclient'));
    after.allowlist[0].enabled = false;
    after.cidr_blocks[0].comments = 'Berlin office (closed)';
    after.cidr_blocks.push({ cidr_block_id: 9, cidr_block: '0.0.0.0/0', enabled: true, comments: 'temporary' });
    to = await craft(store, after, '2026-12-01T00:00:00Z');
    await analyze(store, defaultConfig(), [from, to]);
  });
  afterAll(() => store.close());

  it('finds every kind of change and stores it', async () => {
    const d = await diffSnapshots(store, from, to);
    expect(d.counts.users).toEqual({ added: 1, removed: 1, locked: 1 });
    expect(d.counts.mfa).toEqual({ weakened: 1 });
    expect(d.counts.grants).toEqual({ gained: 2, lost: 1 });
    expect(d.counts.privileged).toEqual({ 'new holder': 1 });
    expect(d.counts.api_clients).toEqual({ added: 1, removed: 1 });
    expect(d.counts.credentials).toEqual({ added: 1, 'status changed': 1 });
    expect(d.counts.allowlist).toEqual({ disabled: 1, 'block added': 1, 'block changed': 1 });
    // Summed per grant: ALICE Editor and JOINER Admin on B and B1 gained; LEAVER's Viewer on B and B1 lost.
    expect(d.counts.access).toEqual({ gained: 2, lost: 1 });
    expect(d.counts.findings.new).toBeGreaterThan(0);
    const rows = await store.query<any>('SELECT category, change, resource_id, detail FROM snapshot_diffs WHERE to_snapshot_id = $to ORDER BY ALL', { to });
    expect(rows).toContainEqual({ category: 'mfa', change: 'weakened', resource_id: 'ALICE', detail: 'MFA → NONE' });
    expect(rows).toContainEqual({ category: 'privileged', change: 'new holder', resource_id: 'JOINER', detail: 'Admin' });
    expect(rows).toContainEqual({ category: 'access', change: 'gained', resource_id: 'ALICE', detail: 'Editor on Root > B (+1 more group(s))' });
    expect(rows).toContainEqual({ category: 'access', change: 'lost', resource_id: 'LEAVER', detail: 'Viewer on Root > B (+1 more group(s))' });
    expect(rows).toContainEqual(expect.objectContaining({ category: 'findings', change: 'new', resource_id: 'A-TEST', detail: expect.stringContaining('allowlist_disabled') }));
    expect(rows).toContainEqual(expect.objectContaining({ category: 'allowlist', change: 'block changed', detail: 'comment "Berlin office" → "Berlin office (closed)"' }));
  });

  it('credentials that expired between the two snapshots are listed as expired', async () => {
    const before = baseline();
    before.credentials.push(credential('client1', 7001, { expires_on: '2026-10-01T00:00:00Z' }));
    const a = await craft(store, before, '2026-09-01T00:00:00Z', 'A-EXP');
    const b = await craft(store, before, '2026-12-01T00:00:00Z', 'A-EXP');
    await analyze(store, defaultConfig(), [a, b]);
    const d = await diffSnapshots(store, a, b);
    expect(d.counts.credentials).toEqual({ expired: 1 });
  });

  it('a group added to the tree gives access to everyone granted above it, though their grants did not change', async () => {
    const before = baseline();
    const after = baseline();
    after.groups.push({ group_id: 14, group_name: 'A3', parent_group_id: 10, depth: 2, group_path: 'Root > A > A3' });
    const a = await craft(store, before, '2026-09-01T00:00:00Z', 'A-TREE');
    const b = await craft(store, after, '2026-12-01T00:00:00Z', 'A-TREE');
    await analyze(store, defaultConfig(), [a, b]);
    await diffSnapshots(store, a, b);
    const rows = await store.query<any>(`SELECT resource_id, detail FROM snapshot_diffs WHERE to_snapshot_id = $b AND category = 'access' ORDER BY ALL`, { b });
    expect(rows).toEqual([
      { resource_id: 'ADMIN1', detail: 'Admin on Root > A > A3' },
      { resource_id: 'ALICE', detail: 'Viewer on Root > A > A3' },
      { resource_id: 'client1', detail: 'Viewer on Root > A > A3' },
    ]);
  });

  it('refuses snapshots of two different accounts, and pairs the two latest of each account', async () => {
    const other = await craft(store, baseline(), '2026-12-02T00:00:00Z', 'A-OTHER');
    await expect(diffSnapshots(store, from, other)).rejects.toThrow(/different accounts/);
    const pairs = await latestPairs(store);
    expect(pairs).toContainEqual([from, to]);
    expect(pairs.some(([, b]) => b === other)).toBe(false);
  });
});
