import type { Config } from '../config/schema';

type Calendar = Config['calendar'];

function localIsoDate(date: Date): string {
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${month}-${day}`;
}

export function isBusinessDay(date: Date, calendar: Calendar): boolean {
  return calendar.workingDays.includes(date.getDay()) && !calendar.holidays.includes(localIsoDate(date));
}

/**
 * The moment `days` business days after `from`, at the same local time of day. Service levels
 * count working days: a referral tracked on Friday with one day to go is due on Monday, and one
 * with no days to go that is tracked on a holiday is due on the next working day.
 */
export function addBusinessDays(from: Date, days: number, calendar: Calendar): Date {
  const due = new Date(from);
  let remaining = days;
  while (remaining > 0 || !isBusinessDay(due, calendar)) {
    due.setDate(due.getDate() + 1);
    if (isBusinessDay(due, calendar)) remaining -= 1;
  }
  return due;
}

/** The moment `days` business days before `to`: the inverse walk of `addBusinessDays`. */
export function subtractBusinessDays(to: Date, days: number, calendar: Calendar): Date {
  const start = new Date(to);
  let remaining = days;
  while (remaining > 0) {
    start.setDate(start.getDate() - 1);
    if (isBusinessDay(start, calendar)) remaining -= 1;
  }
  return start;
}

const DAY_MS = 86_400_000;
/** Every time zone's offset is a whole number of quarter hours, so local midnight falls on one. */
const QUARTER_HOUR_MS = 900_000;

/** A local calendar date as a whole day number, free of daylight-saving shifts. */
function dayNumber(date: Date): number {
  return Math.floor(Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()) / DAY_MS);
}

/** The calendar's holidays as day numbers, those that fall on working days only. */
function holidayDayNumbers(calendar: Calendar): number[] {
  return calendar.holidays
    .map((holiday) => {
      const [year, month, date] = holiday.split('-').map(Number);
      return Math.floor(Date.UTC(year ?? 0, (month ?? 1) - 1, date ?? 1) / DAY_MS);
    })
    .filter((day) => calendar.workingDays.includes((day + 4) % 7));
}

function countBusinessDays(first: number, last: number, workingDays: readonly number[], holidays: number[]) {
  if (last < first) return 0;
  const days = last - first + 1;
  const weeks = Math.floor(days / 7);
  let count = weeks * workingDays.length;
  // Day number 0 (1 January 1970) was a Thursday: getDay() 4.
  for (let day = first + weeks * 7; day <= last; day++) {
    if (workingDays.includes((day + 4) % 7)) count += 1;
  }
  for (const holiday of holidays) if (holiday >= first && holiday <= last) count -= 1;
  return count;
}

/**
 * `businessDaysElapsed` for many moments against one calendar: holidays are read once, and the
 * local day of each quarter hour is worked out once, so a year of referrals is aged in
 * milliseconds rather than by building dates for every one of them.
 */
export function businessDayCounter(calendar: Calendar): (from: number, to: number) => number {
  const holidays = holidayDayNumbers(calendar);
  /** Quarter hour → [local day number, local midnight]. */
  const days = new Map<number, [number, number]>();
  const localDay = (at: number): [number, number] => {
    const quarter = Math.floor(at / QUARTER_HOUR_MS);
    let found = days.get(quarter);
    if (!found) {
      const date = new Date(at);
      found = [dayNumber(date), new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime()];
      days.set(quarter, found);
    }
    return found;
  };
  return (from, to) => {
    if (to <= from) return 0;
    const [startDay, startMidnight] = localDay(from);
    const [endDay, endMidnight] = localDay(to);
    // The first earlier date that still counts: the day of `from`, or the next one if `to`'s time
    // of day falls before `from`'s.
    const first = startDay + (to - endMidnight >= from - startMidnight ? 0 : 1);
    return countBusinessDays(first, endDay - 1, calendar.workingDays, holidays);
  };
}

/**
 * Whole business days elapsed from `from` to `to`: the largest k such that stepping k business
 * days back from `to` (same local time of day, as `subtractBusinessDays` walks) does not go
 * before `from`. Counted arithmetically, so ages over a year of referrals cost nothing.
 */
export function businessDaysElapsed(from: number, to: number, calendar: Calendar): number {
  return businessDayCounter(calendar)(from, to);
}
