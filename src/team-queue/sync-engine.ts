import { z } from 'zod';
import type { Config } from '../config/schema';
import type { TeamQueueTarget } from '../config/team-queue';
import type { HandoffDatabase } from '../queue/database-schema';
import { saveReferrals, writeReferrals } from '../queue/referral-queue';
import { nextFollowUpAt } from '../referral/follow-up';
import { samePatient } from '../referral/patient-identity';
import type { Referral } from '../referral/referral';
import { FhirClient, SyncError } from './fhir-client';
import {
  communicationOf,
  keySearch,
  outreachSearch,
  type RemoteReferral,
  referralFromTask,
  referralKeyOf,
  type SharedReferral,
  serviceRequestOf,
  sharedPartOf,
  taskOf,
  teamSearch,
} from './fhir-mapping';
import { asFirstTracked, mergeReferral } from './merge';
import type { FieldConflict, TeamLink } from './sync-records';
import type { ServerLack, SyncStatus } from './sync-status';

/**
 * Offline-first sync of the queue with the team's FHIR server, run by the background worker.
 * IndexedDB stays the working copy. Push drains the outbox in order: creates are conditional on
 * the referral's key (a retry finds what the first try made), updates carry If-Match with the
 * version last read, and a 412 is answered by reading the server's copy and merging (merge.ts),
 * never by overwriting it. Pull reads the team's Tasks changed since a `_lastUpdated` watermark,
 * oldest first, a page at a time. Errors back off; nothing is lost while the server is away.
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
  /** Referrals changed from the server: the views refetch and reminders follow. */
  changed: () => Promise<void>;
  pageSize?: number;
}

export const POLL_ALARM = 'team-queue-poll';

const BACKOFF_START_MS = 30_000;
const BACKOFF_MAX_MS = 15 * 60_000;
const MAX_MERGE_ROUNDS = 3;
const MAX_CONFLICTS = 50;
const MAX_ERROR_KINDS = 6;

const Id = z.string().regex(/^[A-Za-z0-9.-]{1,64}$/);
const Created = z.object({ id: Id, meta: z.object({ versionId: Id }) });
const SearchPage = z.object({
  resourceType: z.literal('Bundle'),
  entry: z
    .array(z.object({ resource: z.unknown() }))
    .max(5000)
    .optional(),
  link: z
    .array(z.object({ relation: z.string().max(40), url: z.string().max(4000) }))
    .max(20)
    .optional(),
});
const Capability = z.object({
  resourceType: z.literal('CapabilityStatement'),
  rest: z
    .array(
      z.object({
        searchParam: z
          .array(z.object({ name: z.string().max(100) }))
          .max(500)
          .optional(),
        resource: z
          .array(
            z.object({
              type: z.string().max(100),
              versioning: z.string().max(40).optional(),
              conditionalCreate: z.boolean().optional(),
              searchParam: z
                .array(z.object({ name: z.string().max(100) }))
                .max(500)
                .optional(),
            }),
          )
          .max(500)
          .optional(),
      }),
    )
    .max(10)
    .optional(),
});

/** What the team queue needs of the server, read from its CapabilityStatement. */
export function serverLacks(statement: z.infer<typeof Capability>): ServerLack[] {
  const rest = statement.rest?.[0];
  const of = (type: string) => rest?.resource?.find((resource) => resource.type === type);
  const task = of('Task');
  const lacks: ServerLack[] = [];
  if (!['Task', 'ServiceRequest', 'Communication'].every((type) => of(type)?.conditionalCreate))
    lacks.push('conditional-create');
  if (task?.versioning !== 'versioned-update') lacks.push('versioned-update');
  const searchParams = [...(rest?.searchParam ?? []), ...(task?.searchParam ?? [])];
  if (!searchParams.some((param) => param.name === '_lastUpdated')) lacks.push('last-updated-search');
  return lacks;
}

const etag = (version: string) => `W/"${version}"`;

export class TeamQueueSync {
  private readonly client: FhirClient;
  private readonly targetKey: string;
  private running: Promise<void> | undefined;
  private again = false;
  private failures = 0;
  private status: SyncStatus = { waiting: 0, errors: [], lacks: [], conflicts: 0 };
  private capabilityChecked = false;
  private earlierShared = false;

  constructor(private readonly deps: SyncDependencies) {
    this.client = new FhirClient({
      baseUrl: deps.target.fhirBaseUrl,
      fetch: deps.fetch,
      accessToken: deps.accessToken,
    });
    const { fhirBaseUrl, team } = deps.target;
    this.targetKey = `${fhirBaseUrl}|${team.system}|${team.code}`;
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
      if (canPush) await this.push();
      await this.pull();
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

  async publish(): Promise<void> {
    const [waiting, links] = await Promise.all([
      this.deps.db.count('outbox'),
      this.deps.db.getAll('teamLinks'),
    ]);
    this.status = {
      ...this.status,
      waiting,
      conflicts: links.filter((link) => link.conflicts.length > 0).length,
    };
    await this.deps.publish(this.status);
  }

  private async checkCapability(): Promise<void> {
    const { body } = await this.client.request('GET', 'metadata', Capability);
    this.status = { ...this.status, lacks: body ? serverLacks(body) : [] };
    this.capabilityChecked = true;
  }

  // ---- Push ------------------------------------------------------------------------------

  /**
   * Referrals tracked before the team queue was configured (or while it was off) join the
   * outbox once, so the team sees the whole queue, not only what changes from now on.
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

  private async push(): Promise<void> {
    for (;;) {
      const first = await this.deps.db.transaction('outbox').store.openCursor();
      if (!first) return;
      const { referralId } = first.value;
      const entries = await this.deps.db.getAllFromIndex('outbox', 'byReferral', referralId);
      const upTo = Math.max(...entries.map((entry) => entry.seq ?? 0));
      await this.pushReferral(referralId);
      const tx = this.deps.db.transaction('outbox', 'readwrite');
      let cursor = await tx.store.index('byReferral').openCursor(referralId);
      while (cursor) {
        if ((cursor.value.seq ?? 0) <= upTo) await cursor.delete();
        cursor = await cursor.continue();
      }
      await tx.done;
    }
  }

  private async linkOf(referral: Referral): Promise<TeamLink> {
    return (
      (await this.deps.db.get('teamLinks', referral.id)) ?? {
        referralId: referral.id,
        key: await referralKeyOf(referral.dedupeKey),
        sharedAttempts: [],
        conflicts: [],
      }
    );
  }

  private async pushReferral(referralId: string): Promise<void> {
    let referral = await this.deps.db.get('referrals', referralId);
    // Retention removed the patient's details here: the server's copy is not thinned by it.
    if (!referral || referral.reducedAt !== undefined) return;
    const link = await this.linkOf(referral);
    const { team } = this.deps.target;
    if (!link.serviceRequestId) {
      const { body } = await this.client.request('POST', 'ServiceRequest', Created, {
        body: serviceRequestOf(referral, link.key, team),
        headers: { 'if-none-exist': `${keySearch(link.key)}&${teamSearch(team)}` },
      });
      link.serviceRequestId = body?.id;
      await this.deps.db.put('teamLinks', link);
    }
    const serviceRequestId = link.serviceRequestId ?? '';
    let agreed = false;
    for (let round = 0; round < MAX_MERGE_ROUNDS && !agreed; round++) {
      const task = taskOf(
        referral,
        link.key,
        team,
        { serviceRequestId, taskId: link.taskId },
        this.deps.config(),
      );
      const sent = sharedPartOf(referral);
      const answer = link.taskId
        ? await this.client.request('PUT', `Task/${link.taskId}`, z.unknown(), {
            body: task,
            headers: link.taskVersion ? { 'if-match': etag(link.taskVersion) } : {},
            accept: [412],
          })
        : await this.client.request('POST', 'Task', z.unknown(), {
            body: task,
            headers: { 'if-none-exist': `${keySearch(link.key)}&${teamSearch(team)}` },
          });
      const theirs =
        answer.status === 412
          ? (await this.client.request('GET', `Task/${link.taskId}`, z.unknown())).body
          : answer.body;
      const read = referralFromTask(theirs);
      if (!read.ok) throw new SyncError('malformed', read.error);
      const { remote } = read;
      link.taskId = remote.taskId;
      link.taskVersion = remote.versionId;
      // 201/200 after a PUT: our copy is the server's now. 200 on a create: a colleague was first.
      const ours = answer.status === 201 || (answer.status === 200 && task.id !== undefined);
      if (ours) {
        link.base = sent;
        agreed = true;
        break;
      }
      const base = link.base ?? asFirstTracked(sent);
      const { merged, conflicts } = mergeReferral(base, sent, remote.referral, this.deps.now());
      link.base = remote.referral;
      link.conflicts = [...link.conflicts, ...conflicts].slice(-MAX_CONFLICTS);
      const written = await this.writeLocal(referral, merged, link);
      if (!written) return; // changed here meanwhile: the outbox has it, the next run merges again
      referral = written;
      agreed = JSON.stringify(merged) === JSON.stringify(remote.referral);
    }
    // Colleagues kept changing it faster than the merges went through: the outbox keeps the change.
    if (!agreed)
      throw new SyncError('server-error', 'the referral kept changing on the server; trying again later');
    for (const attempt of referral.outreach) {
      if (link.sharedAttempts.includes(attempt.id) || !link.taskId) continue;
      await this.client.request('POST', 'Communication', Created, {
        body: communicationOf(attempt, referral, team, { serviceRequestId, taskId: link.taskId }),
        headers: { 'if-none-exist': `${outreachSearch(attempt.id)}&${teamSearch(team)}` },
      });
      link.sharedAttempts.push(attempt.id);
      await this.deps.db.put('teamLinks', link);
    }
    await this.deps.db.put('teamLinks', link);
  }

  /**
   * Writes the server's or the merged copy over the local one, keeping what belongs to this
   * device; refused (undefined) when the local copy changed since `expected` was read.
   */
  private async writeLocal(
    expected: Referral,
    shared: SharedReferral,
    link: TeamLink,
  ): Promise<Referral | undefined> {
    const tx = writeReferrals(this.deps.db);
    const current = await tx.objectStore('referrals').get(expected.id);
    if (!current || current.version !== expected.version) {
      await tx.done;
      return undefined;
    }
    const updated = this.localCopy(shared, current);
    await saveReferrals(tx, [updated]);
    await tx.objectStore('teamLinks').put(link);
    await tx.done;
    return updated;
  }

  private localCopy(shared: SharedReferral, local: Referral | undefined): Referral {
    const referral: Referral = {
      ...shared,
      id: local?.id ?? this.deps.newId(),
      version: (local?.version ?? 0) + 1,
      ...(local?.snoozedUntil !== undefined && { snoozedUntil: local.snoozedUntil }),
    };
    referral.nextFollowUpAt = nextFollowUpAt(referral, this.deps.config());
    referral.unannouncedAt =
      local && local.nextFollowUpAt === referral.nextFollowUpAt
        ? local.unannouncedAt
        : referral.nextFollowUpAt;
    return referral;
  }

  // ---- Pull ------------------------------------------------------------------------------

  private async pull(): Promise<void> {
    const size = this.deps.pageSize ?? 200;
    const cursor = (await this.deps.db.get('teamSync', this.targetKey)) ?? { target: this.targetKey };
    let watermark = cursor.watermark;
    let changed = false;
    const query = (since: string | undefined) =>
      `Task?${teamSearch(this.deps.target.team)}${since ? `&_lastUpdated=ge${encodeURIComponent(since)}` : ''}&_sort=_lastUpdated&_count=${size}`;
    let next: string | undefined = query(watermark);
    while (next) {
      const page: z.infer<typeof SearchPage> | undefined = (
        await this.client.request('GET', next, SearchPage)
      ).body;
      const entries = page?.entry ?? [];
      let newest = watermark;
      for (const entry of entries) {
        const read = referralFromTask(entry.resource);
        if (!read.ok) continue; // another program's Task under the team tag: not ours to read
        changed = (await this.applyRemote(read.remote)) || changed;
        if (!newest || read.remote.lastUpdated > newest) newest = read.remote.lastUpdated;
      }
      if (entries.length < size) {
        watermark = newest;
        break;
      }
      // Keyset paging: ask again from the newest change read. A page all at one instant cannot
      // move the watermark; only then is the server's own `next` link followed.
      next = newest !== watermark ? query(newest) : page?.link?.find((link) => link.relation === 'next')?.url;
      watermark = newest;
    }
    await this.deps.db.put('teamSync', { target: this.targetKey, watermark });
    if (changed) await this.deps.changed();
  }

  /** One Task from the server into the queue; true when the local queue changed. */
  private async applyRemote(remote: RemoteReferral): Promise<boolean> {
    const db = this.deps.db;
    const knownLink = await db.getFromIndex('teamLinks', 'byTaskId', remote.taskId);
    if (knownLink?.taskVersion === remote.versionId) return false; // our own write, or read before
    const local = knownLink
      ? await db.get('referrals', knownLink.referralId)
      : await db.getFromIndex('referrals', 'byDedupeKey', remote.referral.dedupeKey);
    // The same order number for another patient here: never merged into this patient's referral.
    if (local && !samePatient(local.patient, remote.referral.patient)) return false;
    if (local?.reducedAt !== undefined) return false;
    const link: TeamLink = (local && (await db.get('teamLinks', local.id))) ?? {
      referralId: local?.id ?? '',
      key: remote.key,
      sharedAttempts: [],
      conflicts: [],
    };
    const tx = writeReferrals(db);
    const current = local && (await tx.objectStore('referrals').get(local.id));
    const pending = current ? await tx.objectStore('outbox').index('byReferral').count(current.id) : 0;
    let shared = remote.referral;
    let conflicts: FieldConflict[] = [];
    // Changes here not on the server yet, or never shared at all: merged, not overwritten.
    if (current && (pending > 0 || !link.base)) {
      const mine = sharedPartOf(current);
      ({ merged: shared, conflicts } = mergeReferral(
        link.base ?? asFirstTracked(mine),
        mine,
        remote.referral,
        this.deps.now(),
      ));
    }
    const updated = this.localCopy(shared, current);
    await saveReferrals(tx, [updated], current ? 'put' : 'add');
    await tx.objectStore('teamLinks').put({
      ...link,
      referralId: updated.id,
      key: remote.key,
      taskId: remote.taskId,
      taskVersion: remote.versionId,
      serviceRequestId: remote.serviceRequestId ?? link.serviceRequestId,
      base: remote.referral,
      // Attempts the server already has as Communications are not written again by this device.
      sharedAttempts: [...new Set([...link.sharedAttempts, ...remote.referral.outreach.map((a) => a.id)])],
      conflicts: [...link.conflicts, ...conflicts].slice(-MAX_CONFLICTS),
    });
    await tx.done;
    return true;
  }
}
