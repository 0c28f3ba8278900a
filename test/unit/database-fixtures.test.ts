import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ReferralFacts, referralFacts } from '../../src/metrics/facts';
import { DATABASE_VERSION, openHandoffDatabase } from '../../src/queue/database';
import { forEachReferralFacts, saveFacts } from '../../src/queue/facts-store';
import type { Referral } from '../../src/referral/referral';
import { freshDatabaseName } from './fixtures';

/**
 * A database as one schema version stored it (test/fixtures/databases/version-N.json): its
 * stores and indexes exactly as that version created them, the records in them, and what every
 * record must be once upgraded to today's version.
 */
interface DatabaseFixture {
  version: number;
  stores: {
    name: string;
    keyPath: string;
    indexes: { name: string; keyPath: string | string[]; unique?: boolean }[];
  }[];
  records: Record<string, Record<string, unknown>[]>;
  expected: { referrals: Referral[]; dismissedPages: { pageKey: string; at: number }[] };
  /** Fields a migration knowingly replaced (see src/queue/database.ts), gone after the upgrade. */
  notAfterUpgrade?: { referrals: string[] };
}

const FIXTURE_DIR = join(__dirname, '../fixtures/databases');
const FIXTURES: DatabaseFixture[] = readdirSync(FIXTURE_DIR)
  .filter((file) => /^version-\d+\.json$/.test(file))
  .map((file) => JSON.parse(readFileSync(join(FIXTURE_DIR, file), 'utf8')) as DatabaseFixture)
  .sort((a, b) => a.version - b.version);

const request = <T>(req: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });

/** Creates the fixture's database at exactly its version, with a raw `indexedDB.open`: no code of ours. */
async function createAtVersion(name: string, fixture: DatabaseFixture): Promise<void> {
  const opening = indexedDB.open(name, fixture.version);
  opening.onupgradeneeded = () => {
    for (const { name: storeName, keyPath, indexes } of fixture.stores) {
      const store = opening.result.createObjectStore(storeName, { keyPath });
      for (const index of indexes)
        store.createIndex(index.name, index.keyPath, { unique: index.unique ?? false });
    }
  };
  const db = await request(opening);
  const storeNames = fixture.stores.map((store) => store.name);
  const tx = db.transaction(storeNames, 'readwrite');
  for (const [storeName, records] of Object.entries(fixture.records))
    for (const record of records) tx.objectStore(storeName).put(record);
  if (storeNames.includes('referralFacts')) {
    // The facts are derived: filed as the version that has them filed them.
    const facts = tx.objectStore('referralFacts');
    await saveFacts(
      {
        get: (day) => request(facts.get(day)),
        put: (value) => request(facts.put(value)),
      },
      (fixture.records.referrals as unknown as Referral[]).map((referral) => referralFacts(referral)),
    );
  }
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  db.close();
}

const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);

describe('database fixtures, one per schema version', () => {
  it('cover every version up to the current one', () => {
    const versions = FIXTURES.map((fixture) => fixture.version);
    // Every version a coordinator may still have on disk: all before the current one, at least.
    for (let version = 1; version < DATABASE_VERSION; version += 1) expect(versions).toContain(version);
    expect(versions.every((version) => version <= DATABASE_VERSION)).toBe(true);
  });

  it.each(FIXTURES.map((fixture) => [fixture.version, fixture] as const))(
    `version %i upgrades to the current version with every record and every field kept`,
    async (_version, fixture) => {
      const name = freshDatabaseName();
      await createAtVersion(name, fixture);
      const db = await openHandoffDatabase(name);
      expect(db.version).toBe(DATABASE_VERSION);
      const fresh = await openHandoffDatabase(freshDatabaseName());
      expect([...db.objectStoreNames]).toEqual([...fresh.objectStoreNames]);
      expect([...db.transaction('referrals').store.indexNames]).toEqual([
        ...fresh.transaction('referrals').store.indexNames,
      ]);

      const referrals = (await db.getAll('referrals')).sort(byId);
      expect(referrals).toHaveLength(fixture.expected.referrals.length);
      expect(referrals).toMatchObject([...fixture.expected.referrals].sort(byId));
      for (const referral of referrals)
        for (const gone of fixture.notAfterUpgrade?.referrals ?? [])
          expect(referral).not.toHaveProperty(gone);
      expect(await db.getAll('dismissedPages')).toEqual(
        [...fixture.expected.dismissedPages].sort((a, b) => a.pageKey.localeCompare(b.pageKey)),
      );

      // The indexes answer for every record, and the metrics see every referral as it is now.
      expect(await db.countFromIndex('referrals', 'byDedupeKey')).toBe(referrals.length);
      expect(await db.countFromIndex('referrals', 'byNextFollowUp')).toBe(
        referrals.filter((referral) => referral.nextFollowUpAt !== undefined).length,
      );
      // The team queue's stores keep what they held; a conflict kept before version 7 is listed.
      for (const store of ['outbox', 'teamLinks', 'teamSync'] as const)
        expect(await db.count(store)).toBe(fixture.records[store]?.length ?? 0);
      const linksWithConflicts = (fixture.records.teamLinks ?? []).filter(
        (link) => (link.conflicts as unknown[]).length > 0,
      );
      expect(await db.countFromIndex('teamLinks', 'byConflict')).toBe(linksWithConflicts.length);
      const facts: ReferralFacts[] = [];
      await forEachReferralFacts(db, (fact) => facts.push(fact));
      expect(facts.sort(byId)).toEqual(referrals.map((referral) => referralFacts(referral)));
      db.close();
      fresh.close();
    },
  );
});
