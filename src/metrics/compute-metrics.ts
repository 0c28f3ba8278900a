import type { Config } from '../config/schema';
import type { HandoffDatabase } from '../queue/database-schema';
import { forEachReferralFacts } from '../queue/facts-store';
import { createMetricsAccumulator } from './accumulator';
import { packetCheckFor } from './packet-check';
import type { MetricsReport } from './report';

export interface Period {
  from: number;
  to: number;
}

/**
 * The metrics for referrals ordered in [from, to), open and closed, walked from the facts the
 * queue keeps beside each referral (by tracking date, from the period's start) and fed one by
 * one to the accumulator: whole referrals are never read.
 */
export async function computeMetrics(
  db: HandoffDatabase,
  period: Period,
  asOf: number,
  config: Config,
): Promise<MetricsReport> {
  const accumulator = createMetricsAccumulator({
    ...period,
    asOf,
    config,
    packetCheck: packetCheckFor(config),
  });
  await forEachReferralFacts(db, accumulator.add, period.from);
  return accumulator.finish();
}
