import type { DBSchema, IDBPDatabase } from 'idb';
import type { ExportKind } from '../export/export-kinds';
import type { FactsDay } from '../metrics/facts-by-day';
import type { Referral } from '../referral/referral';
import type { OutboxEntry, TeamLink, TeamSyncCursor } from '../team-queue/sync-records';

/**
 * The shape of the queue database: its stores, their records and indexes. Kept apart from the
 * migrations (database.ts) so that the modules which read or write a store depend on the shape
 * only, never on each other.
 */
export interface HandoffSchema extends DBSchema {
  referrals: {
    key: string;
    value: Referral;
    indexes: {
      byDedupeKey: string;
      byNextFollowUp: number;
      byStatus: string;
      byCreated: number;
      byUnannounced: number;
      byOrganizationDue: [string, number];
      byOrganizationCreated: [string, number];
      byIdentifiedClosed: number;
    };
  };
  /**
   * What the metrics read of each referral, filed by tracking day (the key) and written in the
   * same transaction as the referral.
   */
  referralFacts: {
    key: number;
    value: FactsDay;
  };
  /** Pages a coordinator said are not referrals, so the panel stays away from them. */
  dismissedPages: {
    key: string;
    value: { pageKey: string; at: number };
  };
  /** What was done to the queue as a whole (exports, backups, retention, policy): never patient data. */
  auditLog: {
    key: number;
    value: AuditEntry;
    indexes: { byAt: number };
  };
  /**
   * Local changes waiting to reach the team's FHIR server, in order; written in the same
   * transaction as the change itself, so a change is never made without being queued to share.
   */
  outbox: {
    key: number;
    value: OutboxEntry;
    indexes: { byReferral: string };
  };
  /** Per referral: its resources on the team's server, the version last read, and conflicts. */
  teamLinks: {
    key: string;
    value: TeamLink;
    indexes: { byTaskId: string };
  };
  /** How far the pull has read the team's server (one record per server and team). */
  teamSync: {
    key: string;
    value: TeamSyncCursor;
  };
}

export type HandoffDatabase = IDBPDatabase<HandoffSchema>;

/**
 * What happened to the queue as a whole, for the audit history. Changes to one referral are in
 * that referral's own history; these entries name kinds, counts and initials, never patient data.
 */
export type AuditEntry = {
  seq?: number;
  at: number;
  /** The coordinator's initials, or empty for the background's own runs (retention). */
  by: string;
} & (
  | { kind: 'export'; what: ExportKind; count: number }
  | { kind: 'backup-export'; count: number }
  | { kind: 'backup-restore'; count: number }
  | { kind: 'retention'; count: number; days: number }
  | { kind: 'policy-applied'; valid: boolean }
);
