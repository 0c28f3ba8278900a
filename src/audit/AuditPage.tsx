import { useEffect, useState } from 'preact/hooks';
import { EXPORT_KINDS } from '../export/export-kinds';
import { formatDateTime, t } from '../i18n';
import type { Send } from '../messages';
import type { AuditEntry } from '../queue/database-schema';

/** The newest entries shown; the log itself keeps everything. */
const SHOWN = 500;

export function describeAudit(entry: AuditEntry): string {
  switch (entry.kind) {
    case 'export': {
      // Read back from storage: a kind this version does not know is shown as it was written.
      const label = EXPORT_KINDS[entry.what]?.audit;
      return t('auditExport', label ? t(label) : entry.what);
    }
    case 'backup-export':
      return t('auditBackupExport');
    case 'backup-restore':
      return t('auditBackupRestore');
    case 'retention':
      return t('auditRetention', String(entry.days));
    case 'policy-applied':
      return entry.valid ? t('auditPolicyApplied') : t('auditPolicyInvalid');
  }
}

const countOf = (entry: AuditEntry) => ('count' in entry ? String(entry.count) : '');

/** The audit history of the queue as a whole: a table, newest first, read from the background. */
export function AuditPage({ send }: { send: Send }) {
  const [entries, setEntries] = useState<AuditEntry[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    send({ type: 'list-audit', limit: SHOWN })
      .then((reply) => setEntries(reply.entries))
      .catch((failure: Error) => setError(failure.message));
  }, []);

  return (
    <main class="audit">
      <h1>{t('auditTitle')}</h1>
      <p>{t('auditIntro')}</p>
      {error && <p role="alert">{t('errorPrefix', error)}</p>}
      {entries?.length === 0 && <p>{t('auditEmpty')}</p>}
      {entries && entries.length > 0 && (
        <table>
          <caption>{t('auditCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('auditWhen')}</th>
              <th scope="col">{t('auditWhat')}</th>
              <th scope="col">{t('auditCount')}</th>
              <th scope="col">{t('auditBy')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.seq}>
                <td>{formatDateTime(entry.at)}</td>
                <td>{describeAudit(entry)}</td>
                <td>{countOf(entry)}</td>
                <td>{entry.by || t('auditAutomatic')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
