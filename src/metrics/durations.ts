import { businessDaysElapsed } from '../referral/business-days';
import { orderedAt } from '../referral/order-date';

/** When a referral was ordered: the one rule, kept with the referral. */
export { orderedAt };

/**
 * The p-quantile (0..1) of the values, interpolated between the two nearest ranks as
 * spreadsheets' PERCENTILE.INC and numpy's default do; null when there are none.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  // A typed array sorts numbers natively, many times faster than a comparator over a plain array.
  const sorted = Float64Array.from(values).sort();
  const position = (sorted.length - 1) * Math.min(Math.max(p, 0), 1);
  const below = Math.floor(position);
  const low = sorted[below] ?? 0;
  const high = sorted[Math.min(below + 1, sorted.length - 1)] ?? low;
  return low + (position - below) * (high - low);
}

export const median = (values: readonly number[]) => percentile(values, 0.5);

export { businessDaysElapsed };
