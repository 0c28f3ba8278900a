import { formatDateTime, type MessageKey, t } from '../i18n';
import type { OutreachAttempt, Referral, ReferralStatus } from '../referral/referral';

/** The message key of a coded value: `outcome_left_voicemail` for the outcome `left-voicemail`. */
export const codeKey = (prefix: string, value: string) =>
  `${prefix}_${value.replaceAll('-', '_')}` as MessageKey;

export const priorityLabel = (priority: Referral['priority']) => t(codeKey('priority', priority));
export const partyLabel = (party: OutreachAttempt['party']) => t(codeKey('party', party));
export const channelLabel = (channel: OutreachAttempt['channel']) => t(codeKey('channel', channel));
export const outcomeLabel = (outcome: OutreachAttempt['outcome']) => t(codeKey('outcome', outcome));
export const barrierLabel = (barrier: OutreachAttempt['barriers'][number]) => t(codeKey('barrier', barrier));

export function statusLabel(status: ReferralStatus): string {
  return t(codeKey('status', status));
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
