import { z } from 'zod';
import type { Config } from '../config/schema';
import { HandoffRequest } from '../message-schema';
import type { HandoffReply } from '../messages';
import type { ReferralQueue } from '../queue/referral-queue';
import { dedupeKeyOf } from '../referral/referral';

interface Dependencies {
  queue: ReferralQueue;
  config: () => Config;
  /** Called after every change to the queue, so badge and alarms follow it. */
  queueChanged: () => Promise<void>;
}

/** Answers the extension's own pages and content scripts; the only path into the queue. */
export function createRequestHandler({ queue, config, queueChanged }: Dependencies) {
  return async (message: unknown): Promise<HandoffReply<HandoffRequest['type']>> => {
    const parsed = HandoffRequest.safeParse(message);
    if (!parsed.success) {
      return { ok: false, error: `Handoff refused a malformed request: ${z.prettifyError(parsed.error)}` };
    }
    const request = parsed.data;
    switch (request.type) {
      case 'track-referral': {
        const result = await queue.track(request.draft, config());
        if (result.created) await queueChanged();
        return { ok: true, value: result };
      }
      case 'find-tracked': {
        const referral = await queue.findByDedupeKey(dedupeKeyOf(request.draft));
        return { ok: true, value: { referral: referral ?? null } };
      }
      case 'list-referrals':
        return { ok: true, value: { referrals: await queue.newest(request.limit) } };
      case 'set-next-follow-up': {
        const referral = await queue.setNextFollowUp(request.id, request.at);
        await queueChanged();
        return { ok: true, value: { referral: referral ?? null } };
      }
    }
  };
}
