import type { Config } from '../config/schema';
import type { TeamQueueTarget } from '../config/team-queue';
import type { HandoffDatabase } from '../queue/database-schema';
import type { Referral } from '../referral/referral';
import { Capability, serverLacks } from './capability';
import { FhirClient, SyncError } from './fhir-client';
import { referralKeyOf } from './fhir-mapping';
import { pullChanges, pullReferral } from './pull';
import { pushOutbox } from './push';
import type { SyncContext } from './sync-context';
import { teamSyncKey } from './sync-records';
import type { SyncStatus } from './sync-status';

/**
 * Offline-first sync of the queue with the team's FHIR server, run by the background worker.
 * IndexedDB stays the working copy. Push (push.ts) drains the outbox in order, in FHIR batches;
 * pull (pull.ts) reads the team's Tasks changed since a `_lastUpdated` watermark, a page at a
 * time. Errors back off; nothing is lost while the server is away.
 */

export interface SyncDependencies {
  db: HandoffDatabase;
  target: TeamQueueTarget;
  config: () => Config;
  fetch: typeof fetch;
  accessToken: () => Promise<string | undefined>;
  now: () => number;
  newId: () => string;
  publish: (status: SyncStatus) => Promise<void>;
  /**
   * Referrals changed from the server: the views refetch and reminders follow; `reassigned` are
   * those the server gave a new owner.
   */
  changed: (reassigned: Referral[]) => Promise<void>;
  pageSize?: number;
  /** Entries per batch request (a hundred unless a test asks for fewer). */
  batchSize?: number;
}

export const POLL_ALARM = 'team-queue-poll';

/** A referral screen waits this long at most for the server's word on it. */
const LOOK_UP_TIMEOUT_MS = 2_000;
/** A screen reloaded, or seen again in another tab, within this time is not looked up again. */
const LOOK_UP_AGAIN_MS = 60_000;
const MAX_LOOKED_UP = 500;

const BACKOFF_START_MS = 30_000;
const BACKOFF_MAX_MS = 15 * 60_000;
const MAX_ERROR_KINDS = 6;

export class TeamQueueSync {
  private readonly context: SyncContext;
  private readonly targetKey: string;
  private running: Promise<void> | undefined;
  private again = false;
  private failures = 0;
  private status: SyncStatus = { waiting: 0, errors: [], lacks: [], conflicts: 0 };
  private capabilityChecked = false;
  private earlierShared = false;
  private readonly lookedUp = new Map<string, number>();

  constructor(private readonly deps: SyncDependencies) {
    const client = new FhirClient({
      baseUrl: deps.target.fhirBaseUrl,
      fetch: deps.fetch,
      accessToken: deps.accessToken,
      batchEntries: deps.batchSize,
    });
    this.context = {
      db: deps.db,
      client,
      team: deps.target.team,
      config: deps.config,
      now: deps.now,
      newId: deps.newId,
    };
    this.targetKey = teamSyncKey(deps.target);
  }

  /**
   * One push and pull; a call while one runs makes one more run after it, so no change waits
   * for the next alarm. `force` ignores the back-off (a local change, a view opening).
   */
  sync(force = false): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    if (!force && this.status.nextTryAt !== undefined && this.deps.now() < this.status.nextTryAt)
      return Promise.resolve();
    this.running = this.run().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        void this.sync(force);
      }
    });
    return this.running;
  }

  private async run(): Promise<void> {
    try {
      if (!this.capabilityChecked) await this.checkCapability();
      const canPush = !this.status.lacks.some((lack) => lack !== 'last-updated-search');
      if (canPush && !this.earlierShared) await this.queueEarlierReferrals();
      const merged = canPush && (await pushOutbox(this.context));
      const pulled = await pullChanges(this.context, this.targetKey, this.deps.pageSize);
      if (pulled.changed || merged) await this.deps.changed(pulled.reassigned);
      this.failures = 0;
      this.status = {
        ...this.status,
        errors: canPush
          ? []
          : [{ kind: 'lacks', detail: this.status.lacks.join(', '), at: this.deps.now(), count: 1 }],
        lastSyncedAt: canPush ? this.deps.now() : this.status.lastSyncedAt,
        nextTryAt: undefined,
      };
    } catch (error) {
      const failure =
        error instanceof SyncError ? error : new SyncError('malformed', 'an answer Handoff could not use');
      this.failures += 1;
      const wait = Math.min(BACKOFF_START_MS * 2 ** (this.failures - 1), BACKOFF_MAX_MS);
      const at = this.deps.now();
      const before = this.status.errors.find((known) => known.kind === failure.kind);
      this.status = {
        ...this.status,
        errors: [
          { kind: failure.kind, detail: failure.detail, at, count: (before?.count ?? 0) + 1 },
          ...this.status.errors.filter((known) => known.kind !== failure.kind),
        ].slice(0, MAX_ERROR_KINDS),
        nextTryAt: at + wait,
      };
    }
    await this.publish();
  }

  /**
   * Whether a colleague tracks the referral of a screen opened here and not in this queue yet: one
   * search by its key, at most once a minute a referral, brought into the queue when found. Never
   * throws: with the server away (or sign-in needed) the screen is shown as untracked, and the
   * next poll catches up. True when the queue changed.
   */
  async lookUp(dedupeKey: string): Promise<boolean> {
    const at = this.deps.now();
    if (at - (this.lookedUp.get(dedupeKey) ?? Number.NEGATIVE_INFINITY) < LOOK_UP_AGAIN_MS) return false;
    if (this.lookedUp.size >= MAX_LOOKED_UP) this.lookedUp.clear();
    this.lookedUp.set(dedupeKey, at);
    try {
      const key = await referralKeyOf(dedupeKey);
      const changed = await pullReferral(this.context, key, LOOK_UP_TIMEOUT_MS);
      if (changed) await this.deps.changed([]);
      return changed;
    } catch {
      return false;
    }
  }

  async publish(): Promise<void> {
    // Counted in indexes: a poll reads no referral and no link it has no news for.
    const [waiting, conflicts] = await Promise.all([
      this.deps.db.count('outbox'),
      this.deps.db.countFromIndex('teamLinks', 'byConflict'),
    ]);
    this.status = { ...this.status, waiting, conflicts };
    await this.deps.publish(this.status);
  }

  private async checkCapability(): Promise<void> {
    const { body } = await this.context.client.request('GET', 'metadata', Capability);
    this.status = { ...this.status, lacks: body ? serverLacks(body) : [] };
    this.capabilityChecked = true;
  }

  /**
   * Referrals tracked before the team queue was configured (or while it was off) join the
   * outbox once, so the team sees the whole queue, not only what changes from now on. Keys only:
   * no referral is read.
   */
  private async queueEarlierReferrals(): Promise<void> {
    const tx = this.deps.db.transaction(['referrals', 'teamLinks', 'outbox'], 'readwrite');
    const [ids, linked, waiting] = await Promise.all([
      tx.objectStore('referrals').getAllKeys(),
      tx.objectStore('teamLinks').getAllKeys(),
      tx.objectStore('outbox').getAll(),
    ]);
    const known = new Set([...linked, ...waiting.map((entry) => entry.referralId)]);
    const at = this.deps.now();
    await Promise.all(
      ids
        .filter((id) => !known.has(id))
        .map((referralId) => tx.objectStore('outbox').add({ referralId, at })),
    );
    await tx.done;
    this.earlierShared = true;
  }
}
