import type { Config } from '../config/schema';
import type { Escalation, OutreachAttempt, PacketGap, RecordItem, Referral } from './referral';
import { applyStatusChange, type StatusChange, TransitionRefused } from './state-machine';

/**
 * The changes a coordinator makes to a referral, as pure functions of the current copy. Each
 * appends to the history; the queue stores the result in one transaction.
 */

/** Any change by a person clears a callback time agreed earlier: it has been acted on. */
const acted = (referral: Referral): Referral => ({ ...referral, callbackAt: undefined });

export function changeStatus(change: StatusChange, config: Config) {
  return (referral: Referral): Referral => applyStatusChange(acted(referral), change, config);
}

/**
 * Logs an outreach attempt; reaching the patient sets when they were first contacted, and an
 * outcome that moves the referral (scheduled) comes with its status change, applied together.
 */
export function logOutreach(attempt: OutreachAttempt, config: Config, then?: StatusChange) {
  return (referral: Referral): Referral => {
    const dates = { ...referral.dates };
    dates.firstOutreachAt ??= attempt.at;
    const reachedPatient =
      attempt.party === 'patient' && (attempt.outcome === 'reached' || attempt.outcome === 'scheduled');
    if (reachedPatient) dates.patientContactedAt ??= attempt.at;
    const logged: Referral = {
      ...acted(referral),
      dates,
      outreach: [...referral.outreach, attempt],
      history: [
        ...referral.history,
        {
          at: attempt.at,
          by: attempt.by,
          kind: 'outreach',
          note: `${attempt.channel} to ${attempt.party}: ${attempt.outcome}`,
        },
      ],
    };
    if (!then) return logged;
    // Booking again while already scheduled is a reschedule: a new date, the same state.
    if (then.to === 'scheduled' && logged.status === 'scheduled') {
      return { ...logged, dates: { ...logged.dates, appointmentAt: then.appointmentAt } };
    }
    return applyStatusChange(logged, then, config);
  };
}

export function snooze(until: number, at: number, by: string) {
  return (referral: Referral): Referral => ({
    ...referral,
    snoozedUntil: until,
    history: [...referral.history, { at, by, kind: 'snooze', note: new Date(until).toISOString() }],
  });
}

/** Starts the history note of an agreed call back; the time follows, as for a snooze. */
export const CALLBACK_NOTE = 'callback ';

export function callBackAt(callbackAt: number, at: number, by: string) {
  return (referral: Referral): Referral => ({
    ...referral,
    callbackAt,
    history: [
      ...referral.history,
      { at, by, kind: 'snooze', note: `${CALLBACK_NOTE}${new Date(callbackAt).toISOString()}` },
    ],
  });
}

/** The receiving office confirmed it has the referral and said what happens next. */
export function acknowledge(at: number, by: string, note?: string) {
  return (referral: Referral): Referral => ({
    ...acted(referral),
    dates: { ...referral.dates, acknowledgedAt: referral.dates.acknowledgedAt ?? at },
    acknowledgmentNote: note ?? referral.acknowledgmentNote,
    history: [...referral.history, { at, by, kind: 'acknowledgment', ...(note && { note }) }],
  });
}

export type RecordEvent = 'requested' | 'received' | 'sent';

/** Adds a record the receiving office needs, or moves one along (requested, received, sent). */
export function trackRecord(
  record: Pick<RecordItem, 'id' | 'name' | 'requestedFrom'>,
  event: RecordEvent,
  at: number,
  by: string,
) {
  return (referral: Referral): Referral => {
    const existing = referral.records.find((item) => item.id === record.id);
    const stamp = { requested: 'requestedAt', received: 'receivedAt', sent: 'sentAt' } as const;
    const updated: RecordItem = { ...(existing ?? record), [stamp[event]]: at };
    const records = existing
      ? referral.records.map((item) => (item.id === record.id ? updated : item))
      : [...referral.records, updated];
    const dates =
      event === 'sent'
        ? { ...referral.dates, recordsSentAt: referral.dates.recordsSentAt ?? at }
        : referral.dates;
    return {
      ...acted(referral),
      records,
      dates,
      history: [...referral.history, { at, by, kind: 'records', note: `${updated.name}: ${event}` }],
    };
  };
}

/**
 * The packet as the panel last checked it. The first check is kept apart: what was missing when
 * the referral was first looked at is the missing-information metric, whatever was fixed later.
 */
export function recordPacket(
  check: { missingRequired: PacketGap[]; confirmed: string[] },
  at: number,
  by: string,
) {
  return (referral: Referral): Referral => {
    const before = referral.packet;
    const ticked = check.confirmed.filter((id) => !before?.confirmed.includes(id));
    const unticked = before?.confirmed.filter((id) => !check.confirmed.includes(id)) ?? [];
    const changes = [
      ...ticked.map((id) => `${id}: confirmed`),
      ...unticked.map((id) => `${id}: unconfirmed`),
    ];
    return {
      ...referral,
      packet: {
        ...before,
        checkedAt: at,
        missingRequired: check.missingRequired,
        confirmed: check.confirmed,
        firstCheckedAt: before?.firstCheckedAt ?? at,
        firstMissing: before?.firstMissing ?? check.missingRequired.map((gap) => gap.id),
      },
      // Automatic re-checks are not news; a coordinator ticking an item is.
      history: changes.length
        ? [...referral.history, { at, by, kind: 'packet', note: changes.join(', ') }]
        : referral.history,
    };
  };
}

/** A clinical question routed to the configured clinical contact. */
export function escalate(escalation: Escalation) {
  return (referral: Referral): Referral => ({
    ...acted(referral),
    escalations: [...(referral.escalations ?? []), escalation],
    history: [
      ...referral.history,
      {
        at: escalation.at,
        by: escalation.by,
        kind: 'escalation',
        note: `${escalation.redFlag ? 'red flag' : escalation.trigger} → ${escalation.contact.name}`,
      },
    ],
  });
}

/**
 * Marks the escalation raised at `raisedAt` resolved: licensed staff have it. Until then it stays
 * open, flagged in the queue, whatever else happens to the referral.
 */
export function resolveEscalation(raisedAt: number, at: number, by: string, note?: string) {
  return (referral: Referral): Referral => {
    const escalations = referral.escalations ?? [];
    const index = escalations.findIndex((item) => item.at === raisedAt && item.resolved === undefined);
    const open = escalations[index];
    if (!open) throw new TransitionRefused({ code: 'escalation-not-open', raisedAt });
    const resolved = { ...open, resolved: { at, by, ...(note && { note }) } };
    return {
      ...acted(referral),
      escalations: escalations.map((item, i) => (i === index ? resolved : item)),
      history: [
        ...referral.history,
        {
          at,
          by,
          kind: 'escalation',
          note: [`resolved → ${open.contact.name}`, note].filter(Boolean).join(': '),
        },
      ],
    };
  };
}
