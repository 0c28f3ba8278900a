import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/schema';
import { computeMetricsOf } from '../../src/metrics/accumulator';
import { computeMetrics } from '../../src/metrics/compute-metrics';
import { type ReferralFacts, referralFacts } from '../../src/metrics/facts';
import { packFactsDay, unpackFactsDay } from '../../src/metrics/facts-by-day';
import { packetCheckFor } from '../../src/metrics/packet-check';
import { dateInputValue } from '../../src/metrics/period';
import { forEachReferral } from '../../src/metrics/walk';
import { openHandoffDatabase } from '../../src/queue/database';
import { forEachReferralFacts } from '../../src/queue/facts-store';
import { ReferralQueue } from '../../src/queue/referral-queue';
import { acknowledge, changeStatus, logOutreach, trackRecord } from '../../src/referral/operations';
import {
  OUTREACH_CHANNELS,
  OUTREACH_OUTCOMES,
  OUTREACH_PARTIES,
  type Referral,
  type ReferralStatus,
} from '../../src/referral/referral';
import { REASON_LIST, TRANSITIONS } from '../../src/referral/state-machine';
import { draft, freshDatabaseName } from './fixtures';
import { at, novemberReferrals } from './metrics-referrals';

const config = DEFAULT_CONFIG;
const HOUR = 3_600_000;

/** One step a coordinator may take on a referral, drawn at random; invalid ones are skipped. */
const step = fc.oneof(
  fc.record({ kind: fc.constant('status' as const), pick: fc.nat(), reasonPick: fc.nat() }),
  fc.record({
    kind: fc.constant('outreach' as const),
    party: fc.constantFrom(...OUTREACH_PARTIES),
    channel: fc.constantFrom(...OUTREACH_CHANNELS),
    outcome: fc.constantFrom(...OUTREACH_OUTCOMES.filter((outcome) => outcome !== 'scheduled')),
  }),
  fc.record({
    kind: fc.constant('record' as const),
    event: fc.constantFrom('requested', 'received', 'sent'),
  }),
  fc.record({ kind: fc.constant('acknowledge' as const) }),
);

const story = fc.record({
  organization: fc.constantFrom(
    'Riverbend Heart Center',
    'RIVERBEND HEART CENTER ',
    'Lakeside Skin',
    undefined,
  ),
  specialty: fc.constantFrom('Cardiology', 'Dermatology', undefined),
  priority: fc.constantFrom('routine', 'urgent', 'asap', 'stat'),
  /** Orders are tracked on or after the day they are written (the walk relies on it). */
  authoredDaysBefore: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }),
  phone: fc.boolean(),
  trackedAfterHours: fc.integer({ min: 0, max: 60 * 24 }),
  steps: fc.array(step, { maxLength: 8 }),
});

type Story = typeof story extends fc.Arbitrary<infer T> ? T : never;

/** Tracks and works one referral through the real queue, as the background would. */
async function play(queue: ReferralQueue, clock: { now: number }, index: number, s: Story) {
  clock.now = at(1, 8, 10) + s.trackedAfterHours * HOUR;
  const tracked = new Date(clock.now);
  const authored =
    s.authoredDaysBefore === undefined
      ? undefined
      : new Date(tracked.getFullYear(), tracked.getMonth(), tracked.getDate() - s.authoredDaysBefore);
  const { referral } = await queue.track(
    draft({
      orderNumber: `ORD-${index}`,
      patient: { name: `Patient ${index}`, mrn: `MRN-${index}`, ...(s.phone && { phone: '(555) 010-0100' }) },
      receiving: { organization: s.organization, specialty: s.specialty },
      priority: s.priority,
      authoredOn: authored && dateInputValue(authored.getTime()),
    }),
    config,
    'JD',
  );
  let current: Referral = referral;
  for (const next of s.steps) {
    clock.now += 7 * HOUR;
    const change = (() => {
      if (next.kind === 'status') {
        const options = TRANSITIONS[current.status];
        const to = options[next.pick % Math.max(options.length, 1)] as ReferralStatus | undefined;
        if (!to) return undefined;
        const list = REASON_LIST[to];
        const reasons = list ? config.reasons[list] : [];
        const reason = reasons[next.reasonPick % Math.max(reasons.length, 1)]?.code;
        const appointmentAt = to === 'scheduled' ? clock.now + 100 * HOUR : undefined;
        return changeStatus({ to, at: clock.now, by: 'JD', reason, appointmentAt }, config);
      }
      if (next.kind === 'outreach') {
        const { party, channel, outcome } = next;
        return logOutreach(
          { id: `a-${clock.now}`, at: clock.now, by: 'JD', party, channel, outcome, barriers: [] },
          config,
        );
      }
      if (next.kind === 'record')
        return trackRecord(
          { id: 'notes', name: 'Visit notes', requestedFrom: 'PCP' },
          next.event,
          clock.now,
          'JD',
        );
      return acknowledge(clock.now, 'JD');
    })();
    if (change) current = await queue.update(current.id, current.version, change, config);
  }
}

describe('metrics facts', () => {
  it('give the same figures as whole referrals, for a varied queue written through the real queue', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(story, { minLength: 1, maxLength: 25 }), async (stories) => {
        const clock = { now: 0 };
        const db = await openHandoffDatabase(freshDatabaseName());
        const queue = new ReferralQueue(db, () => clock.now);
        for (const [index, s] of stories.entries()) await play(queue, clock, index, s);

        const asOf = at(20, 12, 11);
        const referrals: Referral[] = [];
        await forEachReferral(db, (referral) => referrals.push(referral));
        for (const period of [
          { from: at(1, 0, 10), to: at(1, 0, 12) },
          { from: at(10, 0, 10), to: at(20, 0, 10) },
        ]) {
          const fromFacts = await computeMetrics(db, period, asOf, config);
          expect(fromFacts).toEqual(
            computeMetricsOf(referrals, { ...period, asOf, config, packetCheck: packetCheckFor(config) }),
          );
        }
        db.close();
      }),
      { numRuns: 15 },
    );
  });

  it('stored facts follow every write of the referral', async () => {
    const db = await openHandoffDatabase(freshDatabaseName());
    const clock = { now: at(2, 9) };
    const queue = new ReferralQueue(db, () => clock.now);
    const { referral } = await queue.track(draft(), config, 'JD');
    clock.now = at(3, 9);
    await queue.update(referral.id, 1, changeStatus({ to: 'sent', at: clock.now, by: 'JD' }, config), config);
    const stored: ReferralFacts[] = [];
    await forEachReferralFacts(db, (facts) => stored.push(facts));
    const current = await queue.get(referral.id);
    if (!current) throw new Error('lost the referral');
    expect(stored).toEqual([referralFacts(current)]);
    expect(stored[0]).toMatchObject({ status: 'sent', recordsSentAt: at(3, 9) });
  });

  it('are all read back over months of tracking, a month at a time, from any day on', async () => {
    const db = await openHandoffDatabase(freshDatabaseName());
    const clock = { now: 0 };
    const queue = new ReferralQueue(db, () => clock.now);
    const DAY = 24 * HOUR;
    // One referral tracked each day for 62 days: two whole batches of 31 days.
    for (let n = 0; n < 62; n++) {
      clock.now = at(1, 9) + n * DAY;
      await queue.track(draft({ orderNumber: `ORD-${n}` }), config, 'JD');
    }
    const tracked = async (from?: number) => {
      const days: number[] = [];
      await forEachReferralFacts(
        db,
        (facts) => days.push(Math.round((facts.createdAt - at(1, 9)) / DAY)),
        from,
      );
      return days;
    };
    expect(await tracked()).toEqual([...Array(62).keys()]);
    expect(await tracked(at(1, 9) + 40 * DAY)).toEqual([...Array(22).keys()].map((n) => n + 40));
  });

  it('pack and unpack a day of facts without losing or inventing anything', () => {
    const facts = novemberReferrals().map((referral) => referralFacts(referral));
    expect(unpackFactsDay(packFactsDay(20_000, facts))).toEqual(facts);
    expect(unpackFactsDay(packFactsDay(20_000, []))).toEqual([]);
  });
});
