import { t } from '../i18n';
import type { AgeBucket } from '../referral/age-buckets';
import { isBusinessDay } from '../referral/business-days';
import { ageSourceOf, orderedAt } from '../referral/order-date';
import type { Referral } from '../referral/referral';
import { codeKey as key, outcomeLabel } from '../ui/labels';
import type { Sort } from './filters';

/** Monday to Friday: the page does not see the organisation's holidays, the age filter does. */
const WEEKDAYS = { workingDays: [1, 2, 3, 4, 5], holidays: [] as string[] };

export const sortLabel = (sort: Sort) => t(key('sort', sort));
export const ageBucketLabel = (bucket: AgeBucket) => t(key('age', bucket));

/**
 * Whole business days since `from`, counted as the age filter counts them: a referral is N days
 * old once N working days have started since it was ordered.
 */
export function businessDaysSince(from: number, now: number): number {
  const day = new Date(now);
  let age = 0;
  while (age < 1000) {
    do day.setDate(day.getDate() - 1);
    while (!isBusinessDay(day, WEEKDAYS));
    if (day.getTime() < from) break;
    age += 1;
  }
  return age;
}

/** Age from the order date; "(from tracking)" when the EHR screen showed no order date. */
export function ageLabel(referral: Referral, now: number): string {
  const days = businessDaysSince(orderedAt(referral), now);
  const age = days === 1 ? t('qvAgeOneDay') : t('qvAgeDays', String(days));
  return ageSourceOf(referral) === 'tracking' ? t('qvAgeFromTracking', age) : age;
}

/** "No answer · 2 attempts", or that nobody has been contacted yet. */
export function outreachSummary(referral: Referral): string {
  const last = referral.outreach.at(-1);
  if (!last) return t('qvNoOutreach');
  const count = referral.outreach.length;
  return count === 1
    ? t('qvOutreachOne', outcomeLabel(last.outcome))
    : t('qvOutreachMany', [outcomeLabel(last.outcome), String(count)]);
}
