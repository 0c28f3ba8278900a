import { z } from 'zod';
import { IsoDate } from '../config/schema';
import { PRIORITIES } from './priority';

/**
 * Text read from an EHR page or typed by a coordinator. Bounded so that a hostile or broken page
 * cannot fill the queue with megabytes; rendered only as text, never as markup.
 */
const PageText = z.string().trim().min(1).max(500);
const LongPageText = z.string().trim().min(1).max(4000);

export const REFERRAL_STATUSES = [
  'new',
  'waiting-on-info',
  'ready-to-send',
  'sent',
  'declined',
  'needs-patient-action',
  'scheduled',
  'no-show',
  'closed-completed',
  'closed-not-completed',
] as const;
export const ReferralStatus = z.enum(REFERRAL_STATUSES);
export type ReferralStatus = z.infer<typeof ReferralStatus>;

export function isOpen(status: ReferralStatus): boolean {
  return status !== 'closed-completed' && status !== 'closed-not-completed';
}

/** An EHR page address: web pages only, bounded. */
export const PageUrl = z.url({ protocol: /^https?$/ }).max(2048);

/** What a coordinator asks to track: the fields read from the EHR page, corrected by hand. */
export const ReferralDraft = z.object({
  source: z.object({
    profileId: z.string().min(1).max(64),
    pageUrl: PageUrl,
  }),
  orderNumber: PageText.optional(),
  patient: z.object({
    name: PageText,
    dateOfBirth: IsoDate.optional(),
    mrn: PageText.optional(),
    phone: PageText.optional(),
  }),
  receiving: z.object({
    specialty: PageText.optional(),
    provider: PageText.optional(),
    organization: PageText.optional(),
  }),
  reason: LongPageText.optional(),
  priority: z.enum(PRIORITIES).default('routine'),
  authoredOn: IsoDate.optional(),
});
export type ReferralDraft = z.infer<typeof ReferralDraft>;
export type ReferralDraftInput = z.input<typeof ReferralDraft>;

export const HistoryEntry = z.object({
  at: z.number(),
  from: ReferralStatus.nullable(),
  to: ReferralStatus,
  note: z.string().max(500).optional(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export interface Referral extends ReferralDraft {
  id: string;
  /** Identifies the EHR referral across page loads and tabs; unique in the queue. */
  dedupeKey: string;
  status: ReferralStatus;
  createdAt: number;
  nextFollowUpAt: number;
  /** The follow-up time already announced in a notification, so each is announced once. */
  notifiedFollowUpAt?: number;
  history: HistoryEntry[];
}

/**
 * The same EHR referral, seen on a reload or in a second tab, must map to one queue entry. The
 * EHR's order number is the best identity; without one, the patient and the referral's content
 * stand in for it, within the EHR's origin.
 */
export function dedupeKeyOf(draft: ReferralDraft): string {
  const origin = new URL(draft.source.pageUrl).origin;
  if (draft.orderNumber) return `${origin}|order|${draft.orderNumber.toLowerCase()}`;
  const who = (draft.patient.mrn ?? draft.patient.name).toLowerCase();
  const what = [draft.receiving.specialty, draft.authoredOn, draft.reason?.slice(0, 80)]
    .map((part) => part?.toLowerCase() ?? '')
    .join('|');
  return `${origin}|patient|${who}|${what}`;
}

/**
 * A page as the coordinator sees it: the same address whatever its #fragment, so a "not a
 * referral" answer sticks to the screen, not to a scroll position.
 */
export function pageKeyOf(pageUrl: string): string {
  const url = new URL(pageUrl);
  return `${url.origin}${url.pathname}${url.search}`;
}
