// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { BackupReferral } from '../../src/backup/backup-schema';
import { DEFAULT_CONFIG } from '../../src/config/schema';
import { coverSheet, patientLetter } from '../../src/letters/documents';
import { coverLines } from '../../src/letters/PrintPage';
import { QueueQuery } from '../../src/message-schema';
import { computeMetrics } from '../../src/metrics/compute-metrics';
import { threeSecondCheck } from '../../src/panel-config/scripts';
import { openHandoffDatabase } from '../../src/queue/database';
import { queryQueue } from '../../src/queue/queue-query';
import { ReferralQueue } from '../../src/queue/referral-queue';
import { byUrgency, endOfDay, todayGroupsOf, todayView } from '../../src/queue/today';
import { ageLabel } from '../../src/queue-view/format';
import { ageBucketOf } from '../../src/referral/age-buckets';
import { nextFollowUpAt } from '../../src/referral/follow-up';
import { escalate, logOutreach, resolveEscalation } from '../../src/referral/operations';
import { ageOf, atWorkingHours, snoozeUntil } from '../../src/referral/order-date';
import { isOverdue } from '../../src/referral/overdue';
import { type Escalation, openEscalations, type Referral } from '../../src/referral/referral';
import type { TransitionRefused } from '../../src/referral/state-machine';
import { refusalText } from '../../src/ui/refusal-text';
import { Timeline } from '../../src/ui/Timeline';
import { draft, freshDatabaseName } from './fixtures';

vi.mock('wxt/browser', async () => ({ browser: (await import('wxt/testing/fake-browser')).fakeBrowser }));

// Tuesday 24 November 2026, 10:00 local time.
const TUESDAY = new Date('2026-11-24T10:00:00').getTime();
const local = (iso: string) => new Date(iso).getTime();

async function queueAt(now: number) {
  return new ReferralQueue(await openHandoffDatabase(freshDatabaseName()), () => now);
}

describe('dates count from the order date on the EHR screen', () => {
  it('gives one age, one deadline and one bucket to the queue, its filter and the metrics', async () => {
    // Ordered Monday 2 November (ASAP), tracked three weeks later.
    const queue = await queueAt(TUESDAY);
    const { referral } = await queue.track(
      draft({ authoredOn: '2026-11-02', priority: 'asap' }),
      DEFAULT_CONFIG,
    );
    const age = ageOf(referral, TUESDAY, DEFAULT_CONFIG.calendar);
    expect(age).toEqual({ days: 16, from: 'order' });
    // The queue's row, its age filter and the metrics' pending-by-age all say 16 business days.
    expect(ageLabel(referral, TUESDAY)).toBe('16 business days');
    const filtered = async (ageBucket: string) =>
      (
        await queryQueue(
          queue.database,
          QueueQuery.parse({ ageBucket, sort: 'newest' }),
          TUESDAY,
          DEFAULT_CONFIG,
        )
      ).referrals.length;
    expect(await filtered('15-30')).toBe(1);
    expect(await filtered('0-2')).toBe(0);
    const metrics = await computeMetrics(
      queue.database,
      { from: 0, to: TUESDAY + 1 },
      TUESDAY,
      DEFAULT_CONFIG,
    );
    expect(metrics.pendingByAge.totals[ageBucketOf(age.days)]).toBe(1);
    expect(metrics.pendingByAge.totals['0-2']).toBe(0);
    // ASAP: one business day after the order, at the end of the working day; long past, so overdue now.
    expect(referral.nextFollowUpAt).toBe(local('2026-11-03T17:00:00'));
    expect(isOverdue(referral, TUESDAY)).toBe(true);
  });

  it('gives a STAT referral until the end of the day it was ordered', async () => {
    const queue = await queueAt(TUESDAY);
    const { referral } = await queue.track(
      draft({ authoredOn: '2026-11-24', priority: 'stat' }),
      DEFAULT_CONFIG,
    );
    expect(referral.nextFollowUpAt).toBe(local('2026-11-24T17:00:00'));
    expect(isOverdue(referral, TUESDAY)).toBe(false);
  });

  it('falls back to tracking time when the screen had no date, and says so', async () => {
    const queue = await queueAt(TUESDAY);
    const { referral } = await queue.track(draft({ authoredOn: undefined }), DEFAULT_CONFIG);
    expect(ageOf(referral, TUESDAY + 3_600_000, DEFAULT_CONFIG.calendar)).toEqual({
      days: 0,
      from: 'tracking',
    });
    expect(ageLabel(referral, TUESDAY)).toBe('0 business days (from tracking)');
    // Routine: three business days after tracking, at the end of that working day.
    expect(referral.nextFollowUpAt).toBe(local('2026-11-27T17:00:00'));
  });

  it('never counts from an order date later than tracking (a misread date)', async () => {
    const queue = await queueAt(TUESDAY);
    const { referral } = await queue.track(draft({ authoredOn: '2027-01-15' }), DEFAULT_CONFIG);
    expect(ageOf(referral, TUESDAY, DEFAULT_CONFIG.calendar).days).toBe(0);
  });

  it('puts follow-ups inside working hours', () => {
    const { calendar } = DEFAULT_CONFIG;
    expect(atWorkingHours(local('2026-11-24T10:30:00'), calendar)).toBe(local('2026-11-24T10:30:00'));
    expect(atWorkingHours(local('2026-11-24T06:00:00'), calendar)).toBe(local('2026-11-24T08:00:00'));
    expect(atWorkingHours(local('2026-11-24T18:40:00'), calendar)).toBe(local('2026-11-25T08:00:00'));
    // Friday evening and Saturday: Monday morning.
    expect(atWorkingHours(local('2026-11-27T19:00:00'), calendar)).toBe(local('2026-11-30T08:00:00'));
    expect(atWorkingHours(local('2026-11-28T11:00:00'), calendar)).toBe(local('2026-11-30T08:00:00'));
    // A try logged at 18:40 comes due two business days on in the morning, not at 18:40.
    const tracked = {
      ...(draft() as Referral),
      status: 'new',
      createdAt: TUESDAY,
      dates: {},
      outreach: [],
      history: [],
    } as unknown as Referral;
    const evening = local('2026-11-24T18:40:00');
    const called = logOutreach(
      {
        id: 'a',
        at: evening,
        by: 'JD',
        party: 'patient',
        channel: 'phone',
        outcome: 'no-answer',
        barriers: [],
      },
      DEFAULT_CONFIG,
    )(tracked);
    expect(nextFollowUpAt(called, DEFAULT_CONFIG)).toBe(local('2026-11-27T08:00:00'));
  });

  it('keeps a moment at the very start of working hours, and reads their minutes', () => {
    const calendar = { ...DEFAULT_CONFIG.calendar, workingHours: { start: '08:30', end: '16:45' } };
    expect(atWorkingHours(local('2026-11-24T08:30:00'), calendar)).toBe(local('2026-11-24T08:30:00'));
    expect(atWorkingHours(local('2026-11-24T16:45:00'), calendar)).toBe(local('2026-11-24T16:45:00'));
    expect(atWorkingHours(local('2026-11-24T07:00:00'), calendar)).toBe(local('2026-11-24T08:30:00'));
    expect(atWorkingHours(local('2026-11-24T16:46:00'), calendar)).toBe(local('2026-11-25T08:30:00'));
  });
});

const CONTACT = { name: 'Nurse triage line', reach: 'ext. 4410', responseTime: 'within 1 hour' };
const escalation = (at: number, redFlag = true): Escalation => ({
  at,
  by: 'JD',
  trigger: 'note',
  redFlag,
  matched: ['chest pain'],
  contact: CONTACT,
});

describe('snoozes', () => {
  const calendar = { ...DEFAULT_CONFIG.calendar, holidays: ['2026-12-25'] };
  it.each([
    ['tomorrow, from a Tuesday', 'tomorrow', '2026-11-24T10:00:00', '2026-11-25T08:00:00'],
    ['tomorrow, from a Friday: Monday', 'tomorrow', '2026-11-27T16:00:00', '2026-11-30T08:00:00'],
    ['in 3 days, from a Tuesday', 'in-3-days', '2026-11-24T10:00:00', '2026-11-27T08:00:00'],
    ['next week, from a Tuesday', 'next-week', '2026-11-24T17:30:00', '2026-12-01T08:00:00'],
    [
      'tomorrow, on a Christmas Day holiday: the Monday after',
      'tomorrow',
      '2026-12-24T09:00:00',
      '2026-12-28T08:00:00',
    ],
  ] as const)('end at the start of working hours: %s', (_case, choice, now, until) => {
    expect(snoozeUntil(choice, local(now), calendar)).toBe(local(until));
  });
});

describe('escalations stay open until resolved', () => {
  it('are flagged and filtered while open, and closed with who resolved them', async () => {
    const queue = await queueAt(TUESDAY);
    const { referral } = await queue.track(draft({ authoredOn: undefined }), DEFAULT_CONFIG);
    const escalated = await queue.update(
      referral.id,
      referral.version,
      escalate(escalation(TUESDAY)),
      DEFAULT_CONFIG,
    );
    // Logging a call afterwards does not close it: nothing but "resolved" does.
    const attempt = {
      id: 'a1',
      at: TUESDAY + 60_000,
      by: 'JD',
      party: 'patient' as const,
      channel: 'phone' as const,
      outcome: 'reached' as const,
      barriers: [],
    };
    const called = await queue.update(
      referral.id,
      escalated.version,
      logOutreach(attempt, DEFAULT_CONFIG),
      DEFAULT_CONFIG,
    );
    expect(openEscalations(called)).toHaveLength(1);
    const withOpen = async () =>
      (await queryQueue(queue.database, QueueQuery.parse({ escalationOpen: true }), TUESDAY, DEFAULT_CONFIG))
        .referrals.length;
    expect(await withOpen()).toBe(1);

    const resolved = await queue.update(
      referral.id,
      called.version,
      resolveEscalation(TUESDAY, TUESDAY + 120_000, 'MK', 'Nurse called the patient back'),
      DEFAULT_CONFIG,
    );
    expect(openEscalations(resolved)).toEqual([]);
    expect(resolved.escalations?.[0]?.resolved).toEqual({
      at: TUESDAY + 120_000,
      by: 'MK',
      note: 'Nurse called the patient back',
    });
    expect(await withOpen()).toBe(0);
    // A backup keeps the resolution.
    expect(BackupReferral.safeParse(resolved).success).toBe(true);
  });

  it('refuse a second "resolved", with a code the edge words', () => {
    const base = { ...(draft() as Referral), history: [], outreach: [], records: [] } as unknown as Referral;
    const once = resolveEscalation(TUESDAY, TUESDAY + 1, 'MK')(escalate(escalation(TUESDAY))(base));
    try {
      resolveEscalation(TUESDAY, TUESDAY + 2, 'MK')(once);
      throw new Error('not refused');
    } catch (error) {
      expect((error as TransitionRefused).refusal).toEqual({
        code: 'escalation-not-open',
        raisedAt: TUESDAY,
      });
      expect(refusalText((error as TransitionRefused).refusal)).toMatch(/already resolved/);
    }
  });
});

function renderTimeline(referral: Referral): HTMLElement {
  const root = document.createElement('div');
  act(() => render(<Timeline referral={referral} />, root));
  return root;
}

describe('the timeline', () => {
  it('shows every change newest first: state, outreach with its note, escalation and who resolved it', () => {
    const base = {
      ...(draft() as Referral),
      id: 'r1',
      status: 'new',
      outreach: [],
      records: [],
      dates: {},
      history: [{ at: TUESDAY, by: 'JD', kind: 'created', to: 'new' }],
    } as unknown as Referral;
    const attempt = {
      id: 'a1',
      at: TUESDAY + 60_000,
      by: 'JD',
      party: 'patient' as const,
      channel: 'phone' as const,
      outcome: 'reached' as const,
      barriers: [],
      note: 'Patient mentioned chest pain since Sunday',
    };
    let referral = logOutreach(attempt, DEFAULT_CONFIG)(base);
    referral = escalate(escalation(TUESDAY + 120_000))(referral);
    referral = resolveEscalation(TUESDAY + 120_000, TUESDAY + 180_000, '', 'Handled by triage')(referral);
    const root = renderTimeline(referral);
    const entries = [...root.querySelectorAll('.timeline-entry')].map((entry) => entry.textContent ?? '');
    expect(entries).toHaveLength(4);
    expect(entries[0]).toContain('Escalation to Nurse triage line resolved');
    expect(entries[0]).toContain('Handled by triage');
    // No initials recorded: nothing stands in for them.
    expect(root.querySelector('.timeline-entry .timeline-who')?.textContent).toBe(' · JD');
    expect(root.querySelectorAll('.timeline-who')).toHaveLength(3);
    expect(entries[1]).toContain('Red-flag escalation recorded for Nurse triage line');
    expect(entries[1]).toContain('Nothing was sent');
    expect(entries[2]).toContain('Phone call to Patient: Reached');
    expect(entries[2]).toContain('Patient mentioned chest pain since Sunday');
    expect(entries[3]).toContain('Tracked');
  });
});

describe('patient letter and packet cover sheet', () => {
  const tracked = (overrides: Partial<Referral> = {}) =>
    ({
      ...(draft() as Referral),
      id: 'r1',
      status: 'sent',
      outreach: [],
      records: [{ id: 'x', name: 'ECG tracing', sentAt: TUESDAY }],
      recordsAttached: 'Office notes; Lipid panel',
      dates: {},
      history: [],
      createdAt: TUESDAY,
      ...overrides,
    }) as Referral;

  it('builds the letter from the approved script in the patient’s language, passing the 3-second check', () => {
    const letter = patientLetter(tracked(), DEFAULT_CONFIG);
    expect(letter?.scriptId).toBe('patient-letter-en');
    expect(letter?.check.passes).toBe(true);
    expect(letter?.paragraphs[0]).toContain('Dear Avery');
    expect(letter?.paragraphs.join('\n')).toContain('Riverbend Heart Center');
    const spanish = patientLetter(
      tracked({ patient: { name: 'Bianca Ortiz', preferredLanguage: 'Spanish' } }),
      DEFAULT_CONFIG,
    );
    expect(spanish?.language).toBe('es');
    expect(spanish?.notInTheirLanguage).toBe(false);
    const vietnamese = patientLetter(
      tracked({ patient: { name: 'Minh Tran', preferredLanguage: 'Vietnamese' } }),
      DEFAULT_CONFIG,
    );
    expect(vietnamese?.notInTheirLanguage).toBe(true);
  });

  it('lists what is enclosed and what answer is needed by when, passing the 3-second check', () => {
    const sheet = coverSheet(tracked(), DEFAULT_CONFIG, TUESDAY);
    expect(sheet.enclosed).toEqual(['ECG tracing', 'Office notes', 'Lipid panel']);
    // The acknowledgment service level (2 business days), at the end of that working day.
    expect(sheet.respondBy).toBe(local('2026-11-26T17:00:00'));
    const lines = coverLines(sheet);
    expect(lines.why).toContain('Avery Quinlan');
    const check = threeSecondCheck(lines, DEFAULT_CONFIG.threeSecondRule.openingWordBudget);
    expect(check.problems).toEqual([]);
  });
});

describe('the day view', () => {
  it('lists overdue, due today, new and open escalations, each counted, most urgent first', async () => {
    const queue = await queueAt(TUESDAY);
    const track = async (order: string, overrides: Parameters<typeof draft>[0]) =>
      (
        await queue.track(
          draft({
            orderNumber: order,
            source: {
              profileId: 'generic',
              pageUrl: `http://127.0.0.1:8765/legacy/referral.asp?id=${order}`,
            },
            ...overrides,
          }),
          DEFAULT_CONFIG,
        )
      ).referral;
    // A routine referral ordered long ago, and a STAT one ordered yesterday: both overdue.
    const routineLate = await track('A', { authoredOn: '2026-11-02', priority: 'routine' });
    const statLate = await track('B', { authoredOn: '2026-11-23', priority: 'stat' });
    // STAT ordered today: due at the end of today.
    const statToday = await track('C', { authoredOn: '2026-11-24', priority: 'stat' });
    // Routine, no date on the screen: due in three days, new only.
    const routineNew = await track('D', { authoredOn: undefined });
    await queue.update(
      routineNew.id,
      routineNew.version,
      escalate(escalation(TUESDAY, false)),
      DEFAULT_CONFIG,
    );

    const { groups } = await todayView(queue.database, TUESDAY, 10);
    const ids = (group: keyof typeof groups) => groups[group].referrals.map((referral) => referral.id);
    expect(ids('overdue')).toEqual([statLate.id, routineLate.id]);
    expect(ids('due-today')).toEqual([statToday.id]);
    expect(groups.new.count).toBe(4);
    expect(ids('new')[0]).toBe(statLate.id);
    expect(ids('escalations')).toEqual([routineNew.id]);
    const few = await todayView(queue.database, TUESDAY, 1);
    expect([few.groups.overdue.count, few.groups.overdue.referrals.length]).toEqual([2, 1]);
    expect(few.scope).toBe('queue');
    // On a team queue, the day is the coordinator's: a colleague's late referral is not in it.
    const mine = await todayView(queue.database, TUESDAY, 10, (referral) => referral.id !== statLate.id);
    expect(mine.scope).toBe('mine-and-unassigned');
    expect(mine.groups.overdue.referrals.map((referral) => referral.id)).toEqual([routineLate.id]);
    expect(mine.groups.new.count).toBe(3);
  });

  const open = (overrides: Partial<Referral>): Referral =>
    ({
      ...(draft() as Referral),
      id: 'r',
      status: 'new',
      priority: 'routine',
      createdAt: TUESDAY,
      nextFollowUpAt: TUESDAY + 3600_000,
      dates: {},
      outreach: [],
      history: [],
      ...overrides,
    }) as Referral;

  it('ranks one priority by the earliest follow-up, then by the longest tracked', () => {
    const later = open({ id: 'later', nextFollowUpAt: TUESDAY + 7200_000, createdAt: TUESDAY - 5 });
    const sooner = open({ id: 'sooner', nextFollowUpAt: TUESDAY + 3600_000 });
    const older = open({ id: 'older', nextFollowUpAt: TUESDAY + 3600_000, createdAt: TUESDAY - 10 });
    const urgent = open({ id: 'urgent', priority: 'urgent', nextFollowUpAt: TUESDAY + 9000_000 });
    expect([later, sooner, urgent, older].sort(byUrgency).map((referral) => referral.id)).toEqual([
      'urgent',
      'older',
      'sooner',
      'later',
    ]);
  });

  it('counts a follow-up at the last moment of the day as due today, and a referral being worked as not new', () => {
    expect(todayGroupsOf(open({ nextFollowUpAt: endOfDay(TUESDAY) }), TUESDAY)).toEqual(['due-today', 'new']);
    expect(todayGroupsOf(open({ nextFollowUpAt: endOfDay(TUESDAY) + 1 }), TUESDAY)).toEqual(['new']);
    expect(todayGroupsOf(open({ status: 'sent' }), TUESDAY)).toEqual(['due-today']);
  });
});
