import type { MessageKey } from '../i18n';
import type { Referral } from '../referral/referral';

/** One item a referral packet needs, as the missing-information figure counts it. */
export interface PacketItem {
  id: string;
  /** The item's name in the UI. */
  label: MessageKey;
}

/** What a packet check found for one referral: the items missing when it was first checked. */
export interface PacketCheckResult {
  missing: readonly string[];
}

/**
 * Checks a referral's packet. The missing-information figure takes any check: today the one
 * below, derived from the record's fields; once the packet checklist records its first result,
 * a check that returns that result replaces it (`undefined` = never checked, not counted).
 */
export interface PacketCheck {
  items: readonly PacketItem[];
  check: (referral: Referral) => PacketCheckResult | undefined;
}

const FIELD_ITEMS: readonly (PacketItem & { isMissing: (referral: Referral) => boolean })[] = [
  { id: 'patient-phone', label: 'fieldPhone', isMissing: (r) => !r.patient.phone },
  { id: 'patient-date-of-birth', label: 'fieldDateOfBirth', isMissing: (r) => !r.patient.dateOfBirth },
  { id: 'patient-mrn', label: 'fieldMrn', isMissing: (r) => !r.patient.mrn },
  {
    id: 'receiving-organization',
    label: 'fieldReceivingOrganization',
    isMissing: (r) => !r.receiving.organization,
  },
  { id: 'receiving-specialty', label: 'fieldSpecialty', isMissing: (r) => !r.receiving.specialty },
  { id: 'reason', label: 'fieldReason', isMissing: (r) => !r.reason },
  // Read structurally: diagnosis codes are being added to the record; until a referral has them, they are missing.
  {
    id: 'diagnosis-codes',
    label: 'metricsItemDiagnosisCodes',
    isMissing: (r) => !(r as { diagnosisCodes?: unknown }).diagnosisCodes,
  },
  { id: 'order-date', label: 'metricsItemOrderDate', isMissing: (r) => !r.authoredOn },
];

/**
 * A stand-in for the packet checklist, which is not built yet: an item is missing when the
 * referral's field is empty now. Fields edited after tracking cannot be told apart from fields
 * read from the EHR, so "when first checked" is "as the record stands".
 */
export const fieldsPacketCheck: PacketCheck = {
  items: FIELD_ITEMS.map(({ id, label }) => ({ id, label })),
  check: (referral) => ({
    missing: FIELD_ITEMS.filter((item) => item.isMissing(referral)).map((item) => item.id),
  }),
};
