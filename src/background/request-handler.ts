import { z } from 'zod';
import type { Config } from '../config/schema';
import { HandoffRequest } from '../message-schema';
import type { HandoffReply } from '../messages';
import type { DismissedPages } from '../queue/dismissed-pages';
import type { ReferralQueue } from '../queue/referral-queue';
import { dedupeKeyOf, ReferralDraft } from '../referral/referral';

interface Dependencies {
  queue: ReferralQueue;
  dismissedPages: DismissedPages;
  config: () => Config;
  /** Called after every change to the queue, so badge and alarms follow it. */
  queueChanged: () => Promise<void>;
}

/** Answers the extension's own pages and content scripts; the only path into the queue. */
export function createRequestHandler({ queue, dismissedPages, config, queueChanged }: Dependencies) {
  return async (message: unknown): Promise<HandoffReply<HandoffRequest['type']>> => {
    const parsed = HandoffRequest.safeParse(message);
    if (!parsed.success) {
      return { ok: false, error: `Handoff refused a malformed request: ${z.prettifyError(parsed.error)}` };
    }
    const request = parsed.data;
    switch (request.type) {
      case 'track-referral': {
        const result = await queue.track(request.draft, config());
        // Tracking a page by hand overrides an earlier "not a referral".
        await dismissedPages.set(request.draft.source.pageUrl, false);
        if (result.created) await queueChanged();
        return { ok: true, value: result };
      }
      case 'page-status': {
        const draft = ReferralDraft.safeParse(request.draft);
        const referral = draft.success ? await queue.findByDedupeKey(dedupeKeyOf(draft.data)) : undefined;
        const dismissed = await dismissedPages.isDismissed(request.pageUrl);
        return { ok: true, value: { referral: referral ?? null, dismissed } };
      }
      case 'set-page-dismissed':
        await dismissedPages.set(request.pageUrl, request.dismissed);
        return { ok: true, value: { dismissed: request.dismissed } };
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
