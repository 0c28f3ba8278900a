import { PRIORITIES } from '../referral/priority';
import type { Cue, EhrProfile, FieldReader, ReferralField } from './ehr-profile';
import { HEADING_MAX_LENGTH, PAGE_TEXT_MAX_LENGTH, VALUE_MAX_LENGTH } from './input-bounds';
import { WantedLabels } from './label-keys';
import { rowsUnderColumnHeader } from './label-pairing';
import { matchesUrl } from './match-url';
import { type Normaliser, normalisers, type UnreadReason, whyUnread } from './normalise';
import { PageLabels } from './page-labels';
import { localeFor, type ReadingLocale } from './reading-locale';
import { isVisible, shownValue } from './shown-text';

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
}

/** A label that heads a column over this many rows belongs to a list of referrals, not to one. */
const LIST_ROWS = 3;

const HEADING_TAGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'legend', 'caption'];
/**
 * Queried one by one: Chromium answers each of these alone several times faster than the three
 * as one selector list, which it matches element by element over the whole page.
 */
const HEADING_ROLES = ['[role=heading]', '[aria-current=page]', '[role=tab][aria-selected=true]'];

const wantedCache = new WeakMap<readonly EhrProfile[], WantedLabels>();

/** Every label the profiles look for, normalised: the only texts worth indexing on a page. */
function wantedLabels(profiles: readonly EhrProfile[]): WantedLabels {
  let wanted = wantedCache.get(profiles);
  if (!wanted) {
    const labels = profiles.flatMap((profile) => [
      ...profile.detect.cues.flatMap((cue) => (cue.label ? [cue.label] : [])),
      ...Object.values(profile.fields).flatMap((readers) => readers.flatMap((reader) => reader.labels ?? [])),
    ]);
    wanted = new WantedLabels(labels);
    wantedCache.set(profiles, wanted);
  }
  return wanted;
}

/** Elements that name the screen by their role, once each, in document order. */
function roleHeadings(document: Document): Element[] {
  const found = new Set<Element>();
  for (const selector of HEADING_ROLES)
    for (const element of document.querySelectorAll(selector)) found.add(element);
  return [...found].sort((a, b) =>
    a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1,
  );
}

/** Everything read from one page during one detection, read lazily and at most once. */
class PageReading {
  private labelsCache?: PageLabels;
  private headingsCache?: { text: string; element?: Element }[];

  constructor(
    readonly document: Document,
    private readonly profiles: readonly EhrProfile[],
  ) {}

  get labels(): PageLabels {
    this.labelsCache ??= new PageLabels(
      this.document.body ?? this.document.documentElement,
      wantedLabels(this.profiles),
    );
    return this.labelsCache;
  }

  /** The page title and heading texts, each with its element (none for the title). */
  get headings(): { text: string; element?: Element }[] {
    if (!this.headingsCache) {
      // Tag lookups are far cheaper than one selector list over a heavy page.
      const elements = HEADING_TAGS.flatMap((tag) => Array.from(this.document.getElementsByTagName(tag)));
      elements.push(...roleHeadings(this.document));
      const title: { text: string; element?: Element } = {
        text: this.document.title.slice(0, HEADING_MAX_LENGTH),
      };
      this.headingsCache = [
        title,
        ...elements.map((element) => ({
          element,
          text: (element.textContent ?? '').slice(0, HEADING_MAX_LENGTH),
        })),
      ]
        .map(({ text, element }) => ({ text: text.replace(/\s+/g, ' ').trim(), element }))
        .filter(({ text }) => text.length > 0);
    }
    return this.headingsCache;
  }

  /** The title of the section a label sits in: the last section title before it. */
  sectionOf(label: Element): string | undefined {
    let title: string | undefined;
    for (const { element, text } of this.labels.sections) {
      if (element.contains(label)) continue;
      if (!(element.compareDocumentPosition(label) & Node.DOCUMENT_POSITION_FOLLOWING)) break;
      title = text;
    }
    return title;
  }

  /**
   * The start of the page's words with element boundaries kept: `<dt>Category</dt><dd>Lab</dd>`
   * reads "Category Lab".
   */
  get text(): string {
    return this.labels.text.slice(0, PAGE_TEXT_MAX_LENGTH);
  }
}

const compiled = new Map<string, RegExp>();

/** A profile's regex, compiled once: the same few are asked for on every detection. */
function regex(source: string): RegExp {
  let found = compiled.get(source);
  if (!found) {
    found = new RegExp(source, 'iu');
    compiled.set(source, found);
  }
  return found;
}

/** The first visible heading matching the pattern; visibility is checked on matches only. */
function findHeading(pattern: string, page: PageReading): string | undefined {
  const matcher = regex(pattern);
  return page.headings.find(({ text, element }) => matcher.test(text) && (!element || isVisible(element)))
    ?.text;
}

function cueFound(cue: Cue, page: PageReading): string | undefined {
  if (cue.heading) {
    const heading = findHeading(cue.heading, page);
    return heading === undefined ? undefined : `heading: ${heading.slice(0, 60)}`;
  }
  if (cue.label) return page.labels.find(cue.label).length > 0 ? `label: ${cue.label}` : undefined;
  if (cue.text) {
    const match = page.text.match(regex(cue.text));
    return match ? `text: ${match[0].slice(0, 60)}` : undefined;
  }
  if (cue.selector) return page.document.querySelector(cue.selector) ? `element: ${cue.selector}` : undefined;
  return undefined;
}

/** The first element the user can see: hidden copies of a value are not the value. */
function firstVisible(elements: Iterable<Element>): Element | undefined {
  for (const element of elements) if (isVisible(element)) return element;
  return undefined;
}

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
    const kept = reader.pattern ? (matched?.[1] ?? matched?.[0]) : raw;
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
 * A page of many referrals repeats the profile's referral labels (cards), or is a table whose
 * header row names at least two referral columns (patient, specialty, refer-to, priority) over
 * many rows. A chart's own tables ("Diagnosis" over its problem list) do not count.
 */
function isReferralList(profile: EhrProfile, page: PageReading): boolean {
  const cueLabels = profile.detect.cues.flatMap((cue) => (cue.label ? [cue.label] : []));
  if (cueLabels.some((label) => page.labels.find(label).length >= LIST_ROWS)) return true;
  const headerRows = new Map<Element, Set<ReferralField>>();
  for (const field of LIST_COLUMNS) {
    for (const label of profile.fields[field]?.flatMap((reader) => reader.labels ?? []) ?? []) {
      for (const element of page.labels.find(label)) {
        const header = element.closest('th');
        const row = header?.parentElement;
        if (!header || !row || rowsUnderColumnHeader(header, LIST_ROWS).length < LIST_ROWS) continue;
        const columns = headerRows.get(row) ?? new Set();
        columns.add(field);
        if (columns.size >= 2) return true;
        headerRows.set(row, columns);
      }
    }
  }
  return false;
}

/** The columns a table of referrals has: who, and to what or whom. */
const LIST_COLUMNS: readonly ReferralField[] = ['patientName', 'specialty', 'receivingProvider', 'priority'];

/** A screen that names no specialist, specialty, reason or diagnosis is not a referral yet. */
const REFERRAL_CONTENT: readonly ReferralField[] = [
  'specialty',
  'receivingProvider',
  'reason',
  'diagnosisCodes',
];

function scoreProfile(profile: EhrProfile, page: PageReading): { score: number; cues: string[] } | undefined {
  const { requiredHeading, required, forbidden, cues, threshold } = profile.detect;
  if (requiredHeading && !findHeading(requiredHeading, page)) return undefined;
  if (!required.every((selector) => page.document.querySelector(selector))) return undefined;
  if (forbidden.some((selector) => page.document.querySelector(selector))) return undefined;
  let score = 0;
  let bestStillPossible = cues.reduce((sum, cue) => sum + Math.max(cue.weight, 0), 0);
  const seen: string[] = required.map((selector) => `element: ${selector}`);
  for (const cue of cues) {
    // Cheap cues (selectors, headings) come first in every built-in profile; once the threshold is
    // out of reach the expensive ones are never read.
    if (score + bestStillPossible < threshold) return undefined;
    bestStillPossible -= Math.max(cue.weight, 0);
    const found = cueFound(cue, page);
    if (found === undefined) continue;
    score += cue.weight;
    seen.push(cue.weight < 0 ? `against: ${found}` : found);
  }
  return score >= threshold ? { score, cues: seen } : undefined;
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
      if (!matchesUrl(profile.matches, url)) continue;
      const scored = scoreProfile(profile, page);
      if (!scored || isReferralList(profile, page)) continue;
      const read = readFields(profile, page, locale);
      if (!REFERRAL_CONTENT.some((field) => read.fields[field] || read.toCheck[field])) continue;
      return { profile: { id: profile.id, name: profile.name }, ...scored, ...read };
    } catch {
      // A selector the page's DOM chokes on, or a pathological page: try the next profile.
    }
  }
  return null;
}
