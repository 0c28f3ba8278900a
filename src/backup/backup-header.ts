import { t } from '../i18n';
import { z } from '../zod';
import { MAX_BACKUP_CHARS } from './backup-limits';
import { BACKUP_FORMAT, BACKUP_VERSION } from './backup-schema';

/** A backup file refused before anything was written; the message says why, in the user's language. */
export class BackupRefused extends Error {
  override readonly name = 'BackupRefused';
}

/**
 * The first look at a file offered as a backup: its size, that it is JSON, and its header (a
 * Handoff backup of the version this release reads). Made before the coordinator is asked to
 * replace the queue with it, and again by the background before anything is written.
 */
export function checkBackupHeader(text: string): unknown {
  if (text.length > MAX_BACKUP_CHARS)
    throw new BackupRefused(t('backupRefusedTooLarge', String(MAX_BACKUP_CHARS / 1024 / 1024)));
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new BackupRefused(t('backupRefusedUnreadable'));
  }
  const header = z.object({ format: z.literal(BACKUP_FORMAT), version: z.unknown() }).safeParse(json);
  if (!header.success) throw new BackupRefused(t('backupRefusedNotBackup'));
  if (header.data.version !== BACKUP_VERSION)
    throw new BackupRefused(
      t('backupRefusedVersion', [String(header.data.version).slice(0, 20), String(BACKUP_VERSION)]),
    );
  return json;
}
