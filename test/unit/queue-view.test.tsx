// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/schema';
import { type Send, typedSender } from '../../src/messages';
import type { ReferralQueue } from '../../src/queue/referral-queue';
import { QueueView } from '../../src/queue-view/QueueView';
import { callBackAt, changeStatus } from '../../src/referral/operations';
import type { Referral } from '../../src/referral/referral';
import { draft } from './fixtures';
import { queueWithHandler } from './request-fixture';
import { until } from './until';

// In the jsdom environment WXT's `wxt/browser` alias resolves to WXT's own entry (which loads
// esbuild and fails); the fake browser is what it stands for in every other unit test.
vi.mock('wxt/browser', async () => ({ browser: (await import('wxt/testing/fake-browser')).fakeBrowser }));

const PATIENTS = ['Avery Quinlan', 'Bianca Ortiz', 'Cyrus Lindqvist'];

let root: HTMLElement;
let queue: ReferralQueue;
let send: Send;
let sent: { type: string }[];
let referrals: Referral[];

beforeEach(async () => {
  const made = await queueWithHandler();
  queue = made.queue;
  const { handle } = made;
  sent = [];
  send = typedSender(async (message) => {
    sent.push(message as { type: string });
    return handle(message);
  });
  referrals = [];
  for (const [index, name] of PATIENTS.entries()) {
    const { referral } = await queue.track(
      draft({
        orderNumber: `ORD-${index}`,
        // Tracked today with no order date on the screen: ages and deadlines count from tracking.
        authoredOn: undefined,
        patient: { name },
        source: { profileId: 'generic', pageUrl: `http://127.0.0.1:8765/legacy/referral.asp?id=R-${index}` },
      }),
      DEFAULT_CONFIG,
    );
    referrals.push(referral);
  }
  root = document.createElement('div');
  document.body.append(root);
});

afterEach(() => {
  render(null, root);
  root.remove();
});

async function show(search = '', layout: 'wide' | 'narrow' = 'wide') {
  await act(() => {
    render(<QueueView send={send} layout={layout} search={search} typingDelay={0} />, root);
  });
  await until(() => root.querySelector('[aria-busy="false"]'), 'the first page');
}

const rowNames = () =>
  [...root.querySelectorAll<HTMLButtonElement>('[data-row-main]')].map((b) => b.textContent);
const button = (name: string) =>
  [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.trim() === name);
const labelled = <T extends HTMLElement>(label: string) => {
  const found = [...root.querySelectorAll('label')].find((l) => l.textContent?.trim() === label);
  return (found?.control ?? null) as T | null;
};

async function choose(select: HTMLSelectElement | null, value: string) {
  if (!select) throw new Error('no such select');
  await act(() => {
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

async function click(element: HTMLElement | null | undefined) {
  if (!element) throw new Error('nothing to click');
  await act(() => element.click());
}

describe('QueueView', () => {
  it('shows each referral with its state, priority, age, follow-up and outreach', async () => {
    await show();
    expect(rowNames().sort()).toEqual([...PATIENTS].sort());
    const row = root.querySelector(`[data-referral-id="${referrals[0]?.id}"]`);
    expect(row?.textContent).toContain('Cardiology');
    expect(row?.textContent).toContain('Riverbend Heart Center');
    expect(row?.textContent).toContain('New');
    expect(row?.textContent).toContain('Routine');
    expect(row?.textContent).toContain('0 business days (from tracking)');
    expect(row?.textContent).toContain('No outreach yet');
    expect(row?.textContent).not.toContain('Overdue');
    expect(root.querySelector('caption')?.textContent).toBe('Referrals, page 1 (3 shown)');
  });

  it('opens on the overdue referrals for dashboard.html?overdue=1, saying so in words', async () => {
    const late = referrals[1] as Referral;
    await queue.update(late.id, undefined, callBackAt(Date.now() - 60_000, Date.now(), 'JD'), DEFAULT_CONFIG);
    await show('?overdue=1');
    expect(rowNames()).toEqual(['Bianca Ortiz']);
    expect(root.querySelector('.qv-badge')?.textContent).toBe('Overdue');
    expect(labelled<HTMLInputElement>('Overdue only')?.checked).toBe(true);
  });

  it('filters by state from the address and from the state checkboxes', async () => {
    await queue.update(
      (referrals[2] as Referral).id,
      undefined,
      changeStatus({ to: 'sent', at: Date.now(), by: 'JD' }, DEFAULT_CONFIG),
      DEFAULT_CONFIG,
    );
    await show('?state=sent');
    expect(rowNames()).toEqual(['Cyrus Lindqvist']);
    const sentBox = root.querySelector<HTMLInputElement>('input[name="state"][value="sent"]');
    await click(sentBox);
    await until(() => rowNames().length === 3, 'all rows');
  });

  it('pages with the cursor and comes back with the stack of cursors', async () => {
    await show('?limit=2');
    const first = rowNames();
    expect(first).toHaveLength(2);
    await click(button('Next page'));
    await until(() => root.querySelector('caption')?.textContent?.includes('page 2'), 'page 2');
    const second = rowNames();
    expect(second).toHaveLength(1);
    expect(first).not.toContain(second[0]);
    expect(button('Next page')?.getAttribute('aria-disabled')).toBe('true');
    await click(button('Previous page'));
    await until(() => root.querySelector('caption')?.textContent?.includes('page 1'), 'page 1');
    expect(rowNames()).toEqual(first);
    // Page 2 asked after the cursor page 1 returned; going back asked for page 1 again, uncursored.
    const cursors = sent
      .filter((m) => m.type === 'query-queue')
      .map((m) => (m as unknown as { query: { after?: string } }).query.after);
    expect(cursors).toEqual([undefined, expect.any(String), undefined]);
  });

  it('moves between rows with the arrow keys, one row in the tab order', async () => {
    await show();
    const buttons = () => [...root.querySelectorAll<HTMLButtonElement>('[data-row-main]')];
    expect(buttons().map((b) => b.tabIndex)).toEqual([0, -1, -1]);
    buttons()[0]?.focus();
    await act(() => {
      buttons()[0]?.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    });
    expect(document.activeElement).toBe(buttons()[1]);
    expect(buttons().map((b) => b.tabIndex)).toEqual([-1, 0, -1]);
    await act(() => {
      buttons()[1]?.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true }));
    });
    expect(document.activeElement).toBe(buttons()[2]);
  });

  it('asks for the reason before sending a state that needs one, then saves it', async () => {
    const target = referrals[0] as Referral;
    await show(`?id=${target.id}`);
    expect(root.querySelector('.qv-actions')?.textContent).toContain('Avery Quinlan');
    await click(button('Change state'));
    const options = [...(labelled<HTMLSelectElement>('New state')?.options ?? [])].map((o) => o.value);
    expect(options).toEqual([
      '',
      'waiting-on-info',
      'ready-to-send',
      'sent',
      'needs-patient-action',
      'scheduled',
      'closed-not-completed',
    ]);
    await choose(labelled('New state'), 'waiting-on-info');
    await click(button('Save state'));
    expect(root.textContent).toContain('Waiting on info needs a reason: choose one from the list.');
    expect(labelled('Reason')?.getAttribute('aria-invalid')).toBe('true');
    expect(sent.some((m) => m.type === 'change-status')).toBe(false);

    await choose(labelled('Reason'), 'missing-insurance');
    await click(button('Save state'));
    await until(() => root.querySelector('[role="status"]')?.textContent, 'the saved notice');
    expect(root.querySelector('[role="status"]')?.textContent).toBe(
      'Avery Quinlan: moved to Waiting on info.',
    );
    expect((await queue.get(target.id))?.statusReason).toBe('missing-insurance');
  });

  it('shows why the background refused a stale change, then works on the fresh copy', async () => {
    const target = referrals[0] as Referral;
    await show(`?id=${target.id}`);
    // Someone else changes the referral after this view read it.
    await queue.update(
      target.id,
      undefined,
      callBackAt(Date.now() + 60_000, Date.now(), 'ZZ'),
      DEFAULT_CONFIG,
    );
    await click(button('Change state'));
    await choose(labelled('New state'), 'sent');
    await click(button('Save state'));
    const alert = await until(
      () =>
        [...root.querySelectorAll('[role="alert"]')].find((a) =>
          a.textContent?.includes('changed elsewhere'),
        ),
      'the stale-write error',
    );
    expect(alert.textContent).toContain('This referral was changed elsewhere');
    await until(() => sent.filter((m) => m.type === 'query-queue').length >= 2, 'a fresh fetch');
    await until(() => root.querySelector('[aria-busy="false"]'), 'the fresh page');

    // The form stays as it was: saving again applies to the fresh copy.
    expect(labelled<HTMLSelectElement>('New state')?.value).toBe('sent');
    await click(button('Save state'));
    await until(() => root.querySelector('[role="status"]')?.textContent, 'the saved notice');
    expect((await queue.get(target.id))?.status).toBe('sent');
  });

  it('logs an outreach attempt with barriers, and asks for the appointment when one was booked', async () => {
    const target = referrals[0] as Referral;
    await show(`?id=${target.id}`, 'narrow');
    await click(button('Log outreach'));
    await choose(labelled('Outcome'), 'scheduled');
    await click(button('Log attempt'));
    expect(root.textContent).toContain('Enter the appointment date and time.');

    await choose(labelled('Outcome'), 'no-answer');
    await choose(labelled('Channel'), 'voicemail');
    await click(root.querySelector<HTMLInputElement>('input[name="barriers"][value="transportation"]'));
    await click(button('Log attempt'));
    await until(() => root.querySelector('[role="status"]')?.textContent, 'the saved notice');
    const stored = await queue.get(target.id);
    expect(stored?.outreach).toMatchObject([
      { party: 'patient', channel: 'voicemail', outcome: 'no-answer', barriers: ['transportation'] },
    ]);
    await until(() => root.textContent?.includes('No answer · 1 attempt'), 'the outreach summary');
  });

  it('snoozes to working hours, or sets the call back the patient asked for, and says when it falls', async () => {
    // Friday 27 November 2026, 16:00: "tomorrow" is a Saturday.
    vi.useFakeTimers({ now: new Date('2026-11-27T16:00:00'), toFake: ['Date'] });
    try {
      const target = referrals[0] as Referral;
      await show(`?id=${target.id}`, 'narrow');
      await click(button('Snooze or call back'));
      const monday = new Date('2026-11-30T08:00:00').getTime();
      expect(root.textContent).toContain('Next follow-up: Mon, Nov 30, 8:00 AM, within working hours.');
      await click(button('Save follow-up'));
      await until(() => root.querySelector('[role="status"]')?.textContent, 'the saved notice');
      expect((await queue.get(target.id))?.snoozedUntil).toBe(monday);
      await until(
        () => root.textContent?.includes('Follow-up put off until Mon, Nov 30, 8:00 AM'),
        'the timeline',
      );

      await click(button('Snooze or call back'));
      await choose(labelled('Next follow-up'), 'callback');
      await click(button('Save follow-up'));
      expect(root.textContent).toContain('Enter the date and time agreed for the call back.');
      const input = labelled<HTMLInputElement>('Call back at');
      await act(() => {
        if (!input) throw new Error('no call-back box');
        input.value = '2026-11-27T10:00';
        input.dispatchEvent(new Event('input', { bubbles: true }));
      });
      await click(button('Save follow-up'));
      expect(root.textContent).toContain('That time has passed: enter a time still to come.');
      // Asked for 19:30, after working hours: the follow-up falls at the start of the next ones.
      await act(() => {
        if (!input) throw new Error('no call-back box');
        input.value = '2026-12-01T19:30';
        input.dispatchEvent(new Event('input', { bubbles: true }));
      });
      expect(root.textContent).toContain('Next follow-up: Wed, Dec 2, 8:00 AM, within working hours.');
      await click(button('Save follow-up'));
      const wednesday = new Date('2026-12-02T08:00:00').getTime();
      await until(async () => (await queue.get(target.id))?.callbackAt === wednesday, 'the call back');
      expect((await queue.get(target.id))?.nextFollowUpAt).toBe(wednesday);
      await until(
        () => root.textContent?.includes('Call back agreed for Wed, Dec 2, 8:00 AM'),
        'the timeline',
      );
    } finally {
      vi.useRealTimers();
    }
  });
});
