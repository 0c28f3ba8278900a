import type { AuditEntry, HandoffDatabase } from './database-schema';

/** What an entry says happened, before it is stamped with a time and the coordinator's initials. */
export type AuditEvent = AuditEntry extends infer Entry
  ? Entry extends unknown
    ? Omit<Entry, 'seq' | 'at' | 'by'>
    : never
  : never;

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
