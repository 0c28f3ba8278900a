import { handOffToRead } from '../referral/ownership';
import type { Person, Referral } from '../referral/referral';
import { patientInitials } from './overdue-notice';

export interface HandOffNoticeText {
  titleOne: string;
  titleMany: (count: number) => string;
  /** "Cardiology for J. D., from BM": read the note in Handoff, not on the screen's corner. */
  line: (what: string, who: string, from: string) => string;
  genericReferral: string;
}

export interface HandOffNotice {
  title: string;
  message: string;
  /** The one referral handed over, opened by a click; absent when several were. */
  referralId?: string;
}

const LINES_SHOWN = 3;

/**
 * The notice to the new owner of referrals a colleague handed them in one pull, or none. Like the
 * overdue notice, it names the patient by initials only, and not the hand-off note, which may
 * say more than a passer-by should read: the note waits in Handoff, first thing on the referral.
 */
export function handOffNotice(
  reassigned: readonly Referral[],
  me: Person | undefined,
  text: HandOffNoticeText,
): HandOffNotice | undefined {
  const handed = reassigned.flatMap((referral) => {
    const entry = handOffToRead(referral, me);
    return entry ? [{ referral, entry }] : [];
  });
  if (handed.length === 0) return undefined;
  const lines = handed
    .slice(0, LINES_SHOWN)
    .map(({ referral, entry }) =>
      text.line(
        referral.receiving.specialty ?? text.genericReferral,
        patientInitials(referral.patient.name),
        entry.by,
      ),
    );
  const only = handed.length === 1 ? handed[0]?.referral.id : undefined;
  return {
    title: only ? text.titleOne : text.titleMany(handed.length),
    message: lines.join('\n'),
    ...(only && { referralId: only }),
  };
}
