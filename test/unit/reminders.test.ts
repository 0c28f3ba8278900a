import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  armReminders,
  FOLLOW_UP_ALARM,
  OVERDUE_NOTIFICATION,
  openOverdue,
  SWEEP_ALARM,
  sweepOverdue,
} from '../../src/background/reminder-alarms';
import { DEFAULT_CONFIG } from '../../src/config/schema';
import { openHandoffDatabase } from '../../src/queue/database';
import { ReferralQueue } from '../../src/queue/referral-queue';
import { callBackAt } from '../../src/referral/operations';
import { draft, freshDatabaseName } from './fixtures';

async function queueWith(...orders: string[]) {
  const queue = new ReferralQueue(await openHandoffDatabase(freshDatabaseName()));
  const referrals = [];
  for (const order of orders) {
    const pageUrl = `http://127.0.0.1:8765/legacy/referral.asp?id=${order}`;
    referrals.push(
      (
        await queue.track(
          // No order date on the screen: deadlines count from tracking (now), so none is due yet.
          draft({ orderNumber: order, authoredOn: undefined, source: { profileId: 'generic', pageUrl } }),
          DEFAULT_CONFIG,
        )
      ).referral,
    );
  }
  return { queue, referrals };
}

const badge = () => fakeBrowser.action.getBadgeText({});
const notifications = () =>
  fakeBrowser.notifications.getAll() as Promise<Record<string, { title: string; message: string }>>;

describe('sweepOverdue', () => {
  it('clears the badge and stays silent when nothing is overdue', async () => {
    const { queue } = await queueWith('A');
    await sweepOverdue(queue);
    expect(await badge()).toBe('');
    expect(await notifications()).toEqual({});
  });

  it('raises one grouped notification for every overdue referral, once, and badges the count', async () => {
    const { queue, referrals } = await queueWith('A', 'B', 'C', 'D', 'E');
    for (const referral of referrals)
      await queue.update(
        referral.id,
        undefined,
        callBackAt(Date.now() - 60_000, Date.now(), 'AB'),
        DEFAULT_CONFIG,
      );
    await sweepOverdue(queue);
    expect(await badge()).toBe('5');
    const shown = await notifications();
    expect(Object.keys(shown)).toEqual([OVERDUE_NOTIFICATION]);
    expect(shown[OVERDUE_NOTIFICATION]?.title).toBe('5 referrals need follow-up');
    expect(shown[OVERDUE_NOTIFICATION]?.message).toMatch(
      /^Cardiology for A\. Q\., due .+\n.+\n.+\nand 2 more$/,
    );
    expect(shown[OVERDUE_NOTIFICATION]?.message).not.toContain('Avery');

    await fakeBrowser.notifications.clear(OVERDUE_NOTIFICATION);
    await sweepOverdue(queue);
    expect(await notifications()).toEqual({});
    expect(await badge()).toBe('5');
  });
});

describe('armReminders', () => {
  it('arms the periodic sweep and a one-shot alarm at the earliest follow-up', async () => {
    const { queue, referrals } = await queueWith('A', 'B');
    const soon = Date.now() + 5_000;
    await queue.update(referrals[1]?.id ?? '', undefined, callBackAt(soon, Date.now(), 'AB'), DEFAULT_CONFIG);
    await armReminders(queue, DEFAULT_CONFIG);
    expect(await fakeBrowser.alarms.get(SWEEP_ALARM)).toMatchObject({ periodInMinutes: 15 });
    expect((await fakeBrowser.alarms.get(FOLLOW_UP_ALARM))?.scheduledTime).toBe(soon);
  });
});

describe('openOverdue', () => {
  it('opens the single overdue referral in its EHR', async () => {
    const { queue, referrals } = await queueWith('A', 'B');
    await queue.update(
      referrals[0]?.id ?? '',
      undefined,
      callBackAt(Date.now() - 1, Date.now(), 'AB'),
      DEFAULT_CONFIG,
    );
    await openOverdue(queue);
    const tabs = await fakeBrowser.tabs.query({});
    expect(tabs.map((tab) => tab.url)).toContain('http://127.0.0.1:8765/legacy/referral.asp?id=A');
  });

  it('opens the dashboard filtered to overdue referrals when several are overdue', async () => {
    const { queue, referrals } = await queueWith('A', 'B');
    for (const referral of referrals)
      await queue.update(
        referral.id,
        undefined,
        callBackAt(Date.now() - 1, Date.now(), 'AB'),
        DEFAULT_CONFIG,
      );
    await openOverdue(queue);
    const tabs = await fakeBrowser.tabs.query({});
    expect(tabs.some((tab) => tab.url?.endsWith('/dashboard.html?overdue=1'))).toBe(true);
  });
});

describe('quiet hours', () => {
  it('keep the badge counting but hold the notification until they end', async () => {
    const { queue, referrals } = await queueWith('A');
    await queue.update(
      referrals[0]?.id ?? '',
      undefined,
      callBackAt(Date.now() - 1, Date.now(), 'AB'),
      DEFAULT_CONFIG,
    );
    const hour = new Date().getHours();
    const around = {
      start: `${String(hour).padStart(2, '0')}:00`,
      end: `${String((hour + 1) % 24).padStart(2, '0')}:00`,
    };
    await sweepOverdue(queue, around);
    expect(await badge()).toBe('1');
    expect(await notifications()).toEqual({});
    await sweepOverdue(queue, null);
    expect(Object.keys(await notifications())).toEqual([OVERDUE_NOTIFICATION]);
  });
});
