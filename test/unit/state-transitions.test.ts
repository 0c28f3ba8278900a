import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/schema';
import { REFERRAL_STATUSES, type Referral, type ReferralStatus } from '../../src/referral/referral';
import { applyStatusChange, type StatusChange, TransitionRefused } from '../../src/referral/state-machine';
import { draft } from './fixtures';
import { refusalOf } from './refusals';

/**
 * The referral life cycle as the team agreed it (docs/shared domain notes), written out here by
 * hand rather than read from the code under test: a change to the machine must change this table
 * too, on purpose. Rows are "from", the letters mark where it may go; every other pair is refused.
 */
const ALLOWED: Record<ReferralStatus, readonly ReferralStatus[]> = {
  new: [
    'waiting-on-info',
    'ready-to-send',
    'sent',
    'needs-patient-action',
    'scheduled',
    'closed-not-completed',
  ],
  'waiting-on-info': ['ready-to-send', 'sent', 'needs-patient-action', 'closed-not-completed'],
  'ready-to-send': ['sent', 'waiting-on-info', 'closed-not-completed'],
  sent: ['declined', 'needs-patient-action', 'scheduled', 'waiting-on-info', 'closed-not-completed'],
  declined: ['ready-to-send', 'waiting-on-info', 'closed-not-completed'],
  'needs-patient-action': ['scheduled', 'waiting-on-info', 'sent', 'closed-not-completed'],
  scheduled: ['no-show', 'closed-completed', 'needs-patient-action', 'closed-not-completed'],
  // A missed visit goes back to the patient, or is booked again, or closed.
  'no-show': ['needs-patient-action', 'scheduled', 'closed-not-completed'],
  // The loop is closed: final.
  'closed-completed': [],
  // A referral closed by mistake (a wrong duplicate) may be reopened, as new.
  'closed-not-completed': ['new'],
};

const AT = new Date('2026-11-24T10:00:00').getTime();

function referralIn(status: ReferralStatus): Referral {
  return {
    ...draft(),
    id: 'r1',
    dedupeKey: 'k',
    status,
    createdAt: AT,
    updatedAt: AT,
    version: 1,
    dates: {},
    outreach: [],
    records: [],
    history: [{ at: AT, by: 'JD', kind: 'created', to: 'new' }],
  };
}

/** A change to `to` that carries everything the target state asks for, so only the pair decides. */
function completeChange(to: ReferralStatus): StatusChange {
  const reason: Partial<Record<ReferralStatus, string>> = {
    'waiting-on-info': 'missing-insurance',
    declined: 'no-capacity',
    'closed-not-completed': 'duplicate',
  };
  return {
    to,
    at: AT + 1000,
    by: 'JD',
    ...(reason[to] && { reason: reason[to] }),
    ...(to === 'scheduled' && { appointmentAt: AT + 7 * 86_400_000 }),
  };
}

const pairs = REFERRAL_STATUSES.flatMap((from) =>
  REFERRAL_STATUSES.map((to) => ({ from, to, allowed: ALLOWED[from].includes(to) })),
);

describe('every (from, to) pair of the referral life cycle', () => {
  it('covers all 100 pairs, 33 of them allowed', () => {
    expect(pairs).toHaveLength(REFERRAL_STATUSES.length ** 2);
    expect(pairs.filter((pair) => pair.allowed)).toHaveLength(33);
  });

  it.each(pairs.filter((pair) => pair.allowed))('$from → $to is allowed', ({ from, to }) => {
    const moved = applyStatusChange(referralIn(from), completeChange(to), DEFAULT_CONFIG);
    expect(moved.status).toBe(to);
    expect(moved.history.at(-1)).toMatchObject({ kind: 'status', from, to, by: 'JD' });
  });

  it.each(pairs.filter((pair) => !pair.allowed))('$from → $to is refused', ({ from, to }) => {
    const before = referralIn(from);
    expect(() => applyStatusChange(before, completeChange(to), DEFAULT_CONFIG)).toThrow(TransitionRefused);
    expect(refusalOf(() => applyStatusChange(before, completeChange(to), DEFAULT_CONFIG))).toMatch(
      /cannot move to/,
    );
  });
});
