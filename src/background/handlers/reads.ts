import { teamQueueTarget } from '../../config/team-queue';
import { computeMetrics } from '../../metrics/compute-metrics';
import { readPlacement } from '../../panel/panel-placement';
import { newestAudit } from '../../queue/audit-log';
import { queryQueue } from '../../queue/queue-query';
import { todayView } from '../../queue/today';
import { concernsMe } from '../../referral/ownership';
import { dedupeKeyOf } from '../../referral/referral';
import { ReferralDraft } from '../../referral/referral-draft';
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
  teamLookUp,
  settings,
}: HandlerContext): Handlers<Reads> {
  return {
    'page-status': async (request) => {
      const draft = ReferralDraft.safeParse(request.draft);
      let found = draft.success ? await queue.findForPage(draft.data) : { match: 'none' as const };
      // A referral screen (not a list's row) this queue does not know: a colleague may track it.
      if (
        found.match === 'none' &&
        draft.success &&
        !request.row &&
        (await teamLookUp?.(dedupeKeyOf(draft.data)))
      )
        found = await queue.findForPage(draft.data);
      const [dismissed, { side, collapsed }] = await Promise.all([
        dismissedPages.isDismissed(request.pageUrl),
        readPlacement(settings),
      ]);
      const row = request.row && {
        rowDismissed: await dismissedPages.isRowDismissed(request.pageUrl, request.draft),
      };
      const answer = { match: found.match, dismissed, ...row, placement: { side, collapsed } };
      // The answer goes into the EHR's process: whether, and under which id, never the referral.
      return found.match === 'tracked' ? { ...answer, id: found.referral.id } : answer;
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
    today: async (request) => {
      // On a team queue the day is the coordinator's: their referrals and the unassigned ones.
      const shared = teamQueueTarget(config().teamQueue) !== undefined;
      const concerns = shared ? concernsMe(await coordinator()) : undefined;
      return todayView(queue.database, now(), request.shown, concerns);
    },
    'compute-metrics': async (request) => ({
      metrics: await computeMetrics(queue.database, request, now(), config()),
    }),
    'get-reasons': async () => config().reasons,
    'list-audit': async (request) => ({ entries: await newestAudit(queue.database, request.limit) }),
  };
}
