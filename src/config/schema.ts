import { EhrProfile, ReadingLocaleSchema } from '../detection/ehr-profile';
import { DEFAULT_PHONE_COUNTRY } from '../detection/reading-locale';
import { PanelConfigSchema } from '../panel-config/schema';
import { z } from '../zod';
import { EhrOrigin } from './ehr-origins';
import { IsoDate } from './iso-date';
import { SignInSchema } from './sign-in';
import { TeamQueueSchema } from './team-queue';
import { LOCKABLE_SETTINGS, PolicyUserSettings } from './user-settings';

const BusinessDays = z.number().int().min(0).max(60);
const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time as HH:MM');

/**
 * Business days from the order date (tracking time when the screen shows none) to the first
 * follow-up, due at the end of that working day, per priority. Defaults follow published service
 * levels (UNC Health: stat the same day, urgent within 2; Mass General Brigham: routine responses
 * within 2 business days, plus a day of slack for the coordinator's first pass).
 */
const FirstFollowUpSchema = z.object({
  routine: BusinessDays.default(3),
  urgent: BusinessDays.default(2),
  asap: BusinessDays.default(1),
  /** STAT: the same business day as the order. */
  stat: BusinessDays.default(0),
});

const Reason = z.object({
  code: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lowercase letters, digits and dashes'),
  label: z.string().min(1).max(80),
});
export type Reason = z.infer<typeof Reason>;
const reasons = (...pairs: [string, string][]) => pairs.map(([code, label]) => ({ code, label }));

/** Coded reasons, so that delays can be counted; the organisation may replace each list. */
const ReasonsSchema = z.object({
  delay: z
    .array(Reason)
    .min(1)
    .default(
      reasons(
        ['missing-demographics', 'Missing patient demographics or contact details'],
        ['missing-insurance', 'Missing insurance information'],
        ['authorization-pending', 'Prior authorization pending'],
        ['missing-records', 'Records not yet received'],
        ['missing-clinical-info', 'Receiving office asked for clinical information'],
        ['awaiting-specialist-review', 'Waiting for the specialist to review'],
        ['patient-unreachable', 'Patient not reached yet'],
        ['patient-requested-delay', 'Patient asked to wait'],
        ['no-availability', 'No appointment available'],
        ['other', 'Other'],
      ),
    ),
  decline: z
    .array(Reason)
    .min(1)
    .default(
      reasons(
        ['insurance-not-accepted', 'Insurance not accepted'],
        ['wrong-specialty', 'Not the right specialty or service'],
        ['incomplete-referral', 'Referral incomplete'],
        ['no-capacity', 'Not accepting new patients'],
        ['other', 'Other'],
      ),
    ),
  close: z
    .array(Reason)
    .min(1)
    .default(
      reasons(
        ['patient-declined', 'Patient declined'],
        ['patient-unreachable', 'Patient unreachable'],
        ['cancelled-by-provider', 'Cancelled by the referring provider'],
        ['duplicate', 'Duplicate referral'],
        ['completed-elsewhere', 'Care completed elsewhere'],
        ['other', 'Other'],
      ),
    ),
});

export const ConfigSchema = z.object({
  serviceLevels: z
    .object({
      firstFollowUpBusinessDays: FirstFollowUpSchema.prefault({}),
      /** After records are sent, the receiving office should confirm within this (MGB: 2). */
      acknowledgmentBusinessDays: BusinessDays.default(2),
      /** After an appointment, confirm the visit happened and the report is on its way. */
      afterAppointmentBusinessDays: BusinessDays.default(1),
      /** Business days to the next try after the 1st, 2nd, 3rd… outreach attempt (day 0, 2, 5, 10). */
      outreachCadenceBusinessDays: z.array(BusinessDays).min(1).max(10).default([2, 3, 5]),
    })
    .prefault({}),
  reasons: ReasonsSchema.prefault({}),
  calendar: z
    .object({
      /** 0 = Sunday … 6 = Saturday, as `Date.getDay()` counts. */
      workingDays: z.array(z.number().int().min(0).max(6)).min(1).default([1, 2, 3, 4, 5]),
      holidays: z.array(IsoDate).default([]),
      /** Working hours: first deadlines fall due at their end; follow-ups and snoozes land inside them. */
      workingHours: z
        .object({ start: ClockTime.default('08:00'), end: ClockTime.default('17:00') })
        .refine((hours) => hours.start < hours.end, 'working hours must end after they start')
        .prefault({}),
    })
    .prefault({}),
  reminders: z.object({ sweepMinutes: z.number().int().min(1).max(1440).default(15) }).prefault({}),
  retention: z
    .object({
      /**
       * Days a closed referral keeps the patient's identifying details; after that only what the
       * metrics need is kept (dates, states, reasons, priority, specialty, office, outreach codes).
       */
      closedReferralDays: z.number().int().min(1).max(3650).default(90),
    })
    .prefault({}),
  // Organisation, checklists, scripts, 3-second rule and clinical boundary for the panel.
  ...PanelConfigSchema.shape,
  /**
   * How the organisation's EHRs write dates and phone numbers; a profile's own `locale` wins.
   * No date order by default: a date such as 04/05/2026 is then flagged for the coordinator.
   */
  locale: ReadingLocaleSchema.extend({
    phoneCountry: ReadingLocaleSchema.shape.phoneCountry.unwrap().default(DEFAULT_PHONE_COUNTRY),
  }).prefault({}),
  /** EHR profiles delivered by the organisation, tried before the built-in ones. */
  ehrProfiles: z
    .array(EhrProfile)
    .max(50)
    .default([])
    .refine(
      (profiles) => new Set(profiles.map((p) => p.id)).size === profiles.length,
      'profile ids must be unique',
    ),
  /** EHR sites Handoff runs on, besides the demo EHR and the sites coordinators add themselves. */
  ehrOrigins: z.array(EhrOrigin).max(100).default([]),
  /** The organisation's values for coordinators' own settings; each one set here is enforced. */
  userSettings: PolicyUserSettings.prefault({}),
  /** Settings coordinators cannot change on the options page. */
  locks: z.array(z.enum(LOCKABLE_SETTINGS)).default([]),
  /** The team's shared queue on the organisation's FHIR server; absent, the queue stays on this device. */
  teamQueue: TeamQueueSchema.prefault({}),
  /** Sign-in with the organisation's identity provider, for the team queue's FHIR server. */
  signIn: SignInSchema.prefault({}),
});

export type Config = z.infer<typeof ConfigSchema>;
export type ConfigInput = z.input<typeof ConfigSchema>;

export const DEFAULT_CONFIG: Config = ConfigSchema.parse({});
