import { saveReferrals, writeReferrals } from '../queue/referral-queue';
import type { HistoryEntry, Referral } from '../referral/referral';
import { type BatchAnswer, type BatchRequest, errorOfStatus, SyncError } from './fhir-client';
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
import { localCopy } from './local-copy';
import { asFirstTracked, mergeReferral } from './merge';
import { entriesAdded, provenanceSearch, type TaskVersion, withProvenance } from './provenance';
import type { SyncContext } from './sync-context';
import { type TeamLink, withConflicts } from './sync-records';

/**
 * The push: the outbox drained in order, a hundred referrals at a time, each step of them one
 * FHIR `batch` request (ServiceRequests not on the server yet, then the Tasks, then the outreach
 * attempts as Communications, then a Provenance per history entry each Task write carried).
 * Creates are conditional on the referral's key (a retry finds what the first try made); updates
 * carry If-Match with the version last read. A 412 is answered by reading the server's copy and
 * merging (merge.ts), never by overwriting it; the merged copy goes up in the next round. Every
 * round ends in one IndexedDB transaction: links, merged copies and the outbox entries that are done.
 */

/** Referrals per round: one batch request per step. */
export const PUSH_ROUND_REFERRALS = 100;
/** Outbox entries read to find a round's referrals (a referral's changes collapse into one push). */
const OUTBOX_READ = 2000;
/** Rounds one referral may take in a run before its change waits (colleagues keep changing it). */
const MAX_MERGE_ROUNDS = 3;

const etag = (version: string) => `W/"${version}"`;

interface Work {
  referralId: string;
  /** The newest outbox entry of the referral this round covers. */
  upTo: number;
  referral: Referral | undefined;
  link: TeamLink;
  /** The Task as sent this round. */
  sent?: SharedReferral;
  /** The referral's local version the round read: a merged copy is written only over it. */
  readVersion?: number;
  /** The merged copy to store here, when the server had changes. */
  merged?: Referral;
  /** done: the outbox entries go; again: pushed once more (merged); undefined: they stay. */
  state?: 'done' | 'again';
}

/** Drains the outbox; throws the first failure after keeping everything that went through. */
export async function pushOutbox(ctx: SyncContext): Promise<boolean> {
  const merges = new Map<string, number>();
  let mergedHere = false;
  for (;;) {
    const work = await nextRound(ctx);
    if (work.length === 0) return mergedHere;
    await pushRound(ctx, work);
    // A colleague's change merged into a referral here (a 412): the views must show it, and its
    // conflicts, as after a pull.
    if (work.some((item) => item.merged)) mergedHere = true;
    for (const item of work) {
      if (item.state !== 'again') continue;
      const count = (merges.get(item.referralId) ?? 0) + 1;
      merges.set(item.referralId, count);
      // Colleagues kept changing it faster than the merges went through: the outbox keeps the change.
      if (count >= MAX_MERGE_ROUNDS)
        throw new SyncError('server-error', 'a referral kept changing on the server; trying again later');
    }
  }
}

/** The first referrals of the outbox, in order, with their links. */
async function nextRound(ctx: SyncContext): Promise<Work[]> {
  const tx = ctx.db.transaction(['outbox', 'referrals', 'teamLinks']);
  const entries = await tx.objectStore('outbox').getAll(undefined, OUTBOX_READ);
  const upTo = new Map<string, number>();
  for (const entry of entries) {
    if (!upTo.has(entry.referralId) && upTo.size >= PUSH_ROUND_REFERRALS) continue;
    upTo.set(entry.referralId, Math.max(upTo.get(entry.referralId) ?? 0, entry.seq ?? 0));
  }
  const work = await Promise.all(
    [...upTo].map(async ([referralId, last]) => {
      const [referral, link] = await Promise.all([
        tx.objectStore('referrals').get(referralId),
        tx.objectStore('teamLinks').get(referralId),
      ]);
      return { referralId, upTo: last, referral, link };
    }),
  );
  await tx.done;
  return Promise.all(
    work.map(
      async (item): Promise<Work> => ({
        ...item,
        link: item.link ?? {
          referralId: item.referralId,
          key: item.referral ? await referralKeyOf(item.referral.dedupeKey) : '',
          sharedAttempts: [],
          conflicts: [],
        },
      }),
    ),
  );
}

async function pushRound(ctx: SyncContext, work: Work[]): Promise<void> {
  const failures: SyncError[] = [];
  const fail = (answer: BatchAnswer) => failures.push(errorOfStatus(answer.status, answer.detail));
  for (const item of work) {
    // Gone, or retention removed the patient's details here: the server's copy is not thinned by it.
    if (!item.referral || item.referral.reducedAt !== undefined) item.state = 'done';
  }
  try {
    await createServiceRequests(ctx, work, fail);
    await pushTasks(ctx, work, failures, fail);
    await shareAttempts(ctx, work, fail);
    await recordProvenance(ctx, work, fail);
  } finally {
    await keep(ctx, work);
  }
  if (failures[0]) throw failures[0];
}

const live = (work: Work[]) => work.filter((item) => item.state === undefined && item.referral);

async function createServiceRequests(ctx: SyncContext, work: Work[], fail: (answer: BatchAnswer) => void) {
  const needed = live(work).filter((item) => !item.link.serviceRequestId);
  const answers = await ctx.client.batch(
    needed.map((item) => ({
      method: 'POST',
      url: 'ServiceRequest',
      resource: serviceRequestOf(item.referral as Referral, item.link.key, ctx.team),
      ifNoneExist: `${keySearch(item.link.key)}&${teamSearch(ctx.team)}`,
    })),
  );
  needed.forEach((item, index) => {
    const answer = answers[index] as BatchAnswer;
    const id = (answer.resource as { id?: unknown } | undefined)?.id;
    if (answer.status < 300 && typeof id === 'string' && /^[A-Za-z0-9.-]{1,64}$/.test(id))
      item.link.serviceRequestId = id;
    else if (answer.status >= 300) fail(answer);
    else throw new SyncError('malformed', 'a created ServiceRequest without its id');
  });
}

async function pushTasks(
  ctx: SyncContext,
  work: Work[],
  failures: SyncError[],
  fail: (answer: BatchAnswer) => void,
) {
  const sending = live(work).filter((item) => item.link.serviceRequestId);
  const requests = sending.map((item): BatchRequest => {
    const referral = item.referral as Referral;
    const { key, taskId, taskVersion, serviceRequestId = '' } = item.link;
    item.sent = sharedPartOf(referral);
    item.readVersion = referral.version;
    const resource = taskOf(referral, key, ctx.team, { serviceRequestId, taskId }, ctx.config());
    return taskId
      ? {
          method: 'PUT',
          url: `Task/${taskId}`,
          resource,
          ...(taskVersion && { ifMatch: etag(taskVersion) }),
        }
      : {
          method: 'POST',
          url: 'Task',
          resource,
          ifNoneExist: `${keySearch(key)}&${teamSearch(ctx.team)}`,
        };
  });
  const answers = await ctx.client.batch(requests);
  const stale: Work[] = [];
  const theirs = new Map<Work, RemoteReferral>();
  for (const [index, item] of sending.entries()) {
    const answer = answers[index] as BatchAnswer;
    if (answer.status === 412 || (answer.status < 300 && answer.resource === undefined)) {
      stale.push(item);
      continue;
    }
    if (answer.status >= 300) {
      fail(answer);
      continue;
    }
    const read = referralFromTask(answer.resource);
    if (!read.ok) {
      failures.push(new SyncError('malformed', read.error));
      continue;
    }
    item.link.taskId = read.remote.taskId;
    item.link.taskVersion = read.remote.versionId;
    // 200/201 after a PUT, 201 on a create: our copy is the server's now. 200 on a create: a
    // colleague was first, and theirs is merged with ours.
    if (answer.status === 201 || requests[index]?.method === 'PUT') {
      toRecord(ctx, item, entriesAdded(item.link.base, item.sent as SharedReferral), read.remote);
      item.link.base = item.sent;
      item.state = 'done';
    } else theirs.set(item, read.remote);
  }
  if (stale.length > 0) {
    const reread = await ctx.client.batch(
      stale.map((item) => ({ method: 'GET', url: `Task/${item.link.taskId}` })),
    );
    for (const [index, item] of stale.entries()) {
      const answer = reread[index] as BatchAnswer;
      const read = answer.status < 300 ? referralFromTask(answer.resource) : undefined;
      if (!read) fail(answer);
      else if (!read.ok) failures.push(new SyncError('malformed', read.error));
      else theirs.set(item, read.remote);
    }
  }
  for (const [item, remote] of theirs) merge(ctx, item, remote);
}

/** The server's copy merged with ours: stored here, and sent up again unless both now agree. */
function merge(ctx: SyncContext, item: Work, remote: RemoteReferral) {
  const sent = item.sent as SharedReferral;
  // Ours already there: an earlier write went through, its answer lost. Recorded on this version.
  toRecord(ctx, item, entriesAdded(item.link.base, sent, remote.referral), remote);
  const { merged, conflicts } = mergeReferral(
    item.link.base ?? asFirstTracked(sent),
    sent,
    remote.referral,
    ctx.now(),
  );
  item.link = withConflicts(
    { ...item.link, taskId: remote.taskId, taskVersion: remote.versionId, base: remote.referral },
    conflicts,
  );
  item.merged = localCopy(merged, item.referral, ctx.config(), ctx.newId, ctx.now());
  item.state = JSON.stringify(merged) === JSON.stringify(remote.referral) ? 'done' : 'again';
}

/** The Provenance of history entries a Task version carries: kept on the link until the server takes it. */
function toRecord(ctx: SyncContext, item: Work, entries: HistoryEntry[], version: TaskVersion) {
  const unrecorded = withProvenance(item.link.unrecorded, entries, version, ctx);
  if (unrecorded) item.link.unrecorded = unrecorded;
}

/** A step after the Task writes: if its batch fails whole, the outbox keeps the referrals it was for. */
async function batchOrKeep(
  ctx: SyncContext,
  items: Work[],
  requests: BatchRequest[],
): Promise<BatchAnswer[]> {
  try {
    return await ctx.client.batch(requests);
  } catch (error) {
    for (const item of items) item.state = undefined;
    throw error;
  }
}

async function shareAttempts(ctx: SyncContext, work: Work[], fail: (answer: BatchAnswer) => void) {
  const pending = work.flatMap((item) => {
    const referral = item.merged ?? item.referral;
    const { taskId, serviceRequestId } = item.link;
    if (item.state !== 'done' || !referral || !taskId || !serviceRequestId) return [];
    return referral.outreach
      .filter((attempt) => !item.link.sharedAttempts.includes(attempt.id))
      .map((attempt) => ({ item, attempt, links: { taskId, serviceRequestId }, referral }));
  });
  const answers = await batchOrKeep(
    ctx,
    pending.map(({ item }) => item),
    pending.map(({ attempt, links, referral }) => ({
      method: 'POST',
      url: 'Communication',
      resource: communicationOf(attempt, referral, ctx.team, links),
      ifNoneExist: `${outreachSearch(attempt.id)}&${teamSearch(ctx.team)}`,
    })),
  );
  pending.forEach(({ item, attempt }, index) => {
    const answer = answers[index] as BatchAnswer;
    if (answer.status < 300) item.link.sharedAttempts.push(attempt.id);
    else {
      fail(answer);
      item.state = undefined; // the outbox keeps it: the attempt is shared on the next try
    }
  });
}

/** Who changed what, for each Task write: created once (If-None-Exist on its tag), kept until taken. */
async function recordProvenance(ctx: SyncContext, work: Work[], fail: (answer: BatchAnswer) => void) {
  const pending = work.flatMap((item) =>
    (item.link.unrecorded ?? []).map((resource) => ({ item, resource })),
  );
  const answers = await batchOrKeep(
    ctx,
    pending.map(({ item }) => item),
    pending.map(({ resource }) => ({
      method: 'POST',
      url: 'Provenance',
      resource,
      ifNoneExist: `${provenanceSearch(resource)}&${teamSearch(ctx.team)}`,
    })),
  );
  pending.forEach(({ item, resource }, index) => {
    const answer = answers[index] as BatchAnswer;
    if (answer.status < 300) item.link.unrecorded = item.link.unrecorded?.filter((kept) => kept !== resource);
    else {
      fail(answer);
      item.state = undefined; // the outbox keeps it: the Provenance goes on the next try
    }
  });
  for (const item of work) if (item.link.unrecorded?.length === 0) delete item.link.unrecorded;
}

/**
 * One transaction for the round: every link as it now stands, merged copies written over the
 * version the round read (a change made here meanwhile has its own outbox entry and wins the
 * next round), and the outbox entries of referrals that are done.
 */
async function keep(ctx: SyncContext, work: Work[]): Promise<void> {
  const tx = writeReferrals(ctx.db);
  const referrals = tx.objectStore('referrals');
  const outbox = tx.objectStore('outbox');
  const merged: Referral[] = [];
  await Promise.all(
    work.map(async (item) => {
      if (item.referral) await tx.objectStore('teamLinks').put(item.link);
      if (item.merged) {
        const current = await referrals.get(item.referralId);
        if (current && current.version === item.readVersion) merged.push(item.merged);
        // Changed here meanwhile: its newer outbox entry sends it again, merged then.
        else if (item.state === 'again') item.state = 'done';
      }
      if (item.state !== 'done') return;
      let cursor = await outbox.index('byReferral').openCursor(item.referralId);
      while (cursor) {
        if ((cursor.value.seq ?? 0) <= item.upTo) await cursor.delete();
        cursor = await cursor.continue();
      }
    }),
  );
  if (merged.length > 0) await saveReferrals(tx, merged);
  await tx.done;
}
