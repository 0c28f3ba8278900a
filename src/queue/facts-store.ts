import type { ReferralFacts } from '../metrics/facts';
import { type FactsDay, factsDayOf, packFactsDay, unpackFactsDay } from '../metrics/facts-by-day';
import type { HandoffDatabase } from './database-schema';

/** The facts store as a write transaction (or the upgrade) holds it. */
interface FactsStore {
  get(day: number): Promise<FactsDay | undefined>;
  put(facts: FactsDay): Promise<unknown>;
}

/** Days read per request when walking the facts: a month at a time, never the whole store. */
const DAYS_PER_BATCH = 31;

/**
 * Files referrals' facts under their tracking day, replacing earlier facts of the same referral.
 * Runs inside the caller's transaction, so facts change together with the referral they describe.
 */
export async function saveFacts(store: FactsStore, facts: readonly ReferralFacts[]): Promise<void> {
  const byDay = new Map<number, ReferralFacts[]>();
  for (const fact of facts) {
    const day = factsDayOf(fact.createdAt);
    // Appended in place: copying the day's list for each fact made a sync of thousands quadratic.
    const onDay = byDay.get(day);
    if (onDay) onDay.push(fact);
    else byDay.set(day, [fact]);
  }
  for (const [day, changed] of byDay) {
    const stored = await store.get(day);
    const all = new Map((stored ? unpackFactsDay(stored) : []).map((fact) => [fact.id, fact]));
    for (const fact of changed) all.set(fact.id, fact);
    await store.put(packFactsDay(day, [...all.values()]));
  }
}

/**
 * Calls `visit` with the facts of every referral tracked on or after the day of `trackedFrom`
 * (a few from earlier that day too: callers select by order date, which the walk cannot).
 */
export async function forEachReferralFacts(
  db: HandoffDatabase,
  visit: (facts: ReferralFacts) => void,
  trackedFrom?: number,
): Promise<void> {
  let from = trackedFrom === undefined ? Number.NEGATIVE_INFINITY : factsDayOf(trackedFrom);
  for (;;) {
    const days = await db.getAll('referralFacts', IDBKeyRange.lowerBound(from), DAYS_PER_BATCH);
    for (const day of days) for (const fact of unpackFactsDay(day)) visit(fact);
    const last = days.at(-1);
    if (days.length < DAYS_PER_BATCH || !last) return;
    from = last.day + 1;
  }
}
