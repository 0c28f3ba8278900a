import { DEFAULT_CONFIG } from '../../src/config/schema';
import { openHandoffDatabase } from '../../src/queue/database';
import { ReferralQueue } from '../../src/queue/referral-queue';
import { type SyncDependencies, TeamQueueSync } from '../../src/team-queue/sync-engine';
import type { SyncStatus } from '../../src/team-queue/sync-status';
import { freshDatabaseName } from './fixtures';

export const TEAM = { system: 'urn:handoff:team', code: 'north-desk' };

let clock = Date.UTC(2026, 10, 3, 9);
/** The test file's clock: a second later at every call, so each change has a moment of its own. */
export const now = () => (clock += 1000);

/**
 * One coordinator's browser against a FHIR test server: a fresh queue database that queues each
 * change to share, and the sync engine over it, its statuses kept in order. `deps` overrides any
 * of the engine's dependencies.
 */
export async function syncingQueue(baseUrl: string, deps: Partial<SyncDependencies> = {}) {
  const db = await openHandoffDatabase(freshDatabaseName());
  const statuses: SyncStatus[] = [];
  const queue = new ReferralQueue(
    db,
    now,
    () => crypto.randomUUID(),
    () => true,
  );
  const sync = new TeamQueueSync({
    db,
    target: { fhirBaseUrl: baseUrl, team: TEAM, pollSeconds: 60 },
    config: () => DEFAULT_CONFIG,
    fetch: (...args) => fetch(...args),
    accessToken: async () => undefined,
    now,
    newId: () => crypto.randomUUID(),
    publish: async (status) => void statuses.push(status),
    changed: async () => {},
    ...deps,
  });
  return { db, queue, sync, statuses };
}
