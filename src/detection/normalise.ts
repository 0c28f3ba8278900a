import type { Priority } from '../referral/priority';
import type { NORMALISERS } from './ehr-profile';
import type { DateOrder, ReadingLocale } from './reading-locale';

export type Normaliser = (typeof NORMALISERS)[number];

/** English and Spanish month names by their first three letters (`sept.` and `set.` too). */
const MONTHS: Record<string, number> = {
  jan: 1,
  ene: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  abr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  ago: 8,
  sep: 9,
  set: 9,
  oct: 10,
  nov: 11,
  dec: 12,
  dic: 12,
};

function isoDate(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return undefined;
  }
  return date.toISOString().slice(0, 10);
}

/** A date as read: the ISO day, or why it was not read. */
export type DateReading = { date: string } | { ambiguous: true } | undefined;

const dated = (date: string | undefined): DateReading => (date ? { date } : undefined);

/** ISO dates, also as the start of a date-time (`2026-11-20T14:05:00Z`, as FHIR servers send them). */
const YEAR_FIRST = /\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/;
const YEAR_LAST = /\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b/;
const NAME_FIRST = /\b(\p{L}{3})\p{L}*\.?\s+(\d{1,2}),?\s+(\d{4})\b/u;
const DAY_FIRST = /\b(\d{1,2})(?:\.|\s+de)?[\s-]+(\p{L}{3})\p{L}*\.?,?(?:\s+de)?[\s-]+(\d{4})\b/u;

/** Worklists write recent dates relative to the day they are read: "Today, 09:40", "Ayer". */
const RELATIVE_DAYS: Record<string, number> = { today: 0, hoy: 0, yesterday: 1, ayer: 1 };
const RELATIVE = /^\s*(today|hoy|yesterday|ayer)\b/i;

/** The local calendar day `daysAgo` days before `now`, as the coordinator's screen means it. */
function dayBefore(now: Date, daysAgo: number): string | undefined {
  const day = new Date(now.getFullYear(), now.getMonth(), now.getDate() - daysAgo);
  return isoDate(day.getFullYear(), day.getMonth() + 1, day.getDate());
}

/**
 * EHR dates in the organisation's order: ISO, `DD/MM/YYYY` or `MM/DD/YYYY` (also with `-` or
 * `.`), `Nov 2, 2026`, `2 November 2026`, `18-APR-1961`, `4 de mayo de 2026`, and `Today` or
 * `Yesterday` (`Hoy`, `Ayer`) with or without a time, as the day they fall on at `now`. Without an
 * order, a numeric date is read only when its day cannot be taken for its month (`18/04/1961`).
 */
export function readDate(text: string, order?: DateOrder, now: Date = new Date()): DateReading {
  const relative = text.match(RELATIVE);
  if (relative) return dated(dayBefore(now, RELATIVE_DAYS[relative[1]?.toLowerCase() ?? ''] ?? 0));
  const yearFirst = text.match(YEAR_FIRST);
  if (yearFirst) return dated(isoDate(Number(yearFirst[1]), Number(yearFirst[2]), Number(yearFirst[3])));
  const yearLast = text.match(YEAR_LAST);
  if (yearLast) {
    const [first, second, year] = [Number(yearLast[1]), Number(yearLast[2]), Number(yearLast[3])];
    const dayFirst =
      order === 'DMY' ? true : order === 'MDY' ? false : first > 12 ? true : second > 12 ? false : undefined;
    if (dayFirst !== undefined)
      return dated(dayFirst ? isoDate(year, second, first) : isoDate(year, first, second));
    // The same number twice is the same day in either order.
    return first === second ? dated(isoDate(year, first, first)) : { ambiguous: true };
  }
  const nameFirst = text.match(NAME_FIRST);
  const dayFirst = nameFirst ? null : text.match(DAY_FIRST);
  const [monthName, day, year] = nameFirst
    ? [nameFirst[1], nameFirst[2], nameFirst[3]]
    : dayFirst
      ? [dayFirst[2], dayFirst[1], dayFirst[3]]
      : [];
  const month = MONTHS[monthName?.toLowerCase() ?? ''];
  return month ? dated(isoDate(Number(year), month, Number(day))) : undefined;
}

const FORMAT_TOKEN = /YYYY|YY|MMM|MM|M|DD|D|[^A-Za-z0-9]/g;
const TOKEN_PATTERN: Record<string, string> = {
  YYYY: '(\\d{4})',
  YY: '(\\d{2})',
  MMM: '(\\p{L}{3,9})\\.?',
  MM: '(\\d{2})',
  M: '(\\d{1,2})',
  DD: '(\\d{2})',
  D: '(\\d{1,2})',
};
const formats = new Map<string, { pattern: RegExp; parts: string[] }>();

/** A date format compiled once: a regex over the text, and which group is the day, month and year. */
function compiledFormat(format: string): { pattern: RegExp; parts: string[] } {
  let found = formats.get(format);
  if (!found) {
    const parts: string[] = [];
    const source = (format.match(FORMAT_TOKEN) ?? [])
      .map((token) => {
        const pattern = TOKEN_PATTERN[token];
        if (pattern === undefined)
          return token === ' ' ? '\\s+' : token.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
        parts.push(token);
        return pattern;
      })
      .join('');
    found = { pattern: new RegExp(`(?:^|[^\\p{L}\\d])${source}(?![\\p{L}\\d])`, 'u'), parts };
    formats.set(format, found);
  }
  return found;
}

/**
 * A two-digit year is the latest year ending so that is at most ten years after `now`: `61` is
 * 1961, `26` is 2026.
 */
function fullYear(twoDigits: number, now: Date): number {
  const latest = now.getFullYear() + 10;
  const century = Math.floor(latest / 100) * 100;
  return century + twoDigits > latest ? century - 100 + twoDigits : century + twoDigits;
}

/** The date in the text written in exactly this format, or undefined. */
export function readDateFormat(text: string, format: string, now: Date = new Date()): string | undefined {
  const { pattern, parts } = compiledFormat(format);
  const match = text.match(pattern);
  if (!match) return undefined;
  let year: number | undefined;
  let month: number | undefined;
  let day: number | undefined;
  parts.forEach((part, index) => {
    const value = match[index + 1] ?? '';
    if (part === 'YYYY') year = Number(value);
    else if (part === 'YY') year = fullYear(Number(value), now);
    else if (part === 'MMM') month = MONTHS[value.slice(0, 3).toLowerCase()];
    else if (part.startsWith('M')) month = Number(value);
    else day = Number(value);
  });
  return year && month && day ? isoDate(year, month, day) : undefined;
}

/** The order of day and month a format writes, standing for `dateOrder` when that is unset. */
export function formatOrder(format: string): DateOrder | undefined {
  const day = format.indexOf('D');
  const month = format.indexOf('M');
  const year = format.indexOf('Y');
  if (year < month && year < day) return 'YMD';
  return day < month ? 'DMY' : 'MDY';
}

export function normaliseDate(text: string, locale: ReadingLocale = {}): string | undefined {
  if (locale.dateFormat) {
    const formatted = readDateFormat(text, locale.dateFormat);
    if (formatted) return formatted;
  }
  const reading = readDate(text, dateOrderOf(locale));
  return reading && 'date' in reading ? reading.date : undefined;
}

/**
 * The phone number in the text as written, tidied: formatting it needs the phone-number metadata,
 * which is too heavy for every EHR page, so the panel formats it (`formatPhone`).
 */
export function normalisePhone(text: string): string | undefined {
  const match = text.match(/\+?[\d(][\d\s().\-/]{6,}\d/);
  return match ? match[0].replace(/\s+/g, ' ').trim() : undefined;
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

export const normalisers: Record<Normaliser, (text: string, locale: ReadingLocale) => string | undefined> = {
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

/** Why a normaliser read nothing from a value, for the coordinator and the admin to check. */
export type UnreadReason = 'ambiguous-date' | 'unreadable';

/** The order numeric dates are read in: the locale's, else its date format's. */
function dateOrderOf(locale: ReadingLocale): DateOrder | undefined {
  return locale.dateOrder ?? (locale.dateFormat ? formatOrder(locale.dateFormat) : undefined);
}

export function whyUnread(normaliser: Normaliser, text: string, locale: ReadingLocale): UnreadReason {
  const date = normaliser === 'date' ? readDate(text, dateOrderOf(locale)) : undefined;
  return date && 'ambiguous' in date ? 'ambiguous-date' : 'unreadable';
}
