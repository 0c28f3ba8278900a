import type { MessageKey } from '../i18n';

/**
 * The files the metrics page offers, in the order of its buttons, with their words: the download
 * button and the audit history's name for it. A kind added here must be given a builder in
 * `run-export.ts` and both labels, or the build does not compile; the request schema takes its
 * list from here.
 */
export const EXPORT_KINDS = {
  'queue-csv': { download: 'metricsDownloadQueue', audit: 'auditExport_queue_csv' },
  'metrics-csv': { download: 'metricsDownloadMetrics', audit: 'auditExport_metrics_csv' },
  'fhir-bundle': { download: 'metricsDownloadFhir', audit: 'auditExport_fhir_bundle' },
} as const satisfies Record<string, { download: MessageKey; audit: MessageKey }>;

export type ExportKind = keyof typeof EXPORT_KINDS;

/** The kinds in button order, as a tuple (for `z.enum`). */
export const EXPORT_KIND_NAMES = Object.keys(EXPORT_KINDS) as [ExportKind, ...ExportKind[]];
