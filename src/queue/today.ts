import { isOverdue } from '../referral/overdue';
import { PRIORITIES } from '../referral/priority';
import { openEscalations, type Referral } from '../referral/referral';
import type { HandoffDatabase } from './database-schema';

/** The coordinator's day, in the order it is worked: what is late, what is due, what is new, what waits on a nurse. */
export const TODAY_GROUPS = ['overdue', 'due-today', 'new', 'escalations'] as const;
export type TodayGroup = (typeof TODAY_GROUPS)[number];

export interface TodayView {
  groups: Record<TodayGroup, { count: number; referrals: Referral[] }>;
  /** On a team queue the day is the coordinator's own referrals and the unassigned ones. */
  scope: 'queue' | 'mine-and-unassigned';
}

/** The end of the local day of `now`: "due today" runs to it. */
export function endOfDay(now: number): number {
  const day = new Date(now);
  day.setHours(23, 59, 59, 999);
  return day.getTime();
}

/** Most urgent first: STAT before ASAP before urgent before routine, then the earliest follow-up. */
export function byUrgency(a: Referral, b: Referral): number {
  const rank = (referral: Referral) => PRIORITIES.indexOf(referral.priority);
  return rank(b) - rank(a) || (a.nextFollowUpAt ?? 0) - (b.nextFollowUpAt ?? 0) || a.createdAt - b.createdAt;
}

/** Which of the day's groups a referral belongs in (it may be in several: late and escalated). */
export function todayGroupsOf(referral: Referral, now: number): TodayGroup[] {
  const groups: TodayGroup[] = [];
  if (isOverdue(referral, now)) groups.push('overdue');
  else if (referral.nextFollowUpAt !== undefined && referral.nextFollowUpAt <= endOfDay(now))
    groups.push('due-today');
  if (referral.status === 'new') groups.push('new');
  if (openEscalations(referral).length > 0) groups.push('escalations');
  return groups;
}

/**
 * The day view: every open referral is read once through the due-date index (which holds open
 * referrals only), each group counted whole and the first `shown` of it kept, most urgent first.
 * `concerns`: on a team queue, whether a referral is the coordinator's to work (a colleague's is not).
 */
export async function todayView(
  db: HandoffDatabase,
  now: number,
  shown: number,
  concerns?: (referral: Referral) => boolean,
): Promise<TodayView> {
  const groups = Object.fromEntries(
    TODAY_GROUPS.map((group) => [group, { count: 0, referrals: [] as Referral[] }]),
  ) as TodayView['groups'];
  let cursor = await db.transaction('referrals').store.index('byNextFollowUp').openCursor();
  while (cursor) {
    const groupsOf = !concerns || concerns(cursor.value) ? todayGroupsOf(cursor.value, now) : [];
    for (const group of groupsOf) {
      groups[group].count += 1;
      groups[group].referrals.push(cursor.value);
    }
    cursor = await cursor.continue();
  }
  for (const group of TODAY_GROUPS)
    groups[group].referrals = groups[group].referrals.sort(byUrgency).slice(0, shown);
  return { groups, scope: concerns ? 'mine-and-unassigned' : 'queue' };
}
