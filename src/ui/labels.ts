import { formatDateTime, t } from '../i18n';
import { ownershipOf, personLabel } from '../referral/ownership';
import { PRIORITIES, type Priority } from '../referral/priority';
import type { OutreachAttempt, Person, Referral, ReferralStatus } from '../referral/referral';

/** A code as a part of a message key: `left-voicemail` as `left_voicemail`, `30+` as `30plus`. */
type KeyPart<Code extends string> = Code extends `${infer Head}-${infer Tail}`
  ? `${Head}_${KeyPart<Tail>}`
  : Code extends `${infer Head}+`
    ? `${Head}plus`
    : Code;

/**
 * The message key of a coded value: `outcome_left_voicemail` for the outcome `left-voicemail`.
 * Typed as the key itself, so `t(codeKey(...))` does not compile while a code of the list has no
 * text in the catalogue: a value added to a list cannot go out unlabelled.
 */
export function codeKey<Prefix extends string, Code extends string>(
  prefix: Prefix,
  code: Code,
): `${Prefix}_${KeyPart<Code>}` {
  // The same rewriting as KeyPart, at run time; the type is the one the compiler checks.
  return `${prefix}_${code.replaceAll('-', '_').replace(/\+$/, 'plus')}` as `${Prefix}_${KeyPart<Code>}`;
}

export const priorityLabel = (priority: Priority) => t(codeKey('priority', priority));

/** A priority as read from a page or a metric: its label when it is one of ours, else as written. */
export const priorityText = (value: string) =>
  (PRIORITIES as readonly string[]).includes(value) ? priorityLabel(value as Priority) : value;
export const partyLabel = (party: OutreachAttempt['party']) => t(codeKey('party', party));
export const channelLabel = (channel: OutreachAttempt['channel']) => t(codeKey('channel', channel));
export const outcomeLabel = (outcome: OutreachAttempt['outcome']) => t(codeKey('outcome', outcome));
export const barrierLabel = (barrier: OutreachAttempt['barriers'][number]) => t(codeKey('barrier', barrier));

export function statusLabel(status: ReferralStatus): string {
  return t(codeKey('status', status));
}

/** "Follow up Tue 1 Dec, 10:00", or the state's name once closed (nothing is due). */
export function followUpLabel(referral: Referral): string {
  return referral.nextFollowUpAt === undefined
    ? statusLabel(referral.status)
    : t('queueDue', formatDateTime(referral.nextFollowUpAt));
}

/** Whose a referral is, as a coordinator reads it: "You", the colleague's name, or "Unassigned". */
export function ownerLabel(referral: Pick<Referral, 'owner'>, me: Person | undefined): string {
  const ownership = ownershipOf(referral, me);
  if (ownership === 'unassigned' || !referral.owner) return t('ownerUnassigned');
  return ownership === 'mine' ? t('ownerYou') : personLabel(referral.owner);
}
