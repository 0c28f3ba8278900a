/** The periods the metrics page offers, as [from, to) in local time. Pure: "now" is passed in. */
export const PERIOD_PRESETS = ['this-month', 'last-30', 'last-90', 'last-365'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

export interface Period {
  from: number;
  to: number;
}

const DAYS: Record<Exclude<PeriodPreset, 'this-month'>, number> = {
  'last-30': 30,
  'last-90': 90,
  'last-365': 365,
};

/** "This month" is the calendar month so far; "last N days" ends with today, today included. */
export function presetPeriod(preset: PeriodPreset, now: number): Period {
  const today = new Date(now);
  const [year, month, day] = [today.getFullYear(), today.getMonth(), today.getDate()];
  if (preset === 'this-month')
    return { from: new Date(year, month, 1).getTime(), to: new Date(year, month + 1, 1).getTime() };
  return {
    from: new Date(year, month, day + 1 - DAYS[preset]).getTime(),
    to: new Date(year, month, day + 1).getTime(),
  };
}

function localMidnight(date: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return null;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const result = new Date(year, month - 1, day);
  return result.getMonth() === month - 1 ? result : null;
}

/** Dates picked in the page (both included); null when either is missing or they are reversed. */
export function customPeriod(fromDate: string, toDate: string): Period | null {
  const from = localMidnight(fromDate);
  const to = localMidnight(toDate);
  if (!from || !to || from > to) return null;
  to.setDate(to.getDate() + 1);
  return { from: from.getTime(), to: to.getTime() };
}

/** A date input's value for a moment: YYYY-MM-DD, local. */
export function dateInputValue(at: number): string {
  const date = new Date(at);
  return [date.getFullYear(), date.getMonth() + 1, date.getDate()]
    .map((part, index) => String(part).padStart(index === 0 ? 4 : 2, '0'))
    .join('-');
}
