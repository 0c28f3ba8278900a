import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { openHandoffDatabase, type ReferralV1 } from '../../src/queue/database';
import { draft, freshDatabaseName } from './fixtures';

/** Version 1 exactly as it shipped: one referrals store and its indexes. */
async function createVersion1(name: string, referrals: ReferralV1[]) {
  const db = await openDB(name, 1, {
    upgrade(v1) {
      const store = v1.createObjectStore('referrals', { keyPath: 'id' });
      store.createIndex('byDedupeKey', 'dedupeKey', { unique: true });
      store.createIndex('byNextFollowUp', 'nextFollowUpAt');
      store.createIndex('byStatus', 'status');
      store.createIndex('byCreated', 'createdAt');
    },
  });
  for (const referral of referrals) await db.put('referrals', referral);
  db.close();
}

describe('database migrations', () => {
  it('upgrades version 1 referrals to the current shape with nothing lost', async () => {
    const name = freshDatabaseName();
    const v1: ReferralV1 = {
      ...draft(),
      id: 'r1',
      dedupeKey: 'http://127.0.0.1:8765|order|ord-20461',
      status: 'new',
      createdAt: 1000,
      nextFollowUpAt: 5000,
      notifiedFollowUpAt: 5000,
      history: [{ at: 1000, from: null, to: 'new' }],
    };
    const unannounced: ReferralV1 = { ...v1, id: 'r2', dedupeKey: 'other', notifiedFollowUpAt: undefined };
    await createVersion1(name, [v1, unannounced]);
    const db = await openHandoffDatabase(name);
    const upgraded = await db.get('referrals', 'r1');
    const { notifiedFollowUpAt: _announced, ...rest } = v1;
    expect(upgraded).toEqual({
      ...rest,
      updatedAt: 1000,
      version: 1,
      dates: {},
      outreach: [],
      records: [],
      history: [{ at: 1000, by: '', kind: 'created', to: 'new' }],
      organizationKey: 'riverbend heart center',
    });
    expect(await db.getAllFromIndex('referrals', 'byNextFollowUp')).toHaveLength(2);
    // Version 3: what was announced stays quiet, what was not is still news.
    expect((await db.getAllFromIndex('referrals', 'byUnannounced')).map((r) => r.id)).toEqual(['r2']);
    expect(db.objectStoreNames.contains('dismissedPages')).toBe(true);
  });
});
