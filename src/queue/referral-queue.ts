import type { Config } from '../config/schema';
import { addBusinessDays } from '../referral/business-days';
import { dedupeKeyOf, isOpen, type Referral, type ReferralDraft } from '../referral/referral';
import type { HandoffDatabase } from './database';

export interface TrackResult {
  referral: Referral;
  /** False when the referral was already in the queue and nothing was added. */
  created: boolean;
}

/** The referral queue: the only code that writes referrals, used by the background alone. */
export class ReferralQueue {
  constructor(
    private readonly db: HandoffDatabase,
    private readonly now: () => number = Date.now,
    private readonly newId: () => string = () => crypto.randomUUID(),
  ) {}

  async track(draft: ReferralDraft, config: Config): Promise<TrackResult> {
    const dedupeKey = dedupeKeyOf(draft);
    const tx = this.db.transaction('referrals', 'readwrite');
    const existing = await tx.store.index('byDedupeKey').get(dedupeKey);
    if (existing) {
      await tx.done;
      return { referral: existing, created: false };
    }
    const createdAt = this.now();
    const days = config.serviceLevels.firstFollowUpBusinessDays[draft.priority];
    const referral: Referral = {
      ...draft,
      id: this.newId(),
      dedupeKey,
      status: 'new',
      createdAt,
      nextFollowUpAt: addBusinessDays(new Date(createdAt), days, config.calendar).getTime(),
      history: [{ at: createdAt, from: null, to: 'new' }],
    };
    await tx.store.add(referral);
    await tx.done;
    return { referral, created: true };
  }

  findByDedupeKey(dedupeKey: string): Promise<Referral | undefined> {
    return this.db.getFromIndex('referrals', 'byDedupeKey', dedupeKey);
  }

  /** Newest first, at most `limit`: the popup shows the head of the queue, not all of it. */
  async newest(limit: number): Promise<Referral[]> {
    const found: Referral[] = [];
    let cursor = await this.db.transaction('referrals').store.index('byCreated').openCursor(null, 'prev');
    while (cursor && found.length < limit) {
      found.push(cursor.value);
      cursor = await cursor.continue();
    }
    return found;
  }

  async setNextFollowUp(id: string, at: number): Promise<Referral | undefined> {
    const tx = this.db.transaction('referrals', 'readwrite');
    const referral = await tx.store.get(id);
    if (!referral) return undefined;
    const updated: Referral = { ...referral, nextFollowUpAt: at, notifiedFollowUpAt: undefined };
    await tx.store.put(updated);
    await tx.done;
    return updated;
  }

  /** Open referrals whose follow-up time has passed, walked through the due-date index. */
  async overdue(at = this.now()): Promise<Referral[]> {
    const due = await this.db.getAllFromIndex('referrals', 'byNextFollowUp', IDBKeyRange.upperBound(at));
    return due.filter((referral) => isOpen(referral.status));
  }

  /** The earliest follow-up still ahead, to arm a one-shot alarm for it. */
  async nextFollowUpAfter(at = this.now()): Promise<number | undefined> {
    const tx = this.db.transaction('referrals');
    let cursor = await tx.store.index('byNextFollowUp').openCursor(IDBKeyRange.lowerBound(at, true));
    while (cursor) {
      if (isOpen(cursor.value.status)) return cursor.value.nextFollowUpAt;
      cursor = await cursor.continue();
    }
    return undefined;
  }

  async markNotified(referrals: readonly Referral[]): Promise<void> {
    const tx = this.db.transaction('referrals', 'readwrite');
    await Promise.all(
      referrals.map(async ({ id }) => {
        const current = await tx.store.get(id);
        if (current) await tx.store.put({ ...current, notifiedFollowUpAt: current.nextFollowUpAt });
      }),
    );
    await tx.done;
  }
}
