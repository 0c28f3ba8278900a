/**
 * What a bench suite returns. Every figure carries its budget and whether it holds; budgets on
 * timings are ratios against a baseline measured in the same run, or limits on work the page can
 * see (milliseconds of detection), never wall-clock totals of the whole run.
 */

export type Comparison = '<' | '<=';

export interface Budget {
  comparison: Comparison;
  limit: number;
  /** The budget as a person reads it: "< 3 ms", "<= 1.1". */
  text: string;
}

export interface Figure {
  name: string;
  /** What was measured when a figure is taken on several pages: "heavy chart", "live referral worklist". */
  subject?: string;
  value: number;
  unit: string;
  budget: Budget;
  holds: boolean;
  /** The lowest and highest value behind a median, when the figure is the median of several rounds. */
  spread?: { min: number; max: number };
  /** A reading aid printed beside the figure: what the value means in milliseconds. */
  note?: string;
  /** The numbers behind the figure (samples, per-run values, sizes), for reading, not judging. */
  detail?: Record<string, unknown>;
}

export interface SuiteResult {
  name: string;
  figures: Figure[];
}

/** A suite measures one thing end to end, owning whatever it starts (servers, browsers). */
export type Suite = () => Promise<SuiteResult>;

export function figure(options: {
  name: string;
  subject?: string;
  value: number;
  unit: string;
  comparison: Comparison;
  limit: number;
  spread?: { min: number; max: number };
  note?: string;
  detail?: Record<string, unknown>;
}): Figure {
  const { name, subject, value, unit, comparison, limit, spread, note, detail } = options;
  const holds = Number.isFinite(value) && (comparison === '<' ? value < limit : value <= limit);
  const unitText = unit === 'ratio' || unit === 'count' ? '' : ` ${unit}`;
  return {
    name,
    ...(subject === undefined ? {} : { subject }),
    value: round(value),
    unit,
    budget: { comparison, limit, text: `${comparison} ${limit}${unitText}` },
    holds,
    ...(spread === undefined ? {} : { spread: { min: round(spread.min), max: round(spread.max) } }),
    ...(note === undefined ? {} : { note }),
    ...(detail === undefined ? {} : { detail }),
  };
}

/** Rounded for reading: three decimals are below every figure's noise. */
export function round(value: number, decimals = 3): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  const low = sorted[below] ?? Number.NaN;
  const high = sorted[above] ?? Number.NaN;
  return low + (high - low) * (position - below);
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}
