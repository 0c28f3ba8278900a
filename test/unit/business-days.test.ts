import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/schema';
import {
  addBusinessDays,
  businessDaysElapsed,
  isBusinessDay,
  subtractBusinessDays,
} from '../../src/referral/business-days';

const calendar = { ...DEFAULT_CONFIG.calendar, holidays: ['2026-12-25'] };
type Calendar = Pick<typeof calendar, 'workingDays' | 'holidays'>;
const at = (iso: string) => new Date(`${iso}T10:00:00`);
const day = (date: Date) => date.toDateString();

describe('addBusinessDays', () => {
  it.each([
    ['a Monday plus 2', '2026-11-23', 2, '2026-11-25'],
    ['a Friday plus 1 lands on Monday', '2026-11-27', 1, '2026-11-30'],
    ['a Saturday plus 1 lands on Monday', '2026-11-28', 1, '2026-11-30'],
    ['a Thursday plus 1 skips the Christmas holiday', '2026-12-24', 1, '2026-12-28'],
    ['zero days on a working day is the same moment', '2026-11-24', 0, '2026-11-24'],
    ['zero days on a Sunday moves to Monday', '2026-11-29', 0, '2026-11-30'],
  ])('%s', (_name, from, days, expected) => {
    expect(day(addBusinessDays(at(from), days, calendar))).toBe(day(at(expected)));
  });

  it('keeps the time of day', () => {
    expect(addBusinessDays(at('2026-11-23'), 3, calendar).getHours()).toBe(10);
  });

  it('follows a configured working week', () => {
    const sundayToThursday = { workingDays: [0, 1, 2, 3, 4], holidays: [] };
    expect(day(addBusinessDays(at('2026-11-26'), 1, sundayToThursday))).toBe(day(at('2026-11-29')));
  });
});

describe('isBusinessDay', () => {
  it('refuses weekends and holidays', () => {
    expect(isBusinessDay(at('2026-11-28'), calendar)).toBe(false);
    expect(isBusinessDay(at('2026-12-25'), calendar)).toBe(false);
    expect(isBusinessDay(at('2026-12-23'), calendar)).toBe(true);
  });
});

/** The definition, walked day by day: the largest k with k business days back still after `from`. */
function slowly(from: number, to: number, cal: Calendar): number {
  let k = 0;
  while (subtractBusinessDays(new Date(to), k + 1, cal).getTime() >= from) k += 1;
  return k;
}

/** `businessDaysElapsed` agrees with the walk for any two moments (to the minute) in `days` from `startIso`. */
function agreesWithWalk(cal: Calendar, startIso: string, days: number) {
  const start = new Date(`${startIso}T00:00:00`).getTime();
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: days * 24 * 60 }),
      fc.integer({ min: 0, max: days * 24 * 60 }),
      (a, b) => {
        const from = start + a * 60_000;
        const to = start + b * 60_000;
        expect(businessDaysElapsed(from, to, cal)).toBe(to <= from ? 0 : slowly(from, to, cal));
      },
    ),
    { numRuns: 300 },
  );
}

describe('businessDaysElapsed', () => {
  it('agrees with walking the calendar day by day, holidays and time of day included', () => {
    agreesWithWalk(calendar, '2026-11-02', 120);
  });
});

describe('holidays on a Monday, a Friday and a weekend', () => {
  // December 2026: Mon 7, Fri 11, Sat 12, Sun 13, Wed 16, Thu 17.
  const holidays = {
    monday: '2026-12-07',
    wednesday: '2026-12-16',
    thursday: '2026-12-17',
    friday: '2026-12-11',
    saturday: '2026-12-12',
    sunday: '2026-12-13',
  };
  const only = (...dates: string[]) => ({ workingDays: [1, 2, 3, 4, 5], holidays: dates });
  const elapsed = (from: string, to: string, cal: ReturnType<typeof only>) =>
    businessDaysElapsed(at(from).getTime(), at(to).getTime(), cal);

  it.each([
    ['a Monday holiday', holidays.monday, 2],
    ['a Wednesday holiday', holidays.wednesday, 2],
    ['a Thursday holiday', holidays.thursday, 2],
    ['a Friday holiday', holidays.friday, 2],
    // A holiday on a day nobody works changes nothing: it is not taken off twice.
    ['a Saturday holiday', holidays.saturday, 3],
    ['a Sunday holiday', holidays.sunday, 3],
  ])('%s inside a three-business-day stretch', (_name, holiday, expected) => {
    // Each stretch is three working days long and holds the holiday.
    const stretch: Record<string, [string, string]> = {
      [holidays.monday]: ['2026-12-04', '2026-12-09'],
      [holidays.wednesday]: ['2026-12-15', '2026-12-18'],
      [holidays.thursday]: ['2026-12-15', '2026-12-18'],
      [holidays.friday]: ['2026-12-09', '2026-12-14'],
      [holidays.saturday]: ['2026-12-10', '2026-12-15'],
      [holidays.sunday]: ['2026-12-10', '2026-12-15'],
    };
    const [from, to] = stretch[holiday] ?? ['', ''];
    expect(elapsed(from, to, only())).toBe(3);
    expect(elapsed(from, to, only(holiday))).toBe(expected);
  });

  it('counts every holiday of a year once, whatever its weekday', () => {
    // One holiday on each day of one week, and the same week without them.
    const week = [
      '2026-12-06',
      '2026-12-07',
      '2026-12-08',
      '2026-12-09',
      '2026-12-10',
      '2026-12-11',
      '2026-12-12',
    ];
    expect(elapsed('2026-12-04', '2026-12-14', only())).toBe(6);
    expect(elapsed('2026-12-04', '2026-12-14', only(...week))).toBe(1);
  });

  it.each([
    ['a Friday before a Monday holiday, plus 1, is Tuesday', '2026-12-04', 1, holidays.monday, '2026-12-08'],
    ['a Thursday before a Friday holiday, plus 1, is Monday', '2026-12-10', 1, holidays.friday, '2026-12-14'],
    [
      'a Friday before a weekend holiday, plus 1, is still Monday',
      '2026-12-11',
      1,
      holidays.saturday,
      '2026-12-14',
    ],
    ['zero days on a Monday holiday waits for Tuesday', holidays.monday, 0, holidays.monday, '2026-12-08'],
  ])('%s', (_name, from, days, holiday, expected) => {
    expect(day(addBusinessDays(at(from), days, only(holiday)))).toBe(day(at(expected)));
  });

  it.each([
    [
      'Tuesday minus 1 over a Monday holiday is the Friday before',
      '2026-12-08',
      1,
      holidays.monday,
      '2026-12-04',
    ],
    ['Monday minus 1 over a Friday holiday is Thursday', '2026-12-14', 1, holidays.friday, '2026-12-10'],
    ['Monday minus 1 over a weekend holiday is Friday', '2026-12-14', 1, holidays.sunday, '2026-12-11'],
  ])('%s', (_name, from, days, holiday, expected) => {
    expect(day(subtractBusinessDays(at(from), days, only(holiday)))).toBe(day(at(expected)));
  });

  it('agree with the day-by-day walk for holidays on every weekday', () => {
    agreesWithWalk(only(...Object.values(holidays), '2026-12-25', '2027-01-01'), '2026-11-30', 45);
  });
});
