import type { HistoryEntry, OutreachAttempt, Referral, ReferralStatus } from '../../src/referral/referral';
import { ReferralDraft } from '../../src/referral/referral-draft';

/**
 * Synthetic referrals with hand-chosen milestones for the metrics and export tests. Times are
 * local (`at(day, hour)` in November 2026: the 2nd is a Monday), so the expectations hold in
 * any time zone. Every name and number is invented.
 */
export const at = (day: number, hour = 0, month = 11) => new Date(2026, month - 1, day, hour).getTime();

let attemptCount = 0;
export function attempt(
  time: number,
  channel: OutreachAttempt['channel'],
  outcome: OutreachAttempt['outcome'],
  party: OutreachAttempt['party'] = 'patient',
  note?: string,
): OutreachAttempt {
  attemptCount += 1;
  return { id: `attempt-${attemptCount}`, at: time, by: 'JD', party, channel, outcome, barriers: [], note };
}

export function status(
  time: number,
  from: ReferralStatus,
  to: ReferralStatus,
  reason?: string,
): HistoryEntry {
  return { at: time, by: 'JD', kind: 'status', from, to, ...(reason && { reason }) };
}

export function referral(id: string, overrides: Partial<Referral> = {}): Referral {
  const createdAt = overrides.createdAt ?? at(2, 9);
  // Through the draft schema, so that fields added to the record later get their defaults.
  const draft = ReferralDraft.parse({
    source: { profileId: 'generic', pageUrl: `http://127.0.0.1:8765/legacy/referral.asp?id=${id}` },
    orderNumber: `ORD-${id}`,
    patient: { name: `Patient ${id}`, mrn: `MRN-${id}`, dateOfBirth: '1970-01-15', phone: '(555) 010-0199' },
    receiving: { specialty: 'Cardiology', provider: 'Dr. Example', organization: 'Lakeside Cardiology' },
    reason: 'Synthetic reason for referral.',
    priority: 'routine',
  });
  const diagnosis = { diagnosisCodes: 'I49.9' };
  return {
    ...draft,
    ...diagnosis,
    id,
    dedupeKey: `http://127.0.0.1:8765|order|${id}`,
    status: 'new',
    createdAt,
    updatedAt: createdAt,
    version: 1,
    dates: {},
    outreach: [],
    records: [],
    history: [{ at: createdAt, by: 'JD', kind: 'created', to: 'new' }],
    ...overrides,
  };
}

/**
 * Five referrals ordered in November 2026 (A, B, C, E, F) and one ordered in October (D).
 * The figures they give are worked out by hand in metrics.test.ts.
 */
export function novemberReferrals(): Referral[] {
  const a = referral('A', {
    authoredOn: '2026-11-02',
    createdAt: at(2, 9),
    updatedAt: at(25, 10),
    status: 'closed-completed',
    dates: {
      firstOutreachAt: at(3, 10),
      patientContactedAt: at(3, 10),
      recordsSentAt: at(3, 11),
      acknowledgedAt: at(5, 9),
      scheduledAt: at(9, 10),
      appointmentAt: at(23, 10),
      reportReceivedAt: at(25, 10),
      closedAt: at(25, 10),
    },
    outreach: [attempt(at(3, 10), 'phone', 'reached')],
    history: [
      { at: at(2, 9), by: 'JD', kind: 'created', to: 'new' },
      { at: at(3, 10), by: 'JD', kind: 'outreach', note: 'phone to patient: reached' },
      status(at(3, 11), 'new', 'sent'),
      { at: at(5, 9), by: 'JD', kind: 'acknowledgment' },
      status(at(9, 10), 'sent', 'scheduled'),
      status(at(25, 10), 'scheduled', 'closed-completed'),
    ],
  });
  const b = referral('B', {
    authoredOn: undefined,
    createdAt: at(4, 14),
    priority: 'urgent',
    patient: { name: 'Patient B', dateOfBirth: '1982-06-30' },
    receiving: { specialty: 'Dermatology' },
    status: 'waiting-on-info',
    statusReason: 'missing-insurance',
    nextFollowUpAt: at(20, 9),
    dates: { firstOutreachAt: at(5, 15), patientContactedAt: at(10, 12) },
    outreach: [
      attempt(at(5, 15), 'phone', 'no-answer'),
      attempt(at(9, 9), 'voicemail', 'left-voicemail'),
      attempt(at(10, 12), 'sms', 'reached'),
    ],
    history: [
      { at: at(4, 14), by: 'JD', kind: 'created', to: 'new' },
      status(at(10, 13), 'new', 'waiting-on-info', 'missing-insurance'),
    ],
  });
  const c = referral('C', {
    authoredOn: '2026-11-20',
    createdAt: at(23, 8),
    reason: undefined,
    ...{ diagnosisCodes: undefined },
    nextFollowUpAt: at(26, 8),
  });
  const d = referral('D', {
    authoredOn: '2026-10-28',
    createdAt: at(3, 9),
    outreach: [attempt(at(3, 10), 'phone', 'reached')],
    dates: { firstOutreachAt: at(3, 10) },
  });
  const e = referral('E', {
    authoredOn: '2026-11-06',
    createdAt: at(6, 10),
    receiving: { specialty: 'Cardiology', organization: 'LAKESIDE CARDIOLOGY ' },
    status: 'closed-not-completed',
    statusReason: 'patient-unreachable',
    dates: {
      firstOutreachAt: at(17, 10),
      recordsSentAt: at(6, 11),
      scheduledAt: at(10, 9),
      appointmentAt: at(16, 9),
      closedAt: at(24, 9),
    },
    outreach: [attempt(at(17, 10), 'phone', 'wrong-number'), attempt(at(18, 10), 'letter', 'other')],
    history: [
      { at: at(6, 10), by: 'JD', kind: 'created', to: 'new' },
      status(at(6, 10, 11), 'new', 'waiting-on-info', 'missing-insurance'),
      status(at(6, 11), 'waiting-on-info', 'sent'),
      status(at(10, 9), 'sent', 'scheduled'),
      status(at(16, 17), 'scheduled', 'no-show'),
      status(at(17, 9), 'no-show', 'needs-patient-action'),
      status(at(24, 9), 'needs-patient-action', 'closed-not-completed', 'patient-unreachable'),
    ],
  });
  const f = referral('F', {
    authoredOn: '2026-11-12',
    createdAt: at(12, 9),
    priority: 'stat',
    patient: { name: 'Patient F', mrn: 'MRN-F', phone: '(555) 010-0177' },
    receiving: { specialty: 'Neurology', organization: 'Riverside Neurology' },
    status: 'declined',
    statusReason: 'no-capacity',
    nextFollowUpAt: at(1, 9, 12),
    dates: { recordsSentAt: at(12, 10), acknowledgedAt: at(13, 16), firstOutreachAt: at(12, 11) },
    outreach: [attempt(at(12, 11), 'fax', 'other', 'receiving-office')],
    history: [
      { at: at(12, 9), by: 'JD', kind: 'created', to: 'new' },
      status(at(12, 10), 'new', 'sent'),
      { at: at(13, 16), by: 'JD', kind: 'acknowledgment' },
      status(at(13, 17), 'sent', 'declined', 'no-capacity'),
    ],
  });
  return [a, b, c, d, e, f];
}
