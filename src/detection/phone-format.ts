import { type CountryCode, isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js/min';
import type { ExtractedFields } from './detect-referral';
import type { ReferralField } from './referral-fields';

/** Fields holding a phone or fax number, formatted wherever a profile read them from. */
const PHONE_FIELDS: readonly ReferralField[] = ['patientPhone', 'receivingPhone', 'receivingFax'];

/**
 * A number valid in the EHR's country in that country's national format (`(217) 555-0142`,
 * `0491 570 156`), a number written with its country code in international format, and anything
 * else exactly as written: an unusual number must not be turned into a wrong one. Uses the
 * library's smallest metadata, and only in the panel and the tester, never in the content script.
 */
export function formatPhone(text: string, country: string | undefined): string {
  const home = country && isSupportedCountry(country) ? (country as CountryCode) : undefined;
  const number = parsePhoneNumberFromString(text, home);
  if (!number?.isValid()) return text;
  return number.country === home ? number.formatNational() : number.formatInternational();
}

/** The detection's phone fields formatted for the country its profile reads in. */
export function formatPhoneFields(fields: ExtractedFields, country: string | undefined): ExtractedFields {
  const formatted = { ...fields };
  for (const field of PHONE_FIELDS) {
    const value = formatted[field];
    if (value) formatted[field] = formatPhone(value, country);
  }
  return formatted;
}
