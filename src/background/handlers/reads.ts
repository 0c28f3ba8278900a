import { computeMetrics } from '../../metrics/compute-metrics';
import { newestAudit } from '../../queue/audit-log';
import { queryQueue } from '../../queue/queue-query';
import { todayView } from '../../queue/today';
import { ReferralDraft } from '../../referral/referral';
import type { HandlerContext, Handlers } from './handler';

type Reads =
  | 'page-status'
  | 'list-referrals'
  | 'query-queue'
  | 'get-referral'
  | 'today'
  | 'compute-metrics'
  | 'get-reasons'
  | 'list-audit';

/** Requests that only read the queue, the audit log or the config. */
export function readHandlers({
  queue,
  dismissedPages,
  config,
  now,
  coordinator,
}: HandlerContext): Handlers<Reads> {
  return {
    'page-status': async (request) => {
      const draft = ReferralDraft.safeParse(request.draft);
      const found = draft.success ? await queue.findForPage(draft.data) : { match: 'none' as const };
      const dismissed = await dismissedPages.isDismissed(request.pageUrl);
      const row = request.row && {
        rowDismissed: await dismissedPages.isRowDismissed(request.pageUrl, request.draft),
      };
      // The answer goes into the EHR's process: whether, and under which id, never the referral.
      return found.match === 'tracked'
        ? { match: found.match, id: found.referral.id, dismissed, ...row }
        : { match: found.match, dismissed, ...row };
    },
    'list-referrals': async (request) => ({ referrals: await queue.newest(request.limit) }),
    'query-queue': async (request) =>
      queryQueue(
        queue.database,
        request.query,
        now(),
        config(),
        request.query.owner ? await coordinator() : undefined,
      ),
    'get-referral': async (request) => ({ referral: (await queue.get(request.id)) ?? null }),
    today: (request) => todayView(queue.database, now(), request.shown),
    'compute-metrics': async (request) => ({
      metrics: await computeMetrics(queue.database, request, now(), config()),
    }),
    'get-reasons': async () => config().reasons,
    'list-audit': async (request) => ({ entries: await newestAudit(queue.database, request.limit) }),
  };
}
