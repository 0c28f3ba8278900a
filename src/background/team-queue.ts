import { browser } from 'wxt/browser';
import type { Config } from '../config/schema';
import { type TeamQueueTarget, teamQueueTarget } from '../config/team-queue';
import type { HandoffDatabase } from '../queue/database-schema';
import type { Referral } from '../referral/referral';
import { itemEntry, storageItems } from '../storage-items';
import { POLL_ALARM, TeamQueueSync } from '../team-queue/sync-engine';

export interface TeamQueueWiring {
  database: Promise<HandoffDatabase>;
  config: () => Config;
  /** After referrals changed from the server: views refetch, reminders follow. */
  viewsChanged: () => Promise<void>;
  /** Referrals the server gave a new owner: the new owner is told. */
  reassigned: (referrals: Referral[]) => Promise<void>;
  /** The sign-in's bearer token; none until sign-in is configured (issue 14). */
  accessToken?: () => Promise<string | undefined>;
}

/**
 * The team queue in the background: a sync engine while policy names a server and a team, none
 * otherwise (then nothing is fetched, and no change is queued to share). Recreated when the policy
 * names another server or team; polled on an alarm, and at once after a local change or when a
 * queue view opens.
 */
export function createTeamQueue(wiring: TeamQueueWiring) {
  let engine: TeamQueueSync | undefined;
  let engineFor: string | undefined;
  const target = () => teamQueueTarget(wiring.config().teamQueue);

  const arm = async (wanted: TeamQueueTarget | undefined) => {
    if (!wanted) {
      await browser.alarms.clear(POLL_ALARM);
      await browser.storage.local.remove(storageItems.teamQueueStatus.key);
      return;
    }
    const periodInMinutes = wanted.pollSeconds / 60;
    const alarm = await browser.alarms.get(POLL_ALARM);
    if (alarm?.periodInMinutes !== periodInMinutes)
      await browser.alarms.create(POLL_ALARM, { delayInMinutes: periodInMinutes, periodInMinutes });
  };

  const current = async (): Promise<TeamQueueSync | undefined> => {
    const wanted = target();
    const key = JSON.stringify(wanted ?? null);
    if (key !== engineFor) {
      engineFor = key;
      engine = wanted
        ? new TeamQueueSync({
            db: await wiring.database,
            target: wanted,
            config: wiring.config,
            // Called through the global each time, so the worker's fetch is the browser's own.
            fetch: (input, init) => fetch(input, init),
            accessToken: wiring.accessToken ?? (async () => undefined),
            now: () => Date.now(),
            newId: () => crypto.randomUUID(),
            publish: (status) => browser.storage.local.set(itemEntry(storageItems.teamQueueStatus, status)),
            changed: async (reassigned) => {
              await wiring.viewsChanged();
              if (reassigned.length > 0) await wiring.reassigned(reassigned);
            },
          })
        : undefined;
      await arm(wanted);
    }
    return engine;
  };

  return {
    /** Whether local changes are queued to share: a server and a team are configured. */
    sharing: () => target() !== undefined,
    /** Push and pull now; `force` skips the back-off (a coordinator is waiting for it). */
    sync: async (force = false) => (await current())?.sync(force),
    isPollAlarm: (name: string) => name === POLL_ALARM,
    /** A referral screen's referral looked up on the team's server (see `TeamQueueSync.lookUp`). */
    lookUp: async (dedupeKey: string) => (await current())?.lookUp(dedupeKey) ?? false,
  };
}
