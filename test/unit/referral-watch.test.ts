// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchReferralScreen } from '../../src/content/referral-watch';
import type { Detection } from '../../src/detection/detect-referral';

const detection = (orderNumber: string): Detection => ({
  profile: { id: 'generic', name: 'Generic' },
  score: 5,
  cues: [],
  fields: { orderNumber },
  toCheck: {},
});

/** A look that ends within its first step, as one at a single referral does. */
const atOnce = <T>(look: () => T) =>
  function* (): Generator<void, T, void> {
    yield* [];
    return look();
  };

afterEach(() => {
  vi.useRealTimers();
});

describe('watchReferralScreen restarts', () => {
  it('asks again at most once a second, however often the page changes its address', () => {
    vi.useFakeTimers();
    let shown = 0;
    const onChange = vi.fn();
    const watch = watchReferralScreen({
      root: document.documentElement,
      // A page that shows another order number every time it is looked at: every look is news.
      detect: atOnce(() => detection(`HX-${++shown}`)),
      onChange,
    });
    expect(onChange).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 50; i++) watch.restart();
    // None at once (the first look was just now), one when the second has passed.
    expect(onChange).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1000);
    expect(onChange).toHaveBeenCalledTimes(2);
    // A restart after the interval is immediate again.
    vi.advanceTimersByTime(1000);
    watch.restart();
    expect(onChange).toHaveBeenCalledTimes(3);
    watch.stop();
  });
});

describe('watchReferralScreen follows the page', () => {
  /** A page whose referral is whatever `onScreen` says, changed the way a single-page EHR does. */
  function page() {
    let onScreen: Detection | null = detection('HX-1');
    const shown: (Detection | null)[] = [];
    const watch = watchReferralScreen({
      root: document.body,
      detect: atOnce(() => onScreen),
      onChange: (next) => shown.push(next),
    });
    return {
      shown,
      watch,
      /** Another row expanded, another tab opened: new content, no new address. */
      async swap(next: Detection | null) {
        onScreen = next;
        document.body.append(document.createElement('div'));
        // Mutation records are delivered as a microtask.
        await Promise.resolve();
      },
      /** The page shows another referral, but nothing on it has changed yet that an observer sees. */
      quietSwap(next: Detection | null) {
        onScreen = next;
      },
    };
  }

  afterEach(() => {
    document.body.replaceChildren();
  });

  it('sees a referral swapped in place after the page was quiet for a long time', async () => {
    vi.useFakeTimers();
    const { shown, watch, swap } = page();
    expect(shown.map((d) => d?.fields.orderNumber)).toEqual(['HX-1']);
    // Long after the page settled (the old watch let go after 3 s of quiet, 15 s at most).
    vi.advanceTimersByTime(60_000);
    await swap(detection('HX-2'));
    vi.advanceTimersByTime(250);
    expect(shown.map((d) => d?.fields.orderNumber)).toEqual(['HX-1', 'HX-2']);
    // The card collapsed: no referral on screen any more, and the panel is told so.
    vi.advanceTimersByTime(60_000);
    await swap(null);
    vi.advanceTimersByTime(250);
    expect(shown.at(-1)).toBeNull();
    watch.stop();
  });

  it('sees a row of a list removed or changed in place: a list is what its rows show', async () => {
    vi.useFakeTimers();
    const list = (...patients: string[]): Detection => ({
      ...detection(''),
      fields: {},
      rows: patients.map((patientName) => ({ fields: { patientName }, toCheck: {} })),
    });
    const { shown, watch, swap } = page();
    await swap(list('Kofi Osei', 'Ada Lund'));
    vi.advanceTimersByTime(250);
    await swap(list('Kofi Osei'));
    vi.advanceTimersByTime(2000);
    await swap(list('Kofi Osei', 'Ben Ruiz'));
    vi.advanceTimersByTime(2000);
    expect(shown.slice(1).map((d) => d?.rows?.map((row) => row.fields.patientName))).toEqual([
      ['Kofi Osei', 'Ada Lund'],
      ['Kofi Osei'],
      ['Kofi Osei', 'Ben Ruiz'],
    ]);
    watch.stop();
  });

  it('looks at a live list rewriting its rows less and less often, at least every 2 s', async () => {
    vi.useFakeTimers();
    const list = (tick: number): Detection => ({
      ...detection(''),
      fields: {},
      rows: [{ fields: { orderNumber: `REF-${tick}` }, toCheck: {} }],
    });
    const { shown, watch, swap } = page();
    // A worklist rewriting a row every 5 ms for 10 s (two thousand changes).
    for (let tick = 0; tick < 2000; tick++) {
      await swap(list(tick));
      vi.advanceTimersByTime(5);
    }
    const looks = shown.length - 1;
    // Every 250 ms would be 40 looks; backing off to one per 2 s, a handful; never none.
    expect(looks).toBeGreaterThanOrEqual(5);
    expect(looks).toBeLessThanOrEqual(10);
    // The newest rows are never more than 2 s old.
    expect(Number(shown.at(-1)?.rows?.[0]?.fields.orderNumber?.slice(4))).toBeGreaterThan(2000 - 2000 / 5);
    watch.stop();
  });

  it('looks promptly again once a busy page has been quiet', async () => {
    vi.useFakeTimers();
    const { shown, watch, swap } = page();
    // A page busy for a while without a new answer is looked at less and less often…
    for (let i = 0; i < 40; i++) {
      await swap(detection('HX-1'));
      vi.advanceTimersByTime(250);
    }
    // …but after a quiet spell the next change is the coordinator's, and is seen within 250 ms.
    vi.advanceTimersByTime(3000);
    await swap(detection('HX-3'));
    vi.advanceTimersByTime(250);
    expect(shown.at(-1)?.fields.orderNumber).toBe('HX-3');
    watch.stop();
  });

  it('confirms at once whether the referral shown is still the one on screen', () => {
    vi.useFakeTimers();
    const { shown, watch, quietSwap } = page();
    expect(watch.confirm()).toBe(true);
    quietSwap(detection('HX-9'));
    // Before any observer or timer has run: the answer is no, and the panel is told what is there.
    expect(watch.confirm()).toBe(false);
    expect(shown.at(-1)?.fields.orderNumber).toBe('HX-9');
    expect(watch.confirm()).toBe(true);
    watch.stop();
  });
});

describe('watchReferralScreen on a long list', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    document.body.replaceChildren();
  });

  it('looks in slices, and a confirmation meanwhile answers at once and drops that look', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const clock = { now: 0 };
    vi.spyOn(performance, 'now').mockImplementation(() => clock.now);
    let onScreen: Detection | null = detection('HX-1');
    let long = false;
    const shown: (Detection | null)[] = [];
    const watch = watchReferralScreen({
      root: document.body,
      // A long list: each of its steps takes the page 5 ms.
      detect: function* () {
        const seen = onScreen;
        for (let step = 0; long && step < 10; step++) {
          clock.now += 5;
          yield;
        }
        return seen;
      },
      onChange: (next) => shown.push(next),
    });
    expect(shown.map((d) => d?.fields.orderNumber)).toEqual(['HX-1']);
    long = true;
    onScreen = detection('HX-2');
    document.body.append(document.createElement('div'));
    await Promise.resolve();
    vi.advanceTimersByTime(250);
    // The look has begun and given the page its thread back before it ended.
    expect(shown).toHaveLength(1);
    vi.advanceTimersToNextTimer();
    expect(shown).toHaveLength(1);
    // The coordinator acts: the page is read again at once, and that answer is the one shown.
    long = false;
    onScreen = detection('HX-3');
    expect(watch.confirm()).toBe(false);
    vi.runAllTimers();
    expect(shown.map((d) => d?.fields.orderNumber)).toEqual(['HX-1', 'HX-3']);
    watch.stop();
  });
});
