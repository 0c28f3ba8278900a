import { describe, expect, it } from 'vitest';
import { isQuietTime } from '../../src/reminders/quiet-hours';

const at = (clock: string) => new Date(`2026-11-24T${clock}:00`);

describe('quiet hours', () => {
  it.each([
    ['07:59', true],
    ['08:00', false],
    ['12:00', false],
    ['17:59', false],
    ['18:00', true],
    ['23:30', true],
  ])('18:00–08:00 at %s is quiet: %s', (clock, quiet) => {
    expect(isQuietTime(at(clock), { start: '18:00', end: '08:00' })).toBe(quiet);
  });

  it('handles a window within one day, and no window', () => {
    expect(isQuietTime(at('12:30'), { start: '12:00', end: '13:00' })).toBe(true);
    expect(isQuietTime(at('13:00'), { start: '12:00', end: '13:00' })).toBe(false);
    expect(isQuietTime(at('12:30'), null)).toBe(false);
  });
});
