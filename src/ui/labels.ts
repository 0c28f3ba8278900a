import { formatDateTime, type MessageKey, t } from '../i18n';
import type { Referral, ReferralStatus } from '../referral/referral';

export function statusLabel(status: ReferralStatus): string {
  return t(`status_${status.replaceAll('-', '_')}` as MessageKey);
}

export function isOverdue(referral: Referral, now = Date.now()): boolean {
  return referral.nextFollowUpAt <= now;
}

export function followUpLabel(referral: Referral): string {
  return t('queueDue', formatDateTime(referral.nextFollowUpAt));
}
