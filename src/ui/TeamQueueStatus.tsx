import type { TeamQueueTarget } from '../config/team-queue';
import { formatDateTime, type MessageKey, t, tCount } from '../i18n';
import { useStorageItems } from '../options/use-storage-items';
import type { SyncErrorKind } from '../team-queue/fhir-client';
import type { ServerLack, SyncStatus } from '../team-queue/sync-status';

/**
 * The team queue's sync status in words: last synced, changes waiting, errors by kind with the
 * server's own text (plain text, already bounded by the sync engine), and what the server lacks.
 */

const ERROR_TEXT: Record<SyncErrorKind, MessageKey> = {
  'sign-in': 'teamQueueErrorSignIn',
  unreachable: 'teamQueueErrorUnreachable',
  'server-error': 'teamQueueErrorServer',
  refused: 'teamQueueErrorRefused',
  malformed: 'teamQueueErrorMalformed',
  lacks: 'teamQueueErrorLacks',
};
const LACK_TEXT: Record<ServerLack, MessageKey> = {
  'conditional-create': 'teamQueueLackConditionalCreate',
  'versioned-update': 'teamQueueLackVersionedUpdate',
  'last-updated-search': 'teamQueueLackLastUpdated',
  batch: 'teamQueueLackBatch',
};

function Summary({ status }: { status: SyncStatus }) {
  return (
    <>
      <p>
        {status.lastSyncedAt === undefined
          ? t('teamQueueNeverSynced')
          : t('teamQueueLastSynced', formatDateTime(status.lastSyncedAt))}{' '}
        <span data-testid="team-queue-waiting">
          {status.waiting === 0 ? t('teamQueueAllSent') : tCount('teamQueueWaiting', status.waiting)}
        </span>
      </p>
      {status.errors.length > 0 && (
        <ul data-testid="team-queue-errors">
          {status.errors.map((error) => (
            <li key={error.kind} data-kind={error.kind}>
              {t(ERROR_TEXT[error.kind], error.detail)}{' '}
              {error.count > 1 && <small>({t('teamQueueErrorCount', String(error.count))})</small>}
            </li>
          ))}
        </ul>
      )}
      {status.nextTryAt !== undefined && <p>{t('teamQueueNextTry', formatDateTime(status.nextTryAt))}</p>}
      {status.conflicts > 0 && (
        <p data-testid="team-queue-conflicts">{tCount('teamQueueConflicts', status.conflicts)}</p>
      )}
    </>
  );
}

/** The options page's section: where the queue is shared, and everything the status says. */
export function TeamQueueSection(props: {
  target: TeamQueueTarget | undefined;
  status: SyncStatus | undefined;
}) {
  const { target, status } = props;
  return (
    <section aria-labelledby="team-queue-heading" data-testid="team-queue">
      <h2 id="team-queue-heading">{t('teamQueueHeading')}</h2>
      {!target ? (
        <p>{t('teamQueueOff')}</p>
      ) : (
        <>
          <p>{t('teamQueueServer', [target.team.code, target.fhirBaseUrl])}</p>
          {status && status.lacks.length > 0 && (
            <>
              <p>{t('teamQueueLacksIntro')}</p>
              <ul data-testid="team-queue-lacks">
                {status.lacks.map((lack) => (
                  <li key={lack}>{t(LACK_TEXT[lack])}</li>
                ))}
              </ul>
            </>
          )}
          {status ? <Summary status={status} /> : <p>{t('teamQueueNeverSynced')}</p>}
        </>
      )}
    </section>
  );
}

const STATUS_ITEMS = ['teamQueueStatus'] as const;

/** The side panel's line, kept current: shown only while a team queue is configured. */
export function TeamQueueLine() {
  const status = useStorageItems(STATUS_ITEMS)?.teamQueueStatus;
  if (!status) return null;
  return (
    <div class="qv-team-status" role="status" data-testid="team-queue-status">
      <Summary status={status} />
    </div>
  );
}
