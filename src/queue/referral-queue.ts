import type { IDBPTransaction } from 'idb';
import type { Config } from '../config/schema';
import { t } from '../i18n';
import { referralFacts } from '../metrics/facts';
import { nextFollowUpAt } from '../referral/follow-up';
import { type PatientIdentity, samePatient } from '../referral/patient-identity';
import { dedupeKeyOf, type Referral, separateKeyOf } from '../referral/referral';
import type { ReferralDraft } from '../referral/referral-draft';
import { withIndexKeys } from './database';
import type { HandoffDatabase, HandoffSchema } from './database-schema';
import { saveFacts } from './facts-store';

type WriteTransaction = IDBPTransaction<
  HandoffSchema,
  ('referrals' | 'referralFacts' | 'outbox' | 'teamLinks')[],
  'readwrite'
>;

/**
 * Opens a transaction over a referral, its metrics facts and its team queue records (the outbox,
 * the link to the server), which are always written together.
 */
export function writeReferrals(db: HandoffDatabase): WriteTransaction {
  return db.transaction(['referrals', 'referralFacts', 'outbox', 'teamLinks'], 'readwrite');
}

/**
 * Stores referrals with their index keys, and their metrics facts beside them in the same
 * transaction: the metrics never see a referral the queue does not have, or an older copy of it.
 */
export async function saveReferrals(
  tx: WriteTransaction,
  referrals: readonly Referral[],
  how: 'add' | 'put' = 'put',
): Promise<Referral[]> {
  const stored = referrals.map(withIndexKeys);
  const store = tx.objectStore('referrals');
  await Promise.all([
    ...stored.map((referral) => store[how](referral)),
    saveFacts(
      tx.objectStore('referralFacts'),
      stored.map((referral) => referralFacts(referral)),
    ),
  ]);
  return stored;
}

export interface TrackResult {
  referral: Referral;
  /** False when the referral was already in the queue and nothing was added. */
  created: boolean;
}

/** A write refused because the referral changed since the writer read it (another tab). */
export class StaleWrite extends Error {
  override readonly name = 'StaleWrite';
  constructor() {
    super(t('refusalStaleWrite'));
  }
}

/** A change to a closed referral whose patient details were removed under the retention policy. */
export class ReferralReduced extends Error {
  override readonly name = 'ReferralReduced';
  constructor() {
    super(t('refusalReduced'));
  }
}

/**
 * The queue's referral under this key is another patient's (or the page does not show the same
 * name, date of birth and MRN): nothing is written to it from this page.
 */
export class OtherPatient extends Error {
  override readonly name = 'OtherPatient';
  constructor() {
    super(t('refusalOtherPatient'));
  }
}

/** What the queue holds for a page: this patient's referral, another patient's under its key, or nothing. */
export type PageMatch =
  | { match: 'tracked'; referral: Referral }
  | { match: 'other-patient' }
  | { match: 'none' };

export class ReferralNotFound extends Error {
  override readonly name = 'ReferralNotFound';
  constructor() {
    super(t('refusalNotFound'));
  }
}

/** What a change does to a referral, given the current copy. Pure; may throw to refuse. */
export type Change = (referral: Referral) => Referral;

/** The referral queue: the only code that writes referrals, used by the background alone. */
export class ReferralQueue {
  constructor(
    readonly database: HandoffDatabase,
    // Read through Date.now at each call (not a captured reference), so the clock can be moved in tests.
    private readonly now: () => number = () => Date.now(),
    private readonly newId: () => string = () => crypto.randomUUID(),
    /** Whether a team queue is configured: then each change is queued to share, in its own transaction. */
    private readonly sharing: () => boolean = () => false,
  ) {}

  private async queueToShare(tx: WriteTransaction, referral: Referral): Promise<void> {
    if (this.sharing())
      await tx.objectStore('outbox').add({ referralId: referral.id, at: referral.updatedAt });
  }

  /**
   * Adds the page's referral unless this patient's is already there. Another patient's referral
   * under the same key is never returned as this one: tracking is refused, or with `separately`
   * (the coordinator chose it after the warning) the referral goes under a key of its own.
   * `first`: what is known at tracking (the packet as checked), written in the same transaction,
   * so a new referral is stored once, at version 1.
   */
  async track(
    draft: ReferralDraft,
    config: Config,
    by = '',
    separately = false,
    first: Change = (referral) => referral,
  ): Promise<TrackResult> {
    const tx = writeReferrals(this.database);
    const byKey = tx.objectStore('referrals').index('byDedupeKey');
    const shared = await byKey.get(dedupeKeyOf(draft));
    const separate = shared && !samePatient(shared.patient, draft.patient);
    if (separate && !separately) {
      await tx.done;
      throw new OtherPatient();
    }
    const dedupeKey = separate ? separateKeyOf(draft) : dedupeKeyOf(draft);
    const existing = separate ? await byKey.get(dedupeKey) : shared;
    if (existing) {
      await tx.done;
      return { referral: existing, created: false };
    }
    const createdAt = this.now();
    const referral: Referral = first({
      ...draft,
      id: this.newId(),
      dedupeKey,
      status: 'new',
      createdAt,
      updatedAt: createdAt,
      version: 1,
      dates: {},
      outreach: [],
      records: [],
      history: [{ at: createdAt, by, kind: 'created', to: 'new' }],
    });
    referral.nextFollowUpAt = nextFollowUpAt(referral, config);
    referral.unannouncedAt = referral.nextFollowUpAt;
    const [stored = referral] = await saveReferrals(tx, [referral], 'add');
    await this.queueToShare(tx, stored);
    await tx.done;
    return { referral: stored, created: true };
  }

  /**
   * Applies a change in one transaction: refused if the referral moved on since `expectedVersion`
   * (a stale write is reported, never silently overwritten); the follow-up date is recomputed.
   */
  async update(
    id: string,
    expectedVersion: number | undefined,
    change: Change,
    config: Config,
    /** The patient the writing page shows: the change is refused on anyone else's referral. */
    onScreen?: PatientIdentity,
  ): Promise<Referral> {
    const tx = writeReferrals(this.database);
    const current = await tx.objectStore('referrals').get(id);
    if (!current) throw new ReferralNotFound();
    if (current.reducedAt !== undefined) throw new ReferralReduced();
    if (onScreen && !samePatient(current.patient, onScreen)) throw new OtherPatient();
    if (expectedVersion !== undefined && current.version !== expectedVersion) throw new StaleWrite();
    const changed = change(current);
    const updated: Referral = { ...changed, updatedAt: this.now(), version: current.version + 1 };
    updated.nextFollowUpAt = nextFollowUpAt(updated, config);
    // A new follow-up time is news again; an unchanged one keeps its announcement state.
    if (updated.nextFollowUpAt !== current.nextFollowUpAt) updated.unannouncedAt = updated.nextFollowUpAt;
    const [stored = updated] = await saveReferrals(tx, [updated]);
    await this.queueToShare(tx, stored);
    await tx.done;
    return stored;
  }

  get(id: string): Promise<Referral | undefined> {
    return this.database.get('referrals', id);
  }

  /** This patient's referral for the page (under the shared key or tracked apart), compared by identity. */
  async findForPage(draft: ReferralDraft): Promise<PageMatch> {
    const [shared, separate] = await Promise.all(
      [dedupeKeyOf(draft), separateKeyOf(draft)].map((key) =>
        this.database.getFromIndex('referrals', 'byDedupeKey', key),
      ),
    );
    const own = [shared, separate].find(
      (referral) => referral && samePatient(referral.patient, draft.patient),
    );
    if (own) return { match: 'tracked', referral: own };
    return shared ? { match: 'other-patient' } : { match: 'none' };
  }

  /** Newest first, at most `limit`: the popup shows the head of the queue, not all of it. */
  async newest(limit: number): Promise<Referral[]> {
    const found: Referral[] = [];
    let cursor = await this.database
      .transaction('referrals')
      .store.index('byCreated')
      .openCursor(null, 'prev');
    while (cursor && found.length < limit) {
      found.push(cursor.value);
      cursor = await cursor.continue();
    }
    return found;
  }

  /**
   * Open referrals whose follow-up time has passed, walked through the due-date index: the
   * overdue rule of `referral/overdue.ts` as a range, due times up to `at` included.
   */
  overdue(at = this.now()): Promise<Referral[]> {
    // Closed referrals have no follow-up date and are not in the index at all.
    return this.database.getAllFromIndex('referrals', 'byNextFollowUp', IDBKeyRange.upperBound(at));
  }

  /** How many are overdue, counted in the index without reading a single record. */
  overdueCount(at = this.now()): Promise<number> {
    return this.database.countFromIndex('referrals', 'byNextFollowUp', IDBKeyRange.upperBound(at));
  }

  /** Overdue referrals not announced yet: usually a handful, whatever the size of the queue. */
  unannouncedOverdue(at = this.now()): Promise<Referral[]> {
    return this.database.getAllFromIndex('referrals', 'byUnannounced', IDBKeyRange.upperBound(at));
  }

  /** The earliest follow-up still ahead, to arm a one-shot alarm for it. */
  async nextFollowUpAfter(at = this.now()): Promise<number | undefined> {
    const cursor = await this.database
      .transaction('referrals')
      .store.index('byNextFollowUp')
      .openCursor(IDBKeyRange.lowerBound(at, true));
    return cursor?.value.nextFollowUpAt;
  }

  /** Only the announcement changes, which no metric reads: the facts stay as they are. */
  async markNotified(referrals: readonly Referral[]): Promise<void> {
    const tx = this.database.transaction('referrals', 'readwrite');
    await Promise.all(
      referrals.map(async ({ id }) => {
        const current = await tx.store.get(id);
        if (current) await tx.store.put({ ...current, unannouncedAt: undefined });
      }),
    );
    await tx.done;
  }
}
