import { IsoDate } from '../config/iso-date';
import { z } from '../zod';
import { PRIORITIES } from './priority';

/*
 * The schemas a referral's fields pass where they enter the queue (a message from a page, a
 * restored backup). Apart from referral.ts so that the panel, which only shows referrals and
 * sends drafts for the background to check, does not build them as it starts.
 */

/**
 * Text read from an EHR page or typed by a coordinator. Bounded so that a hostile or broken page
 * cannot fill the queue with megabytes; rendered only as text, never as markup.
 */
const PageText = z.string().trim().min(1).max(500);
const LongPageText = z.string().trim().min(1).max(4000);

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
    preferredLanguage: PageText.optional(),
  }),
  receiving: z.object({
    specialty: PageText.optional(),
    provider: PageText.optional(),
    organization: PageText.optional(),
    phone: PageText.optional(),
    fax: PageText.optional(),
    instructions: LongPageText.optional(),
  }),
  referring: z.object({ provider: PageText.optional(), practice: PageText.optional() }).default({}),
  insurance: z
    .object({
      payer: PageText.optional(),
      memberId: PageText.optional(),
      authorizationNumber: PageText.optional(),
    })
    .default({}),
  reason: LongPageText.optional(),
  diagnosisCodes: PageText.optional(),
  recordsAttached: LongPageText.optional(),
  priority: z.enum(PRIORITIES).default('routine'),
  authoredOn: IsoDate.optional(),
});
export type ReferralDraft = z.infer<typeof ReferralDraft>;
export type ReferralDraftInput = z.input<typeof ReferralDraft>;
