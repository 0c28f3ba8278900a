// URL builders shared by the pages, the index and tests, so every link agrees on one pattern.
import type { DemoReferral, ScreenLayout } from './data';

export function openemrReferralPath(patientId: string, referralId: string): string {
  return `/openemr/interface/patient_file/transaction/add_transaction.php?pid=${encodeURIComponent(patientId)}&transid=${encodeURIComponent(referralId)}`;
}

/** OpenEMR's "add" form: same screen with no transaction loaded (all referral fields empty). */
export function openemrNewReferralPath(patientId: string): string {
  return `/openemr/interface/patient_file/transaction/add_transaction.php?pid=${encodeURIComponent(patientId)}`;
}

export function openemrDemographicsPath(patientId: string): string {
  return `/openemr/interface/patient_file/summary/demographics.php?pid=${encodeURIComponent(patientId)}`;
}

export function fhirServiceRequestPath(referralId: string): string {
  return `/fhir-app/ServiceRequest/${encodeURIComponent(referralId)}`;
}

export function fhirPatientPath(patientId: string): string {
  return `/fhir-app/Patient/${encodeURIComponent(patientId)}`;
}

export function legacyReferralPath(referralId: string): string {
  return `/legacy/referral.asp?id=${encodeURIComponent(referralId)}`;
}

/** "ClinicForm": a referral as a filled form, with day-first dates. */
export function formReferralPath(referralId: string): string {
  return `/clinicform/referral?id=${encodeURIComponent(referralId)}`;
}

/** The "Nimbus Flow" care-transfer ticket: a referral screen the built-in profiles do not recognise. */
export function transferTicketPath(referralId: string): string {
  return `/nimbus/ticket?id=${encodeURIComponent(referralId)}`;
}

export function labResultPath(id: number): string {
  return `/labs/result?id=${id}`;
}

export function schedulePath(date: string): string {
  return `/schedule?date=${encodeURIComponent(date)}`;
}

export const referralListPath = '/referrals';

/** The referral screen in a given style (defaults to the referral's own layout). */
export function referralPath(referral: DemoReferral, layout: ScreenLayout = referral.layout): string {
  switch (layout) {
    case 'openemr':
      return openemrReferralPath(referral.patientId, referral.id);
    case 'fhir':
      return fhirServiceRequestPath(referral.id);
    case 'legacy':
      return legacyReferralPath(referral.id);
  }
}
