import { browser } from 'wxt/browser';
import type { Config } from '../config/schema';
import type { UserSettings } from '../config/user-settings';
import { formatDateTime, t } from '../i18n';
import type { ReferralQueue } from '../queue/referral-queue';
import { badgeText, overdueNotice } from '../reminders/overdue-notice';
import { isQuietTime } from '../reminders/quiet-hours';

export const SWEEP_ALARM = 'handoff-sweep';
export const FOLLOW_UP_ALARM = 'handoff-follow-up-due';
export const OVERDUE_NOTIFICATION = 'handoff-overdue';

const noticeText = {
  title: (count: number) => (count === 1 ? t('overdueTitleOne') : t('overdueTitleMany', String(count))),
  line: (what: string, who: string, when: string) => t('overdueLine', [what, who, when]),
  more: (count: number) => t('overdueMore', String(count)),
  genericReferral: t('referralGeneric'),
  formatDate: formatDateTime,
};

/**
 * A periodic sweep catches everything; a one-shot alarm at the earliest follow-up makes the
 * reminder arrive on time rather than up to a sweep period late. Alarms survive the service
 * worker stopping, so both are re-armed whenever the queue or the config changes.
 */
export async function armReminders(queue: ReferralQueue, config: Config): Promise<void> {
  const sweep = await browser.alarms.get(SWEEP_ALARM);
  if (sweep?.periodInMinutes !== config.reminders.sweepMinutes) {
    await browser.alarms.create(SWEEP_ALARM, {
      delayInMinutes: config.reminders.sweepMinutes,
      periodInMinutes: config.reminders.sweepMinutes,
    });
  }
  const next = await queue.nextFollowUpAfter();
  if (next === undefined) await browser.alarms.clear(FOLLOW_UP_ALARM);
  else await browser.alarms.create(FOLLOW_UP_ALARM, { when: next });
}

/**
 * Badge the overdue count; announce newly overdue referrals in one grouped notification. In the
 * coordinator's quiet hours the badge still counts, and the announcement waits for the first
 * sweep after them.
 */
export async function sweepOverdue(
  queue: ReferralQueue,
  quietHours: UserSettings['quietHours'] = null,
): Promise<void> {
  // Counted in the index and read only where there is news: cheap with 50,000 referrals.
  const overdueCount = await queue.overdueCount();
  await browser.action.setBadgeBackgroundColor({ color: '#b3261e' });
  await browser.action.setBadgeText({ text: badgeText(overdueCount) });
  if (isQuietTime(new Date(), quietHours)) return;
  const fresh = await queue.unannouncedOverdue();
  if (fresh.length === 0) return;
  const notice = overdueNotice(overdueCount, fresh, noticeText);
  await browser.notifications.create(OVERDUE_NOTIFICATION, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title: notice.title,
    message: notice.message,
    priority: 1,
  });
  await queue.markNotified(fresh);
}

/** A click opens the one overdue referral in its EHR, or the dashboard's overdue list when several are. */
export async function openOverdue(queue: ReferralQueue): Promise<void> {
  const only = (await queue.overdueCount()) === 1 ? (await queue.overdue())[0] : undefined;
  const url = only ? only.source.pageUrl : browser.runtime.getURL('/dashboard.html?overdue=1');
  await browser.tabs.create({ url });
  await browser.notifications.clear(OVERDUE_NOTIFICATION);
}
