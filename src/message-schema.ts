import { z } from 'zod';
import { ReferralDraft } from './referral/referral';

/** Every request the background accepts, validated on arrival: content scripts live in pages we do not control. */
export const HandoffRequest = z.discriminatedUnion('type', [
  z.object({ type: z.literal('track-referral'), draft: ReferralDraft }),
  z.object({ type: z.literal('find-tracked'), draft: ReferralDraft }),
  z.object({ type: z.literal('list-referrals'), limit: z.number().int().min(1).max(200) }),
  z.object({ type: z.literal('set-next-follow-up'), id: z.string().min(1).max(64), at: z.number() }),
]);
export type HandoffRequest = z.infer<typeof HandoffRequest>;
export type HandoffRequestInput = z.input<typeof HandoffRequest>;
