import { describe, expect, it, vi } from 'vitest';
import { PanelPairing } from '../../src/background/panel-pairing';
import { watchLocation } from '../../src/content/location-watch';
import { claimedNonce, handOverNonce } from '../../src/panel/panel-protocol';

const TAB = 7;

describe('the panel channel pairs a panel only with a content script of its own tab', () => {
  it('confirms a live nonce once, for the tab that offered it, and tells the offer', () => {
    const pairing = new PanelPairing();
    const claimed = vi.fn();
    const nonce = pairing.offer(TAB, claimed) as string;
    expect(pairing.claim(nonce, TAB + 1)).toBe(false);
    expect(claimed).not.toHaveBeenCalled();
    expect(pairing.claim(nonce, TAB)).toBe(true);
    expect(claimed).toHaveBeenCalledOnce();
    // Single use: a second frame handed the same nonce (a copy, a replay) gets nothing.
    expect(pairing.claim(nonce, TAB)).toBe(false);
  });

  it('refuses a nonce it never made, and one whose offer was withdrawn', () => {
    const pairing = new PanelPairing();
    expect(pairing.claim(crypto.randomUUID(), TAB)).toBe(false);
    const nonce = pairing.offer(TAB, () => {}) as string;
    pairing.withdraw(nonce);
    expect(pairing.claim(nonce, TAB)).toBe(false);
  });

  it('makes a different nonce each time, and bounds the offers one tab may hold', () => {
    const pairing = new PanelPairing();
    const nonces = Array.from({ length: 8 }, () => pairing.offer(TAB, () => {}));
    expect(new Set(nonces).size).toBe(8);
    expect(pairing.offer(TAB, () => {})).toBeUndefined();
    expect(pairing.offer(TAB + 1, () => {})).toBeDefined();
  });

  it('reads a hand-over or a claim only in its exact shape', () => {
    const nonce = crypto.randomUUID();
    expect(handOverNonce({ type: 'handoff-panel-channel', nonce })).toBe(nonce);
    for (const forged of [
      null,
      'handoff-panel-channel',
      { type: 'handoff-panel-channel' },
      { type: 'handoff-panel-channel', nonce: 'guess' },
      { type: 'show', nonce },
      { type: 'handoff-panel-channel', nonce: { toString: () => nonce } },
    ])
      expect(handOverNonce(forged)).toBeUndefined();
    expect(claimedNonce({ nonce })).toBe(nonce);
    expect(claimedNonce({ nonce: `${nonce} ` })).toBeUndefined();
  });
});

describe('in-app navigation is seen only when the browser navigates', () => {
  it('ignores navigate events a page dispatches, and trusted ones that leave the address as it was', () => {
    vi.useFakeTimers();
    const navigation = new EventTarget();
    vi.stubGlobal('navigation', navigation);
    try {
      let url = 'https://ehr.example.org/referral/1';
      const changed = vi.fn();
      watchLocation(changed, () => url);
      // A page's own event is untrusted, whatever it claims.
      url = 'https://ehr.example.org/referral/2';
      navigation.dispatchEvent(new Event('navigate'));
      vi.runAllTimers();
      expect(changed).not.toHaveBeenCalled();

      const trusted = () => {
        const event = new Event('navigate');
        Object.defineProperty(event, 'isTrusted', { value: true });
        navigation.dispatchEvent(event);
        vi.runAllTimers();
      };
      trusted();
      expect(changed).toHaveBeenCalledOnce();
      trusted();
      expect(changed).toHaveBeenCalledOnce();
    } finally {
      vi.unstubAllGlobals();
      vi.useRealTimers();
    }
  });

  it('polls the address where the browser has no Navigation API', () => {
    vi.useFakeTimers();
    vi.stubGlobal('navigation', undefined);
    try {
      let url = 'https://ehr.example.org/a';
      const changed = vi.fn();
      watchLocation(changed, () => url);
      vi.advanceTimersByTime(3000);
      expect(changed).not.toHaveBeenCalled();
      url = 'https://ehr.example.org/b';
      vi.advanceTimersByTime(1000);
      expect(changed).toHaveBeenCalledOnce();
    } finally {
      vi.unstubAllGlobals();
      vi.useRealTimers();
    }
  });
});
