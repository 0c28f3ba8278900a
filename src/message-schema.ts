import { z } from 'zod';
import { PageUrl, ReferralDraft } from './referral/referral';

/** Every request the background accepts, validated on arrival: content scripts live in pages we do not control. */
export const HandoffRequest = z.discriminatedUnion('type', [
  z.object({ type: z.literal('track-referral'), draft: ReferralDraft }),
  // The draft may be incomplete (no patient name on the page yet): then only the page is looked up.
  z.object({ type: z.literal('page-status'), pageUrl: PageUrl, draft: z.unknown() }),
  z.object({ type: z.literal('set-page-dismissed'), pageUrl: PageUrl, dismissed: z.boolean() }),
  z.object({ type: z.literal('list-referrals'), limit: z.number().int().min(1).max(200) }),
  z.object({ type: z.literal('set-next-follow-up'), id: z.string().min(1).max(64), at: z.number() }),
]);
export type HandoffRequest = z.infer<typeof HandoffRequest>;
export type HandoffRequestInput = z.input<typeof HandoffRequest>;
