import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/schema';
import { QueueQuery, type QueueQueryInput } from '../../src/message-schema';
import { openHandoffDatabase } from '../../src/queue/database';
import { queryQueue } from '../../src/queue/queue-query';
import { ReferralQueue, StaleWrite } from '../../src/queue/referral-queue';
import { changeStatus } from '../../src/referral/operations';
import type { Referral } from '../../src/referral/referral';
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

describe('queue query, rule by rule', () => {
  const close = (queue: ReferralQueue, referral: Referral, at: number) =>
    queue.update(
      referral.id,
      referral.version,
      changeStatus({ to: 'closed-not-completed', reason: 'duplicate', at, by: 'JD' }, DEFAULT_CONFIG),
      DEFAULT_CONFIG,
    );
  const run = async (queue: ReferralQueue, now: number, input: QueueQueryInput) =>
    (await queryQueue(queue.database, query({ limit: 100, ...input }), now, DEFAULT_CONFIG)).referrals;
  const orders = (referrals: Referral[]) => referrals.map((r) => r.orderNumber).sort();
  const SORTS = ['next-follow-up', 'newest', 'oldest'] as const;

  it('filters by specialty whatever its case, past a referral with no specialty', async () => {
    const { queue, now } = await queueOf(6);
    await queue.track(
      draft({ orderNumber: 'ORD-X', receiving: { organization: 'Riverbend' } }),
      DEFAULT_CONFIG,
    );
    expect(orders(await run(queue, now(), { specialty: 'CARDIOLOGY' }))).toEqual(['ORD-1', 'ORD-3', 'ORD-5']);
  });

  it('finds a search that spans two fields, as the row shows them', async () => {
    const { queue, now } = await queueOf(6);
    expect(orders(await run(queue, now(), { search: 'Cardiology Riverbend' }))).toEqual(['ORD-1', 'ORD-5']);
    expect(orders(await run(queue, now(), { search: 'cardiologyriverbend' }))).toEqual([]);
  });

  it('buckets by business-day age in every order, closed referrals left out', async () => {
    const { queue, now } = await queueOf(12);
    const [newest] = await queue.newest(1);
    if (!newest) throw new Error('empty queue');
    await close(queue, newest, now());
    for (const ageBucket of ['0-2', '3-7', '8-14'] as const) {
      const bySort = await Promise.all(
        SORTS.map(async (sort) => orders(await run(queue, now(), { ageBucket, sort }))),
      );
      expect(bySort[0], ageBucket).not.toContain('ORD-11');
      expect(bySort[1], ageBucket).toEqual(bySort[0]);
      expect(bySort[2], ageBucket).toEqual(bySort[0]);
    }
    // The newest one left is a business day old (tracked the day before): still 0-2.
    expect(orders(await run(queue, now(), { ageBucket: '0-2', sort: 'newest' }))).toContain('ORD-10');
  });

  it('lists only overdue referrals in every order, one due this very moment included', async () => {
    const { queue } = await queueOf(12);
    const all = await run(queue, 0, {});
    const dueNow = all[3]?.nextFollowUpAt ?? 0;
    const overdue = orders(all.filter((r) => (r.nextFollowUpAt ?? 0) <= dueNow));
    expect(overdue.length).toBeGreaterThan(0);
    expect(overdue.length).toBeLessThan(all.length);
    for (const sort of SORTS)
      expect(orders(await run(queue, dueNow, { overdueOnly: true, sort })), sort).toEqual(overdue);
  });

  it('lists open and closed states asked for together', async () => {
    const { queue, now } = await queueOf(3);
    const [newest] = await queue.newest(1);
    if (!newest) throw new Error('empty queue');
    await close(queue, newest, now());
    expect(orders(await run(queue, now(), { states: ['new', 'closed-not-completed'] }))).toEqual([
      'ORD-0',
      'ORD-1',
      'ORD-2',
    ]);
  });

  it('pages one referral at a time, in every order', async () => {
    const { queue, now } = await queueOf(5);
    for (const sort of SORTS) {
      const seen: string[] = [];
      let after: string | undefined;
      do {
        const page = await queryQueue(
          queue.database,
          query({ sort, limit: 1, after }),
          now(),
          DEFAULT_CONFIG,
        );
        seen.push(...page.referrals.map((r) => r.orderNumber ?? ''));
        after = page.next;
      } while (after);
      expect(seen.sort(), sort).toEqual(['ORD-0', 'ORD-1', 'ORD-2', 'ORD-3', 'ORD-4']);
    }
  });

  it('skips no referral when the last one on a page was closed before the next page', async () => {
    const { queue, now } = await queueOf(5);
    const first = await queryQueue(queue.database, query({ limit: 2 }), now(), DEFAULT_CONFIG);
    const last = first.referrals.at(-1);
    if (!last) throw new Error('empty page');
    await close(queue, last, now());
    const second = await queryQueue(
      queue.database,
      query({ limit: 2, after: first.next }),
      now(),
      DEFAULT_CONFIG,
    );
    const byDue = await run(queue, now(), {});
    expect(second.referrals.map((r) => r.id)).toEqual(byDue.slice(1, 3).map((r) => r.id));
  });

  it('starts from the top when the page cursor is not one the queue gave', async () => {
    const { queue, now } = await queueOf(3);
    const top = (await run(queue, now(), {})).map((r) => r.id);
    // A cursor the queue gave, with its referral id no longer text (a list sorts after every id).
    const given = (await queryQueue(queue.database, query({ limit: 1 }), now(), DEFAULT_CONFIG)).next ?? '';
    const [key] = JSON.parse(given) as [number, string];
    for (const after of ['["ORD-1","x"]', '[1, 2]', '{"key":1}', 'not json', JSON.stringify([key, [0]])])
      expect(
        (await run(queue, now(), { after })).map((r) => r.id),
        after,
      ).toEqual(top);
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
