import type { ReferralDraft } from '../../src/referral/referral-draft';

/** A synthetic referral draft as a profile would read it; override what a test is about. */
export function draft(overrides: Partial<ReferralDraft> = {}): ReferralDraft {
  return {
    source: { profileId: 'generic', pageUrl: 'http://127.0.0.1:8765/legacy/referral.asp?id=R-1001' },
    orderNumber: 'ORD-20461',
    patient: { name: 'Avery Quinlan', mrn: 'MRN-004512', dateOfBirth: '1961-03-14', phone: '(555) 010-0101' },
    receiving: {
      specialty: 'Cardiology',
      provider: 'Dr. Imani Okafor',
      organization: 'Riverbend Heart Center',
    },
    referring: {},
    insurance: {},
    reason: 'Intermittent palpitations, please evaluate.',
    priority: 'routine',
    authoredOn: '2026-11-24',
    ...overrides,
  };
}

let databaseCount = 0;
/** A fresh database name per test, so fake-indexeddb state never leaks between tests. */
export function freshDatabaseName(): string {
  databaseCount += 1;
  return `handoff-test-${databaseCount}`;
}
