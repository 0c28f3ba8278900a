import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/schema';
import { nextFollowUpAt } from '../../src/referral/follow-up';
import {
  acknowledge,
  callBackAt,
  changeStatus,
  logOutreach,
  snooze,
  trackRecord,
} from '../../src/referral/operations';
import { REFERRAL_STATUSES, type Referral } from '../../src/referral/referral';
import { applyStatusChange, TRANSITIONS, TransitionRefused } from '../../src/referral/state-machine';
import { draft } from './fixtures';

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
    expect(() =>
      applyStatusChange(referral({ status: 'sent' }), { to: 'new', at: 1, by: 'JD' }, DEFAULT_CONFIG),
    ).toThrow(
      new TransitionRefused(
        'A referral that is Sent cannot move to New. It can move to: Declined, Needs patient action, Scheduled, Waiting on info, Closed: not completed.',
      ),
    );
    expect(() =>
      applyStatusChange(
        referral({ status: 'closed-completed' }),
        { to: 'scheduled', at: 1, by: 'JD' },
        DEFAULT_CONFIG,
      ),
    ).toThrow('It is final.');
  });

  it.each([
    ['waiting-on-info', 'delay'],
    ['closed-not-completed', 'close'],
  ] as const)('requires a configured %s reason', (to, list) => {
    expect(() => applyStatusChange(referral(), { to, at: 1, by: 'JD' }, DEFAULT_CONFIG)).toThrow(
      `needs a ${list} reason`,
    );
    expect(() =>
      applyStatusChange(referral(), { to, at: 1, by: 'JD', reason: 'made-up' }, DEFAULT_CONFIG),
    ).toThrow(`"made-up" is not one of the configured ${list} reasons.`);
  });

  it('requires a decline reason and the appointment date for scheduling', () => {
    const sent = referral({ status: 'sent' });
    expect(() => applyStatusChange(sent, { to: 'declined', at: 1, by: 'JD' }, DEFAULT_CONFIG)).toThrow(
      'decline reason',
    );
    expect(() => applyStatusChange(sent, { to: 'scheduled', at: 1, by: 'JD' }, DEFAULT_CONFIG)).toThrow(
      'needs the appointment date',
    );
  });

  it('keeps the reason only while the state needs it, and lets a closed-not-completed referral reopen', () => {
    const closed = applyStatusChange(
      referral(),
      { to: 'closed-not-completed', reason: 'duplicate', at: 1, by: 'JD' },
      DEFAULT_CONFIG,
    );
    expect(closed.statusReason).toBe('duplicate');
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

describe('operations', () => {
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
