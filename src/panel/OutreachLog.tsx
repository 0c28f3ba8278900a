import { useEffect, useState } from 'preact/hooks';
import { formatDateTime, t, tCount } from '../i18n';
import { scanNote } from '../panel-config/clinical-boundary';
import type { ClinicalBoundary } from '../panel-config/schema';
import {
  OUTREACH_CHANNELS,
  OUTREACH_OUTCOMES,
  OUTREACH_PARTIES,
  PATIENT_BARRIERS,
  type Referral,
} from '../referral/referral';
import { barrierLabel, channelLabel, followUpLabel, outcomeLabel, partyLabel } from '../ui/labels';
import { fromLocalInput, type OutreachEntry, withBarrier } from '../ui/outreach-entry';
import { ActionButton } from './ActionGate';
import { type Escalate, NoteAlert } from './ClinicalQuestion';

type Party = OutreachEntry['party'];
type Channel = OutreachEntry['channel'];
type Outcome = OutreachEntry['outcome'];
type Barrier = OutreachEntry['barriers'][number];

/** Who and how, chosen from a script ("log this call"). */
export type OutreachPreset = Pick<OutreachEntry, 'party' | 'channel' | 'scriptId'>;

/** The outcomes a coordinator logs all day, one click each; "other" stays in the queue views. */
const QUICK_OUTCOMES = OUTREACH_OUTCOMES.filter((outcome) => outcome !== 'other');

interface OutreachLogProps {
  referral: Referral;
  boundary: ClinicalBoundary;
  language?: string;
  preset?: OutreachPreset;
  onLog: (entry: OutreachEntry) => Promise<Referral>;
  onEscalate: Escalate;
}

export function OutreachLog({ referral, boundary, language, preset, onLog, onEscalate }: OutreachLogProps) {
  const [party, setParty] = useState<Party>(preset?.party ?? 'patient');
  const [channel, setChannel] = useState<Channel>(preset?.channel ?? 'phone');
  const [barriers, setBarriers] = useState<Barrier[]>([]);
  const [note, setNote] = useState('');
  const [scheduling, setScheduling] = useState(false);
  const [appointment, setAppointment] = useState('');
  const [result, setResult] = useState<{ saved: string } | { error: string }>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!preset) return;
    setParty(preset.party);
    setChannel(preset.channel);
  }, [preset]);

  const scan = scanNote(note, boundary, language);
  const last = referral.outreach.at(-1);

  const log = async (outcome: Outcome, appointmentAt?: number) => {
    setSaving(true);
    setResult(undefined);
    try {
      const scriptId = preset && preset.party === party ? preset.scriptId : undefined;
      const updated = await onLog({
        party,
        channel,
        outcome,
        barriers,
        note: note.trim() || undefined,
        scriptId,
        appointmentAt,
      });
      setResult({ saved: t('outreachSaved', [outcomeLabel(outcome), followUpLabel(updated)]) });
      setNote('');
      setBarriers([]);
      setScheduling(false);
      setAppointment('');
    } catch (error) {
      setResult({ error: (error as Error).message });
    } finally {
      setSaving(false);
    }
  };

  const appointmentAt = fromLocalInput(appointment);
  return (
    <section class="outreach" aria-labelledby="outreach-heading">
      <h2 id="outreach-heading">{t('qvLogOutreach')}</h2>
      <p class="attempts" data-testid="attempts">
        {last
          ? tCount('outreachAttempts', referral.outreach.length, [
              outcomeLabel(last.outcome),
              formatDateTime(last.at),
            ])
          : t('qvNoOutreach')}
      </p>
      <div class="row pair">
        <label>
          {t('qvParty')}
          <select value={party} onChange={(event) => setParty(event.currentTarget.value as Party)}>
            {OUTREACH_PARTIES.map((option) => (
              <option key={option} value={option}>
                {partyLabel(option)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('qvChannel')}
          <select value={channel} onChange={(event) => setChannel(event.currentTarget.value as Channel)}>
            {OUTREACH_CHANNELS.map((option) => (
              <option key={option} value={option}>
                {channelLabel(option)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <fieldset class="barriers">
        <legend>{t('qvBarriers')}</legend>
        {PATIENT_BARRIERS.map((barrier) => (
          <label key={barrier} class="check">
            <input
              type="checkbox"
              checked={barriers.includes(barrier)}
              onChange={(event) => setBarriers(withBarrier(barriers, barrier, event.currentTarget.checked))}
            />
            {barrierLabel(barrier)}
          </label>
        ))}
      </fieldset>
      <label for="outreach-note">{t('qvNote')}</label>
      <textarea
        id="outreach-note"
        rows={3}
        maxLength={2000}
        value={note}
        onInput={(e) => setNote(e.currentTarget.value)}
      />
      <NoteAlert scan={scan} boundary={boundary} language={language} onEscalate={onEscalate} />
      <fieldset class="outcomes">
        <legend>{t('qvOutcome')}</legend>
        {QUICK_OUTCOMES.map((outcome) =>
          // "Scheduled" only asks for the date; saving it is the write.
          outcome === 'scheduled' ? (
            <button
              key={outcome}
              type="button"
              class="secondary strong"
              disabled={saving}
              aria-expanded={scheduling}
              onClick={() => setScheduling(!scheduling)}
            >
              {outcomeLabel(outcome)}
            </button>
          ) : (
            <ActionButton
              key={outcome}
              class="secondary"
              label={outcomeLabel(outcome)}
              disabled={saving}
              onAction={() => void log(outcome)}
            />
          ),
        )}
      </fieldset>
      {scheduling && (
        <div class="scheduling">
          <label for="appointment-at">{t('qvAppointment')}</label>
          <input
            id="appointment-at"
            type="datetime-local"
            value={appointment}
            onInput={(event) => setAppointment(event.currentTarget.value)}
          />
          <ActionButton
            class="primary"
            label={t('outreachSaveScheduled')}
            disabled={saving || appointmentAt === undefined}
            onAction={() => void log('scheduled', appointmentAt)}
          />
        </div>
      )}
      <div aria-live="polite">{result && 'saved' in result && <p class="saved">{result.saved}</p>}</div>
      {result && 'error' in result && <p role="alert">{t('errorPrefix', result.error)}</p>}
    </section>
  );
}
