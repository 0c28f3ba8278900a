/** Who a referral is for, as a page shows it: name, and date of birth and MRN where shown. */
export interface PatientIdentity {
  name: string;
  dateOfBirth?: string | undefined;
  mrn?: string | undefined;
}

/**
 * A name as a person reads it: case, accents, punctuation and word order ("Quinlan, Avery") do
 * not make another patient.
 */
function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .sort()
    .join(' ');
}

const mrnKey = (mrn: string | undefined) => (mrn ?? '').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/**
 * Whether a page and a queued referral are about the same patient. Every part counts, and a part
 * shown on one side only counts as a difference: a reused order number, or two patients with the
 * same name, must never let the panel act on someone other than the patient on screen.
 */
export function samePatient(a: PatientIdentity, b: PatientIdentity): boolean {
  return (
    nameKey(a.name) === nameKey(b.name) &&
    (a.dateOfBirth ?? '') === (b.dateOfBirth ?? '') &&
    mrnKey(a.mrn) === mrnKey(b.mrn)
  );
}

/** The identity as one string, for a referral tracked apart from another patient's under one key. */
export function patientKeyOf(patient: PatientIdentity): string {
  return [nameKey(patient.name), patient.dateOfBirth ?? '', mrnKey(patient.mrn)].join('|');
}
