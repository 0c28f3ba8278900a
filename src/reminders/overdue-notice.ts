import type { Referral } from '../referral/referral';

export function badgeText(overdueCount: number): string {
  if (overdueCount === 0) return '';
  return overdueCount > 99 ? '99+' : String(overdueCount);
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

/**
 * One grouped notice per sweep, never one per referral: the title counts every overdue referral,
 * the lines name the newly overdue ones (soonest first), "and N more" covers the rest.
 */
export function overdueNotice(
  overdueCount: number,
  newlyOverdue: readonly Referral[],
  text: OverdueNoticeText,
) {
  const sorted = [...newlyOverdue].sort((a, b) => (a.nextFollowUpAt ?? 0) - (b.nextFollowUpAt ?? 0));
  const lines = sorted
    .slice(0, LINES_SHOWN)
    .map((referral) =>
      text.line(
        referral.receiving.specialty ?? text.genericReferral,
        patientInitials(referral.patient.name),
        text.formatDate(referral.nextFollowUpAt ?? referral.updatedAt),
      ),
    );
  const total = Math.max(overdueCount, sorted.length);
  if (total > lines.length) lines.push(text.more(total - lines.length));
  return { title: text.title(total), message: lines.join('\n') };
}
