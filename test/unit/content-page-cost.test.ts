// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import content from '../../entrypoints/content-script';
import { DETECTION_SIGNAL } from '../../src/content/detection-signal';
import { PageRoom } from '../../src/content/page-room';
import { PanelFrame } from '../../src/content/panel-frame';
import { PANEL_OFFER_PORT, PANEL_WIDTH_PX } from '../../src/panel/panel-protocol';
import { fillRuntimePorts } from './background-browser';

/**
 * What the content script costs the EHR page it runs on, in work a heavy chart would feel: how
 * often it reads the whole page, what it builds, how often it asks the browser. Timings are the
 * bench's business (`npm run bench`); these are the counts behind them.
 */

const looks = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../src/detection/detect-referral', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/detection/detect-referral')>();
  return {
    ...original,
    detectionSteps: (...args: Parameters<typeof original.detectionSteps>) => {
      looks.count++;
      return original.detectionSteps(...args);
    },
  };
});

const REFERRAL = `<head><title>Chart</title></head><body><h1>Chart</h1>
<section><h2>Referral</h2><table><tbody>
<tr><td>Order #</td><td>REF-2026-004211</td></tr>
<tr><td>Referral Date</td><td>2026-11-20</td></tr>
<tr><td>Refer To</td><td>Dr. Jordan Example, Riverside Cardiology Associates</td></tr>
<tr><td>Specialty</td><td>Cardiology</td></tr>
<tr><td>Priority</td><td>Urgent</td></tr>
<tr><td>Reason for Referral</td><td>Recurrent palpitations; please evaluate.</td></tr>
</tbody></table></section></body>`;
/** A referral worklist: the panel lists its rows. */
const WORKLIST = `<head><title>Referral worklist</title></head><body><h1>Referral worklist</h1>
<table><thead><tr><th>Patient</th><th>Specialty</th><th>Priority</th><th>Status</th></tr></thead><tbody>
<tr><td>Avery Quinlan</td><td>Cardiology</td><td>Urgent</td><td>Sent</td></tr>
<tr><td>Blake Ramirez</td><td>Dermatology</td><td>Routine</td><td>Sent</td></tr>
<tr><td>Casey Ng</td><td>Neurology</td><td>Routine</td><td>Sent</td></tr>
</tbody></table></body>`;
const NOT_A_REFERRAL =
  '<head><title>Chart</title></head><body><h1>Demographics</h1><p>Dana Sample</p></body>';

/** The background's answer for a page whose referral is not tracked yet (or marked "not a referral"). */
function answerPageStatus(
  placement?: { side: 'left' | 'right'; collapsed: boolean },
  { dismissed = false, answered = Promise.resolve() } = {},
): void {
  fakeBrowser.runtime.onMessage.addListener((message: unknown) =>
    (message as { type?: string }).type === 'page-status'
      ? answered.then(() => ({ ok: true, value: { match: 'none', dismissed, placement } }))
      : undefined,
  );
}

const panelHost = () => document.querySelector('[data-handoff-panel]');
const detectionOutcome = () =>
  (globalThis as { [DETECTION_SIGNAL]?: { outcome: string } })[DETECTION_SIGNAL]?.outcome;

/**
 * A new page: a new root element, as a page load gives. The content script watches its page for
 * as long as it is open, so each test's page must not be the one an earlier test's script watches.
 */
function load(html: string): void {
  document.documentElement.remove();
  document.append(document.createElement('html'));
  document.documentElement.innerHTML = html;
}
let portsOpened: string[] = [];

/** Longer than the watch's throttle, however far it has backed off, and than its quiet period. */
const A_WHILE_MS = 5000;

beforeEach(() => {
  looks.count = 0;
  // Each test is a new page: no earlier page's answers or conclusions.
  fakeBrowser.reset();
  portsOpened = fillRuntimePorts();
  delete (globalThis as { [DETECTION_SIGNAL]?: unknown })[DETECTION_SIGNAL];
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('the content script on an EHR page', () => {
  it('reads its profiles and reading locale from storage in one request', async () => {
    load(NOT_A_REFERRAL);
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    await content.main();
    expect(get).toHaveBeenCalledTimes(1);
  });

  it('builds nothing of the panel on a page without a referral', async () => {
    load(NOT_A_REFERRAL);
    const createElement = vi.spyOn(document, 'createElement');
    const getMessage = vi.spyOn(fakeBrowser.i18n, 'getMessage');
    await content.main();
    await vi.advanceTimersByTimeAsync(A_WHILE_MS);
    expect(looks.count).toBe(1);
    expect(createElement).not.toHaveBeenCalled();
    // The catalogue lookup (the frame's title) is a round trip to the browser on first use.
    expect(getMessage).not.toHaveBeenCalled();
    expect(panelHost()).toBeNull();
  });

  it('looks at the page once, not again because its own panel appeared', async () => {
    load(REFERRAL);
    answerPageStatus();
    const getMessage = vi.spyOn(fakeBrowser.i18n, 'getMessage');
    await content.main();
    await vi.waitFor(() => expect(panelHost()).not.toBeNull());
    await vi.advanceTimersByTimeAsync(A_WHILE_MS);
    expect(looks.count).toBe(1);
    // The frame is named by the panel itself: the page's thread loads no string catalogue.
    expect(getMessage).not.toHaveBeenCalled();
  });

  it('starts loading the panel, hidden, while the queue answers; makes its room on the coordinator’s side with the answer', async () => {
    load(REFERRAL);
    let answer = () => {};
    answerPageStatus(
      { side: 'left', collapsed: false },
      { answered: new Promise((resolve) => (answer = resolve)) },
    );
    await content.main();
    await vi.waitFor(() => expect(panelHost()).not.toBeNull());
    // Loading, before the queue has answered: the page keeps its width and asks for the channel.
    expect(document.documentElement.getAttribute('style')).toBeNull();
    expect(portsOpened).toEqual([PANEL_OFFER_PORT]);
    answer();
    await vi.waitFor(() => expect(detectionOutcome()).toBe('shown'));
    expect(document.documentElement.style.getPropertyValue('margin-left')).toBe(`${PANEL_WIDTH_PX}px`);
    expect(document.documentElement.style.getPropertyValue('margin-right')).toBe('');
    expect(portsOpened).toEqual([PANEL_OFFER_PORT]);
  });

  it('takes the panel it started loading off a page marked “not a referral”, and makes no room', async () => {
    load(REFERRAL);
    answerPageStatus({ side: 'right', collapsed: false }, { dismissed: true });
    await content.main();
    await vi.waitFor(() => expect(detectionOutcome()).toBe('dismissed'));
    await vi.advanceTimersByTimeAsync(A_WHILE_MS);
    expect(panelHost()).toBeNull();
    expect(document.documentElement.getAttribute('style')).toBeNull();
    expect(looks.count).toBe(1);
  });

  it('asks the background for the panel’s channel as the frame starts loading, once', async () => {
    load(REFERRAL);
    answerPageStatus({ side: 'right', collapsed: false });
    await content.main();
    await vi.waitFor(() => expect(panelHost()).not.toBeNull());
    // The frame has not loaded (it never does here): the nonce is on its way all the same.
    expect(portsOpened).toEqual([PANEL_OFFER_PORT]);
  });

  it('leaves a collapsed panel’s page its width while the panel loads', async () => {
    load(REFERRAL);
    answerPageStatus({ side: 'right', collapsed: true });
    await content.main();
    await vi.waitFor(() => expect(detectionOutcome()).toBe('shown'));
    expect(panelHost()).not.toBeNull();
    expect(document.documentElement.getAttribute('style')).toBeNull();
  });

  it('looks for the page’s fixed bars again for another referral, not for a list’s rows changing', async () => {
    load(WORKLIST);
    answerPageStatus({ side: 'right', collapsed: false });
    const fits = vi.spyOn(PageRoom.prototype, 'fitFixed');
    await content.main();
    await vi.waitFor(() => expect(detectionOutcome()).toBe('shown'));
    const atShow = fits.mock.calls.length;
    const shows = vi.spyOn(PanelFrame.prototype, 'show');
    const priorityCell = document.querySelector('tbody td:nth-child(3)');
    for (const priority of ['Routine', 'Urgent', 'Routine']) {
      if (priorityCell) priorityCell.textContent = priority;
      await vi.advanceTimersByTimeAsync(A_WHILE_MS);
    }
    // The panel was shown each new version of the list, and the page was not walked for it.
    expect(shows).toHaveBeenCalledTimes(3);
    expect(fits.mock.calls.length).toBe(atShow);
    // A single referral in the list's place (a single-page EHR opening one) is another referral.
    document.body.innerHTML = new DOMParser().parseFromString(REFERRAL, 'text/html').body.innerHTML;
    await vi.advanceTimersByTimeAsync(A_WHILE_MS);
    expect(shows).toHaveBeenCalledTimes(4);
    expect(fits.mock.calls.length).toBeGreaterThan(atShow);
  });

  it('puts the panel back when the page removes it', async () => {
    load(REFERRAL);
    answerPageStatus();
    await content.main();
    await vi.waitFor(() => expect(detectionOutcome()).toBe('shown'));
    panelHost()?.remove();
    await vi.waitFor(() => expect(panelHost()).not.toBeNull());
    expect(looks.count).toBe(2);
  });
});
