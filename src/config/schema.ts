import { z } from 'zod';
import { EhrProfile } from '../detection/ehr-profile';

/** A calendar date as EHRs and admins write it, without a time zone: `2026-12-24`. */
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');

const BusinessDays = z.number().int().min(0).max(60);

/**
 * Business days from tracking to the first follow-up, per priority. Defaults follow published
 * service levels (UNC Health: stat within 1 day, urgent within 2; Mass General Brigham: routine
 * responses within 2 business days, plus a day of slack for the coordinator's first pass).
 */
const FirstFollowUpSchema = z.object({
  routine: BusinessDays.default(3),
  urgent: BusinessDays.default(2),
  asap: BusinessDays.default(1),
  stat: BusinessDays.default(1),
});

export const ConfigSchema = z.object({
  serviceLevels: z.object({ firstFollowUpBusinessDays: FirstFollowUpSchema.prefault({}) }).prefault({}),
  calendar: z
    .object({
      /** 0 = Sunday … 6 = Saturday, as `Date.getDay()` counts. */
      workingDays: z.array(z.number().int().min(0).max(6)).min(1).default([1, 2, 3, 4, 5]),
      holidays: z.array(IsoDate).default([]),
    })
    .prefault({}),
  reminders: z.object({ sweepMinutes: z.number().int().min(1).max(1440).default(15) }).prefault({}),
  /** EHR profiles delivered by the organisation, tried before the built-in ones. */
  ehrProfiles: z
    .array(EhrProfile)
    .max(50)
    .default([])
    .refine(
      (profiles) => new Set(profiles.map((p) => p.id)).size === profiles.length,
      'profile ids must be unique',
    ),
});

export type Config = z.infer<typeof ConfigSchema>;
export type ConfigInput = z.input<typeof ConfigSchema>;

export const DEFAULT_CONFIG: Config = ConfigSchema.parse({});
