import { browser } from 'wxt/browser';
import type { Config } from '../config/schema';
import type { UserSettings } from '../config/user-settings';
import { formatDateTime, t } from '../i18n';
import type { ReferralQueue } from '../queue/referral-queue';
import type { Person, Referral } from '../referral/referral';
import { handOffNotice } from '../reminders/hand-off-notice';
import { badgeText, overdueNotice } from '../reminders/overdue-notice';
import { isQuietTime } from '../reminders/quiet-hours';

export const SWEEP_ALARM = 'handoff-sweep';
export const FOLLOW_UP_ALARM = 'handoff-follow-up-due';
export const OVERDUE_NOTIFICATION = 'handoff-overdue';
/** Followed by the referral's id when one referral was handed over, by nothing when several were. */
export const HAND_OFF_NOTIFICATION = 'handoff-handed-to-you|';

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
  /**
   * On a team queue, whether a referral's reminder is this coordinator's: their own and the
   * unassigned ones. A colleague's overdue referral is announced on the colleague's screen.
   */
  concerns?: (referral: Referral) => boolean,
): Promise<void> {
  // Counted in the index and read only where there is news: cheap with 50,000 referrals.
  const overdueCount = await queue.overdueCount();
  await browser.action.setBadgeBackgroundColor({ color: '#b3261e' });
  await browser.action.setBadgeText({ text: badgeText(overdueCount) });
  if (isQuietTime(new Date(), quietHours)) return;
  const fresh = await queue.unannouncedOverdue();
  const announced = concerns ? fresh.filter(concerns) : fresh;
  if (announced.length === 0) {
    if (fresh.length > 0) await queue.markNotified(fresh);
    return;
  }
  const notice = overdueNotice(concerns ? announced.length : overdueCount, announced, noticeText);
  await browser.notifications.create(OVERDUE_NOTIFICATION, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title: notice.title,
    message: notice.message,
    priority: 1,
  });
  await queue.markNotified(fresh);
}

/** Tells the new owner about referrals a colleague handed them (one grouped notification). */
export async function announceHandOffs(reassigned: readonly Referral[], me: Person | undefined) {
  const notice = handOffNotice(reassigned, me, {
    titleOne: t('handedToYouTitleOne'),
    titleMany: (count) => t('handedToYouTitleMany', String(count)),
    line: (what, who, from) => t('handedToYouLine', [what, who, from]),
    genericReferral: t('referralGeneric'),
  });
  if (!notice) return;
  await browser.notifications.create(`${HAND_OFF_NOTIFICATION}${notice.referralId ?? ''}`, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title: notice.title,
    message: notice.message,
    priority: 1,
  });
}

/** A click on a hand-off notice opens the referral (with its note) in the dashboard, or the coordinator's own list. */
export async function openHandedOver(notificationId: string): Promise<void> {
  const id = notificationId.slice(HAND_OFF_NOTIFICATION.length);
  const search = id ? `?id=${encodeURIComponent(id)}` : '?owner=mine';
  await browser.tabs.create({ url: browser.runtime.getURL(`/dashboard.html${search}`) });
  await browser.notifications.clear(notificationId);
}

/** A click opens the one overdue referral in its EHR, or the dashboard's overdue list when several are. */
export async function openOverdue(queue: ReferralQueue): Promise<void> {
  const only = (await queue.overdueCount()) === 1 ? (await queue.overdue())[0] : undefined;
  const url = only ? only.source.pageUrl : browser.runtime.getURL('/dashboard.html?overdue=1');
  await browser.tabs.create({ url });
  await browser.notifications.clear(OVERDUE_NOTIFICATION);
}
