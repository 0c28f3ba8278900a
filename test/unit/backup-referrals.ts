import type { Referral } from '../../src/referral/referral';

const DAY = 24 * 60 * 60 * 1000;
const STATUSES: Referral['status'][] = ['new', 'sent', 'scheduled', 'closed-completed', 'waiting-on-info'];

/**
 * A synthetic referral with every field the queue can hold filled in (history, outreach, records,
 * packet with an override, escalations, milestones), varied by `n`. Every name is invented.
 */
export function fullReferral(n: number, base = Date.UTC(2026, 9, 1, 9)): Referral {
  const createdAt = base + (n % 400) * DAY + n;
  const status = STATUSES[n % STATUSES.length] ?? 'new';
  const open = !status.startsWith('closed');
  return {
    id: `ref-${n}`,
    dedupeKey: `http://127.0.0.1:8765|order|ord-${n}`,
    source: { profileId: 'openemr', pageUrl: `http://127.0.0.1:8765/openemr/referral?id=${n}` },
    orderNumber: `ORD-${n}`,
    patient: {
      name: `Synthetic Patient ${n}`,
      dateOfBirth: '1968-04-22',
      mrn: `MRN-${100000 + n}`,
      phone: '(555) 010-0123',
      preferredLanguage: n % 3 === 0 ? 'Spanish' : 'English',
    },
    receiving: {
      specialty: n % 2 ? 'Cardiology' : 'Dermatology',
      provider: 'Dr. Example Specialist',
      organization: `Lakeside Clinic ${n % 7}`,
      phone: '(555) 010-0456',
      fax: '(555) 010-0457',
      instructions: 'Send the last two visit notes and the ECG.',
    },
    referring: { provider: 'Dr. Example Referrer', practice: 'Northside Family Practice' },
    insurance: { payer: 'Example Health', memberId: `MEM-${n}`, authorizationNumber: `AUTH-${n}` },
    reason: 'Synthetic reason for referral <b>with markup</b> kept as text.',
    diagnosisCodes: 'I49.9',
    recordsAttached: 'Visit note 2026-10-01',
    priority: n % 4 === 0 ? 'urgent' : 'routine',
    authoredOn: '2026-10-01',
    status,
    ...(status === 'waiting-on-info' && { statusReason: 'missing-records' }),
    createdAt,
    updatedAt: createdAt + 5 * DAY,
    version: 6,
    ...(open && { nextFollowUpAt: createdAt + 7 * DAY, unannouncedAt: createdAt + 7 * DAY }),
    snoozedUntil: createdAt + 3 * DAY,
    callbackAt: createdAt + 4 * DAY,
    organizationKey: `lakeside clinic ${n % 7}`,
    // Closed and still holding patient details: due for retention at some point.
    ...(!open && { identifiedClosedAt: createdAt + 25 * DAY }),
    dates: {
      firstOutreachAt: createdAt + DAY,
      patientContactedAt: createdAt + DAY,
      recordsSentAt: createdAt + 2 * DAY,
      acknowledgedAt: createdAt + 3 * DAY,
      ...(status !== 'new' && { scheduledAt: createdAt + 4 * DAY, appointmentAt: createdAt + 20 * DAY }),
      ...(!open && { reportReceivedAt: createdAt + 25 * DAY, closedAt: createdAt + 25 * DAY }),
    },
    outreach: [
      {
        id: `attempt-${n}-1`,
        at: createdAt + DAY,
        by: 'JD',
        party: 'patient',
        channel: 'phone',
        outcome: 'no-answer',
        scriptId: 'first-call',
        barriers: [],
      },
      {
        id: `attempt-${n}-2`,
        at: createdAt + 2 * DAY,
        by: 'JD',
        party: 'patient',
        channel: 'sms',
        outcome: 'reached',
        note: 'Prefers mornings; "quoted" text & symbols ✓',
        barriers: ['transportation', 'work-schedule'],
      },
    ],
    records: [
      {
        id: `record-${n}`,
        name: 'ECG',
        requestedFrom: 'Northside lab',
        requestedAt: createdAt + DAY,
        receivedAt: createdAt + 2 * DAY,
        sentAt: createdAt + 2 * DAY,
      },
    ],
    acknowledgmentNote: 'Received by the front desk.',
    packet: {
      checkedAt: createdAt + DAY,
      missingRequired: [{ id: 'insurance', label: 'Insurance' }],
      confirmed: ['consent'],
      firstCheckedAt: createdAt,
      firstMissing: ['insurance', 'records'],
      override: {
        at: createdAt + 2 * DAY,
        by: 'JD',
        reason: 'Office will verify coverage',
        missing: ['insurance'],
      },
    },
    escalations: [
      {
        at: createdAt + DAY,
        by: 'JD',
        trigger: 'clinical-question',
        redFlag: n % 5 === 0,
        matched: n % 5 === 0 ? ['chest pain'] : [],
        contact: { name: 'Nurse line', reach: 'ext. 4400', responseTime: 'same day' },
      },
    ],
    history: [
      { at: createdAt, by: 'JD', kind: 'created', to: 'new' },
      { at: createdAt + DAY, by: 'JD', kind: 'outreach', note: 'Called the patient' },
      { at: createdAt + 2 * DAY, by: 'JD', kind: 'status', from: 'new', to: status, reason: 'other' },
    ],
  };
}
