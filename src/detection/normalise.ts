import type { Priority } from '../referral/priority';
import type { NORMALISERS } from './ehr-profile';

export type Normaliser = (typeof NORMALISERS)[number];

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function isoDate(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return undefined;
  }
  return date.toISOString().slice(0, 10);
}

/** EHR dates as ISO `YYYY-MM-DD`: ISO, US `MM/DD/YYYY`, `Nov 2, 2026`, `2 November 2026`. */
export function normaliseDate(text: string): string | undefined {
  const iso = text.match(/\b(\d{4})-(\d{1,2})-(\d{1,2})\b/);
  if (iso) return isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const us = text.match(/\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/);
  if (us) return isoDate(Number(us[3]), Number(us[1]), Number(us[2]));
  const monthFirst = text.match(/\b([a-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})\b/i);
  const dayFirst = text.match(/\b(\d{1,2})\s+([a-z]{3})[a-z]*\.?,?\s+(\d{4})\b/i);
  const [month, day, year] = monthFirst
    ? [monthFirst[1], monthFirst[2], monthFirst[3]]
    : dayFirst
      ? [dayFirst[2], dayFirst[1], dayFirst[3]]
      : [];
  const monthIndex = MONTHS.indexOf(month?.toLowerCase() ?? '');
  if (monthIndex < 0) return undefined;
  return isoDate(Number(year), monthIndex + 1, Number(day));
}

/** North American numbers as `(555) 201-3344`; anything else as written, tidied. */
export function normalisePhone(text: string): string | undefined {
  const match = text.match(/\+?[\d(][\d\s().\-/]{6,}\d/);
  if (!match) return undefined;
  const digits = match[0].replace(/\D/g, '');
  const national = digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
  if (national.length === 10) return `(${national.slice(0, 3)}) ${national.slice(3, 6)}-${national.slice(6)}`;
  return match[0].trim();
}

/** `DOE, JANE (MRN-1)` and `Jane  Doe` both become `Jane Doe`. */
export function normaliseName(text: string): string | undefined {
  const withoutNotes = text
    .replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const [last, first] = withoutNotes.split(/\s*,\s*/);
  const ordered = first && last && !/\s/.test(last) ? `${first} ${last}` : withoutNotes;
  if (!/\p{L}/u.test(ordered)) return undefined;
  const shouting = ordered === ordered.toUpperCase();
  return shouting ? ordered.toLowerCase().replace(/(^|[\s'-])\p{L}/gu, (s) => s.toUpperCase()) : ordered;
}

const ICD10 = /\b[A-TV-Z]\d[0-9AB](?:\.[0-9A-TV-Z]{1,4})?\b/g;

/** Every ICD-10-CM code in the text, in order, once each, joined by `, `. */
export function normaliseIcd10(text: string): string | undefined {
  const codes = [...new Set(text.toUpperCase().match(ICD10) ?? [])];
  return codes.length > 0 ? codes.join(', ') : undefined;
}

/** EHR wording onto FHIR priority codes; risk levels count as urgency. */
export function normalisePriority(text: string): Priority | undefined {
  const word = text.toLowerCase();
  if (/\bstat\b|emergen/.test(word)) return 'stat';
  if (/\basap\b|as soon as possible/.test(word)) return 'asap';
  if (/urgent|\bhigh\b|expedite/.test(word)) return 'urgent';
  if (/routine|normal|\blow\b|\bmedium\b|elective|standard|rutina|ordinari/.test(word)) return 'routine';
  return undefined;
}

/** `Referral to cardiology service` becomes `Cardiology`. */
export function normaliseSpecialty(text: string): string | undefined {
  const core = text
    .replace(/\b(referral|refer|consult(ation)?)\s+(to|for)\b/gi, ' ')
    .replace(/\b(service|clinic|department|referral|consult(ation)?)\b/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!core) return undefined;
  return core.charAt(0).toUpperCase() + core.slice(1);
}

/**
 * An identifier (member id, authorization number) has digits; "N/A", "PENDING" or "Required ·
 * not yet obtained" mean there is none yet. From "Required · HUM-31100457" it keeps the number.
 */
export function normaliseIdentifier(text: string): string | undefined {
  const parts = text.split(/\s*[·|;,]\s*|\n/).map((part) => part.replace(/\s+/g, ' ').trim());
  return parts.find((part) => /\d/.test(part));
}

/** One item per line, as lists of records or documents show them: `Office note; ECG`. */
export function normaliseList(text: string): string | undefined {
  const items = text
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  return items.length > 0 ? items.join('; ') : undefined;
}

export function normaliseText(text: string): string | undefined {
  const tidy = text.replace(/\s+/g, ' ').trim();
  return tidy || undefined;
}

export const normalisers: Record<Normaliser, (text: string) => string | undefined> = {
  text: normaliseText,
  date: normaliseDate,
  phone: normalisePhone,
  name: normaliseName,
  icd10: normaliseIcd10,
  priority: normalisePriority,
  specialty: normaliseSpecialty,
  identifier: normaliseIdentifier,
  list: normaliseList,
};
