import { describe, expect, it } from 'vitest';
import {
  canConfirm,
  gateAt,
  SETTLE_MS,
  type Sightings,
  sighted,
  UNSEEN,
} from '../../src/panel/visibility-gate';

/** Reports in order, as IntersectionObserver v2 delivers them: [visible, at]. */
const reported = (...reports: [boolean, number][]): Sightings =>
  reports.reduce((state, [visible, at]) => sighted(state, visible, at), UNSEEN);

describe('visibility gate', () => {
  it('keeps actions paused until the panel has been reported at all, without calling it covered', () => {
    expect(gateAt(UNSEEN, 10_000)).toEqual({ open: false, reason: 'settling' });
  });

  it('opens SETTLE_MS after the panel is first seen whole, not before', () => {
    const seen = reported([true, 1000]);
    expect(gateAt(seen, 1000)).toEqual({ open: false, reason: 'settling', opensAt: 1000 + SETTLE_MS });
    expect(gateAt(seen, 1000 + SETTLE_MS - 1).open).toBe(false);
    expect(gateAt(seen, 1000 + SETTLE_MS).open).toBe(true);
  });

  it('pauses at once when the page covers the panel, and says why', () => {
    expect(gateAt(reported([true, 0], [false, 5000]), 5001)).toEqual({ open: false, reason: 'covered' });
  });

  it('starts the wait again when the panel is uncovered: a page cannot reveal it just before a click', () => {
    const uncovered = reported([true, 0], [false, 5000], [true, 5200]);
    expect(gateAt(uncovered, 5200 + SETTLE_MS - 1).open).toBe(false);
    expect(gateAt(uncovered, 5200 + SETTLE_MS).open).toBe(true);
  });

  it('keeps counting from the first sighting across repeated "visible" reports', () => {
    expect(gateAt(reported([true, 0], [true, 400]), SETTLE_MS).open).toBe(true);
  });

  it('confirms a two-step action only SETTLE_MS after the confirmation appeared', () => {
    expect(canConfirm(undefined, 10_000)).toBe(false);
    expect(canConfirm(2000, 2000 + SETTLE_MS - 1)).toBe(false);
    expect(canConfirm(2000, 2000 + SETTLE_MS)).toBe(true);
  });

  it('waits at least as long as a double click (so its second click cannot land) and no longer than a glance', () => {
    expect(SETTLE_MS).toBeGreaterThanOrEqual(500);
    expect(SETTLE_MS).toBeLessThanOrEqual(1000);
  });
});
