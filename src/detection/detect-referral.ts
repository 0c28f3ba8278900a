import { PRIORITIES } from '../referral/priority';
import type { EhrProfile, FieldReader, ReferralField } from './ehr-profile';
import { HEADING_MAX_LENGTH, VALUE_MAX_LENGTH } from './input-bounds';
import { matchesUrl } from './match-url';
import { type Normaliser, normalisers, type UnreadReason, whyUnread } from './normalise';
import { PageReading, regex } from './page-reading';
import { localeFor, type ReadingLocale } from './reading-locale';
import { contentRead, listEvidence, type Rejection, screenAndScore } from './referral-rules';
import { firstVisible, shownValue } from './shown-text';

export type ExtractedFields = Partial<Record<ReferralField, string>>;

/** A value on the page that no reader could read: shown to the coordinator to check, never tracked as is. */
export interface ValueToCheck {
  /** The text as the page shows it, bounded. */
  raw: string;
  why: UnreadReason | 'too-long';
}
export type ValuesToCheck = Partial<Record<ReferralField, ValueToCheck>>;

/** What a profile reads off a page: values the queue accepts, and values to check. */
export interface FieldsRead {
  fields: ExtractedFields;
  toCheck: ValuesToCheck;
  /** The country the profile reads phone numbers in, for the panel to format them. */
  phoneCountry?: string;
}

export interface Detection extends FieldsRead {
  profile: { id: string; name: string };
  score: number;
  /** Human-readable reasons it fired, shown in the panel ("heading: Referral", "label: Refer To"). */
  cues: string[];
  /**
   * How the rules accepted it (see referral-rules.ts), for the panel's "why": the threshold the
   * score reached and the referral content read. Absent from a panel opened by hand.
   */
  judged?: { threshold: number; content: ReferralField[] };
}

/** One profile's verdict on a page: recognised, or the rule that turned the page down. */
export type Verdict = { recognised: Detection } | { rejected: Rejection };

function readRaw(reader: FieldReader, page: PageReading): string | undefined {
  if (reader.selector) {
    const element = firstVisible(page.document.querySelectorAll(reader.selector));
    if (element) return shownValue(element);
  }
  if (reader.inputName) {
    const input = firstVisible(page.document.getElementsByName(reader.inputName));
    if (input) return shownValue(input);
  }
  if (reader.labels) {
    const section = reader.section === undefined ? undefined : regex(reader.section);
    const inSection =
      section &&
      ((label: Element) => section.test((page.sectionOf(label) ?? '').slice(0, HEADING_MAX_LENGTH)));
    return page.labels.valueFor(reader.labels, inSection, reader.normalise === 'list')?.value;
  }
  return undefined;
}

/** The queue's bounds on page text (see `ReferralDraft`): longer values would make Track fail. */
const LONG_FIELDS: ReadonlySet<ReferralField> = new Set([
  'reason',
  'specialistInstructions',
  'recordsAttached',
]);
const QUEUE_MAX_LENGTH = 500;
/** A value to check is shown, not stored: this much of it is enough to recognise it. */
const RAW_MAX_LENGTH = 300;

/**
 * Fields the queue accepts only in one form are read in that form whatever the profile's
 * normaliser: a date read as text must not reach Track as "18/04/1961".
 */
const FIELD_FORM: Partial<Record<ReferralField, Normaliser>> = {
  dateOfBirth: 'date',
  authoredOn: 'date',
  priority: 'priority',
};
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function inFieldForm(field: ReferralField, value: string, locale: ReadingLocale): string | undefined {
  const form = FIELD_FORM[field];
  if (form === 'date' && !ISO_DATE.test(value)) return normalisers.date(value, locale);
  if (form === 'priority' && !(PRIORITIES as readonly string[]).includes(value))
    return normalisers.priority(value, locale);
  return value;
}

/** What EHRs write where a value is not there yet: no value, and nothing to check. */
const NO_VALUE =
  /^(?:n\/?a|none|nil|unknown|pending|tbd|-+|—|not (?:yet )?(?:obtained|required|applicable|known|on file)|none on file)$/i;

type FieldReading = { value: string } | { check: ValueToCheck } | undefined;

/**
 * The first reader that yields a value the queue accepts. When readers find text but none can
 * read it, the first such text is kept to check: never dropped, never a refused Track.
 */
function readField(
  field: ReferralField,
  readers: readonly FieldReader[],
  page: PageReading,
  locale: ReadingLocale,
): FieldReading {
  let check: ValueToCheck | undefined;
  let saysNone = false;
  for (const reader of readers) {
    const raw = readRaw(reader, page)?.slice(0, VALUE_MAX_LENGTH);
    if (!raw) continue;
    const matched = reader.pattern ? raw.match(regex(reader.pattern)) : null;
    const kept = !reader.pattern
      ? raw
      : reader.groups
        ? reader.groups.flatMap((group) => matched?.[group]?.trim() || []).join(' ')
        : (matched?.[1] ?? matched?.[0]);
    if (!kept) continue;
    const normalised = normalisers[reader.normalise](kept, locale);
    const value = normalised && inFieldForm(field, normalised, locale);
    const maxLength = LONG_FIELDS.has(field) ? VALUE_MAX_LENGTH : QUEUE_MAX_LENGTH;
    if (value && value.length <= maxLength) return { value };
    // "Required · not yet obtained": the page says there is none, which no later reader contradicts.
    if (kept.split(/\s*[·|;]\s*/).some((part) => NO_VALUE.test(part.trim()))) saysNone = true;
    if (saysNone) continue;
    check ??= {
      raw: kept.replace(/\s+/g, ' ').trim().slice(0, RAW_MAX_LENGTH),
      why: value ? 'too-long' : whyUnread(FIELD_FORM[field] ?? reader.normalise, kept, locale),
    };
  }
  return saysNone ? undefined : check && { check };
}

function readFields(profile: EhrProfile, page: PageReading, organisation: ReadingLocale): FieldsRead {
  const locale = localeFor(profile, organisation);
  const read: FieldsRead = { fields: {}, toCheck: {}, phoneCountry: locale.phoneCountry };
  for (const [field, readers] of Object.entries(profile.fields) as [ReferralField, FieldReader[]][]) {
    const reading = readField(field, readers, page, locale);
    if (reading && 'value' in reading) read.fields[field] = reading.value;
    else if (reading) read.toCheck[field] = reading.check;
  }
  return read;
}

/**
 * For a page the coordinator tracks by hand: whatever the first applicable profile can read,
 * without asking whether the page looks like a referral.
 */
export function readFieldsAnyway(
  document: Document,
  url: string,
  profiles: readonly EhrProfile[],
  locale: ReadingLocale = {},
): FieldsRead {
  const page = new PageReading(document, profiles);
  for (const profile of profiles) {
    try {
      if (!matchesUrl(profile.matches, url)) continue;
      const read = readFields(profile, page, locale);
      if (Object.keys(read.fields).length > 0 || Object.keys(read.toCheck).length > 0) return read;
    } catch {
      // As in detection: a page that breaks one profile is read by the next.
    }
  }
  return { fields: {}, toCheck: {}, phoneCountry: locale.phoneCountry };
}

/** The rules of referral-rules.ts, in order, for one profile. */
function judge(
  profile: EhrProfile,
  page: PageReading,
  url: string,
  locale: ReadingLocale,
  whole = false,
): Verdict {
  if (!matchesUrl(profile.matches, url)) return { rejected: { rule: 'address' } };
  const scored = screenAndScore(profile, page, whole);
  if ('rule' in scored) return { rejected: scored };
  const list = listEvidence(profile, page);
  if (list) return { rejected: list };
  const read = readFields(profile, page, locale);
  const content = contentRead(read);
  if (content.length === 0) return { rejected: { rule: 'content' } };
  const { score, threshold, cues } = scored;
  return {
    recognised: {
      profile: { id: profile.id, name: profile.name },
      score,
      cues,
      judged: { threshold, content },
      ...read,
    },
  };
}

/**
 * The first profile (in the order given: configured profiles before built-in ones) that applies
 * to the URL and recognises the page as a single referral, with the fields it reads, read in the
 * organisation's locale unless the profile has its own. Never throws: a broken page yields no
 * detection, not a broken panel.
 */
export function detectReferral(
  document: Document,
  url: string,
  profiles: readonly EhrProfile[],
  locale: ReadingLocale = {},
): Detection | null {
  const page = new PageReading(document, profiles);
  for (const profile of profiles) {
    try {
      const verdict = judge(profile, page, url, locale);
      if ('recognised' in verdict) return verdict.recognised;
    } catch {
      // A selector the page's DOM chokes on, or a pathological page: try the next profile.
    }
  }
  return null;
}

/** One profile's verdict with every cue read, for the admin testing it: never throws. */
export function judgeProfile(
  document: Document,
  url: string,
  profile: EhrProfile,
  locale: ReadingLocale = {},
): Verdict {
  try {
    return judge(profile, new PageReading(document, [profile]), url, locale, true);
  } catch {
    return { rejected: { rule: 'error' } };
  }
}
