import type { HandoffDatabase } from '../queue/database-schema';
import type { Referral } from '../referral/referral';
import { SharedReferral, sharedPartOf } from './fhir-mapping';
import { type FieldConflict, withConflicts } from './sync-records';

/**
 * Conflicts a merge kept for the coordinator (merge.ts): a field both sides changed to different
 * values since they last agreed. The server's value stands until the coordinator picks; "mine"
 * puts this device's value back as a change of its own (shared like any other), "theirs" keeps
 * what stands. Either way the conflict is settled and leaves the list.
 */

/** The conflicts of one referral, for the views. */
export interface ReferralConflicts {
  referralId: string;
  patientName: string;
  version: number;
  conflicts: FieldConflict[];
}

/** Referrals with conflicts, newest conflict first, read through the `byConflict` index only. */
export async function listConflicts(db: HandoffDatabase, limit = 50): Promise<ReferralConflicts[]> {
  const tx = db.transaction(['teamLinks', 'referrals']);
  const links = await tx.objectStore('teamLinks').index('byConflict').getAll(undefined, limit);
  const found = await Promise.all(
    links.map(async (link) => ({ link, referral: await tx.objectStore('referrals').get(link.referralId) })),
  );
  await tx.done;
  return found
    .filter((item): item is { link: typeof item.link; referral: Referral } => item.referral !== undefined)
    .sort((a, b) => (b.link.conflictedAt ?? 0) - (a.link.conflictedAt ?? 0))
    .map(({ link, referral }) => ({
      referralId: referral.id,
      patientName: referral.patient.name,
      version: referral.version,
      conflicts: link.conflicts,
    }));
}

/** Whether two conflicts are the same one (a field, kept at one moment). */
export const sameConflict = (
  a: Pick<FieldConflict, 'field' | 'at'>,
  b: Pick<FieldConflict, 'field' | 'at'>,
) => a.field === b.field && a.at === b.at;

/**
 * The referral with this device's value of the conflicting field put back, and a history line
 * saying so. Refused (undefined) when the result would not be a valid referral.
 */
export function restoreMine(
  referral: Referral,
  conflict: FieldConflict,
  at: number,
  by: string,
): Referral | undefined {
  const next = structuredClone(referral) as unknown as Record<string, unknown>;
  const [head, tail] = conflict.field.split('.', 2) as [string, string | undefined];
  const put = (target: Record<string, unknown>, key: string, value: unknown) => {
    if (value === undefined) delete target[key];
    else target[key] = value;
  };
  if (head === 'status') {
    const mine = (conflict.mine ?? {}) as { status?: unknown; statusReason?: unknown };
    put(next, 'status', mine.status);
    put(next, 'statusReason', mine.statusReason);
  } else if (head === 'dates' && tail) {
    put(next.dates as Record<string, unknown>, tail, conflict.mine);
  } else if (head === 'records' && tail) {
    const records = (next.records as { id: string }[]).filter((item) => item.id !== tail);
    next.records = conflict.mine === undefined ? records : [...records, conflict.mine];
  } else put(next, head, conflict.mine);
  (next.history as Referral['history']).push({ at, by, kind: 'edit', note: conflict.field });
  const restored = next as unknown as Referral;
  // Only what a colleague's copy would pass: the same check the pull makes of the server's.
  return SharedReferral.safeParse(sharedPartOf(restored)).success ? restored : undefined;
}

/** Removes one conflict from a referral's link; false when it was not there (settled elsewhere). */
export async function settleConflict(
  db: HandoffDatabase,
  referralId: string,
  conflict: Pick<FieldConflict, 'field' | 'at'>,
): Promise<boolean> {
  const tx = db.transaction('teamLinks', 'readwrite');
  const link = await tx.store.get(referralId);
  const left = link?.conflicts.filter((known) => !sameConflict(known, conflict));
  if (!link || !left || left.length === link.conflicts.length) {
    await tx.done;
    return false;
  }
  await tx.store.put(withConflicts(link, left, true));
  await tx.done;
  return true;
}
