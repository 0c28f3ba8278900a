import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/schema';
import { QueueQuery } from '../../src/message-schema';
import { NO_FILTERS, readViewParams, toQueueQuery, writeViewParams } from '../../src/queue-view/filters';
import { businessDaysSince } from '../../src/queue-view/format';
import { AGE_BUCKETS } from '../../src/referral/age-buckets';
import { subtractBusinessDays } from '../../src/referral/business-days';

describe('queue view address', () => {
  it('reads what a notification click asks for: overdue, states and one referral', () => {
    expect(readViewParams('?overdue=1')).toEqual({ filters: { ...NO_FILTERS, overdueOnly: true } });
    const params = readViewParams('?state=sent&state=scheduled&state=bogus&id=abc-123&limit=5');
    expect(params.filters.states).toEqual(['sent', 'scheduled']);
    expect(params.filters.limit).toBe(5);
    expect(params.openId).toBe('abc-123');
  });

  it('ignores what it does not understand', () => {
    expect(readViewParams('?limit=1000&sort=random&age=99&priority=whenever').filters).toEqual(NO_FILTERS);
    expect(readViewParams('').filters).toEqual(NO_FILTERS);
  });

  it('writes the filters back so that a reload shows the same view', () => {
    const filters = {
      ...NO_FILTERS,
      states: ['new' as const, 'waiting-on-info' as const],
      overdueOnly: true,
      ageBucket: '3-7' as const,
      priority: 'urgent' as const,
      specialty: 'Cardiology',
      receivingOrganization: 'Riverbend Heart Center',
      search: 'quin',
      sort: 'oldest' as const,
      limit: 10,
    };
    const search = writeViewParams({ filters, openId: 'r1' });
    expect(readViewParams(search)).toEqual({ filters, openId: 'r1' });
    expect(writeViewParams({ filters: NO_FILTERS })).toBe('');
  });

  it('turns the filters into a query the background accepts', () => {
    const query = toQueueQuery(
      { ...NO_FILTERS, states: ['sent'], priority: 'stat', search: '  ', overdueOnly: true },
      '[1,"x"]',
    );
    expect(QueueQuery.parse(query)).toEqual({
      states: ['sent'],
      priorities: ['stat'],
      overdueOnly: true,
      sort: 'next-follow-up',
      limit: 25,
      after: '[1,"x"]',
    });
  });
});

describe('age in business days', () => {
  it('counts as the age-bucket filter does', () => {
    const now = new Date('2026-11-25T15:00:00').getTime(); // a Wednesday
    for (const days of [0, 1, 2, 3, 7, 8, 30, 31]) {
      const createdAt = subtractBusinessDays(new Date(now), days, DEFAULT_CONFIG.calendar).getTime();
      expect(businessDaysSince(createdAt, now), `${days} days`).toBe(days);
      expect(businessDaysSince(createdAt + 1, now), `just under ${days} days`).toBe(Math.max(days - 1, 0));
    }
    expect(AGE_BUCKETS['3-7']).toEqual([3, 7]);
  });
});
