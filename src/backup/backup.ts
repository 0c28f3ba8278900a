import { ownSettings } from '../config/user-settings';
import { localDate } from '../export/csv';
import type { ExportFile } from '../export/run-export';
import { t } from '../i18n';
import { referralFacts } from '../metrics/facts';
import { withIndexKeys } from '../queue/database';
import type { HandoffDatabase } from '../queue/database-schema';
import { saveFacts } from '../queue/facts-store';
import { itemEntry, readItems, storageItems } from '../storage-items';
import type { z } from '../zod';
import { BackupRefused, checkBackupHeader } from './backup-header';
import { BACKUP_FORMAT, BACKUP_VERSION, Backup, PanelPlacementSetting } from './backup-schema';

export { BackupRefused } from './backup-header';

/** The part of storage.local a backup reads and writes. */
export interface SettingsStorage {
  get(keys: string | string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

export interface RestoreSummary {
  referrals: number;
  dismissedPages: number;
  exportedAt: number;
}

/**
 * Everything a coordinator would lose with the browser profile: the queue (each referral whole,
 * with its history, outreach, records, packet and escalations), the pages marked "not a
 * referral", their own settings and the panel's placement. The metrics facts are left out: they
 * are rebuilt from the referrals on restore. Read in one transaction, so the file is one moment.
 */
export async function exportBackup(
  db: HandoffDatabase,
  storage: SettingsStorage,
  now: number,
): Promise<ExportFile> {
  const tx = db.transaction(['referrals', 'dismissedPages']);
  const [referrals, dismissedPages] = await Promise.all([
    tx.objectStore('referrals').getAll(),
    tx.objectStore('dismissedPages').getAll(),
  ]);
  await tx.done;
  const stored = await readItems(storage, ['userSettings', 'panelPlacement']);
  const placement = PanelPlacementSetting.safeParse(stored.panelPlacement);
  const backup: z.input<typeof Backup> = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: now,
    contents: {
      referrals,
      dismissedPages,
      userSettings: ownSettings(stored.userSettings),
      ...(placement.success && { panelPlacement: placement.data }),
    },
  };
  return {
    filename: `handoff-backup-${localDate(now)}.json`,
    mimeType: 'application/json',
    text: JSON.stringify(backup),
    count: referrals.length,
  };
}

/** Reads a backup file, refusing anything that is not a whole, valid backup this version can read. */
export function readBackup(text: string): Backup {
  const json = checkBackupHeader(text);
  const backup = Backup.safeParse(json);
  if (!backup.success) {
    const [issue] = backup.error.issues;
    const where = issue?.path.join('.') ?? '';
    throw new BackupRefused(t('backupRefusedInvalid', `${where}: ${issue?.message ?? ''}`.slice(0, 300)));
  }
  return backup.data;
}

/**
 * Replaces the queue with a backup's contents. Restore replaces rather than merges: afterwards the
 * queue is exactly what the file holds, which a coordinator can check and reason about; a merge
 * would mix two moments into a queue that never existed (a referral closed since the backup next
 * to its outdated outreach, an EHR referral under two ids). The page asks for confirmation first.
 *
 * The file is read whole and validated before anything is written, then referrals, their metrics
 * facts and dismissed pages are replaced in ONE transaction: a refusal or a failure half-way
 * leaves the queue as it was. Settings go to storage.local only once that transaction committed.
 */
export async function restoreBackup(
  db: HandoffDatabase,
  storage: SettingsStorage,
  text: string,
): Promise<RestoreSummary> {
  const { contents, exportedAt } = readBackup(text);
  const tx = db.transaction(['referrals', 'referralFacts', 'dismissedPages'], 'readwrite');
  const referrals = tx.objectStore('referrals');
  const dismissedPages = tx.objectStore('dismissedPages');
  const facts = tx.objectStore('referralFacts');
  try {
    // One write at a time: the first failure stops the rest, and nothing is left pending.
    for (const store of [referrals, dismissedPages, facts]) await store.clear();
    const restored = contents.referrals.map(withIndexKeys);
    for (const referral of restored) await referrals.put(referral);
    for (const page of contents.dismissedPages) await dismissedPages.put(page);
    await saveFacts(
      facts,
      restored.map((referral) => referralFacts(referral)),
    );
  } catch (error) {
    // Whatever was written so far goes with the transaction.
    try {
      tx.abort();
    } catch {
      // Already ended: the failure itself aborted it.
    }
    await tx.done.catch(() => undefined);
    throw error;
  }
  await tx.done;
  const { userSettings, panelPlacement } = contents;
  const { userSettings: settingsItem, panelPlacement: placementItem } = storageItems;
  await storage.set({
    ...itemEntry(settingsItem, userSettings ?? {}),
    ...(panelPlacement && itemEntry(placementItem, panelPlacement)),
  });
  if (!panelPlacement) await storage.remove([placementItem.key]);
  return { referrals: contents.referrals.length, dismissedPages: contents.dismissedPages.length, exportedAt };
}
