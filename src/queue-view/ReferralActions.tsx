import type { JSX } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { Config } from '../config/schema';
import { formatDateTime, t } from '../i18n';
import type { Send } from '../messages';
import {
  OUTREACH_CHANNELS,
  OUTREACH_OUTCOMES,
  OUTREACH_PARTIES,
  type OutreachAttempt,
  PATIENT_BARRIERS,
  type Referral,
  type ReferralStatus,
} from '../referral/referral';
import { REASON_LIST, TRANSITIONS } from '../referral/state-machine';
import { statusLabel } from '../ui/labels';
import { barrierLabel, channelLabel, fromLocalInput, outcomeLabel, partyLabel } from './format';

export type Reasons = Config['reasons'];

export interface ReferralActionsProps {
  referral: Referral;
  /** The configured reason lists; null until they arrive. */
  reasons: Reasons | null;
  send: Send;
  /** A change was saved: `message` says what happened, for the view's status line. */
  onSaved: (message: string) => void;
  /** The background refused or failed: the view fetches the queue again. */
  onRefused: () => void;
  /** `h3` in the table, `h4` under a list item's own heading. */
  headingLevel: 3 | 4;
}

type Mode = 'none' | 'state' | 'outreach';

/** A problem with one field of a form, said next to the field before anything is sent. */
interface Problem {
  field: string;
  message: string;
}

/** The referral's details and what can be done with it: open in the EHR, change state, log outreach. */
export function ReferralActions({
  referral,
  reasons,
  send,
  onSaved,
  onRefused,
  headingLevel,
}: ReferralActionsProps) {
  const id = useId();
  const [mode, setMode] = useState<Mode>('none');
  const [error, setError] = useState<string | null>(null);
  const toggles = { state: useRef<HTMLButtonElement>(null), outreach: useRef<HTMLButtonElement>(null) };
  /** Closes the open form and puts focus back on the button that opened it. */
  const close = () => {
    if (mode !== 'none') toggles[mode].current?.focus();
    setMode('none');
  };
  const Heading = `h${headingLevel}` as 'h3' | 'h4';
  const reasonLabel = (code: string | undefined) => {
    if (!code) return undefined;
    const list = REASON_LIST[referral.status];
    return (list && reasons?.[list].find((reason) => reason.code === code)?.label) ?? code;
  };
  const toggle = (next: Mode) => {
    setError(null);
    setMode(mode === next ? 'none' : next);
  };
  const run = async (request: () => Promise<string>) => {
    setError(null);
    try {
      const message = await request();
      close();
      onSaved(message);
    } catch (failure) {
      setError(t('errorPrefix', (failure as Error).message));
      onRefused();
    }
  };
  const facts: [string, string | undefined][] = [
    [t('fieldOrderNumber'), referral.orderNumber],
    [t('fieldReason'), referral.reason],
    [t('fieldReceivingProvider'), referral.receiving.provider],
    [t('qvStatusReason'), reasonLabel(referral.statusReason)],
    [
      t('qvAppointment'),
      referral.dates.appointmentAt === undefined ? undefined : formatDateTime(referral.dates.appointmentAt),
    ],
    [t('qvTrackedOn'), formatDateTime(referral.createdAt)],
  ];

  return (
    <section class="qv-actions" aria-labelledby={`${id}-title`}>
      <Heading id={`${id}-title`} class="qv-actions-title">
        {t('qvDetailsFor', referral.patient.name)}
      </Heading>
      <dl class="qv-facts">
        {facts
          .filter((fact): fact is [string, string] => fact[1] !== undefined)
          .map(([term, value]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
      <div class="qv-toolbar">
        <a class="qv-button" href={referral.source.pageUrl} target="_blank" rel="noreferrer">
          {t('queueOpenInEhr')}
          <span class="visually-hidden"> {t('qvNewTab')}</span>
        </a>
        <button
          type="button"
          ref={toggles.state}
          class="qv-button"
          aria-expanded={mode === 'state'}
          {...(mode === 'state' && { 'aria-controls': `${id}-state` })}
          onClick={() => toggle('state')}
        >
          {t('qvChangeState')}
        </button>
        <button
          type="button"
          ref={toggles.outreach}
          class="qv-button"
          aria-expanded={mode === 'outreach'}
          {...(mode === 'outreach' && { 'aria-controls': `${id}-outreach` })}
          onClick={() => toggle('outreach')}
        >
          {t('qvLogOutreach')}
        </button>
      </div>
      {error && (
        <p class="qv-error" role="alert">
          {error}
        </p>
      )}
      {mode === 'state' && (
        <ChangeStateForm
          id={`${id}-state`}
          referral={referral}
          reasons={reasons}
          onCancel={close}
          onSubmit={(change) =>
            run(async () => {
              await send({ type: 'change-status', id: referral.id, version: referral.version, ...change });
              return t('qvSavedState', [referral.patient.name, statusLabel(change.to)]);
            })
          }
        />
      )}
      {mode === 'outreach' && (
        <LogOutreachForm
          id={`${id}-outreach`}
          onCancel={close}
          onSubmit={(attempt) =>
            run(async () => {
              await send({ type: 'log-outreach', id: referral.id, version: referral.version, ...attempt });
              return t('qvSavedOutreach', referral.patient.name);
            })
          }
        />
      )}
    </section>
  );
}

/** Focuses the first control of a form when it opens, so a keyboard user lands in it. */
function useFocusFirst() {
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    form.current?.querySelector<HTMLElement>('select, input, textarea')?.focus();
  }, []);
  return form;
}

/** Moves focus to the field a problem is about, once it is rendered. */
function useFocusProblem(form: { current: HTMLFormElement | null }, problem: Problem | null) {
  useEffect(() => {
    if (problem) form.current?.querySelector<HTMLElement>(`[name="${problem.field}"]`)?.focus();
  }, [problem, form]);
}

interface FieldProps {
  formId: string;
  name: string;
  label: string;
  problem: Problem | null;
  children: (attributes: {
    id: string;
    name: string;
    'aria-invalid'?: boolean;
    'aria-describedby'?: string;
  }) => JSX.Element;
}

/** A labelled control; its problem, if any, is tied to it with aria-describedby. */
function Field({ formId, name, label, problem, children }: FieldProps) {
  const controlId = `${formId}-${name}`;
  const mine = problem?.field === name ? problem : null;
  return (
    <div class="qv-form-field">
      <label for={controlId}>{label}</label>
      {children({
        id: controlId,
        name,
        ...(mine && { 'aria-invalid': true, 'aria-describedby': `${controlId}-problem` }),
      })}
      {mine && (
        <p id={`${controlId}-problem`} class="qv-error" role="alert">
          {mine.message}
        </p>
      )}
    </div>
  );
}

interface StatusChangeInput {
  to: ReferralStatus;
  reason?: string;
  note?: string;
  appointmentAt?: number;
}

function ChangeStateForm({
  id,
  referral,
  reasons,
  onSubmit,
  onCancel,
}: {
  id: string;
  referral: Referral;
  reasons: Reasons | null;
  onSubmit: (change: StatusChangeInput) => Promise<void>;
  onCancel: () => void;
}) {
  const form = useFocusFirst();
  const [to, setTo] = useState<ReferralStatus | ''>('');
  const [reason, setReason] = useState('');
  const [appointment, setAppointment] = useState('');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saving, setSaving] = useState(false);
  useFocusProblem(form, problem);
  const next = TRANSITIONS[referral.status];
  const list = to ? REASON_LIST[to] : undefined;

  if (next.length === 0) {
    return (
      <p id={id} class="qv-hint">
        {t('qvFinal')}
      </p>
    );
  }

  const submit = async (event: Event) => {
    event.preventDefault();
    if (saving) return;
    const appointmentAt = fromLocalInput(appointment);
    const found: Problem | null = !to
      ? { field: 'to', message: t('qvStateRequired') }
      : list && !reason
        ? { field: 'reason', message: t('qvReasonRequired', statusLabel(to)) }
        : to === 'scheduled' && appointmentAt === undefined
          ? { field: 'appointment', message: t('qvAppointmentRequired') }
          : null;
    setProblem(found);
    if (found || !to) return;
    setSaving(true);
    await onSubmit({
      to,
      ...(list && { reason }),
      ...(note.trim() && { note: note.trim() }),
      ...(to === 'scheduled' && { appointmentAt }),
    });
    setSaving(false);
  };

  return (
    <form id={id} ref={form} class="qv-form" noValidate onSubmit={submit} aria-labelledby={`${id}-legend`}>
      <p id={`${id}-legend`} class="qv-form-title">
        {t('qvChangeStateFrom', statusLabel(referral.status))}
      </p>
      <Field formId={id} name="to" label={t('qvNewState')} problem={problem}>
        {(attributes) => (
          <select
            {...attributes}
            required
            value={to}
            onChange={(event) => {
              setTo(event.currentTarget.value as ReferralStatus | '');
              setReason('');
              setProblem(null);
            }}
          >
            <option value="">{t('qvChooseState')}</option>
            {next.map((state) => (
              <option key={state} value={state}>
                {statusLabel(state)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {list && (
        <Field formId={id} name="reason" label={t('qvReason')} problem={problem}>
          {(attributes) => (
            <select
              {...attributes}
              required
              value={reason}
              onChange={(event) => {
                setReason(event.currentTarget.value);
                setProblem(null);
              }}
            >
              <option value="">{t('qvChooseReason')}</option>
              {(reasons?.[list] ?? []).map((option) => (
                <option key={option.code} value={option.code}>
                  {option.label}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {to === 'scheduled' && (
        <Field formId={id} name="appointment" label={t('qvAppointment')} problem={problem}>
          {(attributes) => (
            <input
              {...attributes}
              type="datetime-local"
              required
              value={appointment}
              onInput={(event) => setAppointment(event.currentTarget.value)}
            />
          )}
        </Field>
      )}
      <Field formId={id} name="note" label={t('qvNote')} problem={problem}>
        {(attributes) => (
          <textarea
            {...attributes}
            rows={2}
            maxLength={2000}
            value={note}
            onInput={(event) => setNote(event.currentTarget.value)}
          />
        )}
      </Field>
      <div class="qv-form-buttons">
        <button type="submit" class="qv-button qv-primary" aria-disabled={saving}>
          {saving ? t('qvSaving') : t('qvSaveState')}
        </button>
        <button type="button" class="qv-button qv-quiet" onClick={onCancel}>
          {t('qvCancel')}
        </button>
      </div>
    </form>
  );
}

interface OutreachInput {
  party: OutreachAttempt['party'];
  channel: OutreachAttempt['channel'];
  outcome: OutreachAttempt['outcome'];
  barriers: OutreachAttempt['barriers'];
  note?: string;
  appointmentAt?: number;
}

function LogOutreachForm({
  id,
  onSubmit,
  onCancel,
}: {
  id: string;
  onSubmit: (attempt: OutreachInput) => Promise<void>;
  onCancel: () => void;
}) {
  const form = useFocusFirst();
  const [party, setParty] = useState<OutreachInput['party']>('patient');
  const [channel, setChannel] = useState<OutreachInput['channel']>('phone');
  const [outcome, setOutcome] = useState<OutreachInput['outcome'] | ''>('');
  const [barriers, setBarriers] = useState<OutreachInput['barriers']>([]);
  const [appointment, setAppointment] = useState('');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saving, setSaving] = useState(false);
  useFocusProblem(form, problem);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (saving) return;
    const appointmentAt = fromLocalInput(appointment);
    const found: Problem | null = !outcome
      ? { field: 'outcome', message: t('qvOutcomeRequired') }
      : outcome === 'scheduled' && appointmentAt === undefined
        ? { field: 'appointment', message: t('qvAppointmentRequired') }
        : null;
    setProblem(found);
    if (found || !outcome) return;
    setSaving(true);
    await onSubmit({
      party,
      channel,
      outcome,
      barriers,
      ...(note.trim() && { note: note.trim() }),
      ...(outcome === 'scheduled' && { appointmentAt }),
    });
    setSaving(false);
  };

  return (
    <form id={id} ref={form} class="qv-form" noValidate onSubmit={submit} aria-labelledby={`${id}-legend`}>
      <p id={`${id}-legend`} class="qv-form-title">
        {t('qvLogOutreach')}
      </p>
      <div class="qv-form-row">
        <Field formId={id} name="party" label={t('qvParty')} problem={problem}>
          {(attributes) => (
            <select
              {...attributes}
              value={party}
              onChange={(event) => setParty(event.currentTarget.value as OutreachInput['party'])}
            >
              {OUTREACH_PARTIES.map((value) => (
                <option key={value} value={value}>
                  {partyLabel(value)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field formId={id} name="channel" label={t('qvChannel')} problem={problem}>
          {(attributes) => (
            <select
              {...attributes}
              value={channel}
              onChange={(event) => setChannel(event.currentTarget.value as OutreachInput['channel'])}
            >
              {OUTREACH_CHANNELS.map((value) => (
                <option key={value} value={value}>
                  {channelLabel(value)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field formId={id} name="outcome" label={t('qvOutcome')} problem={problem}>
          {(attributes) => (
            <select
              {...attributes}
              required
              value={outcome}
              onChange={(event) => {
                setOutcome(event.currentTarget.value as OutreachInput['outcome'] | '');
                setProblem(null);
              }}
            >
              <option value="">{t('qvChooseOutcome')}</option>
              {OUTREACH_OUTCOMES.map((value) => (
                <option key={value} value={value}>
                  {outcomeLabel(value)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {outcome === 'scheduled' && (
        <Field formId={id} name="appointment" label={t('qvAppointment')} problem={problem}>
          {(attributes) => (
            <input
              {...attributes}
              type="datetime-local"
              required
              value={appointment}
              onInput={(event) => setAppointment(event.currentTarget.value)}
            />
          )}
        </Field>
      )}
      <fieldset class="qv-barriers">
        <legend>{t('qvBarriers')}</legend>
        {PATIENT_BARRIERS.map((barrier) => (
          <label key={barrier} class="qv-check">
            <input
              type="checkbox"
              name="barriers"
              value={barrier}
              checked={barriers.includes(barrier)}
              onChange={(event) => {
                const on = event.currentTarget.checked;
                setBarriers(PATIENT_BARRIERS.filter((b) => (b === barrier ? on : barriers.includes(b))));
              }}
            />
            {barrierLabel(barrier)}
          </label>
        ))}
      </fieldset>
      <Field formId={id} name="note" label={t('qvNote')} problem={problem}>
        {(attributes) => (
          <textarea
            {...attributes}
            rows={2}
            maxLength={2000}
            value={note}
            onInput={(event) => setNote(event.currentTarget.value)}
          />
        )}
      </Field>
      <div class="qv-form-buttons">
        <button type="submit" class="qv-button qv-primary" aria-disabled={saving}>
          {saving ? t('qvSaving') : t('qvSaveOutreach')}
        </button>
        <button type="button" class="qv-button qv-quiet" onClick={onCancel}>
          {t('qvCancel')}
        </button>
      </div>
    </form>
  );
}
