import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseline, craft, grant, openTempStore, user, client, type Tables } from '../support/crafted.js';
import type { Store } from '../../src/store/store.js';

/** The effective access of one principal as "group:role" strings (account-level as "account:role"). */
async function accessOf(store: Store, id: number, principal: string): Promise<string[]> {
  const rows = await store.query<{ group_id: number | null; role_id: number }>(
    'SELECT group_id, role_id FROM effective_access WHERE snapshot_id = $id AND principal_id = $p ORDER BY group_id NULLS FIRST, role_id', { id, p: principal });
  return rows.map((r) => `${r.group_id ?? 'account'}:${r.role_id}`);
}

describe('effective_access', () => {
  let store: Store;
  beforeAll(async () => (store = await openTempStore()));
  afterAll(() => store.close());

  async function snapshot(mutate: (t: Tables) => void): Promise<number> {
    const t = baseline();
    mutate(t);
    return craft(store, t);
  }

  it('a grant applies to its group and every descendant', async () => {
    const id = await snapshot(() => {});
    expect(await accessOf(store, id, 'ALICE')).toEqual(['10:2', '11:2', '12:2', '13:2']);
    expect(await accessOf(store, id, 'ADMIN2')).toEqual(['20:1', '21:1']);
  });

  it('a nested override with another role governs its own subtree; a separate grant on a sibling stays', async () => {
    const id = await snapshot(() => {});
    // Editor on B, Viewer override on B1, custom role 500 on A2.
    expect(await accessOf(store, id, 'BOB')).toEqual(['13:500', '20:3', '21:2']);
    const [row] = await store.query<any>('SELECT * FROM effective_access WHERE principal_id = $p AND group_id = 21 AND snapshot_id = $id', { p: 'BOB', id });
    expect(row).toMatchObject({ granted_on_group_id: 21, inherited: false, from_override: true });
  });

  it('isBlocked removes access to the subtree it sits on, at any depth, while a deeper override restores it', async () => {
    const id = await snapshot((t) => {
      t.users.push(user('CARL'));
      t.user_grants.push(
        grant('CARL', 1, 1, 2), // Viewer on Root
        grant('CARL', 2, 10, 2, { parent_grant_id: 1, nesting_depth: 1, is_blocked: true }), // blocked on A
        grant('CARL', 3, 12, 3, { parent_grant_id: 2, nesting_depth: 2 }), // but Editor on A1a, two levels down
      );
    });
    expect(await accessOf(store, id, 'CARL')).toEqual(['1:2', '12:3', '20:2', '21:2']);
  });

  it('overrides at three depths: the nearest grant node wins', async () => {
    const id = await snapshot((t) => {
      t.users.push(user('DORA'));
      t.user_grants.push(
        grant('DORA', 1, 1, 2),
        grant('DORA', 2, 10, 3, { parent_grant_id: 1, nesting_depth: 1 }),
        grant('DORA', 3, 11, 500, { parent_grant_id: 2, nesting_depth: 2 }),
        grant('DORA', 4, 12, 2, { parent_grant_id: 3, nesting_depth: 3 }),
      );
    });
    expect(await accessOf(store, id, 'DORA')).toEqual(['1:2', '10:3', '11:500', '12:2', '13:3', '20:2', '21:2']);
  });

  it('account-level roles apply account-wide as one row with no group', async () => {
    const id = await snapshot((t) => t.user_grants.push(grant('ALICE', 2, null, 100002)));
    expect(await accessOf(store, id, 'ALICE')).toEqual(['account:100002', '10:2', '11:2', '12:2', '13:2']);
  });

  it('an API client has its own groups, or its authorized user\'s with cloneAuthorizedUserGroups', async () => {
    const id = await snapshot((t) => {
      t.api_clients.push(client('cloner', { authorized_users: ['bob'], clone_authorized_user_groups: true }));
    });
    expect(await accessOf(store, id, 'client1')).toEqual(['10:2', '11:2', '12:2', '13:2']);
    expect(await accessOf(store, id, 'cloner')).toEqual(await accessOf(store, id, 'BOB'));
    const [row] = await store.query<any>(`SELECT via_user FROM effective_access WHERE snapshot_id = $id AND principal_id = 'cloner' LIMIT 1`, { id });
    expect(row.via_user).toBe('bob');
  });

  it('blocked properties are counted as exceptions inside the granted group', async () => {
    const id = await snapshot((t) => t.blocked_properties.push({ ui_identity_id: 'ALICE', group_id: 10, property_id: 7 }, { ui_identity_id: 'ALICE', group_id: 10, property_id: 8 }));
    const rows = await store.query<any>(`SELECT group_id, blocked_properties FROM effective_access WHERE snapshot_id = $id AND principal_id = 'ALICE' ORDER BY group_id`, { id });
    expect(rows[0]).toEqual({ group_id: 10, blocked_properties: 2 });
  });
});
