import { browser } from 'wxt/browser';
import { t } from '../i18n';
import type { Ratio, ReasonKind } from '../metrics/report';
import { codeKey } from '../ui/labels';

/** Figures as the metrics page shows them, in the browser's language. */
const language = browser.i18n.getUILanguage();
const percentFormat = new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 });
export const numberFormat = new Intl.NumberFormat(language, { maximumFractionDigits: 1 });
export const dateFormat = new Intl.DateTimeFormat(language, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});
export const timeFormat = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });

export const percent = (rate: number | null) =>
  rate === null ? t('metricsNoData') : percentFormat.format(rate);
export const days = (value: number | null) =>
  value === null
    ? t('metricsNoData')
    : value === 1
      ? t('metricsBusinessDayOne')
      : t('metricsBusinessDays', numberFormat.format(value));
export const shareOf = (ratio: Ratio) => t('metricsShareOf', [String(ratio.count), String(ratio.total)]);
export const kindLabel = (kind: ReasonKind) => t(codeKey('metricsReasonKind', kind));
