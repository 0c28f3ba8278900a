/**
 * How old an open referral is, in business days since tracking, grouped the way the metrics
 * define "pending by age" (domain.md): the queue's age filter, the request schema and the
 * metrics all read these, so a bucket added here reaches every one of them.
 */
export const AGE_BUCKETS = {
  '0-2': [0, 2],
  '3-7': [3, 7],
  '8-14': [8, 14],
  '15-30': [15, 30],
  '30+': [31, Number.POSITIVE_INFINITY],
} as const satisfies Record<string, readonly [number, number]>;

export type AgeBucket = keyof typeof AGE_BUCKETS;

/** The buckets youngest first, as a tuple (for `z.enum`). */
export const AGE_BUCKET_NAMES = Object.keys(AGE_BUCKETS) as [AgeBucket, ...AgeBucket[]];

/** The bucket of an age in whole business days. */
export function ageBucketOf(age: number): AgeBucket {
  for (const bucket of AGE_BUCKET_NAMES) if (age <= AGE_BUCKETS[bucket][1]) return bucket;
  return '30+';
}
