import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';
import { formatDateTime, t } from '../i18n';
import type { RecordEvent } from '../referral/operations';
import type { RecordItem, Referral } from '../referral/referral';

export interface RecordsProps {
  referral: Referral;
  headingLevel: 4 | 5;
  /** The buttons that open the request and acknowledgment forms. */
  toolbar: ComponentChildren;
  onRecordEvent: (record: Pick<RecordItem, 'id' | 'name' | 'requestedFrom'>, event: RecordEvent) => void;
}

/** Where the packet stands with the receiving office: sent or not, and whether it confirmed receipt. */
function acknowledgmentLine({ dates, acknowledgmentNote, status, nextFollowUpAt }: Referral): string[] {
  if (dates.acknowledgedAt !== undefined) {
    const confirmed = t('qvAcknowledgedOn', formatDateTime(dates.acknowledgedAt));
    return acknowledgmentNote ? [confirmed, t('qvNextStep', acknowledgmentNote)] : [confirmed];
  }
  if (dates.recordsSentAt === undefined) return [t('qvNotSentYet')];
  const waiting = t('qvAwaitingAcknowledgment', formatDateTime(dates.recordsSentAt));
  // Sent and unconfirmed, the follow-up is the office's acknowledgment service level.
  return status === 'sent' && nextFollowUpAt !== undefined
    ? [waiting, t('queueDue', formatDateTime(nextFollowUpAt))]
    : [waiting];
}

/**
 * The records the receiving office needs: what was requested from whom, received, sent on; and
 * whether the office confirmed receipt, with the next step it gave. Each missing step is a
 * button on the record's row.
 */
export function RecordsAndAcknowledgment({ referral, headingLevel, toolbar, onRecordEvent }: RecordsProps) {
  const id = useId();
  const Heading = `h${headingLevel}` as 'h4' | 'h5';
  const { records } = referral;
  const step = (record: RecordItem, event: 'received' | 'sent', at: number | undefined) =>
    at !== undefined ? (
      formatDateTime(at)
    ) : (
      <button type="button" class="qv-button qv-small" onClick={() => onRecordEvent(record, event)}>
        {event === 'received' ? t('qvMarkReceived') : t('qvMarkSent')}
        <span class="visually-hidden"> {record.name}</span>
      </button>
    );

  return (
    <section class="qv-records" aria-labelledby={`${id}-title`}>
      <Heading id={`${id}-title`} class="qv-records-title">
        {t('qvRecords')}
      </Heading>
      <p class="qv-acknowledgment">
        {acknowledgmentLine(referral).map((line) => (
          <span key={line}>{line} </span>
        ))}
      </p>
      {records.length === 0 ? (
        <p class="qv-hint">{t('qvNoRecords')}</p>
      ) : (
        <table class="qv-records-table">
          <caption class="visually-hidden">{t('qvRecordsFor', referral.patient.name)}</caption>
          <thead>
            <tr>
              <th scope="col">{t('qvRecordName')}</th>
              <th scope="col">{t('qvColRequested')}</th>
              <th scope="col">{t('qvColReceived')}</th>
              <th scope="col">{t('qvColSent')}</th>
            </tr>
          </thead>
          <tbody>
            {records.map((record) => (
              <tr key={record.id}>
                <th scope="row">{record.name}</th>
                <td>
                  {record.requestedAt === undefined ? '—' : formatDateTime(record.requestedAt)}
                  {record.requestedFrom && ` · ${t('qvFrom', record.requestedFrom)}`}
                </td>
                <td>{step(record, 'received', record.receivedAt)}</td>
                <td>{step(record, 'sent', record.sentAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div class="qv-toolbar">{toolbar}</div>
    </section>
  );
}
