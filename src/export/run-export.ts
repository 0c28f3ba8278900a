import type { Config } from '../config/schema';
import type { MessageKey } from '../i18n';
import { computeMetrics } from '../metrics/compute-metrics';
import { orderedAt } from '../metrics/durations';
import { forEachReferral } from '../metrics/walk';
import type { HandoffDatabase } from '../queue/database-schema';
import type { Referral } from '../referral/referral';
import { type Cell, localDate, toCsv } from './csv';
import { fhirBundle, referralResources } from './fhir-bundle';
import { metricsCsv } from './metrics-csv';
import { QUEUE_COLUMNS, queueRow } from './queue-csv';

export type ExportKind = 'queue-csv' | 'metrics-csv' | 'fhir-bundle';

/** A file for the user to save: its text, a suggested name and its media type. */
export interface ExportFile {
  filename: string;
  mimeType: string;
  text: string;
  /** How many referrals the file describes, for the audit history; absent for aggregate figures. */
  count?: number;
}

export interface ExportRequest {
  what: ExportKind;
  from?: number;
  to?: number;
}

const DAY = 24 * 60 * 60 * 1000;
/** The metrics period when none is asked for: the last 30 days. */
export const DEFAULT_METRICS_DAYS = 30;

/**
 * Builds an export from the queue, walked with a cursor. The queue and the FHIR Bundle hold the
 * referrals ordered in [from, to) when a period is given, else the whole queue; the metrics
 * always cover a period (the last 30 days when none is given). Nothing leaves the device: the
 * caller hands the text to the page, which saves it as a file.
 */
export async function runExport(
  db: HandoffDatabase,
  request: ExportRequest,
  now: number,
  config: Config,
  translate: (key: MessageKey) => string,
): Promise<ExportFile> {
  const { what } = request;
  // Half a period given: from the start of the queue, or up to the end of today.
  const endOfToday = () => {
    const today = new Date(now);
    return new Date(today.getFullYear(), today.getMonth(), today.getDate() + 1).getTime();
  };
  const period =
    request.from !== undefined || request.to !== undefined
      ? { from: request.from ?? 0, to: request.to ?? endOfToday() }
      : undefined;
  const suffix = period ? `${localDate(period.from)}_${localDate(period.to - 1)}` : localDate(now);

  if (what === 'metrics-csv') {
    const range = period ?? { from: now - DEFAULT_METRICS_DAYS * DAY, to: now };
    return {
      filename: `handoff-metrics-${localDate(range.from)}_${localDate(range.to - 1)}.csv`,
      mimeType: 'text/csv;charset=utf-8',
      text: metricsCsv(await computeMetrics(db, range, now, config), translate),
    };
  }

  // Each referral becomes its row or its resources as the cursor passes it; only those are kept.
  const inPeriod = (referral: Referral) => {
    const ordered = orderedAt(referral);
    return !period || (ordered >= period.from && ordered < period.to);
  };
  if (what === 'queue-csv') {
    const rows: Cell[][] = [];
    await forEachReferral(
      db,
      (referral) => inPeriod(referral) && rows.push(queueRow(referral)),
      period?.from,
    );
    return {
      filename: `handoff-queue-${suffix}.csv`,
      mimeType: 'text/csv;charset=utf-8',
      text: toCsv(QUEUE_COLUMNS, rows),
      count: rows.length,
    };
  }
  const bundle = fhirBundle([], { now, config });
  const entries = bundle.entry ?? [];
  let count = 0;
  await forEachReferral(
    db,
    (referral) => {
      if (!inPeriod(referral)) return;
      count += 1;
      entries.push(...referralResources(referral, { now, config }));
    },
    period?.from,
  );
  return {
    filename: `handoff-referrals-${suffix}.fhir.json`,
    mimeType: 'application/fhir+json',
    text: JSON.stringify({ ...bundle, entry: entries }, null, 2),
    count,
  };
}
