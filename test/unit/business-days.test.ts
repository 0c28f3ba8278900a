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

describe('businessDaysElapsed', () => {
  /** The definition, walked day by day: the largest k with k business days back still after `from`. */
  function slowly(from: number, to: number, cal: typeof calendar): number {
    let k = 0;
    while (subtractBusinessDays(new Date(to), k + 1, cal).getTime() >= from) k += 1;
    return k;
  }

  it('agrees with walking the calendar day by day, holidays and time of day included', () => {
    const start = new Date('2026-11-02T00:00:00').getTime();
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 120 * 24 * 60 }),
        fc.integer({ min: 0, max: 120 * 24 * 60 }),
        (a, b) => {
          const from = start + a * 60_000;
          const to = start + b * 60_000;
          expect(businessDaysElapsed(from, to, calendar)).toBe(to <= from ? 0 : slowly(from, to, calendar));
        },
      ),
      { numRuns: 300 },
    );
  });
});
