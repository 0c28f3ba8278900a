import type { ComponentChildren } from 'preact';
import { type MessageKey, t } from '../i18n';
import { packetItemLabel } from '../metrics/packet-check';
import type { DurationFigure, MetricsReport, StallRow } from '../metrics/report';
import type { AgeBucket } from '../referral/age-buckets';
import { channelLabel, priorityText, statusLabel } from '../ui/labels';
import { BarChart } from './BarChart';
import { days, kindLabel, numberFormat, percent, shareOf } from './format';

const AGE_LABEL: Record<AgeBucket, MessageKey> = {
  '0-2': 'metricsAge_0_2',
  '3-7': 'metricsAge_3_7',
  '8-14': 'metricsAge_8_14',
  '15-30': 'metricsAge_15_30',
  '30+': 'metricsAge_30plus',
};

/**
 * The metrics page's figures, one section per metric of domain.md ("Metrics (definitions)"),
 * each with its definition beside it.
 */

function Section({ id, title, children }: { id: string; title: MessageKey; children: ComponentChildren }) {
  return (
    <section aria-labelledby={`${id}-heading`} class="metric" id={id}>
      <h2 id={`${id}-heading`}>{t(title)}</h2>
      {children}
    </section>
  );
}

/** A figure with its definition beside it. */
function Figure({
  name,
  label,
  value,
  detail,
  definition,
}: {
  name: string;
  label: MessageKey;
  value: string;
  detail?: string;
  definition: MessageKey;
}) {
  return (
    <div class="figure">
      <div class="figure-main">
        <h3>{t(label)}</h3>
        <p class="value" data-figure={name}>
          {value}
        </p>
        {detail && <p class="detail">{detail}</p>}
      </div>
      <p class="definition">{t(definition)}</p>
    </div>
  );
}

function DurationCard({ name, label, figure }: { name: string; label: MessageKey; figure: DurationFigure }) {
  return (
    <div class="figure">
      <div class="figure-main">
        <h3>{t(label)}</h3>
        <dl>
          <dt>{t('metricsMedian')}</dt>
          <dd data-figure={`${name}-median`}>{days(figure.median)}</dd>
          <dt>{t('metricsP90')}</dt>
          <dd data-figure={`${name}-p90`}>{days(figure.p90)}</dd>
          <dt>{t('metricsCounted')}</dt>
          <dd>{figure.count}</dd>
          <dt>{t('metricsWaiting')}</dt>
          <dd>{figure.waiting}</dd>
        </dl>
      </div>
      <p class="definition">{t(figure.definition)}</p>
    </div>
  );
}

function StallTable({
  caption,
  rows,
  label,
}: {
  caption: MessageKey;
  rows: StallRow[];
  label: (row: StallRow) => string;
}) {
  return (
    <table>
      <caption>{t(caption)}</caption>
      <thead>
        <tr>
          <th scope="col">{t('metricsColItem')}</th>
          <th scope="col">{t('metricsColOpen')}</th>
          <th scope="col">{t('metricsColOverdue')}</th>
          <th scope="col">{t('metricsColMedianAge')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={`${row.kind ?? ''}|${row.key ?? ''}`}>
            <th scope="row">{label(row)}</th>
            <td>{row.open}</td>
            <td>{row.overdue}</td>
            <td>{row.medianAge === null ? t('metricsNoData') : numberFormat.format(row.medianAge)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The metrics page's sections, in page order: one entry per metric (domain.md, "Metrics
 * (definitions)"). A metric is added here, with its figure in the report (metrics/report.ts)
 * and its words in both locales.
 */
const METRIC_SECTIONS: {
  id: string;
  title: MessageKey;
  render: (report: MetricsReport) => ComponentChildren;
}[] = [
  {
    id: 'completion',
    title: 'metricsSectionCompletion',
    render: ({ completion, scheduled, kept }) => (
      <>
        <div class="figures">
          <Figure
            name="completion-rate"
            label="metricsCompletionRate"
            value={percent(completion.rate)}
            detail={shareOf(completion)}
            definition={completion.definition}
          />
          <Figure
            name="scheduled-rate"
            label="metricsScheduledRate"
            value={percent(scheduled.rate)}
            detail={shareOf(scheduled)}
            definition={scheduled.definition}
          />
          <Figure
            name="kept-rate"
            label="metricsKeptRate"
            value={percent(kept.rate)}
            detail={shareOf(kept)}
            definition={kept.definition}
          />
        </div>
        <BarChart
          title={t('metricsFunnel')}
          columns={[t('metricsColItem'), t('metricsColReferrals')]}
          bars={[
            { label: t('metricsFunnelOrdered'), value: completion.total, text: String(completion.total) },
            { label: t('metricsFunnelScheduled'), value: scheduled.count, text: String(scheduled.count) },
            { label: t('metricsFunnelCompleted'), value: completion.count, text: String(completion.count) },
          ]}
        />
      </>
    ),
  },
  {
    id: 'times',
    title: 'metricsSectionTimes',
    render: (report) => (
      <>
        <div class="figures">
          <DurationCard
            name="first-outreach"
            label="metricsTimeToFirstOutreach"
            figure={report.timeToFirstOutreach}
          />
          <DurationCard name="scheduled" label="metricsTimeToScheduled" figure={report.timeToScheduled} />
          <DurationCard
            name="appointment"
            label="metricsTimeToAppointment"
            figure={report.timeToAppointment}
          />
        </div>
      </>
    ),
  },
  {
    id: 'pending',
    title: 'metricsSectionPending',
    render: ({ pendingByAge }) => {
      const openStates = pendingByAge.rows.filter((row) => row.total > 0);
      return (
        <>
          <p class="definition">{t(pendingByAge.definition)}</p>
          {pendingByAge.total === 0 ? (
            <p>{t('metricsNoOpen')}</p>
          ) : (
            <>
              <BarChart
                title={t('metricsPendingChart')}
                table={false}
                bars={pendingByAge.buckets.map((bucket) => ({
                  label: t(AGE_LABEL[bucket]),
                  value: pendingByAge.totals[bucket],
                  text: String(pendingByAge.totals[bucket]),
                }))}
              />
              <table data-table="pending-by-age">
                <caption>{t('metricsSectionPending')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('metricsColState')}</th>
                    {pendingByAge.buckets.map((bucket) => (
                      <th scope="col" key={bucket}>
                        {t(AGE_LABEL[bucket])}
                      </th>
                    ))}
                    <th scope="col">{t('metricsColTotal')}</th>
                  </tr>
                </thead>
                <tbody>
                  {openStates.map((row) => (
                    <tr key={row.state}>
                      <th scope="row">{statusLabel(row.state)}</th>
                      {pendingByAge.buckets.map((bucket) => (
                        <td key={bucket}>{row.counts[bucket]}</td>
                      ))}
                      <td>{row.total}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">{t('metricsColTotal')}</th>
                    {pendingByAge.buckets.map((bucket) => (
                      <td key={bucket}>{pendingByAge.totals[bucket]}</td>
                    ))}
                    <td>{pendingByAge.total}</td>
                  </tr>
                </tfoot>
              </table>
            </>
          )}
        </>
      );
    },
  },
  {
    id: 'missing',
    title: 'metricsSectionMissing',
    render: ({ missingInformation }) => (
      <>
        <div class="figures">
          <Figure
            name="missing-information"
            label="metricsIncomplete"
            value={percent(missingInformation.incomplete.rate)}
            detail={shareOf(missingInformation.incomplete)}
            definition={missingInformation.definition}
          />
        </div>
        {missingInformation.checked > 0 && (
          <BarChart
            title={t('metricsMissingChart')}
            max={1}
            bars={missingInformation.items.map((item) => ({
              label: packetItemLabel(item.label, t),
              value: item.share ?? 0,
              text: `${percent(item.share)} (${item.count})`,
            }))}
          />
        )}
      </>
    ),
  },
  {
    id: 'contact',
    title: 'metricsSectionContact',
    render: ({ contactSuccess }) => (
      <>
        <div class="figures">
          <Figure
            name="contact-success"
            label="metricsAllChannels"
            value={percent(contactSuccess.overall.rate)}
            detail={shareOf(contactSuccess.overall)}
            definition={contactSuccess.definition}
          />
        </div>
        <BarChart
          title={t('metricsContactChart')}
          max={1}
          columns={[t('metricsColChannel'), t('metricsColReached')]}
          bars={contactSuccess.byChannel.map((row) => ({
            label: channelLabel(row.channel),
            value: row.rate ?? 0,
            text: `${percent(row.rate)} (${shareOf(row)})`,
          }))}
        />
      </>
    ),
  },
  {
    id: 'reasons',
    title: 'metricsSectionReasons',
    render: ({ delayReasons }) => (
      <>
        <p class="definition">{t(delayReasons.definition)}</p>
        {delayReasons.reasons.length === 0 ? (
          <p>{t('metricsNoReasons')}</p>
        ) : (
          <>
            <BarChart
              title={t('metricsReasonsChart')}
              table={false}
              bars={delayReasons.reasons.map((row) => ({
                label: `${kindLabel(row.kind)}: ${row.label}`,
                value: row.total,
                text: String(row.total),
              }))}
            />
            <table data-table="delay-reasons">
              <caption>{t('metricsSectionReasons')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('metricsColReasonList')}</th>
                  <th scope="col">{t('metricsColReason')}</th>
                  <th scope="col">{t('metricsColOpen')}</th>
                  <th scope="col">{t('metricsColClosed')}</th>
                  <th scope="col">{t('metricsColTotal')}</th>
                  <th scope="col">{t('metricsColShare')}</th>
                </tr>
              </thead>
              <tbody>
                {delayReasons.reasons.map((row) => (
                  <tr key={`${row.kind}|${row.code}`}>
                    <td>{kindLabel(row.kind)}</td>
                    <th scope="row">{row.label}</th>
                    <td>{row.open}</td>
                    <td>{row.closed}</td>
                    <td>{row.total}</td>
                    <td>{percent(row.share)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </>
    ),
  },
  {
    id: 'acknowledgment',
    title: 'metricsSectionAcknowledgment',
    render: ({ partnerAcknowledgment }) => (
      <>
        <div class="figures">
          <Figure
            name="partner-acknowledgment"
            label="metricsAcknowledgmentRate"
            value={percent(partnerAcknowledgment.overall.rate)}
            detail={`${shareOf(partnerAcknowledgment.overall)} · ${t('metricsMedian')}: ${days(partnerAcknowledgment.overall.medianDays)}`}
            definition={partnerAcknowledgment.definition}
          />
        </div>
        {partnerAcknowledgment.byOrganization.length === 0 ? (
          <p>{t('metricsNoneSent')}</p>
        ) : (
          <>
            <BarChart
              title={t('metricsAcknowledgmentChart')}
              table={false}
              max={1}
              bars={partnerAcknowledgment.byOrganization.map((row) => ({
                label: row.organization ?? t('metricsNotRecorded'),
                value: row.rate ?? 0,
                text: percent(row.rate),
              }))}
            />
            <table data-table="partner-acknowledgment">
              <caption>{t('metricsAcknowledgmentChart')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('metricsColOrganization')}</th>
                  <th scope="col">{t('metricsColSent')}</th>
                  <th scope="col">{t('metricsColConfirmed')}</th>
                  <th scope="col">{t('metricsColShare')}</th>
                  <th scope="col">{t('metricsColMedianDays')}</th>
                </tr>
              </thead>
              <tbody>
                {partnerAcknowledgment.byOrganization.map((row) => (
                  <tr key={row.organization ?? ''}>
                    <th scope="row">{row.organization ?? t('metricsNotRecorded')}</th>
                    <td>{row.total}</td>
                    <td>{row.count}</td>
                    <td>{percent(row.rate)}</td>
                    <td>
                      {row.medianDays === null ? t('metricsNoData') : numberFormat.format(row.medianDays)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </>
    ),
  },
  {
    id: 'stalls',
    title: 'metricsSectionStalls',
    render: ({ stalls }) => (
      <>
        <p class="definition">{t(stalls.definition)}</p>
        {stalls.byState.length === 0 ? (
          <p>{t('metricsNoOpen')}</p>
        ) : (
          <div class="stalls">
            <StallTable
              caption="metricsStallsByState"
              rows={stalls.byState}
              label={(row) => statusLabel(row.key as Parameters<typeof statusLabel>[0])}
            />
            <StallTable
              caption="metricsStallsByReason"
              rows={stalls.byReason}
              label={(row) =>
                row.key === null || !row.kind
                  ? t('metricsNoReason')
                  : `${kindLabel(row.kind)}: ${row.label ?? row.key}`
              }
            />
            <StallTable
              caption="metricsStallsByOrganization"
              rows={stalls.byOrganization}
              label={(row) => row.key ?? t('metricsNotRecorded')}
            />
            <StallTable
              caption="metricsStallsByPriority"
              rows={stalls.byPriority}
              label={(row) => priorityText(row.key ?? '')}
            />
          </div>
        )}
      </>
    ),
  },
];

export function Figures({ report }: { report: MetricsReport }) {
  return (
    <>
      {METRIC_SECTIONS.map(({ id, title, render }) => (
        <Section key={id} id={id} title={title}>
          {render(report)}
        </Section>
      ))}
    </>
  );
}
