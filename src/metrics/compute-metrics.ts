import type { Config } from '../config/schema';
import type { HandoffDatabase } from '../queue/database';
import { createMetricsAccumulator, type MetricsReport } from './accumulator';
import type { PacketCheck } from './packet-check';
import { forEachReferral } from './walk';

export interface Period {
  from: number;
  to: number;
}

/**
 * The metrics for referrals ordered in [from, to), open and closed, walked from the queue's
 * byCreated index with a cursor and fed one by one to the accumulator.
 */
export async function computeMetrics(
  db: HandoffDatabase,
  period: Period,
  asOf: number,
  config: Config,
  packetCheck?: PacketCheck,
): Promise<MetricsReport> {
  const accumulator = createMetricsAccumulator({ ...period, asOf, config, packetCheck });
  await forEachReferral(db, accumulator.add, period.from);
  return accumulator.finish();
}
