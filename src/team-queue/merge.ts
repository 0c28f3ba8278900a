import type { SharedReferral } from './fhir-mapping';
import type { FieldConflict } from './sync-records';

/**
 * A three-way merge of one referral: what both sides last agreed on (base), this device's copy
 * (mine) and the server's (theirs). A field only one side changed takes that side's value;
 * lists that only grow (outreach attempts, history, escalations) and the records list take
 * both sides' items; milestone dates merge date by date. A field both sides changed to different
 * values is a conflict: the server's value stays (a colleague may already have acted on it) and
 * mine is kept in the conflict for the coordinator to restore. Nothing is dropped either way.
 */

export interface MergeResult {
  merged: SharedReferral;
  conflicts: FieldConflict[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Items of both lists, one per identity, mine first where both changed the same item. */
function union<T>(mine: readonly T[], theirs: readonly T[], identity: (item: T) => string): T[] {
  const byId = new Map<string, T>();
  for (const item of theirs) byId.set(identity(item), item);
  for (const item of mine) if (!byId.has(identity(item))) byId.set(identity(item), item);
  return [...byId.values()];
}

/** The referral as it is the moment it is tracked: the base when both sides tracked it apart. */
export function asFirstTracked(referral: SharedReferral): SharedReferral {
  const {
    statusReason: _r,
    acknowledgmentNote: _n,
    packet: _p,
    escalations: _e,
    callbackAt: _c,
    ...rest
  } = referral;
  return { ...rest, status: 'new', dates: {}, outreach: [], records: [], history: [] };
}

type Field = keyof SharedReferral;
/** Merged by their own rules below, not as single values. */
const GROWING: readonly Field[] = ['outreach', 'history', 'escalations', 'records', 'dates'];
/** Changed together by one action: a state and its reason are one field for a conflict. */
const STATUS: readonly Field[] = ['status', 'statusReason'];
/** Bookkeeping of the copies themselves. */
const STAMPS: readonly Field[] = ['createdAt', 'updatedAt'];

export function mergeReferral(
  base: SharedReferral,
  mine: SharedReferral,
  theirs: SharedReferral,
  at: number,
): MergeResult {
  const conflicts: FieldConflict[] = [];
  const merged: Record<string, unknown> = { ...theirs };
  const pick = (field: string, b: unknown, m: unknown, t: unknown, set: (value: unknown) => void) => {
    if (same(m, t) || same(m, b)) return set(t);
    if (same(t, b)) return set(m);
    conflicts.push({ field, mine: m, theirs: t, at });
    set(t);
  };

  const statusOf = (r: SharedReferral) => ({ status: r.status, statusReason: r.statusReason });
  pick('status', statusOf(base), statusOf(mine), statusOf(theirs), (value) =>
    Object.assign(merged, value as object),
  );
  if (merged.statusReason === undefined) delete merged.statusReason;

  const fields = new Set([...Object.keys(base), ...Object.keys(mine), ...Object.keys(theirs)] as Field[]);
  for (const field of fields) {
    if (GROWING.includes(field) || STATUS.includes(field) || STAMPS.includes(field)) continue;
    pick(field, base[field], mine[field], theirs[field], (value) => {
      if (value === undefined) delete merged[field];
      else merged[field] = value;
    });
  }

  const dates: Record<string, unknown> = {};
  const dateKeys = new Set([
    ...Object.keys(mine.dates),
    ...Object.keys(theirs.dates),
    ...Object.keys(base.dates),
  ]);
  for (const key of dateKeys) {
    const k = key as keyof SharedReferral['dates'];
    pick(`dates.${key}`, base.dates[k], mine.dates[k], theirs.dates[k], (value) => {
      if (value !== undefined) dates[key] = value;
    });
  }
  merged.dates = dates;

  merged.outreach = union(mine.outreach, theirs.outreach, (attempt) => attempt.id).sort(
    (a, b) => a.at - b.at,
  );
  merged.history = union(mine.history, theirs.history, (entry) => JSON.stringify(entry)).sort(
    (a, b) => a.at - b.at,
  );
  // One escalation on both sides, resolved on one: resolved wins (resolving is never undone).
  const raised = (entry: NonNullable<SharedReferral['escalations']>[number]) =>
    `${entry.at}|${entry.by}|${entry.trigger}`;
  const resolvedMine = (mine.escalations ?? []).filter((entry) => entry.resolved);
  const resolvedTheirs = (theirs.escalations ?? []).filter((entry) => entry.resolved);
  const escalations = union(
    union(mine.escalations ?? [], theirs.escalations ?? [], raised),
    union(resolvedMine, resolvedTheirs, raised),
    raised,
  );
  if (escalations.length > 0) merged.escalations = escalations.sort((a, b) => a.at - b.at);
  // A record item may change on both sides (received here, sent there): each item merges on its own.
  const records = new Map(theirs.records.map((item) => [item.id, item]));
  for (const item of mine.records) {
    const their = records.get(item.id);
    if (!their) records.set(item.id, item);
    else
      pick(
        `records.${item.id}`,
        base.records.find((old) => old.id === item.id),
        item,
        their,
        (value) => records.set(item.id, value as typeof item),
      );
  }
  merged.records = [...records.values()];
  merged.createdAt = Math.min(mine.createdAt, theirs.createdAt);
  merged.updatedAt = Math.max(mine.updatedAt, theirs.updatedAt);
  return { merged: merged as SharedReferral, conflicts };
}
