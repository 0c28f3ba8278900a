import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/schema';
import { QueueQuery, type QueueQueryInput } from '../../src/message-schema';
import { openHandoffDatabase } from '../../src/queue/database';
import { queryQueue } from '../../src/queue/queue-query';
import { ReferralQueue, StaleWrite } from '../../src/queue/referral-queue';
import { changeStatus } from '../../src/referral/operations';
import { draft, freshDatabaseName } from './fixtures';

const TUESDAY = new Date('2026-11-24T10:00:00').getTime();
const DAY = 86_400_000;

async function queueOf(count: number) {
  let clock = TUESDAY - 40 * DAY;
  const queue = new ReferralQueue(await openHandoffDatabase(freshDatabaseName()), () => clock);
  for (let i = 0; i < count; i++) {
    await queue.track(
      draft({
        orderNumber: `ORD-${i}`,
        patient: { name: `Patient ${i}`, mrn: `MRN-${i}` },
        receiving: {
          specialty: i % 2 ? 'Cardiology' : 'Dermatology',
          organization: i % 3 ? 'Riverbend' : 'Lakeside',
        },
        priority: i % 4 === 0 ? 'urgent' : 'routine',
      }),
      DEFAULT_CONFIG,
    );
    clock += DAY;
  }
  return { queue, now: () => clock };
}

const query = (input: QueueQueryInput) => QueueQuery.parse(input);

describe('queue query', () => {
  it('pages through every referral exactly once with a cursor', async () => {
    const { queue, now } = await queueOf(23);
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await queryQueue(
        queue.database,
        query({ sort: 'newest', limit: 5, after }),
        now(),
        DEFAULT_CONFIG,
      );
      seen.push(...page.referrals.map((r) => r.orderNumber ?? ''));
      after = page.next;
      pages += 1;
    } while (after);
    expect(pages).toBe(5);
    expect(seen).toEqual(Array.from({ length: 23 }, (_, i) => `ORD-${22 - i}`));
  });

  it('sorts by follow-up date and filters overdue, state, priority, organisation and search', async () => {
    const { queue, now } = await queueOf(12);
    const run = async (input: QueueQueryInput) =>
      (await queryQueue(queue.database, query({ limit: 100, ...input }), now(), DEFAULT_CONFIG)).referrals;
    const byDue = await run({});
    expect(byDue.map((r) => r.nextFollowUpAt)).toEqual(
      [...byDue.map((r) => r.nextFollowUpAt)].sort((a, b) => (a ?? 0) - (b ?? 0)),
    );
    expect((await run({ overdueOnly: true })).every((r) => (r.nextFollowUpAt ?? 0) <= now())).toBe(true);
    expect((await run({ priorities: ['urgent'] })).map((r) => r.orderNumber)).toEqual([
      'ORD-0',
      'ORD-4',
      'ORD-8',
    ]);
    expect((await run({ receivingOrganization: 'lakeside' })).map((r) => r.orderNumber).sort()).toEqual([
      'ORD-0',
      'ORD-3',
      'ORD-6',
      'ORD-9',
    ]);
    expect((await run({ search: 'mrn-11' })).map((r) => r.orderNumber)).toEqual(['ORD-11']);
    const first = byDue[0];
    if (!first) throw new Error('empty queue');
    await queue.update(
      first.id,
      first.version,
      changeStatus({ to: 'closed-not-completed', reason: 'duplicate', at: now(), by: 'JD' }, DEFAULT_CONFIG),
      DEFAULT_CONFIG,
    );
    expect(await run({})).toHaveLength(11);
    expect((await run({ states: ['closed-not-completed'] })).map((r) => r.id)).toEqual([first.id]);
  });

  it('filters by receiving office through its index, paging in every order', async () => {
    const { queue, now } = await queueOf(23);
    const lakeside = (await queue.newest(100)).filter((r) => r.receiving.organization === 'Lakeside');
    for (const sort of ['next-follow-up', 'newest', 'oldest'] as const) {
      const seen: string[] = [];
      let after: string | undefined;
      do {
        const page = await queryQueue(
          queue.database,
          query({ sort, limit: 3, after, receivingOrganization: ' LAKESIDE' }),
          now(),
          DEFAULT_CONFIG,
        );
        seen.push(...page.referrals.map((r) => r.id));
        after = page.next;
      } while (after);
      expect(seen.sort()).toEqual(lakeside.map((r) => r.id).sort());
    }
    const newest = await queryQueue(
      queue.database,
      query({ sort: 'newest', limit: 2, receivingOrganization: 'lakeside' }),
      now(),
      DEFAULT_CONFIG,
    );
    expect(newest.referrals.map((r) => r.id)).toEqual(lakeside.slice(0, 2).map((r) => r.id));
  });

  it('buckets open referrals by business-day age', async () => {
    const { queue, now } = await queueOf(12);
    const run = async (ageBucket: QueueQueryInput['ageBucket']) =>
      (
        await queryQueue(
          queue.database,
          query({ ageBucket, sort: 'newest', limit: 100 }),
          now(),
          DEFAULT_CONFIG,
        )
      ).referrals.length;
    const counts = await Promise.all((['0-2', '3-7', '8-14', '15-30', '30+'] as const).map(run));
    // Tracked one a calendar day apart over 12 days: every one in exactly one bucket, the newest
    // in 0-2, the oldest (8 business days) in 8-14.
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(12);
    expect(counts[0]).toBeGreaterThan(0);
    expect(counts[2]).toBeGreaterThan(0);
    expect(counts[4]).toBe(0);
  });
});

describe('stale writes', () => {
  it('refuses a change based on an older copy instead of overwriting the newer one', async () => {
    const { queue, now } = await queueOf(1);
    const [referral] = await queue.newest(1);
    if (!referral) throw new Error('empty queue');
    const toReady = changeStatus({ to: 'ready-to-send', at: now(), by: 'AB' }, DEFAULT_CONFIG);
    const fromFirstTab = await queue.update(referral.id, referral.version, toReady, DEFAULT_CONFIG);
    expect(fromFirstTab.version).toBe(2);
    const toSent = changeStatus({ to: 'sent', at: now(), by: 'CD' }, DEFAULT_CONFIG);
    await expect(queue.update(referral.id, referral.version, toSent, DEFAULT_CONFIG)).rejects.toBeInstanceOf(
      StaleWrite,
    );
    expect((await queue.get(referral.id))?.status).toBe('ready-to-send');
  });
});
