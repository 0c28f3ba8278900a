import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/schema';
import { openHandoffDatabase } from '../../src/queue/database';
import { OtherPatient, ReferralQueue } from '../../src/queue/referral-queue';
import { callBackAt, recordPacket } from '../../src/referral/operations';
import { draft, freshDatabaseName } from './fixtures';

// Tuesday 24 November 2026, 10:00 local time.
const TUESDAY = new Date('2026-11-24T10:00:00').getTime();

async function queueAt(now: number) {
  let clock = now;
  let ids = 0;
  const queue = new ReferralQueue(
    await openHandoffDatabase(freshDatabaseName()),
    () => clock,
    () => `referral-${++ids}`,
  );
  return { queue, advance: (ms: number) => (clock += ms) };
}

describe('ReferralQueue.track', () => {
  it('adds a new referral with its history and a follow-up from the service level', async () => {
    const { queue } = await queueAt(TUESDAY);
    const { referral, created } = await queue.track(draft({ priority: 'urgent' }), DEFAULT_CONFIG);
    expect(created).toBe(true);
    expect(referral.status).toBe('new');
    expect(referral.history).toEqual([{ at: TUESDAY, by: '', kind: 'created', to: 'new' }]);
    expect(referral).toMatchObject({ dates: {}, outreach: [], records: [] });
    // Urgent: two business days, Tuesday -> Thursday, same time.
    expect(new Date(referral.nextFollowUpAt ?? 0).toDateString()).toBe(
      new Date('2026-11-26T10:00').toDateString(),
    );
  });

  it('does not duplicate the same EHR referral tracked again', async () => {
    const { queue } = await queueAt(TUESDAY);
    const first = await queue.track(draft(), DEFAULT_CONFIG);
    const again = await queue.track(draft({ reason: 'reworded on reload' }), DEFAULT_CONFIG);
    expect(again.created).toBe(false);
    expect(again.referral.id).toBe(first.referral.id);
    expect(await queue.newest(10)).toHaveLength(1);
  });

  it('keeps one copy when two tabs track at the same moment', async () => {
    const { queue } = await queueAt(TUESDAY);
    const results = await Promise.allSettled([
      queue.track(draft(), DEFAULT_CONFIG),
      queue.track(draft(), DEFAULT_CONFIG),
    ]);
    expect(results.every((result) => result.status === 'fulfilled')).toBe(true);
    expect(await queue.newest(10)).toHaveLength(1);
  });

  it('refuses another patient’s referral under the same key unless asked to track it apart', async () => {
    const { queue } = await queueAt(TUESDAY);
    await queue.track(draft(), DEFAULT_CONFIG);
    const jordan = draft({ patient: { name: 'Jordan Pike', mrn: 'MRN-007001', dateOfBirth: '1990-05-05' } });
    await expect(queue.track(jordan, DEFAULT_CONFIG, 'JD')).rejects.toBeInstanceOf(OtherPatient);
    expect((await queue.track(jordan, DEFAULT_CONFIG, 'JD', true)).created).toBe(true);
    // A third patient under the same reused order number gets a referral of their own too.
    const sam = draft({ patient: { name: 'Sam Ortiz', mrn: 'MRN-008002', dateOfBirth: '1975-02-02' } });
    const third = await queue.track(sam, DEFAULT_CONFIG, 'JD', true);
    expect(third.created).toBe(true);
    expect(third.referral.patient.name).toBe('Sam Ortiz');
    expect(await queue.newest(10)).toHaveLength(3);
  });

  it('tells referrals without an order number apart by patient and content', async () => {
    const { queue } = await queueAt(TUESDAY);
    await queue.track(draft({ orderNumber: undefined }), DEFAULT_CONFIG);
    const other = await queue.track(
      draft({ orderNumber: undefined, receiving: { specialty: 'Dermatology' } }),
      DEFAULT_CONFIG,
    );
    expect(other.created).toBe(true);
  });
});

describe('ReferralQueue due dates', () => {
  it('lists open referrals whose follow-up has passed, and the next one ahead', async () => {
    const { queue, advance } = await queueAt(TUESDAY);
    const { referral: stat } = await queue.track(
      draft({ orderNumber: 'A', priority: 'stat' }),
      DEFAULT_CONFIG,
    );
    const { referral: routine } = await queue.track(draft({ orderNumber: 'B' }), DEFAULT_CONFIG);
    expect(await queue.overdue()).toEqual([]);
    expect(await queue.nextFollowUpAfter()).toBe(stat.nextFollowUpAt);
    advance((stat.nextFollowUpAt ?? 0) - TUESDAY + 1);
    expect((await queue.overdue()).map((r) => r.id)).toEqual([stat.id]);
    expect(await queue.nextFollowUpAfter()).toBe(routine.nextFollowUpAt);
  });

  it('moves a follow-up and clears its announcement', async () => {
    const { queue } = await queueAt(TUESDAY);
    const { referral } = await queue.track(draft(), DEFAULT_CONFIG);
    await queue.markNotified([referral]);
    const moved = await queue.update(
      referral.id,
      undefined,
      callBackAt(TUESDAY - 1, Date.now(), 'AB'),
      DEFAULT_CONFIG,
    );
    expect(moved?.unannouncedAt).toBe(TUESDAY - 1);
    expect((await queue.overdue()).map((r) => r.id)).toEqual([referral.id]);
    await expect(
      queue.update('missing', undefined, callBackAt(TUESDAY, Date.now(), 'AB'), DEFAULT_CONFIG),
    ).rejects.toThrow('no longer in the queue');
  });

  it('announces a follow-up once: a change that keeps it does not make it news again', async () => {
    const { queue, advance } = await queueAt(TUESDAY);
    const { referral } = await queue.track(draft({ priority: 'stat' }), DEFAULT_CONFIG);
    advance((referral.nextFollowUpAt ?? 0) - TUESDAY + 1);
    expect((await queue.unannouncedOverdue()).map((r) => r.id)).toEqual([referral.id]);
    await queue.markNotified([referral]);
    const checked = recordPacket({ missingRequired: [], confirmed: ['office-note'] }, TUESDAY, 'JD');
    const updated = await queue.update(referral.id, undefined, checked, DEFAULT_CONFIG);
    expect(updated.nextFollowUpAt).toBe(referral.nextFollowUpAt);
    expect(await queue.unannouncedOverdue()).toEqual([]);
  });

  it('arms the next alarm for a follow-up strictly after the time asked about', async () => {
    const { queue } = await queueAt(TUESDAY);
    const { referral: stat } = await queue.track(
      draft({ orderNumber: 'A', priority: 'stat' }),
      DEFAULT_CONFIG,
    );
    const { referral: routine } = await queue.track(draft({ orderNumber: 'B' }), DEFAULT_CONFIG);
    expect(await queue.nextFollowUpAfter(stat.nextFollowUpAt)).toBe(routine.nextFollowUpAt);
  });

  it('marks as announced only referrals still in the queue', async () => {
    const { queue } = await queueAt(TUESDAY);
    const { referral } = await queue.track(draft(), DEFAULT_CONFIG);
    await queue.markNotified([{ ...referral, id: 'gone' }]);
    expect((await queue.newest(10)).map((r) => r.id)).toEqual([referral.id]);
  });

  it('returns the newest referrals first, at most the limit', async () => {
    const { queue, advance } = await queueAt(TUESDAY);
    for (const order of ['1', '2', '3']) {
      await queue.track(draft({ orderNumber: order }), DEFAULT_CONFIG);
      advance(1000);
    }
    expect((await queue.newest(2)).map((r) => r.orderNumber)).toEqual(['3', '2']);
  });
});
