import { exportBackup, restoreBackup } from '../../backup/backup';
import { runExport } from '../../export/run-export';
import { t } from '../../i18n';
import { authorText } from '../../identity/coordinator';
import { type AuditEvent, recordAudit } from '../../queue/audit-log';
import type { HandlerContext, Handlers } from './handler';

/**
 * Files made on the device (exports and backups) and a backup put back. Every one is on the
 * audit record: what, when, by whom, how many referrals; never their content.
 */
export function exportHandlers(
  context: HandlerContext,
): Handlers<'export' | 'backup-export' | 'backup-restore'> {
  const { queue, config, now, settings, queueChanged } = context;
  const audit = async (event: AuditEvent) =>
    recordAudit(queue.database, { at: now(), by: authorText(await context.coordinator()), ...event });
  return {
    export: async (request) => {
      const file = await runExport(queue.database, request, now(), config(), t);
      await audit({ kind: 'export', what: request.what, count: file.count ?? 0 });
      return file;
    },
    'backup-export': async () => {
      const file = await exportBackup(queue.database, settings, now());
      await audit({ kind: 'backup-export', count: file.count ?? 0 });
      return file;
    },
    'backup-restore': async (request) => {
      const restored = await restoreBackup(queue.database, settings, request.text);
      await audit({ kind: 'backup-restore', count: restored.referrals });
      await queueChanged();
      return restored;
    },
  };
}
