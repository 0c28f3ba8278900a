import { useId, useState } from 'preact/hooks';
import { formatDateTime, t } from '../i18n';
import { type Escalation, openEscalations, type Referral } from '../referral/referral';

/**
 * The escalations nobody has resolved, each with the clinical contact to reach and a "resolved"
 * step. Recording an escalation sends nothing: the wording says so, and the flag stays until
 * someone marks it resolved.
 */
export function OpenEscalations({
  referral,
  onResolve,
}: {
  referral: Referral;
  onResolve: (escalation: Escalation, note: string) => Promise<unknown>;
}) {
  const open = openEscalations(referral);
  if (open.length === 0) return null;
  return (
    <section class="open-escalations" aria-label={t('escalationOpenFlag')}>
      {open.map((escalation) => (
        <OpenEscalation key={escalation.at} escalation={escalation} onResolve={onResolve} />
      ))}
    </section>
  );
}

function OpenEscalation({
  escalation,
  onResolve,
}: {
  escalation: Escalation;
  onResolve: (escalation: Escalation, note: string) => Promise<unknown>;
}) {
  const id = useId();
  const [note, setNote] = useState('');
  const [state, setState] = useState<'idle' | 'saving' | { error: string }>('idle');
  const { name, reach, responseTime } = escalation.contact;
  const resolve = () => {
    setState('saving');
    onResolve(escalation, note.trim()).then(
      () => setState('idle'),
      (error: Error) => setState({ error: error.message }),
    );
  };
  return (
    <div class={`open-escalation${escalation.redFlag ? ' red-flag' : ''}`}>
      <p class="open-escalation-title">
        <strong>{t('escalationOpenFlag')}</strong> · {formatDateTime(escalation.at)}
        {escalation.by && ` · ${escalation.by}`}
      </p>
      <p>{t('escalationRecordedContact', [name, reach, responseTime])}</p>
      <label for={`${id}-note`}>{t('escalationResolveNote')}</label>
      <input
        id={`${id}-note`}
        type="text"
        maxLength={500}
        value={note}
        onInput={(event) => setNote(event.currentTarget.value)}
      />
      <button type="button" class="secondary" disabled={state === 'saving'} onClick={resolve}>
        {t('escalationResolve')}
      </button>
      {typeof state === 'object' && <p role="alert">{t('errorPrefix', state.error)}</p>}
    </div>
  );
}
