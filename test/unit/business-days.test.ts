import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/schema';
import { addBusinessDays, isBusinessDay } from '../../src/referral/business-days';

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
