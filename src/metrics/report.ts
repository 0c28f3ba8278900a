import type { Config } from '../config/schema';
import type { MessageKey } from '../i18n';
import type { AgeBucket } from '../referral/age-buckets';
import type { ReferralStatus } from '../referral/referral';
import type { Channel } from './facts';
import type { PacketItem } from './packet-check';

/**
 * The metrics report as the metrics page and the CSV export read it: figures, each with the
 * message key of its definition (domain.md, "Metrics (definitions)"). Built by accumulator.ts.
 */

export type ReasonKind = keyof Config['reasons'];
export type { Channel };

/** A share: `count` of `total`; `rate` is null when there is nothing to divide by. */
export interface Ratio {
  count: number;
  total: number;
  rate: number | null;
}

export interface RateFigure extends Ratio {
  definition: MessageKey;
}

/** Business days from the order date to a milestone, over the referrals that reached it. */
export interface DurationFigure {
  definition: MessageKey;
  /** Referrals that reached the milestone (the durations the median is taken over). */
  count: number;
  /** Open referrals ordered in the period that have not reached it yet. */
  waiting: number;
  median: number | null;
  p90: number | null;
}

export interface PendingByAgeRow {
  state: ReferralStatus;
  counts: Record<AgeBucket, number>;
  total: number;
}

export interface MissingItemRow extends PacketItem {
  count: number;
  /** Of the referrals checked. */
  share: number | null;
}

export interface ChannelRow extends Ratio {
  channel: Channel;
}

export interface ReasonRow {
  kind: ReasonKind;
  code: string;
  /** The configured label, or the code when the configuration no longer lists it. */
  label: string;
  open: number;
  closed: number;
  total: number;
  /** Of all referrals ordered in the period. */
  share: number | null;
}

export interface OrganizationAcknowledgment extends Ratio {
  /** As written in the EHR; null when the receiving office was not recorded. */
  organization: string | null;
  /** Median business days from sending to the receiver's confirmation. */
  medianDays: number | null;
}

/** One line of a "where does it stall" breakdown, over open referrals. */
export interface StallRow {
  /** State, reason code, receiving office or priority; null for "not recorded". */
  key: string | null;
  /** Reasons only: the configured label and which list the code comes from. */
  label?: string;
  kind?: ReasonKind;
  open: number;
  /** Open referrals whose follow-up is due at `asOf`. */
  overdue: number;
  /** Median business days since tracking. */
  medianAge: number | null;
}

export interface MetricsReport {
  period: { from: number; to: number };
  /** The moment open referrals were aged and overdue follow-ups counted. */
  asOf: number;
  unit: 'business-days';
  /** How durations and percentiles are counted, shown once beside the figures. */
  notes: MessageKey;
  referrals: { ordered: number; open: number; completed: number; notCompleted: number };
  completion: RateFigure;
  scheduled: RateFigure;
  kept: RateFigure & { noShows: number };
  timeToFirstOutreach: DurationFigure;
  timeToScheduled: DurationFigure;
  timeToAppointment: DurationFigure;
  pendingByAge: {
    definition: MessageKey;
    buckets: AgeBucket[];
    rows: PendingByAgeRow[];
    totals: Record<AgeBucket, number>;
    total: number;
  };
  missingInformation: {
    definition: MessageKey;
    checked: number;
    incomplete: Ratio;
    items: MissingItemRow[];
  };
  contactSuccess: { definition: MessageKey; overall: Ratio; byChannel: ChannelRow[] };
  delayReasons: { definition: MessageKey; referrals: number; reasons: ReasonRow[] };
  partnerAcknowledgment: {
    definition: MessageKey;
    overall: Ratio & { medianDays: number | null };
    byOrganization: OrganizationAcknowledgment[];
  };
  stalls: {
    definition: MessageKey;
    byState: StallRow[];
    byReason: StallRow[];
    byOrganization: StallRow[];
    byPriority: StallRow[];
  };
}
