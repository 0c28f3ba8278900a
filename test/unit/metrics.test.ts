import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/schema';
import { computeMetricsOf, createMetricsAccumulator } from '../../src/metrics/accumulator';
import { businessDaysElapsed, median, orderedAt, percentile } from '../../src/metrics/durations';
import { referralFacts } from '../../src/metrics/facts';
import { fieldsPacketCheck, type PacketCheck, packetCheckFor } from '../../src/metrics/packet-check';
import { customPeriod, dateInputValue, presetPeriod } from '../../src/metrics/period';
import type { MetricsReport } from '../../src/metrics/report';
import { ageBucketOf } from '../../src/referral/age-buckets';
import { subtractBusinessDays } from '../../src/referral/business-days';
import { at, novemberReferrals, referral } from './metrics-referrals';

const calendar = DEFAULT_CONFIG.calendar;
const NOVEMBER = { from: at(1), to: at(1, 0, 12) };
/** Friday 27 November 2026, noon: when the figures are computed. */
const AS_OF = at(27, 12);

function november(options: { packetCheck?: PacketCheck } = {}): MetricsReport {
  return computeMetricsOf(novemberReferrals(), {
    ...NOVEMBER,
    asOf: AS_OF,
    config: DEFAULT_CONFIG,
    ...options,
  });
}

describe('business days elapsed', () => {
  it('counts whole working days at the same time of day, skipping weekends', () => {
    expect(businessDaysElapsed(at(2, 9), at(2, 17), calendar)).toBe(0); // same Monday
    expect(businessDaysElapsed(at(2, 9), at(3, 8), calendar)).toBe(0); // not a full day yet
    expect(businessDaysElapsed(at(2, 9), at(3, 9), calendar)).toBe(1);
    expect(businessDaysElapsed(at(6, 16), at(9, 16), calendar)).toBe(1); // Friday to Monday
    expect(businessDaysElapsed(at(7, 10), at(9, 9), calendar)).toBe(0); // tracked on a Saturday
    expect(businessDaysElapsed(at(2), at(23, 10), calendar)).toBe(15); // three working weeks
  });

  it('skips configured holidays and never goes negative', () => {
    const withHoliday = { ...calendar, holidays: ['2026-11-26'] };
    expect(businessDaysElapsed(at(25, 9), at(27, 9), calendar)).toBe(2);
    expect(businessDaysElapsed(at(25, 9), at(27, 9), withHoliday)).toBe(1);
    expect(businessDaysElapsed(at(10), at(5), calendar)).toBe(0);
  });

  it('is the age the queue filter uses: k days back is on or after the start, k + 1 is before', () => {
    const november2026 = fc.integer({ min: at(1), max: at(30, 23) });
    fc.assert(
      fc.property(november2026, november2026, (a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const k = businessDaysElapsed(from, to, calendar);
        expect(subtractBusinessDays(new Date(to), k, calendar).getTime()).toBeGreaterThanOrEqual(from);
        expect(subtractBusinessDays(new Date(to), k + 1, calendar).getTime()).toBeLessThan(from);
      }),
      { numRuns: 300 },
    );
  });

  it('puts ages in the queue age buckets, inclusive at both ends', () => {
    expect([0, 2, 3, 7, 8, 14, 15, 30, 31, 400].map(ageBucketOf)).toEqual([
      '0-2',
      '0-2',
      '3-7',
      '3-7',
      '8-14',
      '8-14',
      '15-30',
      '15-30',
      '30+',
      '30+',
    ]);
  });
});

describe('median and percentiles', () => {
  it('interpolate between neighbouring values (PERCENTILE.INC)', () => {
    expect(median([])).toBeNull();
    expect(median([4])).toBe(4);
    expect(median([7, 1, 3])).toBe(3);
    expect(median([1, 2, 3, 10])).toBe(2.5);
    expect(percentile([0, 1, 1, 7], 0.9)).toBeCloseTo(5.2);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.9)).toBe(10);
    expect(percentile([5, 1], 1)).toBe(5);
    expect(percentile([5, 1], 0)).toBe(1);
  });
});

describe('ordered date', () => {
  it('is the EHR order date at local midnight, else the moment tracked', () => {
    expect(orderedAt({ authoredOn: '2026-11-20', createdAt: at(23, 8) })).toBe(at(20));
    expect(orderedAt({ createdAt: at(23, 8) })).toBe(at(23, 8));
  });
});

describe('metrics over November 2026 (hand-computed)', () => {
  it('counts referrals ordered in the period only, open and closed', () => {
    // D was ordered in October (tracked in November): it is not in November's figures.
    expect(november().referrals).toEqual({ ordered: 5, open: 3, completed: 1, notCompleted: 1 });
  });

  it('completion, scheduled and kept rates', () => {
    const report = november();
    expect(report.completion).toEqual({
      definition: 'metricsDefCompletionRate',
      count: 1,
      total: 5,
      rate: 0.2,
    });
    // A and E were scheduled.
    expect(report.scheduled).toMatchObject({ count: 2, total: 5, rate: 0.4 });
    // A's visit happened; E's patient did not come (one no-show): 1 kept of 2 known outcomes.
    expect(report.kept).toMatchObject({ count: 1, total: 2, rate: 0.5, noShows: 1 });
  });

  it('time to first outreach, scheduled and appointment in business days', () => {
    const report = november();
    // A 1 (Mon → Tue), B 1 (tracked Wed 14:00, first call Thu 15:00), E 7, F 0 (same day).
    // Sorted 0 1 1 7: median 1; 90th percentile at rank 2.7: 1 + 0.7 × (7 − 1) = 5.2. C waits.
    expect(report.timeToFirstOutreach).toMatchObject({ count: 4, waiting: 1, median: 1 });
    expect(report.timeToFirstOutreach.p90).toBeCloseTo(5.2);
    // A 5 (Mon 2 → Mon 9), E 2 (Fri 6 → Tue 10): median 3.5, p90 2 + 0.9 × 3 = 4.7; B, C, F wait.
    expect(report.timeToScheduled).toMatchObject({ count: 2, waiting: 3, median: 3.5 });
    expect(report.timeToScheduled.p90).toBeCloseTo(4.7);
    // A 15 (to Mon 23), E 6 (to Mon 16): median 10.5, p90 6 + 0.9 × 9 = 14.1.
    expect(report.timeToAppointment).toMatchObject({ count: 2, waiting: 3, median: 10.5 });
    expect(report.timeToAppointment.p90).toBeCloseTo(14.1);
  });

  it('pending by age, per state, from tracking to now', () => {
    const { pendingByAge } = november();
    const nonEmpty = Object.fromEntries(
      pendingByAge.rows.filter((row) => row.total > 0).map((row) => [row.state, row.counts]),
    );
    // Ages count from the order date: C ordered Fri 20 → Fri 27 noon = 5; F ordered Thu 12 → 11;
    // B, with no order date, from tracking Wed 4 14:00 → 16.
    expect(nonEmpty).toEqual({
      new: { '0-2': 0, '3-7': 1, '8-14': 0, '15-30': 0, '30+': 0 },
      'waiting-on-info': { '0-2': 0, '3-7': 0, '8-14': 0, '15-30': 1, '30+': 0 },
      declined: { '0-2': 0, '3-7': 0, '8-14': 1, '15-30': 0, '30+': 0 },
    });
    expect(pendingByAge.totals).toEqual({ '0-2': 0, '3-7': 1, '8-14': 1, '15-30': 1, '30+': 0 });
    expect(pendingByAge.total).toBe(3);
    expect(pendingByAge.rows.map((row) => row.state)).not.toContain('closed-completed');
  });

  it('missing information by item, from the fields until the checklist exists', () => {
    const { missingInformation } = november();
    // B lacks phone, MRN, receiving office and order date; C its reason and diagnosis codes;
    // F a date of birth.
    expect(missingInformation.checked).toBe(5);
    expect(missingInformation.incomplete).toEqual({ count: 3, total: 5, rate: 0.6 });
    expect(Object.fromEntries(missingInformation.items.map((item) => [item.id, item.count]))).toEqual({
      'patient-phone': 1,
      'patient-date-of-birth': 1,
      'patient-mrn': 1,
      'receiving-organization': 1,
      'receiving-specialty': 0,
      reason: 1,
      'diagnosis-codes': 1,
      'order-date': 1,
    });
    expect(missingInformation.items[0]).toMatchObject({ label: 'fieldPhone', share: 0.2 });
  });

  it('takes a packet checklist result in place of the field stand-in', () => {
    const checklist: PacketCheck = {
      items: [{ id: 'insurance-card', label: 'fieldReason' }],
      // Only B and E were checked; B's insurance card was missing.
      check: (r) =>
        r.id === 'B' ? { missing: ['insurance-card'] } : r.id === 'E' ? { missing: [] } : undefined,
    };
    const { missingInformation } = november({ packetCheck: checklist });
    expect(missingInformation.checked).toBe(2);
    expect(missingInformation.incomplete.rate).toBe(0.5);
    expect(missingInformation.items).toEqual([
      { id: 'insurance-card', label: 'fieldReason', count: 1, share: 0.5 },
    ]);
    expect(fieldsPacketCheck.items.map((item) => item.id)).toContain('patient-phone');
  });

  it('counts what the panel’s checklist found missing at its first check, named as the organisation names it', () => {
    const checked = novemberReferrals().map((r) =>
      r.id === 'B'
        ? {
            ...r,
            packet: {
              checkedAt: at(4),
              firstCheckedAt: at(3),
              // Fixed since: the first check is what counts.
              missingRequired: [],
              firstMissing: ['insurance', 'records'],
              confirmed: [],
            },
          }
        : r,
    );
    const packetCheck = packetCheckFor(DEFAULT_CONFIG);
    const { missingInformation } = computeMetricsOf(checked, {
      ...NOVEMBER,
      asOf: at(30),
      config: DEFAULT_CONFIG,
      packetCheck,
    });
    const byId = Object.fromEntries(missingInformation.items.map((item) => [item.id, item]));
    expect(byId.insurance).toMatchObject({ count: 1, label: { text: 'Insurance payer and member ID' } });
    expect(byId.records).toMatchObject({ count: 1 });
    // B is no longer judged by its fields: its phone gap is not counted.
    expect(byId['patient-phone']?.count).toBe(0);
  });

  it('contact success per channel: reached, scheduled or declined over all attempts', () => {
    const { contactSuccess } = november();
    // Phone: A reached, B no answer, E wrong number. D's call (ordered in October) is not counted.
    expect(contactSuccess.byChannel).toEqual([
      { channel: 'phone', count: 1, total: 3, rate: 1 / 3 },
      { channel: 'voicemail', count: 0, total: 1, rate: 0 },
      { channel: 'sms', count: 1, total: 1, rate: 1 },
      { channel: 'letter', count: 0, total: 1, rate: 0 },
      { channel: 'fax', count: 0, total: 1, rate: 0 },
    ]);
    expect(contactSuccess.overall).toEqual({ count: 2, total: 7, rate: 2 / 7 });
  });

  it('delay reasons once per referral, from the history and the current state, open and closed', () => {
    const { delayReasons } = november();
    expect(delayReasons.referrals).toBe(5);
    expect(delayReasons.reasons).toEqual([
      // B now; E earlier in its history (closed since).
      {
        kind: 'delay',
        code: 'missing-insurance',
        label: 'Missing insurance information',
        open: 1,
        closed: 1,
        total: 2,
        share: 0.4,
      },
      {
        kind: 'decline',
        code: 'no-capacity',
        label: 'Not accepting new patients',
        open: 1,
        closed: 0,
        total: 1,
        share: 0.2,
      },
      {
        kind: 'close',
        code: 'patient-unreachable',
        label: 'Patient unreachable',
        open: 0,
        closed: 1,
        total: 1,
        share: 0.2,
      },
    ]);
  });

  it('partner acknowledgment per receiving office, spelled either way', () => {
    const { partnerAcknowledgment } = november();
    // Sent: A and E to Lakeside (A confirmed 1 business day later), F to Riverside (1 day).
    expect(partnerAcknowledgment.overall).toEqual({ count: 2, total: 3, rate: 2 / 3, medianDays: 1 });
    expect(partnerAcknowledgment.byOrganization).toEqual([
      { organization: 'Lakeside Cardiology', count: 1, total: 2, rate: 0.5, medianDays: 1 },
      { organization: 'Riverside Neurology', count: 1, total: 1, rate: 1, medianDays: 1 },
    ]);
  });

  it('where open referrals stall: state, reason, receiving office, priority', () => {
    const { stalls } = november();
    expect(stalls.byState).toEqual([
      { key: 'new', open: 1, overdue: 1, medianAge: 5 },
      { key: 'waiting-on-info', open: 1, overdue: 1, medianAge: 16 },
      { key: 'declined', open: 1, overdue: 0, medianAge: 11 },
    ]);
    expect(stalls.byReason).toEqual([
      {
        key: 'missing-insurance',
        kind: 'delay',
        label: 'Missing insurance information',
        open: 1,
        overdue: 1,
        medianAge: 16,
      },
      {
        key: 'no-capacity',
        kind: 'decline',
        label: 'Not accepting new patients',
        open: 1,
        overdue: 0,
        medianAge: 11,
      },
      { key: null, open: 1, overdue: 1, medianAge: 5 },
    ]);
    expect(stalls.byOrganization.map((row) => row.key)).toEqual([
      'Lakeside Cardiology',
      'Riverside Neurology',
      null,
    ]);
    expect(stalls.byPriority.map((row) => [row.key, row.medianAge])).toEqual([
      ['routine', 5],
      ['urgent', 16],
      ['stat', 11],
    ]);
    // Never by staff member: no breakdown carries who did the work.
    expect(JSON.stringify(stalls)).not.toContain('JD');
  });

  it('gives every figure its definition', () => {
    const report = november();
    const definitions = [
      report.completion,
      report.scheduled,
      report.kept,
      report.timeToFirstOutreach,
      report.timeToScheduled,
      report.timeToAppointment,
      report.pendingByAge,
      report.missingInformation,
      report.contactSuccess,
      report.delayReasons,
      report.partnerAcknowledgment,
      report.stalls,
    ].map((figure) => figure.definition);
    expect(new Set(definitions).size).toBe(12);
    for (const key of definitions) expect(key).toMatch(/^metricsDef/);
  });
});

describe('the accumulator', () => {
  it('streams: the order referrals arrive in does not change the figures', () => {
    const referrals = novemberReferrals();
    const options = { ...NOVEMBER, asOf: AS_OF, config: DEFAULT_CONFIG };
    const forward = computeMetricsOf(referrals, options);
    fc.assert(
      fc.property(fc.shuffledSubarray(referrals, { minLength: referrals.length }), (shuffled) => {
        const accumulator = createMetricsAccumulator(options);
        for (const r of shuffled) accumulator.add(referralFacts(r));
        expect(accumulator.finish()).toEqual(forward);
      }),
      { numRuns: 25 },
    );
  });

  it('reports no rate rather than a division by zero on an empty period', () => {
    const report = computeMetricsOf([], { ...NOVEMBER, asOf: AS_OF, config: DEFAULT_CONFIG });
    expect(report.completion.rate).toBeNull();
    expect(report.kept.rate).toBeNull();
    expect(report.timeToFirstOutreach).toMatchObject({ count: 0, median: null, p90: null });
    expect(report.contactSuccess.byChannel).toEqual([]);
    expect(report.missingInformation.items.every((item) => item.share === null)).toBe(true);
  });

  it('selects by the order date in [from, to): the start is in, the end is out', () => {
    const onStart = referral('S', { authoredOn: '2026-11-01', createdAt: at(2, 9) });
    const onEnd = referral('T', { authoredOn: '2026-12-01', createdAt: at(1, 9, 12) });
    const report = computeMetricsOf([onStart, onEnd], { ...NOVEMBER, asOf: AS_OF, config: DEFAULT_CONFIG });
    expect(report.referrals.ordered).toBe(1);
  });

  it('keeps a reason code the configuration no longer lists, under its code', () => {
    const old = referral('O', {
      authoredOn: '2026-11-03',
      status: 'waiting-on-info',
      statusReason: 'retired-code',
    });
    const report = computeMetricsOf([old], { ...NOVEMBER, asOf: AS_OF, config: DEFAULT_CONFIG });
    expect(report.delayReasons.reasons).toMatchObject([{ code: 'retired-code', label: 'retired-code' }]);
  });
});

describe('metrics page periods', () => {
  it('this month, and the last N days with today included, in local time', () => {
    expect(presetPeriod('this-month', AS_OF)).toEqual({ from: at(1), to: at(1, 0, 12) });
    expect(presetPeriod('last-30', AS_OF)).toEqual({ from: at(29, 0, 10), to: at(28) });
    expect(presetPeriod('last-90', AS_OF).to - presetPeriod('last-90', AS_OF).from).toBeGreaterThan(
      89 * 86_400_000,
    );
  });

  it('custom dates include both days and refuse a reversed or impossible range', () => {
    expect(customPeriod('2026-11-02', '2026-11-06')).toEqual({ from: at(2), to: at(7) });
    expect(customPeriod('2026-11-06', '2026-11-06')).toEqual({ from: at(6), to: at(7) });
    expect(customPeriod('2026-11-07', '2026-11-06')).toBeNull();
    expect(customPeriod('2026-02-30', '2026-03-02')).toBeNull();
    expect(customPeriod('', '2026-03-02')).toBeNull();
    expect(dateInputValue(at(2, 15))).toBe('2026-11-02');
  });
});
