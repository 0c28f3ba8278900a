import type { Config } from '../config/schema';
import type { QueueQuery } from '../message-schema';
import { AGE_BUCKETS, type AgeBucket } from '../referral/age-buckets';
import { subtractBusinessDays } from '../referral/business-days';
import { orderedAt } from '../referral/order-date';
import { isOverdue } from '../referral/overdue';
import { ownershipOf } from '../referral/ownership';
import { isOpen, openEscalations, type Person, type Referral } from '../referral/referral';
import type { HandoffDatabase } from './database-schema';

/** One page of a queue view; `next` is the cursor of the following page, absent on the last. */
export interface QueuePage {
  referrals: Referral[];
  next?: string;
}

interface Cursor {
  key: number;
  id: string;
}

function encodeCursor(cursor: Cursor): string {
  return JSON.stringify([cursor.key, cursor.id]);
}

function decodeCursor(text: string | undefined): Cursor | undefined {
  if (!text) return undefined;
  try {
    const [key, id] = JSON.parse(text) as unknown[];
    return typeof key === 'number' && typeof id === 'string' ? { key, id } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Order-time bounds for an age bucket: "3-7 business days old" is a range of order moments
 * (`orderedAt`: the EHR's order date, or tracking time without one).
 */
function orderRange(bucket: AgeBucket, now: number, config: Config) {
  const [youngest, oldest] = AGE_BUCKETS[bucket];
  const latest = subtractBusinessDays(new Date(now), youngest, config.calendar).getTime();
  const earliest = Number.isFinite(oldest)
    ? subtractBusinessDays(new Date(now), oldest + 1, config.calendar).getTime()
    : Number.NEGATIVE_INFINITY;
  return { earliest, latest };
}

const inRange = (at: number, earliest: number, latest: number) => at > earliest && at <= latest;

function matcher(query: QueueQuery, now: number, config: Config, me: Person | undefined) {
  const states = query.states && new Set(query.states);
  const priorities = query.priorities && new Set(query.priorities);
  const search = query.search?.trim().toLowerCase();
  const specialty = query.specialty?.toLowerCase();
  const age = query.ageBucket && orderRange(query.ageBucket, now, config);
  return (referral: Referral): boolean => {
    if (states && !states.has(referral.status)) return false;
    if (query.overdueOnly && !isOverdue(referral, now)) return false;
    if (priorities && !priorities.has(referral.priority)) return false;
    if (query.escalationOpen && openEscalations(referral).length === 0) return false;
    if (query.owner && ownershipOf(referral, me) !== query.owner) return false;
    if (specialty && referral.receiving.specialty?.toLowerCase() !== specialty) return false;
    if (age && (!isOpen(referral.status) || !inRange(orderedAt(referral), age.earliest, age.latest))) {
      return false;
    }
    if (search) {
      const haystack = [
        referral.patient.name,
        referral.patient.mrn,
        referral.orderNumber,
        referral.receiving.specialty,
        referral.receiving.organization,
        referral.receiving.provider,
      ]
        .join(' ')
        .toLowerCase();
      if (!haystack.includes(search)) return false;
    }
    return true;
  };
}

/**
 * The index a view walks, and the key of a referral in it. By follow-up date (soonest first) the
 * walk uses the due-date index, which holds open referrals only; a view that asks for closed
 * states walks by creation date instead. Filtered by receiving office, the walk stays inside
 * that office's part of the matching [office, date] index.
 */
function walkOf(query: QueueQuery) {
  const wantsClosed = query.states?.some((state) => !isOpen(state)) ?? false;
  const byDue = query.sort === 'next-follow-up' && !wantsClosed;
  const organization = query.receivingOrganization?.trim().toLowerCase() || undefined;
  const index = organization
    ? byDue
      ? ('byOrganizationDue' as const)
      : ('byOrganizationCreated' as const)
    : byDue
      ? ('byNextFollowUp' as const)
      : ('byCreated' as const);
  return {
    byDue,
    index,
    direction: (query.sort === 'newest' && !byDue ? 'prev' : 'next') as IDBCursorDirection,
    /** The date a page's cursor remembers. */
    dateOf: (referral: Referral) => (byDue ? (referral.nextFollowUpAt ?? 0) : referral.createdAt),
    /** A date as a key of the index walked. */
    keyAt: (date: number): number | [string, number] =>
      organization === undefined ? date : [organization, date],
  };
}

/**
 * One page of the queue, walked through an index with a cursor: never every record in memory.
 * `me`: who is asking, for "mine" (nobody known: nothing is theirs).
 */
export async function queryQueue(
  db: HandoffDatabase,
  query: QueueQuery,
  now: number,
  config: Config,
  me?: Person,
): Promise<QueuePage> {
  const { byDue, index, direction, dateOf, keyAt } = walkOf(query);

  let [lowest, highest] = [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY];
  let lowestOpen = false;
  if (byDue && query.overdueOnly) highest = now;
  if (!byDue && query.ageBucket) {
    // A referral is tracked no earlier than it was ordered: whatever was ordered after `earliest`
    // was tracked after it too. The latest order moment bounds nothing about tracking.
    const { earliest } = orderRange(query.ageBucket, now, config);
    [lowest, lowestOpen] = [earliest, Number.isFinite(earliest)];
  }
  const range = IDBKeyRange.bound(keyAt(lowest), keyAt(highest), lowestOpen, false);

  const matches = matcher(query, now, config, me);
  const store = db.transaction('referrals').store.index(index);
  let cursor = await store.openCursor(range, direction);
  const after = decodeCursor(query.after);
  if (cursor && after) {
    // Jump to where the previous page ended (if it is still ahead), then step past it.
    const afterKey = keyAt(after.key);
    const behind =
      indexedDB.cmp([cursor.key, cursor.primaryKey], [afterKey, after.id]) * (direction === 'prev' ? -1 : 1);
    if (behind < 0) cursor = await cursor.continuePrimaryKey(afterKey, after.id);
    if (cursor && indexedDB.cmp([cursor.key, cursor.primaryKey], [afterKey, after.id]) === 0)
      cursor = await cursor.continue();
  }
  const referrals: Referral[] = [];
  let more = false;
  while (cursor) {
    if (matches(cursor.value)) {
      if (referrals.length === query.limit) {
        more = true;
        break;
      }
      referrals.push(cursor.value);
    }
    cursor = await cursor.continue();
  }
  const last = referrals.at(-1);
  return { referrals, ...(more && last && { next: encodeCursor({ key: dateOf(last), id: last.id }) }) };
}
