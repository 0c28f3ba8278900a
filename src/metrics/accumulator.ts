import type { Config } from '../config/schema';
import type { MessageKey } from '../i18n';
import { AGE_BUCKET_NAMES, type AgeBucket, ageBucketOf } from '../referral/age-buckets';
import { businessDayCounter } from '../referral/business-days';
import { isOverdue } from '../referral/overdue';
import { PRIORITIES, type Priority } from '../referral/priority';
import {
  isOpen,
  OUTREACH_CHANNELS,
  REFERRAL_STATUSES,
  type Referral,
  type ReferralStatus,
} from '../referral/referral';
import { REASON_LIST } from '../referral/state-machine';
import { median, orderedAt, percentile } from './durations';
import { type Channel, type ReferralFacts, referralFacts } from './facts';
import { fieldsPacketCheck, type PacketCheck } from './packet-check';
import type { DurationFigure, MetricsReport, Ratio, ReasonKind, ReasonRow, StallRow } from './report';

/**
 * The referral metrics of domain.md ("Metrics (definitions)"), computed in one pass: feed the
 * accumulator referral by referral (the background walks an IndexedDB cursor), then `finish()`.
 * Pure: no browser globals, no clock (the moment "now" is passed in as `asOf`). It reads each
 * referral's facts (see facts.ts), which the queue keeps beside the referral for this walk.
 *
 * Population: referrals whose order date (`authoredOn`, else the moment tracked) falls in
 * [from, to), open and closed alike. Durations are whole business days of the configured
 * calendar. It keeps only numbers per referral (durations, ages), never the referrals.
 */

export interface MetricsOptions {
  from: number;
  to: number;
  asOf: number;
  config: Config;
  /**
   * The packet items the missing-information figure lists; the facts say which were missing.
   * The field stand-in until the checklist exists.
   */
  packetCheck?: PacketCheck;
}

export function ratio(count: number, total: number): Ratio {
  return { count, total, rate: total === 0 ? null : count / total };
}

const emptyBuckets = (): Record<AgeBucket, number> =>
  Object.fromEntries(AGE_BUCKET_NAMES.map((bucket) => [bucket, 0])) as Record<AgeBucket, number>;

class Durations {
  readonly values: number[] = [];
  waiting = 0;
  figure(definition: MessageKey): DurationFigure {
    return {
      definition,
      count: this.values.length,
      waiting: this.waiting,
      median: median(this.values),
      p90: percentile(this.values, 0.9),
    };
  }
}

/** Names in English order, "not recorded" (null) last. */
const byName = (a: string | null, b: string | null) =>
  a === null ? (b === null ? 0 : 1) : b === null ? -1 : a.localeCompare(b, 'en');

/**
 * How a name was written, most often first: one receiving office typed two ways is one row,
 * shown under its most common spelling (ties: the first in English order), whatever the order
 * referrals arrive in.
 */
class Spellings {
  private readonly counts = new Map<string, number>();
  add(spelling: string, times = 1) {
    this.counts.set(spelling, (this.counts.get(spelling) ?? 0) + times);
  }
  best(): string | null {
    let best: [string, number] | undefined;
    for (const entry of this.counts) {
      if (!best || entry[1] > best[1] || (entry[1] === best[1] && entry[0].localeCompare(best[0], 'en') < 0))
        best = entry;
    }
    return best?.[0] ?? null;
  }
}

interface StallEntry {
  row: Omit<StallRow, 'medianAge' | 'key'>;
  spellings: Spellings;
  ages: number[];
}

class StallTally {
  private readonly rows = new Map<string, StallEntry>();
  /**
   * Each way a key was written, straight to its row and counted there: the usual add is one
   * lookup, with no case folding (this runs for every open referral of the period, four times).
   */
  private readonly written = new Map<string, { entry: StallEntry; spelling: string | null; count: number }>();
  add(key: string | null, age: number, overdue: boolean, extra: Pick<StallRow, 'label' | 'kind'> = {}) {
    const writtenId = key === null ? '\u0000' : extra.kind ? `${extra.kind}|${key}` : key;
    let written = this.written.get(writtenId);
    if (!written) {
      const id = key === null ? '\u0000' : `${extra.kind ?? ''}|${key.toLowerCase()}`;
      let entry = this.rows.get(id);
      if (!entry) {
        entry = { row: { ...extra, open: 0, overdue: 0 }, spellings: new Spellings(), ages: [] };
        this.rows.set(id, entry);
      }
      written = { entry, spelling: key, count: 0 };
      this.written.set(writtenId, written);
    }
    written.count += 1;
    const { row, ages } = written.entry;
    row.open += 1;
    if (overdue) row.overdue += 1;
    ages.push(age);
  }
  finish(order?: readonly string[]): StallRow[] {
    for (const { entry, spelling, count } of this.written.values())
      if (spelling !== null) entry.spellings.add(spelling, count);
    const rows = [...this.rows.values()].map(({ row, spellings, ages }) => ({
      key: spellings.best(),
      ...row,
      medianAge: median(ages),
    }));
    if (order) return rows.sort((a, b) => order.indexOf(a.key ?? '') - order.indexOf(b.key ?? ''));
    return rows.sort((a, b) => b.open - a.open || byName(a.key, b.key));
  }
}

const OPEN_STATES = REFERRAL_STATUSES.filter(isOpen);

export function createMetricsAccumulator(options: MetricsOptions) {
  const { from, to, asOf, config } = options;
  const packetCheck = options.packetCheck ?? fieldsPacketCheck;
  const days = businessDayCounter(config.calendar);
  /** Order dates are days: a year has a few hundred of them, each turned into a moment once. */
  const orderDays = new Map<string, number>();
  const orderedAtOf = (facts: ReferralFacts) => {
    if (facts.authoredOn === undefined) return orderedAt(facts);
    let ordered = orderDays.get(facts.authoredOn);
    if (ordered === undefined) {
      ordered = orderedAt(facts);
      orderDays.set(facts.authoredOn, ordered);
    }
    return ordered;
  };

  const counts = { ordered: 0, open: 0, completed: 0, notCompleted: 0, scheduled: 0, noShows: 0 };
  const firstOutreach = new Durations();
  const toScheduled = new Durations();
  const toAppointment = new Durations();
  const pending = new Map<ReferralStatus, Record<AgeBucket, number>>(
    OPEN_STATES.map((state) => [state, emptyBuckets()]),
  );
  const missing = { checked: 0, incomplete: 0, items: new Map<string, number>() };
  const attempts = new Map<Channel, { count: number; total: number }>();
  const reasons = new Map<string, Omit<ReasonRow, 'share' | 'total'>>();
  const acknowledgments = new Map<
    string,
    { spellings: Spellings; sent: number; confirmed: number; days: number[] }
  >();
  const stalls = {
    byState: new StallTally(),
    byReason: new StallTally(),
    byOrganization: new StallTally(),
    byPriority: new StallTally(),
  };

  const reasonLabel = (kind: ReasonKind, code: string) =>
    config.reasons[kind].find((reason) => reason.code === code)?.label ?? code;

  function countReasons(facts: ReferralFacts, open: boolean) {
    for (const id of facts.reasons ?? []) {
      let row = reasons.get(id);
      if (!row) {
        const split = id.indexOf('|');
        const kind = id.slice(0, split) as ReasonKind;
        const code = id.slice(split + 1);
        row = { kind, code, label: reasonLabel(kind, code), open: 0, closed: 0 };
        reasons.set(id, row);
      }
      if (open) row.open += 1;
      else row.closed += 1;
    }
  }

  function countAcknowledgment({ recordsSentAt, acknowledgedAt, organization: written }: ReferralFacts) {
    if (recordsSentAt === undefined) return;
    const organization = written?.trim() || null;
    const id = organization?.toLowerCase() ?? '\u0000';
    let row = acknowledgments.get(id);
    if (!row) {
      row = { spellings: new Spellings(), sent: 0, confirmed: 0, days: [] };
      acknowledgments.set(id, row);
    }
    if (organization) row.spellings.add(organization);
    row.sent += 1;
    if (acknowledgedAt !== undefined) {
      row.confirmed += 1;
      row.days.push(days(recordsSentAt, acknowledgedAt));
    }
  }

  function countDuration(durations: Durations, ordered: number, at: number | undefined, open: boolean) {
    if (at !== undefined) durations.values.push(days(ordered, at));
    else if (open) durations.waiting += 1;
  }

  function add(facts: ReferralFacts): void {
    const ordered = orderedAtOf(facts);
    if (ordered < from || ordered >= to) return;
    const { status } = facts;
    const open = isOpen(status);
    counts.ordered += 1;
    if (open) counts.open += 1;
    if (status === 'closed-completed') counts.completed += 1;
    if (status === 'closed-not-completed') counts.notCompleted += 1;
    if (facts.scheduledAt !== undefined) counts.scheduled += 1;
    counts.noShows += facts.noShows ?? 0;

    countDuration(firstOutreach, ordered, facts.firstOutreachAt, open);
    countDuration(toScheduled, ordered, facts.scheduledAt, open);
    countDuration(toAppointment, ordered, facts.appointmentAt, open);

    if (facts.missing) {
      missing.checked += 1;
      if (facts.missing.length > 0) missing.incomplete += 1;
      for (const item of facts.missing) missing.items.set(item, (missing.items.get(item) ?? 0) + 1);
    }

    if (facts.contacts) {
      for (const channel of OUTREACH_CHANNELS) {
        const contacts = facts.contacts[channel];
        if (!contacts) continue;
        const row = attempts.get(channel) ?? { count: 0, total: 0 };
        row.total += contacts[0];
        row.count += contacts[1];
        attempts.set(channel, row);
      }
    }

    countReasons(facts, open);
    countAcknowledgment(facts);

    if (open) {
      const age = days(facts.createdAt, asOf);
      const buckets = pending.get(status);
      if (buckets) buckets[ageBucketOf(age)] += 1;
      const overdue = isOverdue(facts, asOf);
      stalls.byState.add(status, age, overdue);
      const kind = REASON_LIST[status];
      if (kind && facts.statusReason) {
        stalls.byReason.add(facts.statusReason, age, overdue, {
          kind,
          label: reasonLabel(kind, facts.statusReason),
        });
      } else {
        stalls.byReason.add(null, age, overdue);
      }
      stalls.byOrganization.add(facts.organization?.trim() || null, age, overdue);
      stalls.byPriority.add(facts.priority, age, overdue);
    }
  }

  function finish(): MetricsReport {
    const rows = OPEN_STATES.map((state) => {
      const bucketCounts = pending.get(state) ?? emptyBuckets();
      const total = AGE_BUCKET_NAMES.reduce((sum, bucket) => sum + bucketCounts[bucket], 0);
      return { state, counts: bucketCounts, total };
    });
    const totals = emptyBuckets();
    for (const row of rows) for (const bucket of AGE_BUCKET_NAMES) totals[bucket] += row.counts[bucket];

    const byChannel = OUTREACH_CHANNELS.flatMap((channel) => {
      const row = attempts.get(channel);
      return row ? [{ channel, ...ratio(row.count, row.total) }] : [];
    });
    const allAttempts = byChannel.reduce((sum, row) => sum + row.total, 0);
    const reachedAttempts = byChannel.reduce((sum, row) => sum + row.count, 0);

    const byOrganization = [...acknowledgments.values()]
      .map((row) => ({
        organization: row.spellings.best(),
        ...ratio(row.confirmed, row.sent),
        medianDays: median(row.days),
      }))
      .sort((a, b) => b.total - a.total || byName(a.organization, b.organization));
    const sent = byOrganization.reduce((sum, row) => sum + row.total, 0);
    const confirmed = byOrganization.reduce((sum, row) => sum + row.count, 0);
    const allAcknowledgmentDays = [...acknowledgments.values()].flatMap((row) => row.days);

    const kindOrder: ReasonKind[] = ['delay', 'decline', 'close'];
    const reasonRows = [...reasons.values()]
      .map((row) => {
        const total = row.open + row.closed;
        return { ...row, total, share: counts.ordered === 0 ? null : total / counts.ordered };
      })
      .sort(
        (a, b) =>
          b.total - a.total ||
          kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind) ||
          a.code.localeCompare(b.code),
      );

    return {
      period: { from, to },
      asOf,
      unit: 'business-days',
      notes: 'metricsNotes',
      referrals: {
        ordered: counts.ordered,
        open: counts.open,
        completed: counts.completed,
        notCompleted: counts.notCompleted,
      },
      completion: { definition: 'metricsDefCompletionRate', ...ratio(counts.completed, counts.ordered) },
      scheduled: { definition: 'metricsDefScheduledRate', ...ratio(counts.scheduled, counts.ordered) },
      kept: {
        definition: 'metricsDefKeptRate',
        ...ratio(counts.completed, counts.completed + counts.noShows),
        noShows: counts.noShows,
      },
      timeToFirstOutreach: firstOutreach.figure('metricsDefTimeToFirstOutreach'),
      timeToScheduled: toScheduled.figure('metricsDefTimeToScheduled'),
      timeToAppointment: toAppointment.figure('metricsDefTimeToAppointment'),
      pendingByAge: {
        definition: 'metricsDefPendingByAge',
        buckets: AGE_BUCKET_NAMES,
        rows,
        totals,
        total: rows.reduce((sum, row) => sum + row.total, 0),
      },
      missingInformation: {
        definition: 'metricsDefMissingInformation',
        checked: missing.checked,
        incomplete: ratio(missing.incomplete, missing.checked),
        items: packetCheck.items.map((item) => {
          const count = missing.items.get(item.id) ?? 0;
          return { ...item, count, share: missing.checked === 0 ? null : count / missing.checked };
        }),
      },
      contactSuccess: {
        definition: 'metricsDefContactSuccess',
        overall: ratio(reachedAttempts, allAttempts),
        byChannel,
      },
      delayReasons: { definition: 'metricsDefDelayReasons', referrals: counts.ordered, reasons: reasonRows },
      partnerAcknowledgment: {
        definition: 'metricsDefPartnerAcknowledgment',
        overall: { ...ratio(confirmed, sent), medianDays: median(allAcknowledgmentDays) },
        byOrganization,
      },
      stalls: {
        definition: 'metricsDefStalls',
        byState: stalls.byState.finish(REFERRAL_STATUSES),
        byReason: stalls.byReason.finish(),
        byOrganization: stalls.byOrganization.finish(),
        byPriority: stalls.byPriority.finish(PRIORITIES as readonly Priority[]),
      },
    };
  }

  return { add, finish };
}

/** All the figures for a list of referrals at once (tests, small sets), their packets checked by `options.packetCheck`. */
export function computeMetricsOf(referrals: Iterable<Referral>, options: MetricsOptions): MetricsReport {
  const accumulator = createMetricsAccumulator(options);
  for (const referral of referrals) accumulator.add(referralFacts(referral, options.packetCheck));
  return accumulator.finish();
}
