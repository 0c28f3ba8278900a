import { saveReferrals, writeReferrals } from '../queue/referral-queue';
import { samePerson, withColleagues } from '../referral/ownership';
import { samePatient } from '../referral/patient-identity';
import type { Referral } from '../referral/referral';
import { z } from '../zod';
import { keySearch, type RemoteReferral, referralFromTask, sharedPartOf, teamSearch } from './fhir-mapping';
import { localCopy } from './local-copy';
import { asFirstTracked, mergeReferral } from './merge';
import { entriesAdded, withProvenance } from './provenance';
import type { SyncContext } from './sync-context';
import { type FieldConflict, type TeamLink, withConflicts } from './sync-records';

/**
 * The pull: the team's Tasks changed since a `_lastUpdated` watermark, oldest first, a page at a
 * time, each page written in one IndexedDB transaction (a transaction per referral is what made
 * an initial sync of thousands take minutes).
 */

/** Tasks per page: the most Medplum, HAPI, Azure and Google answer in one search page. */
export const PULL_PAGE_SIZE = 1000;

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
type SearchPage = z.infer<typeof SearchPage>;

/** What a pull brought: whether the local queue changed, and the referrals that changed owner. */
export interface PullResult {
  changed: boolean;
  /** Referrals the server gave a new owner (a colleague handed them on): the new owner is told. */
  reassigned: Referral[];
}

/** Pulls from the cursor of `targetKey`. */
export async function pullChanges(
  ctx: SyncContext,
  targetKey: string,
  size = PULL_PAGE_SIZE,
): Promise<PullResult> {
  const cursor = (await ctx.db.get('teamSync', targetKey)) ?? { target: targetKey };
  let watermark = cursor.watermark;
  const result: PullResult = { changed: false, reassigned: [] };
  let colleagues = cursor.colleagues ?? [];
  const query = (since: string | undefined) =>
    `Task?${teamSearch(ctx.team)}${since ? `&_lastUpdated=ge${encodeURIComponent(since)}` : ''}&_sort=_lastUpdated&_count=${size}`;
  let next: string | undefined = query(watermark);
  while (next) {
    const page: SearchPage | undefined = (await ctx.client.request('GET', next, SearchPage)).body;
    const entries = page?.entry ?? [];
    const remotes: RemoteReferral[] = [];
    let newest = watermark;
    for (const entry of entries) {
      const read = referralFromTask(entry.resource);
      if (!read.ok) continue; // another program's Task under the team tag: not ours to read
      remotes.push(read.remote);
      if (!newest || read.remote.lastUpdated > newest) newest = read.remote.lastUpdated;
    }
    if (remotes.length > 0) await applyPage(ctx, remotes, result);
    colleagues = withColleagues(
      colleagues,
      remotes.map((remote) => remote.referral.owner),
    );
    const serverNext: string | undefined = page?.link?.find((link) => link.relation === 'next')?.url;
    // A short page with no `next` is the end (a server may cap `_count` below what was asked,
    // and then says so with a `next` link).
    if (entries.length === 0 || (entries.length < size && !serverNext)) {
      watermark = newest;
      break;
    }
    // Keyset paging: ask again from the newest change read. A page all at one instant cannot
    // move the watermark; only then is the server's own `next` link followed.
    next = newest !== watermark ? query(newest) : serverNext;
    watermark = newest;
  }
  await ctx.db.put('teamSync', { ...cursor, target: targetKey, watermark, colleagues });
  return result;
}

/**
 * One referral read from the server by its key, into the queue: a referral screen opened here
 * that a colleague may track already, looked at before the next poll. True when the queue changed.
 */
export async function pullReferral(ctx: SyncContext, key: string, timeoutMs: number): Promise<boolean> {
  const search = `Task?${teamSearch(ctx.team)}&${keySearch(key)}`;
  const { body } = await ctx.client.request('GET', search, SearchPage, { timeoutMs });
  const remotes = (body?.entry ?? []).flatMap((entry) => {
    const read = referralFromTask(entry.resource);
    return read.ok ? [read.remote] : [];
  });
  if (remotes.length === 0) return false;
  const result: PullResult = { changed: false, reassigned: [] };
  await applyPage(ctx, remotes, result);
  return result.changed;
}

interface Found {
  remote: RemoteReferral;
  local: Referral | undefined;
  link: TeamLink | undefined;
  pending: number;
}

/** One page of the server's Tasks into the queue, in one transaction; what changed goes into `result`. */
async function applyPage(
  ctx: SyncContext,
  remotes: readonly RemoteReferral[],
  result: PullResult,
): Promise<void> {
  const tx = writeReferrals(ctx.db);
  const referrals = tx.objectStore('referrals');
  const links = tx.objectStore('teamLinks');
  const outbox = tx.objectStore('outbox');
  // Every read of the page at once: IndexedDB answers them in order within the transaction.
  const found = await Promise.all(
    remotes.map(async (remote): Promise<Found | undefined> => {
      const knownLink = await links.index('byTaskId').get(remote.taskId);
      if (knownLink?.taskVersion === remote.versionId) return undefined; // our own write, or read before
      const local = knownLink
        ? await referrals.get(knownLink.referralId)
        : await referrals.index('byDedupeKey').get(remote.referral.dedupeKey);
      // The same order number for another patient here: never merged into this patient's referral.
      if (local && !samePatient(local.patient, remote.referral.patient)) return undefined;
      if (local?.reducedAt !== undefined) return undefined;
      const link = local && (knownLink?.referralId === local.id ? knownLink : await links.get(local.id));
      const pending = local ? await outbox.index('byReferral').count(local.id) : 0;
      return { remote, local, link, pending };
    }),
  );
  const updated: Referral[] = [];
  const newLinks: TeamLink[] = [];
  // Two Tasks of one referral in a page (a server without conditional create made both): the first wins.
  const seen = new Set<string>();
  for (const item of found) {
    if (!item) continue;
    const { remote, local, pending } = item;
    const identity = local?.id ?? remote.referral.dedupeKey;
    if (seen.has(identity)) continue;
    seen.add(identity);
    const link: TeamLink = item.link ?? {
      referralId: local?.id ?? '',
      key: remote.key,
      sharedAttempts: [],
      conflicts: [],
    };
    let shared = remote.referral;
    let conflicts: FieldConflict[] = [];
    let unrecorded = link.unrecorded;
    // Changes here not on the server yet, or never shared at all: merged, not overwritten.
    if (local && (pending > 0 || !link.base)) {
      const mine = sharedPartOf(local);
      // Ours already there (a write whose answer was lost): their Provenance goes with the next push.
      unrecorded = withProvenance(unrecorded, entriesAdded(link.base, mine, remote.referral), remote, ctx);
      ({ merged: shared, conflicts } = mergeReferral(
        link.base ?? asFirstTracked(mine),
        mine,
        remote.referral,
        ctx.now(),
      ));
    }
    const copy = localCopy(shared, local, ctx.config(), ctx.newId, ctx.now());
    updated.push(copy);
    if (copy.owner && !samePerson(copy.owner, local?.owner)) result.reassigned.push(copy);
    newLinks.push(
      withConflicts(
        {
          ...link,
          referralId: copy.id,
          key: remote.key,
          taskId: remote.taskId,
          taskVersion: remote.versionId,
          serviceRequestId: remote.serviceRequestId ?? link.serviceRequestId,
          base: remote.referral,
          // Attempts the server already has as Communications are not written again by this device.
          sharedAttempts: [
            ...new Set([...link.sharedAttempts, ...remote.referral.outreach.map((attempt) => attempt.id)]),
          ],
          ...(unrecorded && { unrecorded }),
        },
        conflicts,
      ),
    );
  }
  if (updated.length > 0) {
    await Promise.all([saveReferrals(tx, updated), ...newLinks.map((link) => links.put(link))]);
  }
  await tx.done;
  if (updated.length > 0) result.changed = true;
}
