import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/schema';
import { nextFollowUpAt } from '../../src/referral/follow-up';
import {
  acknowledge,
  callBackAt,
  changeStatus,
  escalate,
  logOutreach,
  recordPacket,
  snooze,
  trackRecord,
} from '../../src/referral/operations';
import { REFERRAL_STATUSES, type Referral } from '../../src/referral/referral';
import { applyStatusChange, TRANSITIONS, TransitionRefused } from '../../src/referral/state-machine';
import { draft } from './fixtures';
import { refusalOf } from './refusals';

// Tuesday 24 November 2026, 10:00 local time.
const TUESDAY = new Date('2026-11-24T10:00:00').getTime();
const HOUR = 3_600_000;
const day = (at: number | undefined) => (at === undefined ? undefined : new Date(at).toDateString());
const on = (iso: string) => new Date(`${iso}T10:00:00`).toDateString();

function referral(overrides: Partial<Referral> = {}): Referral {
  return {
    ...draft(),
    id: 'r1',
    dedupeKey: 'k',
    status: 'new',
    createdAt: TUESDAY,
    updatedAt: TUESDAY,
    version: 1,
    dates: {},
    outreach: [],
    records: [],
    history: [{ at: TUESDAY, by: 'JD', kind: 'created', to: 'new' }],
    ...overrides,
  };
}

const attempt = (at: number, outcome: 'no-answer' | 'reached' | 'scheduled' = 'no-answer') => ({
  id: `a${at}`,
  at,
  by: 'JD',
  party: 'patient' as const,
  channel: 'phone' as const,
  outcome,
  barriers: [],
});

describe('state machine', () => {
  it('walks a referral from new to closed-completed, recording every step', () => {
    let current = referral();
    const steps = [
      { to: 'waiting-on-info', reason: 'missing-insurance' },
      { to: 'ready-to-send' },
      { to: 'sent' },
      { to: 'needs-patient-action' },
      { to: 'scheduled', appointmentAt: TUESDAY + 7 * 24 * HOUR },
      { to: 'no-show' },
      { to: 'scheduled', appointmentAt: TUESDAY + 14 * 24 * HOUR },
      { to: 'closed-completed' },
    ] as const;
    steps.forEach((step, index) => {
      current = applyStatusChange(current, { ...step, at: TUESDAY + index * HOUR, by: 'JD' }, DEFAULT_CONFIG);
      // Open, it has no closing date (the export's closed_at column stays empty).
      if (step.to !== 'closed-completed') expect(current.dates.closedAt).toBeUndefined();
    });
    expect(current.status).toBe('closed-completed');
    expect(current.history.map((entry) => [entry.from, entry.to])).toEqual([
      [undefined, 'new'],
      ['new', 'waiting-on-info'],
      ['waiting-on-info', 'ready-to-send'],
      ['ready-to-send', 'sent'],
      ['sent', 'needs-patient-action'],
      ['needs-patient-action', 'scheduled'],
      ['scheduled', 'no-show'],
      ['no-show', 'scheduled'],
      ['scheduled', 'closed-completed'],
    ]);
    expect(current.history[1]).toMatchObject({ by: 'JD', reason: 'missing-insurance' });
    expect(current.dates).toEqual({
      recordsSentAt: TUESDAY + 2 * HOUR,
      scheduledAt: TUESDAY + 4 * HOUR,
      appointmentAt: TUESDAY + 14 * 24 * HOUR,
      reportReceivedAt: TUESDAY + 7 * HOUR,
      closedAt: TUESDAY + 7 * HOUR,
    });
  });

  it('refuses a transition the machine does not allow, saying where it can go', () => {
    expect(
      refusalOf(() =>
        applyStatusChange(referral({ status: 'sent' }), { to: 'new', at: 1, by: 'JD' }, DEFAULT_CONFIG),
      ),
    ).toBe(
      'A referral that is Sent cannot move to New. It can move to: Declined, Needs patient action, Scheduled, Waiting on info, Closed: not completed.',
    );
    expect(
      refusalOf(() =>
        applyStatusChange(
          referral({ status: 'closed-completed' }),
          { to: 'scheduled', at: 1, by: 'JD' },
          DEFAULT_CONFIG,
        ),
      ),
    ).toContain('It is final.');
  });

  it.each([
    ['waiting-on-info', 'delay'],
    ['closed-not-completed', 'close'],
  ] as const)('requires a configured %s reason', (to, list) => {
    expect(refusalOf(() => applyStatusChange(referral(), { to, at: 1, by: 'JD' }, DEFAULT_CONFIG))).toContain(
      `needs a ${list} reason`,
    );
    expect(
      refusalOf(() =>
        applyStatusChange(referral(), { to, at: 1, by: 'JD', reason: 'made-up' }, DEFAULT_CONFIG),
      ),
    ).toContain(`"made-up" is not one of the configured ${list} reasons.`);
  });

  it('requires a decline reason and the appointment date for scheduling', () => {
    const sent = referral({ status: 'sent' });
    expect(
      refusalOf(() => applyStatusChange(sent, { to: 'declined', at: 1, by: 'JD' }, DEFAULT_CONFIG)),
    ).toContain('decline reason');
    expect(
      refusalOf(() => applyStatusChange(sent, { to: 'scheduled', at: 1, by: 'JD' }, DEFAULT_CONFIG)),
    ).toBe('Moving to Scheduled needs the appointment date.');
  });

  it('keeps the reason only while the state needs it, and lets a closed-not-completed referral reopen', () => {
    const closed = applyStatusChange(
      referral(),
      { to: 'closed-not-completed', reason: 'duplicate', at: 1, by: 'JD' },
      DEFAULT_CONFIG,
    );
    expect(closed.statusReason).toBe('duplicate');
    // Closed, completed or not: the export's closed_at and the retention clock start here.
    expect(closed.dates.closedAt).toBe(1);
    const reopened = applyStatusChange(closed, { to: 'new', at: 2, by: 'JD' }, DEFAULT_CONFIG);
    expect(reopened.statusReason).toBeUndefined();
    expect(reopened.dates.closedAt).toBeUndefined();
  });

  it('defines every state, and no state moves to itself', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...REFERRAL_STATUSES].sort());
    for (const [from, next] of Object.entries(TRANSITIONS)) expect(next).not.toContain(from);
  });
});

describe('follow-up dates', () => {
  it('follow the service level, then the outreach cadence (day 0, 2, 5 …)', () => {
    const fresh = referral({ priority: 'urgent' });
    expect(day(nextFollowUpAt(fresh, DEFAULT_CONFIG))).toBe(on('2026-11-26'));
    const once = logOutreach(attempt(TUESDAY), DEFAULT_CONFIG)(fresh);
    expect(day(nextFollowUpAt(once, DEFAULT_CONFIG))).toBe(on('2026-11-26'));
    const twice = logOutreach(attempt(TUESDAY + 2 * 24 * HOUR), DEFAULT_CONFIG)(once);
    expect(day(nextFollowUpAt(twice, DEFAULT_CONFIG))).toBe(on('2026-12-01'));
  });

  it('come due when a sent referral is not acknowledged, and move on once it is', () => {
    const sent = applyStatusChange(referral(), { to: 'sent', at: TUESDAY, by: 'JD' }, DEFAULT_CONFIG);
    expect(day(nextFollowUpAt(sent, DEFAULT_CONFIG))).toBe(on('2026-11-26'));
    const acknowledged = acknowledge(TUESDAY + HOUR, 'JD', 'Will call the patient')(sent);
    expect(acknowledged.dates.acknowledgedAt).toBe(TUESDAY + HOUR);
    expect(nextFollowUpAt(acknowledged, DEFAULT_CONFIG)).not.toBe(nextFollowUpAt(sent, DEFAULT_CONFIG));
  });

  it('come due the business day after the appointment, and never once closed', () => {
    const friday = new Date('2026-12-04T09:00:00').getTime();
    const scheduled = applyStatusChange(
      referral(),
      { to: 'scheduled', at: TUESDAY, by: 'JD', appointmentAt: friday },
      DEFAULT_CONFIG,
    );
    expect(day(nextFollowUpAt(scheduled, DEFAULT_CONFIG))).toBe(on('2026-12-07'));
    const closed = applyStatusChange(
      scheduled,
      { to: 'closed-completed', at: friday, by: 'JD' },
      DEFAULT_CONFIG,
    );
    expect(nextFollowUpAt(closed, DEFAULT_CONFIG)).toBeUndefined();
  });

  it('are pushed later by a snooze, never earlier, and set by an agreed callback until the next change', () => {
    const fresh = referral();
    const due = nextFollowUpAt(fresh, DEFAULT_CONFIG) ?? 0;
    expect(nextFollowUpAt(snooze(due + HOUR, TUESDAY, 'JD')(fresh), DEFAULT_CONFIG)).toBe(due + HOUR);
    expect(nextFollowUpAt(snooze(TUESDAY, TUESDAY, 'JD')(fresh), DEFAULT_CONFIG)).toBe(due);
    const callback = callBackAt(TUESDAY + HOUR, TUESDAY, 'JD')(fresh);
    expect(nextFollowUpAt(callback, DEFAULT_CONFIG)).toBe(TUESDAY + HOUR);
    const acted = changeStatus(
      { to: 'ready-to-send', at: TUESDAY + 2 * HOUR, by: 'JD' },
      DEFAULT_CONFIG,
    )(callback);
    expect(acted.callbackAt).toBeUndefined();
  });
});

describe('follow-up dates, rule by rule', () => {
  const WEDNESDAY = TUESDAY + 24 * HOUR;
  const office = (at: number) => ({ ...attempt(at), party: 'receiving-office' as const });
  const send = (r: Referral) => applyStatusChange(r, { to: 'sent', at: TUESDAY, by: 'JD' }, DEFAULT_CONFIG);

  it('start from the service level of the referral’s priority', () => {
    // STAT: the same business day as the order (the fixture's order date is the tracking day).
    expect(day(nextFollowUpAt(referral({ priority: 'stat' }), DEFAULT_CONFIG))).toBe(on('2026-11-24'));
    expect(day(nextFollowUpAt(referral({ priority: 'routine' }), DEFAULT_CONFIG))).toBe(on('2026-11-27'));
  });

  it('of a sent referral follow a chase of the receiving office made after sending', () => {
    const chased = logOutreach(office(WEDNESDAY), DEFAULT_CONFIG)(send(referral()));
    // Acknowledgment was due Thursday; the chase on Wednesday sets the next try two business days on.
    expect(day(nextFollowUpAt(chased, DEFAULT_CONFIG))).toBe(on('2026-11-27'));
    const calledBefore = send(logOutreach(office(TUESDAY - 24 * HOUR), DEFAULT_CONFIG)(referral()));
    expect(day(nextFollowUpAt(calledBefore, DEFAULT_CONFIG))).toBe(on('2026-11-26'));
  });

  it('of a sent referral count from its last change when no sending date was kept', () => {
    const sent = { ...referral({ status: 'sent' as const }), updatedAt: WEDNESDAY };
    expect(day(nextFollowUpAt(sent, DEFAULT_CONFIG))).toBe(on('2026-11-27'));
  });

  it('of an acknowledged referral fall back to the service level from tracking', () => {
    const acknowledged = acknowledge(WEDNESDAY, 'JD')(send(referral()));
    expect(day(nextFollowUpAt(acknowledged, DEFAULT_CONFIG))).toBe(on('2026-11-27'));
  });

  it('of a no-show are due at once, not the day after the missed visit', () => {
    const friday = new Date('2026-12-04T09:00:00').getTime();
    const scheduled = applyStatusChange(
      referral(),
      { to: 'scheduled', at: TUESDAY, by: 'JD', appointmentAt: friday },
      DEFAULT_CONFIG,
    );
    const missed = applyStatusChange(
      scheduled,
      { to: 'no-show', at: friday + 3 * HOUR, by: 'JD' },
      DEFAULT_CONFIG,
    );
    expect(nextFollowUpAt(missed, DEFAULT_CONFIG) ?? Number.POSITIVE_INFINITY).toBeLessThanOrEqual(
      friday + 3 * HOUR,
    );
  });

  it('keep the last step of the outreach cadence once the tries outnumber it', () => {
    const tries = [0, 1, 2, 3].reduce((r) => logOutreach(attempt(TUESDAY), DEFAULT_CONFIG)(r), referral());
    // Cadence 2, 3, 5: the fourth try, like the third, waits five business days.
    expect(day(nextFollowUpAt(tries, DEFAULT_CONFIG))).toBe(on('2026-12-01'));
  });
});

describe('operations', () => {
  it('date the first outreach and the first time the patient was reached, once each', () => {
    const office = { ...attempt(TUESDAY, 'reached'), party: 'receiving-office' as const };
    const calledOffice = logOutreach(office, DEFAULT_CONFIG)(referral());
    expect(calledOffice.dates).toEqual({ firstOutreachAt: TUESDAY });
    const noAnswer = logOutreach(attempt(TUESDAY + HOUR), DEFAULT_CONFIG)(calledOffice);
    expect(noAnswer.dates.patientContactedAt).toBeUndefined();
    const reached = logOutreach(attempt(TUESDAY + 2 * HOUR, 'reached'), DEFAULT_CONFIG)(noAnswer);
    const again = logOutreach(attempt(TUESDAY + 3 * HOUR, 'reached'), DEFAULT_CONFIG)(reached);
    expect(again.dates).toEqual({ firstOutreachAt: TUESDAY, patientContactedAt: TUESDAY + 2 * HOUR });
    expect(again.history.at(-1)?.note).toBe('phone to patient: reached');
  });

  it('keep the first acknowledgment date and its note when the office confirms again', () => {
    const first = acknowledge(TUESDAY, 'JD', 'Will call the patient')(referral());
    const second = acknowledge(TUESDAY + HOUR, 'AB')(first);
    expect(second.dates.acknowledgedAt).toBe(TUESDAY);
    expect(second.acknowledgmentNote).toBe('Will call the patient');
    expect(second.history.slice(-2)).toEqual([
      { at: TUESDAY, by: 'JD', kind: 'acknowledgment', note: 'Will call the patient' },
      { at: TUESDAY + HOUR, by: 'AB', kind: 'acknowledgment' },
    ]);
  });

  it('keep each record apart and date the first sending of any', () => {
    const ecg = { id: 'rec1', name: 'ECG' };
    const note = { id: 'rec2', name: 'Office note' };
    const both = trackRecord(
      note,
      'sent',
      TUESDAY + HOUR,
      'JD',
    )(trackRecord(ecg, 'sent', TUESDAY, 'JD')(referral()));
    expect(both.records).toEqual([
      { ...ecg, sentAt: TUESDAY },
      { ...note, sentAt: TUESDAY + HOUR },
    ]);
    expect(both.dates.recordsSentAt).toBe(TUESDAY);
    expect(both.history.at(-1)).toEqual({
      at: TUESDAY + HOUR,
      by: 'JD',
      kind: 'records',
      note: 'Office note: sent',
    });
    expect(trackRecord(ecg, 'received', TUESDAY, 'JD')(referral()).dates.recordsSentAt).toBeUndefined();
  });

  it('move one record along and leave the others as they were', () => {
    const ecg = { id: 'rec1', name: 'ECG' };
    const note = { id: 'rec2', name: 'Office note' };
    const requested = trackRecord(
      note,
      'requested',
      TUESDAY,
      'JD',
    )(trackRecord(ecg, 'requested', TUESDAY, 'JD')(referral()));
    const received = trackRecord(ecg, 'received', TUESDAY + HOUR, 'JD')(requested);
    expect(received.records).toEqual([
      { ...ecg, requestedAt: TUESDAY, receivedAt: TUESDAY + HOUR },
      { ...note, requestedAt: TUESDAY },
    ]);
  });

  it('write snoozes and agreed callbacks into the history with their times', () => {
    const until = new Date('2026-11-30T09:00:00Z').getTime();
    expect(snooze(until, TUESDAY, 'JD')(referral()).history.at(-1)).toEqual({
      at: TUESDAY,
      by: 'JD',
      kind: 'snooze',
      note: '2026-11-30T09:00:00.000Z',
    });
    expect(callBackAt(until, TUESDAY, 'JD')(referral()).history.at(-1)?.note).toBe(
      'callback 2026-11-30T09:00:00.000Z',
    );
  });

  it('log outreach with first-contact dates, and move to scheduled with the booking', () => {
    const logged = logOutreach(attempt(TUESDAY, 'scheduled'), DEFAULT_CONFIG, {
      to: 'scheduled',
      at: TUESDAY,
      by: 'JD',
      appointmentAt: TUESDAY + 9 * 24 * HOUR,
    })(referral());
    expect(logged.status).toBe('scheduled');
    expect(logged.dates).toMatchObject({
      firstOutreachAt: TUESDAY,
      patientContactedAt: TUESDAY,
      appointmentAt: TUESDAY + 9 * 24 * HOUR,
    });
    expect(logged.history.map((entry) => entry.kind)).toEqual(['created', 'outreach', 'status']);
  });

  it('track records requested, received and sent on to the receiving office', () => {
    const record = { id: 'rec1', name: 'ECG 2026-10-30', requestedFrom: 'Cardiology lab' };
    const requested = trackRecord(record, 'requested', TUESDAY, 'JD')(referral());
    const sent = trackRecord(
      record,
      'sent',
      TUESDAY + HOUR,
      'JD',
    )(trackRecord(record, 'received', TUESDAY, 'JD')(requested));
    expect(sent.records).toEqual([
      { ...record, requestedAt: TUESDAY, receivedAt: TUESDAY, sentAt: TUESDAY + HOUR },
    ]);
    expect(sent.dates.recordsSentAt).toBe(TUESDAY + HOUR);
  });
});

describe('rescheduling', () => {
  it('logs a new booking on a scheduled referral as a new appointment date, not a refused transition', () => {
    const booked = {
      to: 'scheduled' as const,
      at: TUESDAY,
      by: 'JD',
      appointmentAt: TUESDAY + 9 * 24 * HOUR,
    };
    const scheduled = logOutreach(attempt(TUESDAY, 'scheduled'), DEFAULT_CONFIG, booked)(referral());
    const moved = logOutreach(attempt(TUESDAY + HOUR, 'scheduled'), DEFAULT_CONFIG, {
      ...booked,
      appointmentAt: TUESDAY + 12 * 24 * HOUR,
    })(scheduled);
    expect(moved.status).toBe('scheduled');
    expect(moved.dates.appointmentAt).toBe(TUESDAY + 12 * 24 * HOUR);
    expect(moved.dates.scheduledAt).toBe(TUESDAY);
  });
});

describe('marking a packet sent with required items missing', () => {
  const GAPS = [
    { id: 'insurance', label: 'Insurance payer and member ID' },
    { id: 'records', label: 'Records attached' },
  ];
  const incomplete = (status: Referral['status'] = 'new') =>
    recordPacket({ missingRequired: GAPS, confirmed: [] }, TUESDAY, 'JD')(referral({ status }));
  const send = (packetOverride?: string) => ({
    to: 'sent' as const,
    at: TUESDAY + HOUR,
    by: 'AB',
    packetOverride,
  });

  it('is refused without a reason, naming the missing items', () => {
    expect(refusalOf(() => applyStatusChange(incomplete(), send(), DEFAULT_CONFIG))).toBe(
      'The packet is missing required items: Insurance payer and member ID; Records attached. Complete them, or give a reason to send anyway.',
    );
  });

  it.each([
    ['an empty reason', ''],
    ['a reason under five characters', 'ok'],
    ['a short reason padded with spaces', '   abcd   '],
  ])('is refused with %s', (_name, reason) => {
    expect(() => applyStatusChange(incomplete(), send(reason), DEFAULT_CONFIG)).toThrow(TransitionRefused);
  });

  it('is allowed with a reason of five characters', () => {
    expect(applyStatusChange(incomplete(), send('fax!!'), DEFAULT_CONFIG).packet?.override?.reason).toBe(
      'fax!!',
    );
  });

  it('is refused from every state that can move to sent', () => {
    for (const status of ['waiting-on-info', 'ready-to-send', 'needs-patient-action'] as const) {
      expect(refusalOf(() => applyStatusChange(incomplete(status), send(), DEFAULT_CONFIG))).toContain(
        'The packet is missing required items',
      );
    }
  });

  it('is allowed with a reason, which the packet and the history keep', () => {
    const sent = applyStatusChange(incomplete(), send('  Courier today  '), DEFAULT_CONFIG);
    expect(sent.status).toBe('sent');
    expect(sent.dates.recordsSentAt).toBe(TUESDAY + HOUR);
    expect(sent.packet?.override).toEqual({
      at: TUESDAY + HOUR,
      by: 'AB',
      reason: 'Courier today',
      missing: ['insurance', 'records'],
    });
    expect(sent.packet?.missingRequired).toEqual(GAPS);
    expect(sent.history.at(-1)).toEqual({
      at: TUESDAY + HOUR,
      by: 'AB',
      kind: 'status',
      from: 'new',
      to: 'sent',
      note: 'Sent with missing items (insurance, records): Courier today',
    });
  });

  it('keeps a note given with the override beside it', () => {
    const sent = applyStatusChange(
      incomplete(),
      { ...send('Courier today'), note: 'Called ahead' },
      DEFAULT_CONFIG,
    );
    expect(sent.history.at(-1)?.note).toBe(
      'Sent with missing items (insurance, records): Courier today — Called ahead',
    );
  });

  it('needs no reason, and records no override, when the packet is complete or was never checked', () => {
    const complete = recordPacket({ missingRequired: [], confirmed: [] }, TUESDAY, 'JD')(referral());
    const sent = applyStatusChange(complete, send('Not needed here'), DEFAULT_CONFIG);
    expect(sent.packet?.override).toBeUndefined();
    expect(sent.history.at(-1)?.note).toBeUndefined();
    expect(applyStatusChange(referral(), send(), DEFAULT_CONFIG).status).toBe('sent');
    const unchecked = applyStatusChange(referral(), send('Not needed here'), DEFAULT_CONFIG);
    expect(unchecked.packet).toBeUndefined();
    expect(unchecked.history.at(-1)?.note).toBeUndefined();
  });

  it('applies to moving to sent only', () => {
    const moved = applyStatusChange(
      incomplete(),
      { to: 'ready-to-send', at: TUESDAY, by: 'JD' },
      DEFAULT_CONFIG,
    );
    expect(moved.status).toBe('ready-to-send');
    expect(moved.packet?.override).toBeUndefined();
    // A stray override text on another change is not taken as sending anyway.
    const withText = applyStatusChange(
      incomplete(),
      { to: 'ready-to-send', at: TUESDAY, by: 'JD', packetOverride: 'Courier this afternoon' },
      DEFAULT_CONFIG,
    );
    expect(withText.packet?.override).toBeUndefined();
    expect(withText.history.at(-1)?.note).toBeUndefined();
  });
});

describe('recording the packet check', () => {
  const insurance = { id: 'insurance', label: 'Insurance payer and member ID' };
  const consent = { id: 'consent', label: 'Consent on file' };

  it('keeps the first check apart, whatever is fixed later, and says nothing of automatic re-checks', () => {
    const first = recordPacket(
      { missingRequired: [insurance, consent], confirmed: [] },
      TUESDAY,
      'JD',
    )(referral());
    const again = recordPacket({ missingRequired: [consent], confirmed: [] }, TUESDAY + HOUR, 'JD')(first);
    expect(again.packet).toEqual({
      checkedAt: TUESDAY + HOUR,
      missingRequired: [consent],
      confirmed: [],
      firstCheckedAt: TUESDAY,
      firstMissing: ['insurance', 'consent'],
    });
    expect(again.history).toEqual(referral().history);
  });

  it('writes a history line when the coordinator ticks or unticks an item by hand', () => {
    const first = recordPacket({ missingRequired: [consent], confirmed: [] }, TUESDAY, 'JD')(referral());
    const ticked = recordPacket({ missingRequired: [], confirmed: ['consent'] }, TUESDAY + HOUR, 'AB')(first);
    expect(ticked.history.at(-1)).toEqual({
      at: TUESDAY + HOUR,
      by: 'AB',
      kind: 'packet',
      note: 'consent: confirmed',
    });
    const unticked = recordPacket(
      { missingRequired: [consent], confirmed: [] },
      TUESDAY + 2 * HOUR,
      'AB',
    )(ticked);
    expect(unticked.history.at(-1)).toMatchObject({ kind: 'packet', note: 'consent: unconfirmed' });
    expect(unticked.history).toHaveLength(3);
    expect(unticked.packet?.firstMissing).toEqual(['consent']);
  });

  it('keeps an override recorded earlier', () => {
    const first = recordPacket({ missingRequired: [insurance], confirmed: [] }, TUESDAY, 'JD')(referral());
    const sent = applyStatusChange(
      first,
      { to: 'sent', at: TUESDAY, by: 'JD', packetOverride: 'Courier today' },
      DEFAULT_CONFIG,
    );
    const rechecked = recordPacket({ missingRequired: [], confirmed: [] }, TUESDAY + HOUR, 'JD')(sent);
    expect(rechecked.packet?.override?.reason).toBe('Courier today');
  });
});

describe('escalating a clinical question', () => {
  const contact = { name: 'Nurse triage line', reach: '(555) 010-0150', responseTime: 'within 2 hours' };

  it('records the escalation and a history line naming the contact, and counts as acting on a callback', () => {
    const waiting = callBackAt(TUESDAY + HOUR, TUESDAY, 'JD')(referral());
    const escalated = escalate({
      at: TUESDAY,
      by: 'AB',
      trigger: 'note',
      redFlag: false,
      matched: ['pain'],
      contact,
    })(waiting);
    expect(escalated.escalations).toEqual([
      { at: TUESDAY, by: 'AB', trigger: 'note', redFlag: false, matched: ['pain'], contact },
    ]);
    expect(escalated.history.at(-1)).toEqual({
      at: TUESDAY,
      by: 'AB',
      kind: 'escalation',
      note: 'note → Nurse triage line',
    });
    expect(escalated.callbackAt).toBeUndefined();
    expect(escalated.status).toBe('new');
  });

  it('says "red flag" in the history for a possible emergency, and keeps earlier escalations', () => {
    const once = escalate({
      at: TUESDAY,
      by: 'AB',
      trigger: 'clinical-question',
      redFlag: false,
      matched: [],
      contact,
    })(referral());
    expect(once.history.at(-1)?.note).toBe('clinical-question → Nurse triage line');
    const twice = escalate({
      at: TUESDAY + HOUR,
      by: 'AB',
      trigger: 'note',
      redFlag: true,
      matched: ['chest pain'],
      contact,
    })(once);
    expect(twice.escalations?.map((e) => e.trigger)).toEqual(['clinical-question', 'note']);
    expect(twice.history.at(-1)?.note).toBe('red flag → Nurse triage line');
  });
});
