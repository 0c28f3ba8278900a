import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { referralFacts } from '../../src/metrics/facts';
import { openHandoffDatabase, type ReferralV1 } from '../../src/queue/database';
import { forEachReferralFacts } from '../../src/queue/facts-store';
import type { Referral } from '../../src/referral/referral';
import { draft, freshDatabaseName } from './fixtures';
import { referral } from './metrics-referrals';

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

/** Version 3 exactly as it shipped: referrals with their five indexes, and dismissed pages. */
async function createVersion3(name: string, referrals: Referral[]) {
  const db = await openDB(name, 3, {
    upgrade(v3) {
      const store = v3.createObjectStore('referrals', { keyPath: 'id' });
      store.createIndex('byDedupeKey', 'dedupeKey', { unique: true });
      store.createIndex('byNextFollowUp', 'nextFollowUpAt');
      store.createIndex('byStatus', 'status');
      store.createIndex('byCreated', 'createdAt');
      store.createIndex('byUnannounced', 'unannouncedAt');
      v3.createObjectStore('dismissedPages', { keyPath: 'pageKey' });
    },
  });
  for (const stored of referrals) await db.put('referrals', stored);
  db.close();
}

describe('database migrations', () => {
  it('version 4 builds the metrics facts of existing referrals and indexes their receiving office', async () => {
    const name = freshDatabaseName();
    const referrals = [
      referral('a', { nextFollowUpAt: 5000 }),
      referral('b', { receiving: { organization: ' LAKESIDE Cardiology' }, nextFollowUpAt: 4000 }),
      referral('c', { receiving: {}, status: 'closed-completed' }),
    ];
    await createVersion3(name, referrals);
    const db = await openHandoffDatabase(name);
    const facts: unknown[] = [];
    await forEachReferralFacts(db, (fact) => facts.push(fact));
    expect(facts).toEqual(referrals.map((r) => referralFacts(r)));
    const lakeside = await db.getAllFromIndex(
      'referrals',
      'byOrganizationDue',
      IDBKeyRange.bound(['lakeside cardiology', 0], ['lakeside cardiology', Number.POSITIVE_INFINITY]),
    );
    expect(lakeside.map((r) => r.id)).toEqual(['b', 'a']);
    expect(await db.countFromIndex('referrals', 'byOrganizationCreated')).toBe(2);
    expect((await db.get('referrals', 'a'))?.organizationKey).toBe('lakeside cardiology');
  });

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

  it('keeps a version 1 referral’s whole history, its last change as its last update, and a reminder of a later due time as news', async () => {
    const name = freshDatabaseName();
    const moved: ReferralV1 = {
      ...draft(),
      id: 'r1',
      dedupeKey: 'http://127.0.0.1:8765|order|ord-20461',
      status: 'sent',
      createdAt: 1000,
      // Announced when it was due at 4000; the follow-up has moved on since.
      nextFollowUpAt: 9000,
      notifiedFollowUpAt: 4000,
      history: [
        { at: 1000, from: null, to: 'new' },
        { at: 3000, from: 'new', to: 'sent', note: 'Faxed to the office' },
      ],
    };
    await createVersion1(name, [moved]);
    const db = await openHandoffDatabase(name);
    const upgraded = await db.get('referrals', 'r1');
    expect(upgraded?.updatedAt).toBe(3000);
    expect(upgraded?.history).toEqual([
      { at: 1000, by: '', kind: 'created', to: 'new' },
      { at: 3000, by: '', kind: 'status', from: 'new', to: 'sent', note: 'Faxed to the office' },
    ]);
    expect(upgraded?.unannouncedAt).toBe(9000);
    expect((await db.getAllFromIndex('referrals', 'byUnannounced')).map((r) => r.id)).toEqual(['r1']);
  });

  it('version 5 leaves a closed referral whose details retention already removed out of the retention index', async () => {
    const name = freshDatabaseName();
    await createVersion3(name, [
      referral('open', { status: 'sent' }),
      referral('closed', { status: 'closed-completed', dates: { closedAt: 7000 } }),
      referral('reduced', { status: 'closed-not-completed', dates: { closedAt: 6000 }, reducedAt: 8000 }),
    ]);
    const db = await openHandoffDatabase(name);
    const identified = await db.getAllFromIndex('referrals', 'byIdentifiedClosed');
    expect(identified.map((r) => [r.id, r.identifiedClosedAt])).toEqual([['closed', 7000]]);
  });
});
