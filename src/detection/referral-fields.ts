import { z } from '../zod';

/**
 * The referral fields a profile can read off a page; each maps onto the referral draft. A module of
 * their own: the panel checks its checklist against them, and must not build every EHR-profile
 * schema as it starts.
 */
export const REFERRAL_FIELDS = [
  'orderNumber',
  'patientName',
  'dateOfBirth',
  'mrn',
  'patientPhone',
  'specialty',
  'receivingProvider',
  'receivingOrganization',
  'referringProvider',
  'reason',
  'diagnosisCodes',
  'priority',
  'authoredOn',
  'preferredLanguage',
  'interpreterNeeded',
  'referringPractice',
  'receivingPhone',
  'receivingFax',
  'specialistInstructions',
  'insurancePayer',
  'insuranceMemberId',
  'authorizationNumber',
  'recordsAttached',
] as const;
export const ReferralField = z.enum(REFERRAL_FIELDS);
export type ReferralField = z.infer<typeof ReferralField>;
