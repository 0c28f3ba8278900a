import type { Provenance } from 'fhir/r4';
import type { TeamQueueTarget } from '../config/team-queue';
import type { Person } from '../referral/referral';
import type { SharedReferral } from './fhir-mapping';

/** One local change to share; the push sends the referral as it is then, so entries may collapse. */
export interface OutboxEntry {
  seq?: number;
  referralId: string;
  at: number;
}

/** A field both sides changed since they last agreed: the server's value is kept, mine is here. */
export interface FieldConflict {
  field: string;
  mine: unknown;
  theirs: unknown;
  at: number;
}

/** Where a referral lives on the team's server and what both sides last agreed on. */
export interface TeamLink {
  referralId: string;
  /** SHA-256 of the dedupe key: the identifier every resource of the referral carries. */
  key: string;
  serviceRequestId?: string;
  taskId?: string;
  /** The Task version last read or written: updates carry it in If-Match. */
  taskVersion?: string;
  /** The shared referral as the server last had it: the base of a three-way merge. */
  base?: SharedReferral;
  /** Outreach attempts already written as Communications. */
  sharedAttempts: string[];
  /** Provenance of Task writes the server has not taken yet: sent again, as they are, next push. */
  unrecorded?: Provenance[];
  conflicts: FieldConflict[];
  /** When the newest conflict was kept; absent while there is none (the `byConflict` index). */
  conflictedAt?: number;
}

/** The most conflicts kept per referral: the oldest go first. */
export const MAX_CONFLICTS = 50;

/** The link with conflicts added (or all resolved, `replace`), its index key kept in step. */
export function withConflicts(
  link: TeamLink,
  conflicts: readonly FieldConflict[],
  replace = false,
): TeamLink {
  const all = (replace ? [...conflicts] : [...link.conflicts, ...conflicts]).slice(-MAX_CONFLICTS);
  const { conflictedAt: _old, ...rest } = link;
  const newest = all.reduce<number | undefined>((at, conflict) => Math.max(at ?? 0, conflict.at), undefined);
  return { ...rest, conflicts: all, ...(newest !== undefined && { conflictedAt: newest }) };
}

/** The pull's place on one server for one team: changed again when the policy names another. */
export interface TeamSyncCursor {
  /** `<fhirBaseUrl>|<team system>|<team code>` */
  target: string;
  /** The newest `meta.lastUpdated` read: the next pull asks from there on (inclusive). */
  watermark?: string;
  /** The owners seen on the team's referrals: whom a referral can be handed to. */
  colleagues?: Person[];
}

/** The cursor's key for a server and team. */
export const teamSyncKey = (target: Pick<TeamQueueTarget, 'fhirBaseUrl' | 'team'>): string =>
  `${target.fhirBaseUrl}|${target.team.system}|${target.team.code}`;
