import type { MessageKey } from '../i18n';
import { packetItemLabel } from '../metrics/packet-check';
import type { MetricsReport, Ratio, StallRow } from '../metrics/report';
import { type Cell, isoTime, toCsv } from './csv';

/**
 * The metrics as a long table, one figure per row, so that a spreadsheet can filter and pivot
 * it: `metric` names the figure, `group`/`key` the breakdown (state and age bucket, channel,
 * receiving office…), `value` the figure itself (a share from 0 to 1, a count or business days,
 * as `unit` says), `count`/`total` the numerator and denominator of a share. Every row carries
 * its definition in the user's language.
 */
export const METRICS_COLUMNS = [
  'metric',
  'group',
  'key',
  'label',
  'value',
  'count',
  'total',
  'unit',
  'definition',
] as const;

type Row = Record<(typeof METRICS_COLUMNS)[number], Cell>;

export function metricsCsv(report: MetricsReport, translate: (key: MessageKey) => string): string {
  const rows: Row[] = [];
  const push = (row: Partial<Row> & { metric: string }, definition?: MessageKey) =>
    rows.push({
      group: '',
      key: '',
      label: '',
      value: '',
      count: '',
      total: '',
      unit: '',
      ...row,
      definition: definition ? translate(definition) : '',
    });
  const share = (
    metric: string,
    figure: Ratio,
    definition: MessageKey,
    extra: Partial<Omit<Row, 'metric'>> = {},
  ) =>
    push(
      { metric, value: figure.rate ?? '', count: figure.count, total: figure.total, unit: 'ratio', ...extra },
      definition,
    );

  push({ metric: 'period_from', value: isoTime(report.period.from), unit: 'time' });
  push({ metric: 'period_to', value: isoTime(report.period.to), unit: 'time' });
  push({ metric: 'as_of', value: isoTime(report.asOf), unit: 'time' });
  push({ metric: 'notes' }, report.notes);
  for (const [key, value] of Object.entries(report.referrals))
    push({ metric: 'referrals', key, value, unit: 'referrals' });

  share('completion_rate', report.completion, report.completion.definition);
  share('scheduled_rate', report.scheduled, report.scheduled.definition);
  share('kept_rate', report.kept, report.kept.definition);
  push({ metric: 'no_shows', value: report.kept.noShows, unit: 'appointments' }, report.kept.definition);

  for (const [metric, figure] of [
    ['time_to_first_outreach', report.timeToFirstOutreach],
    ['time_to_scheduled', report.timeToScheduled],
    ['time_to_appointment', report.timeToAppointment],
  ] as const) {
    for (const key of ['median', 'p90'] as const)
      push(
        { metric, key, value: figure[key] ?? '', count: figure.count, unit: 'business_days' },
        figure.definition,
      );
    push({ metric, key: 'waiting', value: figure.waiting, unit: 'referrals' }, figure.definition);
  }

  const pending = report.pendingByAge;
  for (const row of pending.rows)
    for (const bucket of pending.buckets)
      push(
        {
          metric: 'pending_by_age',
          group: row.state,
          key: bucket,
          value: row.counts[bucket],
          unit: 'referrals',
        },
        pending.definition,
      );
  for (const bucket of pending.buckets)
    push(
      {
        metric: 'pending_by_age',
        group: 'all',
        key: bucket,
        value: pending.totals[bucket],
        unit: 'referrals',
      },
      pending.definition,
    );

  const missing = report.missingInformation;
  share('missing_information', missing.incomplete, missing.definition, { key: 'any' });
  for (const item of missing.items)
    push(
      {
        metric: 'missing_information',
        group: 'item',
        key: item.id,
        label: packetItemLabel(item.label, translate),
        value: item.share ?? '',
        count: item.count,
        total: missing.checked,
        unit: 'ratio',
      },
      missing.definition,
    );

  const contact = report.contactSuccess;
  share('contact_success', contact.overall, contact.definition, { key: 'all' });
  for (const row of contact.byChannel)
    share('contact_success', row, contact.definition, { group: 'channel', key: row.channel });

  const reasons = report.delayReasons;
  for (const reason of reasons.reasons) {
    const base = { group: reason.kind, key: reason.code, label: reason.label };
    push(
      {
        metric: 'delay_reasons',
        ...base,
        value: reason.share ?? '',
        count: reason.total,
        total: reasons.referrals,
        unit: 'ratio',
      },
      reasons.definition,
    );
    push(
      { metric: 'delay_reasons_open', ...base, value: reason.open, unit: 'referrals' },
      reasons.definition,
    );
    push(
      { metric: 'delay_reasons_closed', ...base, value: reason.closed, unit: 'referrals' },
      reasons.definition,
    );
  }

  const acknowledgment = report.partnerAcknowledgment;
  share('partner_acknowledgment', acknowledgment.overall, acknowledgment.definition, { key: 'all' });
  push(
    {
      metric: 'partner_acknowledgment_median_days',
      key: 'all',
      value: acknowledgment.overall.medianDays ?? '',
      unit: 'business_days',
    },
    acknowledgment.definition,
  );
  for (const row of acknowledgment.byOrganization) {
    const base = {
      group: 'receiving_organization',
      key: row.organization ?? '',
      label: row.organization ?? '',
    };
    share('partner_acknowledgment', row, acknowledgment.definition, base);
    push(
      {
        metric: 'partner_acknowledgment_median_days',
        ...base,
        value: row.medianDays ?? '',
        unit: 'business_days',
      },
      acknowledgment.definition,
    );
  }

  const stalls = report.stalls;
  const stallRows = (group: string, list: StallRow[]) => {
    for (const row of list) {
      const key = row.kind && row.key !== null ? `${row.kind}:${row.key}` : (row.key ?? '');
      const base = { group, key, label: row.label ?? '' };
      push({ metric: 'stalls_open', ...base, value: row.open, unit: 'referrals' }, stalls.definition);
      push({ metric: 'stalls_overdue', ...base, value: row.overdue, unit: 'referrals' }, stalls.definition);
      push(
        { metric: 'stalls_median_age', ...base, value: row.medianAge ?? '', unit: 'business_days' },
        stalls.definition,
      );
    }
  };
  stallRows('state', stalls.byState);
  stallRows('reason', stalls.byReason);
  stallRows('receiving_organization', stalls.byOrganization);
  stallRows('priority', stalls.byPriority);

  return toCsv(
    METRICS_COLUMNS,
    rows.map((row) => METRICS_COLUMNS.map((column) => row[column])),
  );
}
