import { useId, useRef, useState } from 'preact/hooks';
import type { Config } from '../config/schema';
import { formatDateTime, t } from '../i18n';
import type { Send } from '../messages';
import {
  OUTREACH_CHANNELS,
  OUTREACH_OUTCOMES,
  OUTREACH_PARTIES,
  PATIENT_BARRIERS,
  type Referral,
  type ReferralStatus,
} from '../referral/referral';
import { OVERRIDE_REASON_MIN, REASON_LIST, TRANSITIONS } from '../referral/state-machine';
import { barrierLabel, channelLabel, outcomeLabel, partyLabel, statusLabel } from '../ui/labels';
import { fromLocalInput, type OutreachEntry, withBarrier } from '../ui/outreach-entry';
import { ActionForm } from './ActionForm';
import { RecordsAndAcknowledgment } from './RecordsAndAcknowledgment';

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

type Mode = 'none' | 'state' | 'outreach' | 'record' | 'acknowledge';

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
  const toggles = {
    state: useRef<HTMLButtonElement>(null),
    outreach: useRef<HTMLButtonElement>(null),
    record: useRef<HTMLButtonElement>(null),
    acknowledge: useRef<HTMLButtonElement>(null),
  };
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
  const toggle = (next: Exclude<Mode, 'none'>) => {
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
        {(
          [
            ['state', t('qvChangeState')],
            ['outreach', t('qvLogOutreach')],
          ] as const
        ).map(([which, label]) => (
          <ToggleButton
            key={which}
            which={which}
            label={label}
            mode={mode}
            id={id}
            refs={toggles}
            onToggle={toggle}
          />
        ))}
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
      <RecordsAndAcknowledgment
        referral={referral}
        headingLevel={(headingLevel + 1) as 4 | 5}
        toolbar={(['record', 'acknowledge'] as const).map((which) => (
          <ToggleButton
            key={which}
            which={which}
            label={which === 'record' ? t('qvRequestRecord') : t('qvRecordAcknowledgment')}
            mode={mode}
            id={id}
            refs={toggles}
            onToggle={toggle}
          />
        ))}
        onRecordEvent={(record, event) =>
          run(async () => {
            await send({
              type: 'track-record',
              id: referral.id,
              version: referral.version,
              record,
              event,
            });
            return t(RECORD_SAVED[event], [referral.patient.name, record.name]);
          })
        }
      />
      {mode === 'record' && (
        <RequestRecordForm
          id={`${id}-record`}
          onCancel={close}
          onSubmit={(record) =>
            run(async () => {
              await send({
                type: 'track-record',
                id: referral.id,
                version: referral.version,
                record,
                event: 'requested',
              });
              return t('qvSavedRecordRequested', [referral.patient.name, record.name]);
            })
          }
        />
      )}
      {mode === 'acknowledge' && (
        <AcknowledgeForm
          id={`${id}-acknowledge`}
          onCancel={close}
          onSubmit={(note) =>
            run(async () => {
              await send({ type: 'acknowledge', id: referral.id, version: referral.version, note });
              return t('qvSavedAcknowledgment', referral.patient.name);
            })
          }
        />
      )}
    </section>
  );
}

const RECORD_SAVED = {
  requested: 'qvSavedRecordRequested',
  received: 'qvSavedRecordReceived',
  sent: 'qvSavedRecordSent',
} as const;

/** A button that opens (and closes) one of the row's forms. */
function ToggleButton({
  which,
  label,
  mode,
  id,
  refs,
  onToggle,
}: {
  which: Exclude<Mode, 'none'>;
  label: string;
  mode: Mode;
  id: string;
  refs: Record<Exclude<Mode, 'none'>, { current: HTMLButtonElement | null }>;
  onToggle: (which: Exclude<Mode, 'none'>) => void;
}) {
  return (
    <button
      type="button"
      ref={refs[which]}
      class="qv-button"
      aria-expanded={mode === which}
      {...(mode === which && { 'aria-controls': `${id}-${which}` })}
      onClick={() => onToggle(which)}
    >
      {label}
    </button>
  );
}

interface StatusChangeInput {
  to: ReferralStatus;
  reason?: string;
  note?: string;
  appointmentAt?: number;
  packetOverride?: string;
}

/** A note box, the same in every form. */
const noteControl = (note: string, setNote: (note: string) => void) => (attributes: object) => (
  <textarea
    {...attributes}
    rows={2}
    maxLength={2000}
    value={note}
    onInput={(event) => setNote(event.currentTarget.value)}
  />
);

/** A date and time box for the appointment booked. */
const appointmentControl = (appointment: string, setAppointment: (value: string) => void) =>
  inputControl('datetime-local', appointment, setAppointment, true);

/** A one-line box: text of up to 200 characters, or a date and time. */
function inputControl(
  type: 'text' | 'datetime-local',
  value: string,
  setValue: (value: string) => void,
  required = false,
) {
  return (attributes: object) => (
    <input
      {...attributes}
      type={type}
      required={required}
      {...(type === 'text' && { maxLength: 200 })}
      value={value}
      onInput={(event) => setValue(event.currentTarget.value)}
    />
  );
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
  const [to, setTo] = useState<ReferralStatus | ''>('');
  const [reason, setReason] = useState('');
  const [appointment, setAppointment] = useState('');
  const [note, setNote] = useState('');
  const [override, setOverride] = useState('');
  const next = TRANSITIONS[referral.status];
  const list = to ? REASON_LIST[to] : undefined;
  // Sending a packet the panel found incomplete takes a stated reason, as it does in the panel.
  const gaps = to === 'sent' ? (referral.packet?.missingRequired ?? []) : [];

  if (next.length === 0) {
    return (
      <p id={id} class="qv-hint">
        {t('qvFinal')}
      </p>
    );
  }

  const appointmentAt = fromLocalInput(appointment);
  return (
    <ActionForm
      id={id}
      title={t('qvChangeStateFrom', statusLabel(referral.status))}
      submitLabel={t('qvSaveState')}
      onCancel={onCancel}
      check={() =>
        !to
          ? { field: 'to', message: t('qvStateRequired') }
          : list && !reason
            ? { field: 'reason', message: t('qvReasonRequired', statusLabel(to)) }
            : to === 'scheduled' && appointmentAt === undefined
              ? { field: 'appointment', message: t('qvAppointmentRequired') }
              : gaps.length > 0 && override.trim().length < OVERRIDE_REASON_MIN
                ? {
                    field: 'override',
                    message: t('packetSendBlocked', gaps.map((gap) => gap.label).join('; ')),
                  }
                : null
      }
      submit={() =>
        onSubmit({
          to: to as ReferralStatus,
          ...(list && { reason }),
          ...(note.trim() && { note: note.trim() }),
          ...(to === 'scheduled' && { appointmentAt }),
          ...(gaps.length > 0 && { packetOverride: override.trim() }),
        })
      }
    >
      {({ field, clearProblem }) => (
        <>
          {field(
            'to',
            t('qvNewState'),
            codeSelect(
              next,
              to,
              statusLabel,
              (state) => {
                setTo(state);
                setReason('');
                clearProblem();
              },
              t('qvChooseState'),
            ),
          )}
          {list &&
            field(
              'reason',
              t('qvReason'),
              codeSelect(
                (reasons?.[list] ?? []).map((option) => option.code),
                reason,
                (code) => reasons?.[list].find((option) => option.code === code)?.label ?? code,
                (code) => {
                  setReason(code);
                  clearProblem();
                },
                t('qvChooseReason'),
              ),
            )}
          {to === 'scheduled' &&
            field('appointment', t('qvAppointment'), appointmentControl(appointment, setAppointment))}
          {gaps.length > 0 &&
            field('override', t('packetOverrideReason'), inputControl('text', override, setOverride, true))}
          {field('note', t('qvNote'), noteControl(note, setNote))}
        </>
      )}
    </ActionForm>
  );
}

/** A queue view logs an attempt without a script. */
type OutreachInput = Omit<OutreachEntry, 'scriptId'>;

/**
 * A select over a list of codes, each shown by its label. With `choose`, it starts empty on that
 * prompt and is required.
 */
function codeSelect<T extends string>(
  values: readonly T[],
  value: T | '',
  label: (code: T) => string,
  onChange: (code: T) => void,
  choose?: string,
) {
  return (attributes: object) => (
    <select
      {...attributes}
      required={choose !== undefined}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value as T)}
    >
      {choose !== undefined && <option value="">{choose}</option>}
      {values.map((code) => (
        <option key={code} value={code}>
          {label(code)}
        </option>
      ))}
    </select>
  );
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
  const [party, setParty] = useState<OutreachInput['party']>('patient');
  const [channel, setChannel] = useState<OutreachInput['channel']>('phone');
  const [outcome, setOutcome] = useState<OutreachInput['outcome'] | ''>('');
  const [barriers, setBarriers] = useState<OutreachInput['barriers']>([]);
  const [appointment, setAppointment] = useState('');
  const [note, setNote] = useState('');
  const appointmentAt = fromLocalInput(appointment);

  return (
    <ActionForm
      id={id}
      title={t('qvLogOutreach')}
      submitLabel={t('qvSaveOutreach')}
      onCancel={onCancel}
      check={() =>
        !outcome
          ? { field: 'outcome', message: t('qvOutcomeRequired') }
          : outcome === 'scheduled' && appointmentAt === undefined
            ? { field: 'appointment', message: t('qvAppointmentRequired') }
            : null
      }
      submit={() =>
        onSubmit({
          party,
          channel,
          outcome: outcome as OutreachInput['outcome'],
          barriers,
          ...(note.trim() && { note: note.trim() }),
          ...(outcome === 'scheduled' && { appointmentAt }),
        })
      }
    >
      {({ field, clearProblem }) => (
        <>
          <div class="qv-form-row">
            {field('party', t('qvParty'), codeSelect(OUTREACH_PARTIES, party, partyLabel, setParty))}
            {field(
              'channel',
              t('qvChannel'),
              codeSelect(OUTREACH_CHANNELS, channel, channelLabel, setChannel),
            )}
            {field(
              'outcome',
              t('qvOutcome'),
              codeSelect(
                OUTREACH_OUTCOMES,
                outcome,
                outcomeLabel,
                (code) => {
                  setOutcome(code);
                  clearProblem();
                },
                t('qvChooseOutcome'),
              ),
            )}
          </div>
          {outcome === 'scheduled' &&
            field('appointment', t('qvAppointment'), appointmentControl(appointment, setAppointment))}
          <fieldset class="qv-barriers">
            <legend>{t('qvBarriers')}</legend>
            {PATIENT_BARRIERS.map((barrier) => (
              <label key={barrier} class="qv-check">
                <input
                  type="checkbox"
                  name="barriers"
                  value={barrier}
                  checked={barriers.includes(barrier)}
                  onChange={(event) =>
                    setBarriers(withBarrier(barriers, barrier, event.currentTarget.checked))
                  }
                />
                {barrierLabel(barrier)}
              </label>
            ))}
          </fieldset>
          {field('note', t('qvNote'), noteControl(note, setNote))}
        </>
      )}
    </ActionForm>
  );
}

function RequestRecordForm({
  id,
  onSubmit,
  onCancel,
}: {
  id: string;
  onSubmit: (record: { name: string; requestedFrom?: string }) => Promise<void>;
  onCancel: () => void;
}) {
  const [name, setName] = useState('');
  const [from, setFrom] = useState('');
  return (
    <ActionForm
      id={id}
      title={t('qvRequestRecord')}
      submitLabel={t('qvSaveRecord')}
      onCancel={onCancel}
      check={() => (name.trim() ? null : { field: 'record-name', message: t('qvRecordNameRequired') })}
      submit={() => onSubmit({ name: name.trim(), ...(from.trim() && { requestedFrom: from.trim() }) })}
    >
      {({ field }) => (
        <div class="qv-form-row">
          {field('record-name', t('qvRecordName'), inputControl('text', name, setName, true))}
          {field('record-from', t('qvRecordFrom'), inputControl('text', from, setFrom))}
        </div>
      )}
    </ActionForm>
  );
}

function AcknowledgeForm({
  id,
  onSubmit,
  onCancel,
}: {
  id: string;
  onSubmit: (note: string | undefined) => Promise<void>;
  onCancel: () => void;
}) {
  const [note, setNote] = useState('');
  return (
    <ActionForm
      id={id}
      title={t('qvRecordAcknowledgment')}
      submitLabel={t('qvSaveAcknowledgment')}
      onCancel={onCancel}
      check={() => null}
      submit={() => onSubmit(note.trim() || undefined)}
    >
      {({ field }) => field('ack-note', t('qvAcknowledgmentNote'), noteControl(note, setNote))}
    </ActionForm>
  );
}
