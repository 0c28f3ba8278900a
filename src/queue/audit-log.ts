import type { HandoffDatabase } from './database';

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
  | { kind: 'export'; what: string; count: number }
  | { kind: 'backup-export'; count: number }
  | { kind: 'backup-restore'; count: number }
  | { kind: 'retention'; count: number; days: number }
  | { kind: 'policy-applied'; valid: boolean }
);

export type AuditKind = AuditEntry['kind'];

/** Appends an entry: the log is never edited or trimmed. */
export async function recordAudit(db: HandoffDatabase, entry: AuditEntry): Promise<void> {
  await db.add('auditLog', entry);
}

/** The newest entries first, at most `limit`. */
export async function newestAudit(db: HandoffDatabase, limit: number): Promise<AuditEntry[]> {
  const found: AuditEntry[] = [];
  let cursor = await db.transaction('auditLog').store.openCursor(null, 'prev');
  while (cursor && found.length < limit) {
    found.push(cursor.value);
    cursor = await cursor.continue();
  }
  return found;
}
