import { describe, expect, it } from 'vitest';
import { panelConfigOf } from '../../src/background/publish-config';
import { DEFAULT_CONFIG } from '../../src/config/schema';
import { EXPORT_KIND_NAMES } from '../../src/export/export-kinds';
import { HandoffRequest, QueueQuery } from '../../src/message-schema';
import { computeMetrics } from '../../src/metrics/compute-metrics';
import { PanelConfigSchema } from '../../src/panel-config/schema';
import { openHandoffDatabase } from '../../src/queue/database';
import { queryQueue } from '../../src/queue/queue-query';
import { ReferralQueue } from '../../src/queue/referral-queue';
import { readViewParams } from '../../src/queue-view/filters';
import { AGE_BUCKET_NAMES, AGE_BUCKETS, ageBucketOf } from '../../src/referral/age-buckets';
import { isOverdue } from '../../src/referral/overdue';
import { PATIENT_BARRIERS } from '../../src/referral/referral';
import { fromLocalInput, withBarrier } from '../../src/ui/outreach-entry';
import { draft, freshDatabaseName } from './fixtures';

const TUESDAY = new Date('2026-11-24T10:00:00').getTime();

describe('the overdue rule', () => {
  it('is due from the moment itself, and every reader of the queue agrees on it', async () => {
    const queue = new ReferralQueue(await openHandoffDatabase(freshDatabaseName()), () => TUESDAY);
    const { referral } = await queue.track(draft(), DEFAULT_CONFIG);
    const due = referral.nextFollowUpAt;
    if (due === undefined) throw new Error('a new referral has a follow-up');
    const readers = async (now: number) => {
      const page = async (sort: 'next-follow-up' | 'newest') =>
        (await queryQueue(queue.database, QueueQuery.parse({ overdueOnly: true, sort }), now, DEFAULT_CONFIG))
          .referrals.length;
      const metrics = await computeMetrics(queue.database, { from: 0, to: now + 1 }, now, DEFAULT_CONFIG);
      return {
        rule: isOverdue(referral, now) ? 1 : 0,
        index: (await queue.overdue(now)).length,
        badge: await queue.overdueCount(now),
        dueFilter: await page('next-follow-up'),
        otherFilter: await page('newest'),
        metrics: metrics.stalls.byState.reduce((sum, row) => sum + row.overdue, 0),
      };
    };
    const all = (count: number) => ({
      rule: count,
      index: count,
      badge: count,
      dueFilter: count,
      otherFilter: count,
      metrics: count,
    });
    expect(await readers(due - 1)).toEqual(all(0));
    expect(await readers(due)).toEqual(all(1));
    expect(isOverdue({}, Number.POSITIVE_INFINITY)).toBe(false);
  });
});

describe('the age buckets', () => {
  it('are one list: the filter, the request schema and the metrics take every bucket and no other', () => {
    expect(AGE_BUCKET_NAMES).toEqual(['0-2', '3-7', '8-14', '15-30', '30+']);
    for (const bucket of AGE_BUCKET_NAMES) {
      expect(QueueQuery.parse({ ageBucket: bucket }).ageBucket).toBe(bucket);
      expect(readViewParams(`?age=${encodeURIComponent(bucket)}`).filters.ageBucket).toBe(bucket);
      const [youngest, oldest] = AGE_BUCKETS[bucket];
      expect([youngest, Math.min(oldest, 400)].map(ageBucketOf)).toEqual([bucket, bucket]);
    }
    expect(QueueQuery.safeParse({ ageBucket: '31-60' }).success).toBe(false);
  });
});

describe('the export kinds', () => {
  it('are one list the request schema accepts, and no other', () => {
    for (const what of EXPORT_KIND_NAMES)
      expect(HandoffRequest.safeParse({ type: 'export', what }).success).toBe(true);
    expect(HandoffRequest.safeParse({ type: 'export', what: 'xlsx' }).success).toBe(false);
  });
});

describe("the panel's configuration", () => {
  it('is published with every key of its schema, so none falls back to its default', () => {
    const published = panelConfigOf(DEFAULT_CONFIG);
    expect(Object.keys(published).sort()).toEqual(Object.keys(PanelConfigSchema.shape).sort());
    for (const key of PanelConfigSchema.keyof().options) expect(published[key]).toBe(DEFAULT_CONFIG[key]);
  });
});

describe('an outreach attempt, from the panel or a queue view', () => {
  it('reads the appointment one way: a local date and time, nothing for empty or unreadable input', () => {
    expect(fromLocalInput('2026-12-03T09:30')).toBe(new Date(2026, 11, 3, 9, 30).getTime());
    expect(fromLocalInput('')).toBeUndefined();
    expect(fromLocalInput('not a date')).toBeUndefined();
  });

  it('keeps barriers in the list order, whatever order they were ticked in', () => {
    const ticked = withBarrier(withBarrier([], 'transportation', true), 'language', true);
    expect(ticked).toEqual(PATIENT_BARRIERS.filter((barrier) => ticked.includes(barrier)));
    expect(withBarrier(ticked, 'transportation', false)).toEqual(['language']);
  });
});
