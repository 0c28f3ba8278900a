import type { HandoffDatabase } from '../queue/database-schema';
import type { Referral } from '../referral/referral';

/** Referrals read per request: big enough to be fast, small enough never to hold the queue. */
const BATCH = 1000;

/**
 * Calls `visit` for each referral tracked at or after `trackedFrom`, oldest first, reading the
 * byCreated index in batches of a thousand: one request per batch rather than one per referral
 * (which made a year of 50,000 referrals take seconds), and never the whole store in memory.
 *
 * Periods select by order date, which is never after the moment a referral was tracked (an
 * order is tracked on or after the day it is written): a period's referrals were all tracked at
 * or after its start, and some after its end (an old order tracked late), so the walk goes on
 * to the end of the index and the caller filters by order date.
 */
export async function forEachReferral(
  db: HandoffDatabase,
  visit: (referral: Referral) => void,
  trackedFrom?: number,
): Promise<void> {
  let from = trackedFrom ?? Number.NEGATIVE_INFINITY;
  // Referrals tracked in the same millisecond may straddle two batches: remember the ones seen.
  let seenAtFrom = new Set<string>();
  for (;;) {
    const range = Number.isFinite(from) ? IDBKeyRange.lowerBound(from) : null;
    const batch = await db.getAllFromIndex('referrals', 'byCreated', range, BATCH);
    for (const referral of batch) if (!seenAtFrom.has(referral.id)) visit(referral);
    const last = batch.at(-1);
    if (batch.length < BATCH || !last) return;
    if (last.createdAt !== from) seenAtFrom = new Set();
    from = last.createdAt;
    for (const referral of batch) if (referral.createdAt === from) seenAtFrom.add(referral.id);
  }
}
