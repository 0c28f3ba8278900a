import { formatDateTime, type MessageKey, t } from '../i18n';
import type { Referral, ReferralStatus } from '../referral/referral';

export function statusLabel(status: ReferralStatus): string {
  return t(`status_${status.replaceAll('-', '_')}` as MessageKey);
}

export function isOverdue(referral: Referral, now = Date.now()): boolean {
  return referral.nextFollowUpAt !== undefined && referral.nextFollowUpAt <= now;
}

/** "Follow up Tue 1 Dec, 10:00", or the state's name once closed (nothing is due). */
export function followUpLabel(referral: Referral): string {
  return referral.nextFollowUpAt === undefined
    ? statusLabel(referral.status)
    : t('queueDue', formatDateTime(referral.nextFollowUpAt));
}
