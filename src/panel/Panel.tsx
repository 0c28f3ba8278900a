import { useEffect, useState } from 'preact/hooks';
import type { Detection } from '../detection/detect-referral';
import { draftFromDetection } from '../detection/to-draft';
import { formatDateTime, type MessageKey, t } from '../i18n';
import type { Send } from '../messages';
import type { Referral } from '../referral/referral';
import { statusLabel } from '../ui/labels';

interface PanelProps {
  detection: Detection;
  pageUrl: string;
  send: Send;
}

type TrackState =
  | { kind: 'checking' }
  | { kind: 'untracked' }
  | { kind: 'saving' }
  | { kind: 'tracked'; referral: Referral }
  | { kind: 'error'; message: string };

const SHOWN_FIELDS: [MessageKey, keyof Detection['fields']][] = [
  ['fieldPatient', 'patientName'],
  ['fieldSpecialty', 'specialty'],
  ['fieldReason', 'reason'],
  ['fieldPriority', 'priority'],
];

export function Panel({ detection, pageUrl, send }: PanelProps) {
  const [collapsed, setCollapsed] = useState(false);
  const [track, setTrack] = useState<TrackState>({ kind: 'checking' });
  const draft = draftFromDetection(detection, pageUrl);
  // The background validates every draft; the panel only needs to know a patient was found.
  const canTrack = draft.patient.name.length > 0;

  // Re-check whenever the page shows another referral (single-page EHRs swap it in place).
  const draftKey = JSON.stringify(draft);
  useEffect(() => {
    if (!canTrack) {
      setTrack({ kind: 'untracked' });
      return;
    }
    setTrack({ kind: 'checking' });
    send({ type: 'find-tracked', draft })
      .then(({ referral }) => setTrack(referral ? { kind: 'tracked', referral } : { kind: 'untracked' }))
      .catch((error: Error) => setTrack({ kind: 'error', message: error.message }));
  }, [draftKey]);

  const onTrack = async () => {
    setTrack({ kind: 'saving' });
    try {
      const { referral } = await send({ type: 'track-referral', draft });
      setTrack({ kind: 'tracked', referral });
    } catch (error) {
      setTrack({ kind: 'error', message: (error as Error).message });
    }
  };

  return (
    <aside class={collapsed ? 'panel collapsed' : 'panel'} aria-label={t('panelTitle')}>
      <header>
        <h2>{t('panelTitle')}</h2>
        <button
          type="button"
          class="icon"
          aria-expanded={!collapsed}
          aria-label={collapsed ? t('expandPanel') : t('collapsePanel')}
          onClick={() => setCollapsed(!collapsed)}
        >
          {collapsed ? '‹' : '›'}
        </button>
      </header>
      {!collapsed && (
        <div class="body">
          <details class="why">
            <summary>{t('panelDetected', detection.profile.name)}</summary>
            <ul>
              {detection.cues.map((cue) => (
                <li key={cue}>{cue}</li>
              ))}
            </ul>
          </details>
          <dl class="fields">
            {SHOWN_FIELDS.map(([label, field]) => (
              <div key={field} class="field">
                <dt>{t(label)}</dt>
                <dd data-field={field}>
                  {detection.fields[field] ?? <span class="missing">{t('fieldNotFound')}</span>}
                </dd>
              </div>
            ))}
          </dl>
          <TrackSection state={track} canTrack={canTrack} onTrack={onTrack} />
        </div>
      )}
    </aside>
  );
}

function TrackSection(props: { state: TrackState; canTrack: boolean; onTrack: () => void }) {
  const { state } = props;
  if (state.kind === 'tracked') {
    return (
      <p class="tracked" role="status">
        <span class="status-chip">{statusLabel(state.referral.status)}</span>{' '}
        {t('trackedDue', formatDateTime(state.referral.nextFollowUpAt))}
      </p>
    );
  }
  return (
    <div class="track">
      {!props.canTrack && <p class="hint">{t('trackNeedsPatient')}</p>}
      {state.kind === 'error' && <p role="alert">{t('errorPrefix', state.message)}</p>}
      <button
        type="button"
        class="primary"
        disabled={!props.canTrack || state.kind === 'saving' || state.kind === 'checking'}
        onClick={props.onTrack}
      >
        {state.kind === 'saving' ? t('tracking') : t('trackReferral')}
      </button>
    </div>
  );
}
