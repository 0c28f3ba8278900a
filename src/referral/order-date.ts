import type { Config } from '../config/schema';
import { addBusinessDays, businessDaysElapsed, isBusinessDay } from './business-days';
import type { Referral } from './referral';

type Calendar = Config['calendar'];

/** Where a referral's age counts from: the order date the EHR screen showed, or tracking time. */
export type AgeSource = 'order' | 'tracking';

/**
 * When a referral was ordered: the EHR's order date (`authoredOn`, local midnight) when the screen
 * showed one, else the moment it was tracked. Never later than tracking: an order date after it is
 * a misread, and tracking is the latest the referral can have been ordered. Age, the first
 * deadline and the metrics' periods all count from this moment.
 */
export function orderedAt(referral: Pick<Referral, 'authoredOn' | 'createdAt'>): number {
  const ordered = orderDayOf(referral.authoredOn);
  return ordered === undefined ? referral.createdAt : Math.min(ordered, referral.createdAt);
}

/** The local midnight of an ISO order date, or undefined when there is none. */
export function orderDayOf(authoredOn: string | undefined): number | undefined {
  const match = authoredOn && /^(\d{4})-(\d{2})-(\d{2})$/.exec(authoredOn);
  if (!match) return undefined;
  const [, year, month, day] = match;
  return new Date(Number(year), Number(month) - 1, Number(day)).getTime();
}

export const ageSourceOf = (referral: Pick<Referral, 'authoredOn'>): AgeSource =>
  orderDayOf(referral.authoredOn) === undefined ? 'tracking' : 'order';

/** A referral's age in whole business days of the organisation's calendar, and what it counts from. */
export function ageOf(
  referral: Pick<Referral, 'authoredOn' | 'createdAt'>,
  now: number,
  calendar: Calendar,
): { days: number; from: AgeSource } {
  return { days: businessDaysElapsed(orderedAt(referral), now, calendar), from: ageSourceOf(referral) };
}

/** The moment of a clock time ("17:00") on the local day of `at`. */
export function atClock(at: number, clock: string): number {
  const [hours, minutes] = clock.split(':').map(Number);
  const day = new Date(at);
  day.setHours(hours ?? 0, minutes ?? 0, 0, 0);
  return day.getTime();
}

/** The end of the working day that `at` falls on (its next business day when it falls on none). */
export function endOfWorkingDay(at: number, calendar: Calendar): number {
  return atClock(addBusinessDays(new Date(at), 0, calendar).getTime(), calendar.workingHours.end);
}

/**
 * The moment itself when it falls in working hours; otherwise the start of the next working
 * hours. Follow-ups, snoozes and agreed callbacks land where a coordinator is at work.
 */
export function atWorkingHours(at: number, calendar: Calendar): number {
  const start = atClock(at, calendar.workingHours.start);
  const end = atClock(at, calendar.workingHours.end);
  if (isBusinessDay(new Date(at), calendar) && at >= start && at <= end) return at;
  const from = new Date(at);
  if (at >= start) from.setDate(from.getDate() + 1);
  const day = addBusinessDays(from, 0, calendar).getTime();
  return atClock(day, calendar.workingHours.start);
}

/** How long a coordinator can put a referral off in one step ("not before …"). */
export const SNOOZE_DAYS = { tomorrow: 1, 'in-3-days': 3, 'next-week': 7 } as const;
export type SnoozeChoice = keyof typeof SNOOZE_DAYS;

/**
 * The start of working hours on the day a snooze ends: that many calendar days from today, or the
 * next business day when that day is a weekend or holiday.
 */
export function snoozeUntil(choice: SnoozeChoice, now: number, calendar: Calendar): number {
  const day = new Date(now);
  day.setHours(0, 0, 0, 0);
  day.setDate(day.getDate() + SNOOZE_DAYS[choice]);
  return atWorkingHours(day.getTime(), calendar);
}
