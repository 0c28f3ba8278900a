import { useState } from 'preact/hooks';
import type { Config } from '../config/schema';
import { formatDateTime, t } from '../i18n';
import { atWorkingHours, snoozeUntil } from '../referral/order-date';
import { personLabel } from '../referral/ownership';
import {
  OUTREACH_CHANNELS,
  OUTREACH_OUTCOMES,
  OUTREACH_PARTIES,
  PATIENT_BARRIERS,
  type Person,
  type Referral,
  type ReferralStatus,
} from '../referral/referral';
import { OVERRIDE_REASON_MIN, REASON_LIST, TRANSITIONS } from '../referral/state-machine';
import { barrierLabel, channelLabel, outcomeLabel, partyLabel, statusLabel } from '../ui/labels';
import { fromLocalInput, type OutreachEntry, withBarrier } from '../ui/outreach-entry';
import { ActionForm } from './ActionForm';

/**
 * The forms a queue view opens on a referral: change its state, log outreach, track a record,
 * confirm the receiving office's acknowledgment. Each checks what it can before it is sent.
 */

export type Reasons = Config['reasons'];

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

export function ChangeStateForm({
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

export function LogOutreachForm({
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

export function RequestRecordForm({
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

export function AcknowledgeForm({
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

/** Put off with a snooze, or at the time the patient asked to be called back. */
export type FollowUpLater = { type: 'snooze'; until: number } | { type: 'call-back-at'; at: number };

const LATER_LABELS = {
  tomorrow: 'qvLaterTomorrow',
  'in-3-days': 'qvLaterIn3Days',
  'next-week': 'qvLaterNextWeek',
  callback: 'qvLaterCallback',
} as const;
type LaterChoice = keyof typeof LATER_LABELS;

/**
 * Sets the next follow-up: not before tomorrow, three days or a week from now, or at the time the
 * patient asked to be called back. Either lands inside the organisation's working hours, and the
 * form says when before it is saved.
 */
export function FollowUpLaterForm({
  id,
  calendar,
  onSubmit,
  onCancel,
}: {
  id: string;
  calendar: Config['calendar'];
  onSubmit: (later: FollowUpLater) => Promise<void>;
  onCancel: () => void;
}) {
  const [choice, setChoice] = useState<LaterChoice>('tomorrow');
  const [callback, setCallback] = useState('');
  const asked = fromLocalInput(callback);
  const now = Date.now();
  const lands =
    choice !== 'callback'
      ? snoozeUntil(choice, now, calendar)
      : asked !== undefined && asked > now
        ? atWorkingHours(asked, calendar)
        : undefined;
  return (
    <ActionForm
      id={id}
      title={t('qvFollowUpLater')}
      submitLabel={t('qvSaveLater')}
      onCancel={onCancel}
      check={() =>
        choice !== 'callback'
          ? null
          : asked === undefined
            ? { field: 'callback', message: t('qvCallbackRequired') }
            : asked <= Date.now()
              ? { field: 'callback', message: t('qvCallbackPast') }
              : null
      }
      submit={() =>
        onSubmit(
          choice === 'callback'
            ? { type: 'call-back-at', at: lands ?? 0 }
            : { type: 'snooze', until: lands ?? 0 },
        )
      }
    >
      {({ field, clearProblem }) => (
        <>
          <div class="qv-form-row">
            {field(
              'when',
              t('qvLaterWhen'),
              codeSelect(
                Object.keys(LATER_LABELS) as LaterChoice[],
                choice,
                (code) => t(LATER_LABELS[code]),
                (code) => {
                  setChoice(code);
                  clearProblem();
                },
              ),
            )}
            {choice === 'callback' &&
              field(
                'callback',
                t('qvCallbackAt'),
                inputControl('datetime-local', callback, setCallback, true),
              )}
          </div>
          {lands !== undefined && (
            <p class="qv-hint" aria-live="polite">
              {t('qvLaterLandsAt', formatDateTime(lands))}
            </p>
          )}
        </>
      )}
    </ActionForm>
  );
}

/** Whom a referral goes to: a colleague of the team's queue, or back to the team (unassigned). */
export type HandOffTarget = Person | 'team';

/**
 * Hands the referral on: to a colleague seen on the team's queue, with the note they read first,
 * or back to the team for anyone to claim.
 */
export function HandOffForm({
  id,
  colleagues,
  onSubmit,
  onCancel,
}: {
  id: string;
  colleagues: readonly Person[];
  onSubmit: (to: HandOffTarget, note: string | undefined) => Promise<void>;
  onCancel: () => void;
}) {
  const [choice, setChoice] = useState('');
  const [note, setNote] = useState('');
  const codes = [...colleagues.map((_, index) => String(index)), 'team'];
  const target = (code: string): HandOffTarget => colleagues[Number(code)] ?? 'team';
  return (
    <ActionForm
      id={id}
      title={t('qvHandOff')}
      submitLabel={t('qvSaveHandOff')}
      onCancel={onCancel}
      check={() => (choice === '' ? { field: 'to', message: t('qvHandOffToRequired') } : null)}
      submit={() => onSubmit(target(choice), note.trim() || undefined)}
    >
      {({ field, clearProblem }) => (
        <>
          {field(
            'to',
            t('qvHandOffTo'),
            codeSelect(
              codes,
              choice,
              (code) => {
                const to = target(code);
                return to === 'team' ? t('qvHandOffToTeam') : personLabel(to);
              },
              (code) => {
                setChoice(code);
                clearProblem();
              },
              t('qvHandOffChoose'),
            ),
          )}
          {field('handoff-note', t('qvHandOffNote'), noteControl(note, setNote))}
        </>
      )}
    </ActionForm>
  );
}
