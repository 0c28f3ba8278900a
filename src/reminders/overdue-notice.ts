import type { Referral } from '../referral/referral';

export function badgeText(overdueCount: number): string {
  if (overdueCount === 0) return '';
  return overdueCount > 99 ? '99+' : String(overdueCount);
}

/** Overdue referrals whose current follow-up time has not been announced yet. */
export function notYetAnnounced(overdue: readonly Referral[]): Referral[] {
  return overdue.filter((referral) => referral.notifiedFollowUpAt !== referral.nextFollowUpAt);
}

/**
 * Initials only: a desktop notification can be read by anyone passing the screen, so it carries
 * just enough for the coordinator to recognise the referral.
 */
export function patientInitials(name: string): string {
  const parts = name
    .replace(/,/g, ' ')
    .split(/\s+/)
    .filter((part) => /\p{L}/u.test(part));
  return parts.map((part) => `${part.match(/\p{L}/u)?.[0]?.toUpperCase()}.`).join(' ');
}

export interface OverdueNoticeText {
  title: (count: number) => string;
  line: (what: string, who: string, when: string) => string;
  more: (count: number) => string;
  genericReferral: string;
  formatDate: (at: number) => string;
}

const LINES_SHOWN = 3;

/** One grouped notice for every overdue referral in a sweep, never one per referral. */
export function overdueNotice(overdue: readonly Referral[], text: OverdueNoticeText) {
  const sorted = [...overdue].sort((a, b) => (a.nextFollowUpAt ?? 0) - (b.nextFollowUpAt ?? 0));
  const lines = sorted
    .slice(0, LINES_SHOWN)
    .map((referral) =>
      text.line(
        referral.receiving.specialty ?? text.genericReferral,
        patientInitials(referral.patient.name),
        text.formatDate(referral.nextFollowUpAt ?? referral.updatedAt),
      ),
    );
  if (sorted.length > LINES_SHOWN) lines.push(text.more(sorted.length - LINES_SHOWN));
  return { title: text.title(sorted.length), message: lines.join('\n') };
}
