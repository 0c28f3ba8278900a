import type { Config } from '../config/schema';
import type { MessageKey } from '../i18n';
import type { Referral } from '../referral/referral';

/** An item's name: a UI message, or the organisation's own wording from its checklist. */
export type PacketItemLabel = MessageKey | { text: string };

/** One item a referral packet needs, as the missing-information figure counts it. */
export interface PacketItem {
  id: string;
  label: PacketItemLabel;
}

export function packetItemLabel(label: PacketItemLabel, translate: (key: MessageKey) => string): string {
  return typeof label === 'string' ? translate(label) : label.text;
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
 * What was missing when the packet was first checked: the panel's checklist records that with the
 * referral. A referral tracked without the panel (by hand, or before the checklist existed) falls
 * back to its fields as they stand.
 */
export const fieldsPacketCheck: PacketCheck = {
  items: FIELD_ITEMS.map(({ id, label }) => ({ id, label })),
  check: (referral) =>
    referral.packet
      ? { missing: referral.packet.firstMissing }
      : { missing: FIELD_ITEMS.filter((item) => item.isMissing(referral)).map((item) => item.id) },
};

/** The items the figure lists: the configured checklists' items, then the field stand-ins. */
export function packetCheckFor(config: Pick<Config, 'checklists'>): PacketCheck {
  const items = new Map<string, PacketItem>();
  for (const checklist of config.checklists)
    for (const item of checklist.items)
      if (!items.has(item.id)) items.set(item.id, { id: item.id, label: { text: item.label } });
  for (const item of fieldsPacketCheck.items) if (!items.has(item.id)) items.set(item.id, item);
  return { items: [...items.values()], check: fieldsPacketCheck.check };
}
