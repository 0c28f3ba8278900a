import { useCallback, useEffect, useState } from 'preact/hooks';
import { EXPORT_KIND_NAMES, EXPORT_KINDS, type ExportKind } from '../export/export-kinds';
import { type MessageKey, t } from '../i18n';
import type { Send } from '../messages';
import {
  customPeriod,
  dateInputValue,
  PERIOD_PRESETS,
  type Period,
  type PeriodPreset,
  presetPeriod,
} from '../metrics/period';
import type { MetricsReport } from '../metrics/report';
import { BackupSection } from './BackupSection';
import { Figures } from './Figures';
import { dateFormat, timeFormat } from './format';
import { saveFile } from './save-file';

type Choice = PeriodPreset | 'custom';

const PRESET_LABEL: Record<PeriodPreset, MessageKey> = {
  'this-month': 'metricsThisMonth',
  'last-30': 'metricsLast30',
  'last-90': 'metricsLast90',
  'last-365': 'metricsLast365',
};

export function MetricsPage({ send, now = Date.now }: { send: Send; now?: () => number }) {
  const [choice, setChoice] = useState<Choice>('last-30');
  const [period, setPeriod] = useState<Period>(() => presetPeriod('last-30', now()));
  const [custom, setCustom] = useState(() => ({
    from: dateInputValue(period.from),
    to: dateInputValue(period.to - 1),
  }));
  const [invalid, setInvalid] = useState(false);
  const [report, setReport] = useState<MetricsReport | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    setLoading(true);
    setError(null);
    send({ type: 'compute-metrics', ...period })
      .then(({ metrics }) => current && setReport(metrics))
      .catch((failure: Error) => current && setError(failure.message))
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [send, period]);

  const choose = (next: Choice) => {
    setChoice(next);
    setInvalid(false);
    if (next !== 'custom') setPeriod(presetPeriod(next, now()));
  };
  const applyCustom = (event: Event) => {
    event.preventDefault();
    const picked = customPeriod(custom.from, custom.to);
    setInvalid(!picked);
    if (picked) setPeriod(picked);
  };
  const download = useCallback(
    async (what: ExportKind) => {
      setSaved(null);
      setError(null);
      try {
        const file = await send({ type: 'export', what, ...period });
        saveFile(file.text, file.filename, file.mimeType);
        setSaved(file.filename);
      } catch (failure) {
        setError((failure as Error).message);
      }
    },
    [send, period],
  );

  return (
    <main class="metrics" aria-busy={loading}>
      <h1>{t('metricsTitle')}</h1>
      <form class="period" onSubmit={applyCustom}>
        <fieldset>
          <legend>{t('metricsPeriod')}</legend>
          {[...PERIOD_PRESETS, 'custom' as const].map((option) => (
            <label key={option} class="choice">
              <input
                type="radio"
                name="period"
                value={option}
                checked={choice === option}
                onChange={() => choose(option)}
              />
              {option === 'custom' ? t('metricsCustom') : t(PRESET_LABEL[option])}
            </label>
          ))}
          {choice === 'custom' && (
            <div class="custom">
              <label>
                {t('metricsFrom')}
                <input
                  type="date"
                  value={custom.from}
                  onInput={(event) => setCustom({ ...custom, from: event.currentTarget.value })}
                  aria-invalid={invalid}
                />
              </label>
              <label>
                {t('metricsTo')}
                <input
                  type="date"
                  value={custom.to}
                  onInput={(event) => setCustom({ ...custom, to: event.currentTarget.value })}
                  aria-invalid={invalid}
                />
              </label>
              <button type="submit">{t('metricsApply')}</button>
              {invalid && <p role="alert">{t('metricsInvalidPeriod')}</p>}
            </div>
          )}
        </fieldset>
      </form>

      <p role="status" class="summary">
        {loading
          ? t('metricsLoading')
          : report &&
            (report.referrals.ordered === 0
              ? t('metricsNoReferrals')
              : t('metricsPeriodSummary', [
                  String(report.referrals.ordered),
                  dateFormat.format(report.period.from),
                  dateFormat.format(report.period.to - 1),
                  timeFormat.format(report.asOf),
                ]))}
      </p>
      {error && <p role="alert">{t('errorPrefix', error)}</p>}
      {report && <p class="definition notes">{t(report.notes)}</p>}

      <section class="downloads" aria-labelledby="downloads-heading">
        <h2 id="downloads-heading">{t('metricsDownloads')}</h2>
        <p class="definition">{t('metricsDownloadsHint')}</p>
        <div class="buttons">
          {EXPORT_KIND_NAMES.map((what) => (
            <button key={what} type="button" onClick={() => void download(what)}>
              {t(EXPORT_KINDS[what].download)}
            </button>
          ))}
        </div>
        <p aria-live="polite" class="saved">
          {saved && t('metricsDownloadSaved', saved)}
        </p>
      </section>

      <BackupSection send={send} onRestored={() => setPeriod((current) => ({ ...current }))} />

      {report && <Figures report={report} />}
    </main>
  );
}
