import { useEffect, useRef, useState } from 'preact/hooks';
import {
  type Detection,
  type ExtractedFields,
  type FieldsRead,
  rowDetection,
} from '../detection/detect-referral';
import { draftFromDetection } from '../detection/to-draft';
import { t } from '../i18n';
import type { Send } from '../messages';
import { samePatient } from '../referral/patient-identity';
import { ActionButton } from './ActionGate';
import { Panel, type PanelProps } from './Panel';

type RowState = 'checking' | 'untracked' | 'tracked' | 'other-patient' | 'saving' | 'dismissed';

export interface ReferralListProps extends Omit<PanelProps, 'detection' | 'confirmOnScreen' | 'known'> {
  /** A list detection: its rows are the referrals found. */
  detection: Detection & { rows: FieldsRead[] };
  /**
   * Whether the EHR page still shows a row with exactly these fields, looked at again now: a row
   * is tracked only while the page still shows it, with its own patient.
   */
  confirmRow: (fields: ExtractedFields) => Promise<boolean>;
}

/** A row's identity in the list: everything read off it (the page has nothing steadier). */
export const rowKey = (row: FieldsRead): string => JSON.stringify(row.fields);

/** What the list shows of a row besides its patient and order number: to what or whom, and when. */
function rowSummary({ fields }: FieldsRead): string {
  return [fields.specialty ?? fields.receivingProvider ?? fields.reason, fields.authoredOn]
    .filter(Boolean)
    .join(' · ');
}

/**
 * How the row's buttons name it: its patient, and its order number when the page shows one, so
 * that two referrals of one patient are told apart by ear as well as by eye.
 */
function rowName({ fields }: FieldsRead): string {
  const patient = fields.patientName || '—';
  return fields.orderNumber ? t('listRowNamed', [patient, fields.orderNumber]) : patient;
}

/** The queue's answer for each row, asked once per row the page shows. */
function useRowStates(send: Send, detection: ReferralListProps['detection'], pageUrl: string) {
  const [states, setStates] = useState<Record<string, RowState>>({});
  const keys = JSON.stringify(detection.rows.map(rowKey));
  useEffect(() => {
    let current = true;
    for (const row of detection.rows) {
      const key = rowKey(row);
      const draft = draftFromDetection(rowDetection(detection, row), pageUrl);
      send({ type: 'page-status', pageUrl, draft, row: true })
        .then(({ match, rowDismissed }): RowState => {
          if (match === 'tracked' || match === 'other-patient') return match;
          return rowDismissed ? 'dismissed' : 'untracked';
        })
        .catch(() => 'untracked' as const)
        .then((state) => current && setStates((before) => ({ ...before, [key]: state })));
    }
    return () => {
      current = false;
    };
  }, [keys, pageUrl]);
  return [states, setStates] as const;
}

/**
 * The referrals a worklist or orders table shows, each with its own Track and Open: the panel acts
 * on the row chosen only, and only while the page still shows that row with its patient.
 */
export function ReferralList(props: ReferralListProps) {
  const { detection, pageUrl, send, confirmRow } = props;
  const [chosen, setChosen] = useState<string>();
  const [gone, setGone] = useState(false);
  const [states, setStates] = useRowStates(send, detection, pageUrl);
  const [failed, setFailed] = useState<string>();
  /** The row just marked "not a referral": its undo takes the focus back in the list. */
  const [marked, setMarked] = useState<string>();
  const undo = useRef<HTMLButtonElement>(null);
  const open = detection.rows.find((row) => rowKey(row) === chosen);

  useEffect(() => {
    if (marked !== undefined) undo.current?.focus();
  }, [marked]);

  /** "Not a referral" for one row (or its undo): that row's referral only, never the page. */
  const setRowDismissed = async (row: FieldsRead, dismissed: boolean) => {
    const key = rowKey(row);
    const draft = draftFromDetection(rowDetection(detection, row), pageUrl);
    setFailed(undefined);
    await send({ type: 'set-page-dismissed', pageUrl, dismissed, row: draft });
    setStates((before) => ({ ...before, [key]: dismissed ? 'dismissed' : 'untracked' }));
    setMarked(dismissed ? key : undefined);
    if (dismissed) setChosen(undefined);
  };

  useEffect(() => {
    // The page dropped the row the coordinator had open: back to the list, with a word why.
    if (chosen !== undefined && !open) {
      setChosen(undefined);
      setGone(true);
    }
  }, [chosen, open]);

  if (open) {
    return (
      <div class="referral-row">
        <button type="button" class="link" onClick={() => setChosen(undefined)}>
          ← {t('listBack')}
        </button>
        <Panel
          {...props}
          detection={rowDetection(detection, open)}
          // The page's answer was about the list, not this row: the row's panel asks for itself.
          known={undefined}
          confirmOnScreen={() => confirmRow(open.fields)}
          onNotARowReferral={() => setRowDismissed(open, true)}
        />
      </div>
    );
  }

  const track = async (row: FieldsRead) => {
    const key = rowKey(row);
    setGone(false);
    setStates((before) => ({ ...before, [key]: 'saving' }));
    if (!(await confirmRow(row.fields))) {
      setGone(true);
      setStates((before) => ({ ...before, [key]: 'untracked' }));
      return;
    }
    const draft = draftFromDetection(rowDetection(detection, row), pageUrl);
    try {
      const { referral } = await send({ type: 'track-referral', draft, separately: false });
      // The queue answers with the referral it keeps: it must be this row's patient.
      const own = samePatient(referral.patient, {
        name: draft.patient.name,
        dateOfBirth: draft.patient.dateOfBirth,
        mrn: draft.patient.mrn,
      });
      setStates((before) => ({ ...before, [key]: own ? 'tracked' : 'other-patient' }));
    } catch {
      setStates((before) => ({ ...before, [key]: 'untracked' }));
    }
  };

  const count = detection.rows.length;
  return (
    <section class="referral-list" aria-labelledby="referral-list-heading">
      <h2 id="referral-list-heading">{t('listHeading')}</h2>
      <p class="hint">{count === 1 ? t('listCountOne') : t('listCountMany', String(count))}</p>
      {gone && <p role="alert">{t('listRowGone')}</p>}
      {failed !== undefined && <p role="alert">{t('errorPrefix', failed)}</p>}
      <ul>
        {detection.rows.map((row) => {
          const key = rowKey(row);
          const patient = row.fields.patientName ?? '';
          const { orderNumber } = row.fields;
          const name = rowName(row);
          const state = states[key] ?? 'checking';
          return (
            <li key={key} data-row={patient}>
              <span class="row-patient">{patient || '—'}</span>{' '}
              {orderNumber && (
                <>
                  <span class="row-order">{t('listRowOrder', orderNumber)}</span>{' '}
                </>
              )}
              <span class="row-summary">{rowSummary(row)}</span>
              {state === 'tracked' && (
                <span class="status-chip" role="status">
                  {t('listRowTracked')}
                </span>
              )}
              {state === 'dismissed' && <span class="status-chip dismissed">{t('listRowDismissed')}</span>}
              {state === 'other-patient' && <p class="other-patient">{t('panelOtherPatient')}</p>}
              {!patient && state !== 'dismissed' && <p class="hint">{t('listNoPatient')}</p>}
              {state === 'dismissed' ? (
                <span class="row-actions">
                  <button
                    ref={key === marked ? undo : undefined}
                    type="button"
                    class="secondary"
                    aria-label={t('listUndoRowLabel', name)}
                    onClick={() =>
                      void setRowDismissed(row, false).catch((error: Error) => setFailed(error.message))
                    }
                  >
                    {t('listUndoRow')}
                  </button>
                </span>
              ) : (
                <span class="row-actions">
                  {state !== 'tracked' && state !== 'other-patient' && patient && (
                    <ActionButton
                      class="primary"
                      label={state === 'saving' ? t('tracking') : t('trackReferral')}
                      ariaLabel={t('listTrackRow', name)}
                      disabled={state === 'saving' || state === 'checking'}
                      onAction={() => void track(row)}
                    />
                  )}
                  <button
                    type="button"
                    class="secondary"
                    aria-label={t('listOpenRow', name)}
                    onClick={() => {
                      setGone(false);
                      setChosen(key);
                    }}
                  >
                    {t('listOpen')}
                  </button>
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
