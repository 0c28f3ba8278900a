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

/** A local calendar date as a whole day number, free of daylight-saving shifts. */
function dayNumber(date: Date): number {
  return Math.floor(Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()) / DAY_MS);
}

/** Business days among the calendar days `first` … `last` (day numbers, inclusive), in O(holidays). */
export function businessDaysInDayRange(first: number, last: number, calendar: Calendar): number {
  if (last < first) return 0;
  const days = last - first + 1;
  const weeks = Math.floor(days / 7);
  let count = weeks * calendar.workingDays.length;
  // Day number 0 (1 January 1970) was a Thursday: getDay() 4.
  for (let day = first + weeks * 7; day <= last; day++) {
    if (calendar.workingDays.includes((day + 4) % 7)) count += 1;
  }
  for (const holiday of calendar.holidays) {
    const [year, month, date] = holiday.split('-').map(Number);
    const day = Math.floor(Date.UTC(year ?? 0, (month ?? 1) - 1, date ?? 1) / DAY_MS);
    if (day >= first && day <= last && calendar.workingDays.includes((day + 4) % 7)) count -= 1;
  }
  return count;
}

/**
 * Whole business days elapsed from `from` to `to`: the largest k such that stepping k business
 * days back from `to` (same local time of day, as `subtractBusinessDays` walks) does not go
 * before `from`. Counted arithmetically, so ages over a year of referrals cost nothing.
 */
export function businessDaysElapsed(from: number, to: number, calendar: Calendar): number {
  if (to <= from) return 0;
  const start = new Date(from);
  const end = new Date(to);
  const timeOfDay = (date: Date) =>
    date.getTime() - new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
  // The first earlier date that still counts: the day of `from`, or the next one if `to`'s time of
  // day falls before `from`'s.
  const first = dayNumber(start) + (timeOfDay(end) >= timeOfDay(start) ? 0 : 1);
  return businessDaysInDayRange(first, dayNumber(end) - 1, calendar);
}
