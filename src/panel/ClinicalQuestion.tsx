import { useState } from 'preact/hooks';
import { t } from '../i18n';
import { emergencyInstruction, handOffLine, type NoteScan } from '../panel-config/clinical-boundary';
import type { ClinicalBoundary } from '../panel-config/schema';
import { ActionButton } from './ActionGate';

export type Escalate = (trigger: 'clinical-question' | 'note', scan?: NoteScan) => Promise<unknown>;

/** Records the hand-off to the clinical contact, and says so once it is recorded. */
function EscalateButton({
  boundary,
  onEscalate,
  tracked,
}: {
  boundary: ClinicalBoundary;
  onEscalate: () => Promise<unknown>;
  tracked: boolean;
}) {
  const [state, setState] = useState<'idle' | 'saving' | 'done' | { error: string }>('idle');
  const escalate = () => {
    setState('saving');
    onEscalate().then(
      () => setState('done'),
      (error: Error) => setState({ error: error.message }),
    );
  };
  const { name } = boundary.contact;
  return (
    <div class="escalate">
      {state === 'done' ? (
        <p role="status" class="escalated">
          {t('escalated', name)}
        </p>
      ) : (
        <ActionButton
          class="primary"
          label={t(tracked ? 'escalateTo' : 'trackAndEscalate', name)}
          disabled={state === 'saving'}
          onAction={escalate}
        />
      )}
      {typeof state === 'object' && <p role="alert">{t('errorPrefix', state.error)}</p>}
    </div>
  );
}

function ContactLine({ boundary }: { boundary: ClinicalBoundary }) {
  const { name, reach, responseTime } = boundary.contact;
  return <p class="contact">{t('clinicalContact', [name, reach, responseTime])}</p>;
}

interface ClinicalQuestionProps {
  boundary: ClinicalBoundary;
  /** The patient's language: the line is read to them. */
  language?: string;
  tracked: boolean;
  onEscalate: Escalate;
}

/**
 * "Clinical question": the approved line to read, and the hand-off to licensed staff. Handoff
 * never answers a clinical question itself.
 */
export function ClinicalQuestion({ boundary, language, tracked, onEscalate }: ClinicalQuestionProps) {
  const [open, setOpen] = useState(false);
  return (
    <div class="clinical-question">
      <button type="button" class="secondary" aria-expanded={open} onClick={() => setOpen(!open)}>
        {t('clinicalQuestion')}
      </button>
      {open && (
        <section class="clinical-box" aria-label={t('clinicalQuestion')}>
          <p>{t('clinicalSay')}</p>
          <blockquote lang={language}>{handOffLine(boundary, language)}</blockquote>
          <ContactLine boundary={boundary} />
          <EscalateButton
            boundary={boundary}
            tracked={tracked}
            onEscalate={() => onEscalate('clinical-question')}
          />
        </section>
      )}
    </div>
  );
}

/** What a typed note calls for: the emergency instruction for a red flag, a hand-off for a clinical question. */
export function NoteAlert({
  scan,
  boundary,
  language,
  onEscalate,
}: {
  scan: NoteScan;
  boundary: ClinicalBoundary;
  language?: string;
  onEscalate: Escalate;
}) {
  if (!scan.clinicalQuestion) return null;
  const escalate = () => onEscalate('note', scan);
  return scan.redFlag ? (
    <div class="note-alert red-flag" role="alert">
      <p class="alert-title">{t('redFlagTitle')}</p>
      <blockquote lang={language}>{emergencyInstruction(boundary, language)}</blockquote>
      <p>{t('redFlagThen')}</p>
      <p class="matched">{t('noteMatched', scan.matched.join(', '))}</p>
      <EscalateButton boundary={boundary} tracked onEscalate={escalate} />
    </div>
  ) : (
    <div class="note-alert clinical" role="status">
      <p class="alert-title">{t('clinicalNoteTitle')}</p>
      <p>{t('clinicalSay')}</p>
      <blockquote lang={language}>{handOffLine(boundary, language)}</blockquote>
      <p class="matched">{t('noteMatched', scan.matched.join(', '))}</p>
      <EscalateButton boundary={boundary} tracked onEscalate={escalate} />
    </div>
  );
}
