import type { Config } from '../config/schema';
import type { MessageKey } from '../i18n';
import { computeMetrics } from '../metrics/compute-metrics';
import { orderedAt } from '../metrics/durations';
import { forEachReferral } from '../metrics/walk';
import type { HandoffDatabase } from '../queue/database-schema';
import type { Referral } from '../referral/referral';
import { type Cell, localDate, toCsv } from './csv';
import type { ExportKind } from './export-kinds';
import { fhirBundle, referralResources } from './fhir-bundle';
import { metricsCsv } from './metrics-csv';
import { QUEUE_COLUMNS, queueRow } from './queue-csv';

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

/** What every builder is given: the queue, the period asked for (if any) and the moment. */
interface ExportContext {
  db: HandoffDatabase;
  period: { from: number; to: number } | undefined;
  now: number;
  config: Config;
  translate: (key: MessageKey) => string;
  /** The period in a file name, or today's date for the whole queue. */
  suffix: string;
}

/** Whether a referral was ordered in the period asked for; with no period, every referral is. */
const inPeriod =
  ({ period }: ExportContext) =>
  (referral: Referral) => {
    const ordered = orderedAt(referral);
    return !period || (ordered >= period.from && ordered < period.to);
  };

/**
 * One builder per kind (see export-kinds.ts). Each referral becomes its row or its resources as
 * the cursor passes it; only those are kept.
 */
const BUILDERS: Record<ExportKind, (context: ExportContext) => Promise<ExportFile>> = {
  'metrics-csv': async ({ db, period, now, config, translate }) => {
    const range = period ?? { from: now - DEFAULT_METRICS_DAYS * DAY, to: now };
    return {
      filename: `handoff-metrics-${localDate(range.from)}_${localDate(range.to - 1)}.csv`,
      mimeType: 'text/csv;charset=utf-8',
      text: metricsCsv(await computeMetrics(db, range, now, config), translate),
    };
  },
  'queue-csv': async (context) => {
    const wanted = inPeriod(context);
    const rows: Cell[][] = [];
    await forEachReferral(
      context.db,
      (referral) => wanted(referral) && rows.push(queueRow(referral)),
      context.period?.from,
    );
    return {
      filename: `handoff-queue-${context.suffix}.csv`,
      mimeType: 'text/csv;charset=utf-8',
      text: toCsv(QUEUE_COLUMNS, rows),
      count: rows.length,
    };
  },
  'fhir-bundle': async (context) => {
    const { now, config } = context;
    const wanted = inPeriod(context);
    const bundle = fhirBundle([], { now, config });
    const entries = bundle.entry ?? [];
    let count = 0;
    await forEachReferral(
      context.db,
      (referral) => {
        if (!wanted(referral)) return;
        count += 1;
        entries.push(...referralResources(referral, { now, config }));
      },
      context.period?.from,
    );
    return {
      filename: `handoff-referrals-${context.suffix}.fhir.json`,
      mimeType: 'application/fhir+json',
      text: JSON.stringify({ ...bundle, entry: entries }, null, 2),
      count,
    };
  },
};

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
  return BUILDERS[request.what]({ db, period, now, config, translate, suffix });
}
