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
      detect: () => detection(`HX-${++shown}`),
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
