import type { Config } from '../config/schema';
import type { PanelConfig } from '../panel-config/schema';
import {
  fillScript,
  firstName,
  pickScripts,
  preferredLanguage,
  type ThreeSecondCheck,
  threeSecondCheck,
} from '../panel-config/scripts';
import { addBusinessDays } from '../referral/business-days';
import { endOfWorkingDay } from '../referral/order-date';
import type { Referral } from '../referral/referral';

/**
 * The printable documents a referral desk sends by post or fax: the patient letter, from the
 * organisation's approved letter scripts, and the packet cover sheet for the receiving office.
 * Pure: the print page words the cover sheet's labels in the coordinator's language.
 */

export interface PatientLetter {
  scriptId: string;
  /** The script's language: the patient's when the organisation has a letter in it. */
  language: string;
  title: string;
  paragraphs: string[];
  /** Placeholders with no value on this referral, shown as visible gaps to fill by hand. */
  gaps: string[];
  /** The patient's language has no approved letter: one in the fallback language was used. */
  notInTheirLanguage: boolean;
  check: ThreeSecondCheck;
}

/** The values a letter may say, from the referral as tracked and the organisation. */
export function letterValues(referral: Referral, organization: PanelConfig['organization']) {
  return {
    patientFirstName: firstName(referral.patient.name),
    specialty: referral.receiving.specialty,
    receivingOffice: referral.receiving.organization ?? referral.receiving.provider,
    practiceName: organization.name,
    practicePhone: organization.phone,
    referringProvider: referral.referring.provider,
    orderNumber: referral.orderNumber,
    recordsAttached: referral.recordsAttached,
  };
}

/** The patient letter, or undefined when the organisation has no approved letter script at all. */
export function patientLetter(referral: Referral, config: PanelConfig): PatientLetter | undefined {
  const wanted = preferredLanguage(referral.patient.preferredLanguage);
  const [script] = pickScripts(config.scripts, { audience: 'patient', channel: 'letter', language: wanted });
  if (!script) return undefined;
  const filled = fillScript(script, letterValues(referral, config.organization));
  const primary = (tag: string | undefined) => tag?.toLowerCase().split(/[-_]/)[0];
  return {
    scriptId: script.id,
    language: script.language,
    title: filled.title,
    paragraphs: filled.text.split(/\n{2,}/),
    gaps: filled.gaps,
    notInTheirLanguage: wanted !== undefined && primary(wanted) !== primary(script.language),
    check: threeSecondCheck(script, config.threeSecondRule.openingWordBudget),
  };
}

export interface CoverSheet {
  to: { organization?: string; provider?: string; specialty?: string; phone?: string; fax?: string };
  from: { practice: string; phone: string; referringProvider?: string };
  patient: { name: string; dateOfBirth?: string; mrn?: string; phone?: string };
  referral: { orderNumber?: string; orderedOn?: string; priority: Referral['priority']; reason?: string };
  authorizationNumber?: string;
  /** What is enclosed: the records tracked for the referral, then what the EHR listed as attached. */
  enclosed: string[];
  /** Confirm receipt and the next step by the end of this working day. */
  respondBy: number;
}

/** Splits the EHR's "records attached" text into items ("Notes; ECG, labs" → three). */
function attachedItems(text: string | undefined): string[] {
  return (text ?? '')
    .split(/[;\n,]/)
    .map((item) => item.trim())
    .filter(Boolean);
}

/** The packet cover sheet: who it is for, from whom, about whom, what is enclosed, what to answer by when. */
export function coverSheet(referral: Referral, config: Config, now: number): CoverSheet {
  const { receiving, patient } = referral;
  const enclosed = [
    ...new Set([
      ...referral.records.map((record) => record.name),
      ...attachedItems(referral.recordsAttached),
    ]),
  ];
  const days = config.serviceLevels.acknowledgmentBusinessDays;
  return {
    to: {
      organization: receiving.organization,
      provider: receiving.provider,
      specialty: receiving.specialty,
      phone: receiving.phone,
      fax: receiving.fax,
    },
    from: {
      practice: config.organization.name,
      phone: config.organization.phone,
      referringProvider: referral.referring.provider,
    },
    patient: { name: patient.name, dateOfBirth: patient.dateOfBirth, mrn: patient.mrn, phone: patient.phone },
    referral: {
      orderNumber: referral.orderNumber,
      orderedOn: referral.authoredOn,
      priority: referral.priority,
      reason: referral.reason,
    },
    authorizationNumber: referral.insurance.authorizationNumber,
    enclosed,
    respondBy: endOfWorkingDay(
      addBusinessDays(new Date(now), days, config.calendar).getTime(),
      config.calendar,
    ),
  };
}
