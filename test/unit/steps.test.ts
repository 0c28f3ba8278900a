/**
 * Long work spread over tasks (src/steps.ts): what a page with a long list of referrals
 * gets instead of one long task, and what every other page keeps (the work done at once).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { inSlices } from '../../src/steps';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** Steps that each take `ms` of the page's time, noting in which task each ran. */
function work(steps: number, ms: number, clock: { now: number }, ranIn: number[], task: { n: number }) {
  return (function* () {
    for (let i = 0; i < steps; i++) {
      clock.now += ms;
      ranIn.push(task.n);
      yield;
    }
    return steps;
  })();
}

function fakeClock() {
  const clock = { now: 0 };
  vi.spyOn(performance, 'now').mockImplementation(() => clock.now);
  return clock;
}

describe('work in slices', () => {
  it('is done at once when it ends within its first slice', () => {
    const clock = fakeClock();
    const done = vi.fn();
    // Nothing is left to drop.
    expect(inSlices(work(3, 2, clock, [], { n: 0 }), done, 12)).toBeUndefined();
    expect(done).toHaveBeenCalledWith(3);
  });

  it('goes on in tasks of its own, none longer than a slice and a step', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const clock = fakeClock();
    const done = vi.fn();
    const ranIn: number[] = [];
    const task = { n: 0 };
    inSlices(work(10, 5, clock, ranIn, task), done, 12);
    // Three steps (15 ms) in the caller's task, then the page gets its thread back.
    expect(done).not.toHaveBeenCalled();
    while (!done.mock.calls.length) {
      task.n++;
      vi.advanceTimersToNextTimer();
    }
    expect(done).toHaveBeenCalledWith(10);
    expect(ranIn).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2, 3]);
  });

  it('drops the rest of the work when told to, and never reports it', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const clock = fakeClock();
    const done = vi.fn();
    const ranIn: number[] = [];
    const drop = inSlices(work(10, 5, clock, ranIn, { n: 0 }), done, 12);
    expect(drop).toBeDefined();
    drop?.();
    vi.runAllTimers();
    expect(done).not.toHaveBeenCalled();
    expect(ranIn).toHaveLength(3);
  });
});
