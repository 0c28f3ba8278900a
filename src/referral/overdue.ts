/**
 * The one overdue rule: a follow-up is overdue from the moment it is due, that moment included.
 * Closed referrals have no follow-up, so they are never overdue. The badge, the notification,
 * the queue's overdue filter, its row marks and the metrics' "overdue" column all ask this; the
 * queue's due-date index walks the same rule as a range closed at `now` (see referral-queue.ts).
 */
export function isOverdue(item: { nextFollowUpAt?: number | undefined }, now: number): boolean {
  return item.nextFollowUpAt !== undefined && item.nextFollowUpAt <= now;
}
