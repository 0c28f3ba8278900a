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
