import { teamQueueTarget } from '../../config/team-queue';
import { authorText } from '../../identity/coordinator';
import { withColleagues } from '../../referral/ownership';
import { listConflicts, restoreMine, sameConflict, settleConflict } from '../../team-queue/conflicts';
import { teamSyncKey } from '../../team-queue/sync-records';
import type { HandlerContext, Handlers } from './handler';

/** "Mine" that a colleague's copy would not pass: the update stops before it writes. */
class MineRefused extends Error {}

/**
 * The team queue's conflicts: listed for the views, and settled by the coordinator's pick. "Mine"
 * puts this device's value back as a change of its own (queued to share like any other change);
 * "theirs" keeps the server's value, which stands already.
 */
export function teamHandlers(
  context: HandlerContext,
): Handlers<'team-members' | 'list-conflicts' | 'settle-conflict'> {
  const { queue, config, now, queueChanged } = context;
  return {
    // The colleagues are the owners the pull has seen on this team's referrals, and whoever works here.
    'team-members': async () => {
      const target = teamQueueTarget(config().teamQueue);
      const me = (await context.coordinator()) ?? null;
      if (!target) return { sharing: false, me, colleagues: [] };
      const seen = (await queue.database.get('teamSync', teamSyncKey(target)))?.colleagues ?? [];
      return { sharing: true, me, colleagues: withColleagues(seen, [me ?? undefined]) };
    },
    'list-conflicts': async () => ({ conflicts: await listConflicts(queue.database) }),
    'settle-conflict': async (request) => {
      const { id, field, at, keep } = request;
      const link = await queue.database.get('teamLinks', id);
      const conflict = link?.conflicts.find((known) => sameConflict(known, { field, at }));
      if (!conflict) return { referral: (await queue.get(id)) ?? null, settled: false };
      if (keep === 'mine') {
        const by = authorText(await context.coordinator());
        try {
          await queue.update(
            id,
            undefined,
            (referral) => {
              const restored = restoreMine(referral, conflict, now(), by);
              // Thrown, not returned unchanged: a refused "mine" writes nothing and shares nothing.
              if (!restored) throw new MineRefused();
              return restored;
            },
            config(),
          );
        } catch (error) {
          if (!(error instanceof MineRefused)) throw error;
          return { referral: (await queue.get(id)) ?? null, settled: false };
        }
      }
      await settleConflict(queue.database, id, conflict);
      await queueChanged();
      return { referral: (await queue.get(id)) ?? null, settled: true };
    },
  };
}
