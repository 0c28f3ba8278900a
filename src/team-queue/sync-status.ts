import type { SyncErrorKind } from './fhir-client';

export type ServerLack = 'conditional-create' | 'versioned-update' | 'last-updated-search' | 'batch';

export interface SyncStatus {
  /** When a push and a pull last both went through. */
  lastSyncedAt?: number;
  /** Local changes not on the server yet. */
  waiting: number;
  /** The last error of each kind since the last good sync, with how often it happened. */
  errors: { kind: SyncErrorKind; detail: string; at: number; count: number }[];
  /** What the server's CapabilityStatement does not offer that the team queue needs. */
  lacks: ServerLack[];
  /** Referrals with a change both sides made, kept for the coordinator. */
  conflicts: number;
  /** No try before this while errors back off. */
  nextTryAt?: number;
}
