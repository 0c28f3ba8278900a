import type { Priority } from '../referral/priority';
import type { ReferralDraftInput } from '../referral/referral-draft';
import type { Detection } from './detect-referral';

/** The draft a coordinator tracks: what the profile read, ready for validation. */
export function draftFromDetection(detection: Detection, pageUrl: string): ReferralDraftInput {
  const { fields } = detection;
  return {
    source: { profileId: detection.profile.id, pageUrl },
    orderNumber: fields.orderNumber,
    patient: {
      name: fields.patientName ?? '',
      dateOfBirth: fields.dateOfBirth,
      mrn: fields.mrn,
      phone: fields.patientPhone,
      preferredLanguage: fields.preferredLanguage,
    },
    receiving: {
      specialty: fields.specialty,
      provider: fields.receivingProvider,
      organization: fields.receivingOrganization,
      phone: fields.receivingPhone,
      fax: fields.receivingFax,
      instructions: fields.specialistInstructions,
    },
    referring: { provider: fields.referringProvider, practice: fields.referringPractice },
    insurance: {
      payer: fields.insurancePayer,
      memberId: fields.insuranceMemberId,
      authorizationNumber: fields.authorizationNumber,
    },
    reason: fields.reason,
    diagnosisCodes: fields.diagnosisCodes,
    recordsAttached: fields.recordsAttached,
    priority: fields.priority as Priority | undefined,
    authoredOn: fields.authoredOn,
  };
}
