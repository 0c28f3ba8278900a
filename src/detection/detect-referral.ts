import { PRIORITIES } from '../referral/priority';
import { finish, type Steps } from '../steps';
import type { EhrProfile, FieldReader, ValuePart } from './ehr-profile';
import { HEADING_MAX_LENGTH, VALUE_MAX_LENGTH } from './input-bounds';
import { cellUnder, firstCellUnder, isTableRow, listRows, visibleText } from './list-rows';
import { matchesUrl } from './match-url';
import { type Normaliser, normalisers, type UnreadReason, whyUnread } from './normalise';
import { PageReading, regex } from './page-reading';
import { localeFor, type ReadingLocale } from './reading-locale';
import type { ReferralField } from './referral-fields';
import { contentRead, listEvidence, type Rejection, screenAndScore } from './referral-rules';
import { firstVisible, isVisible, shownValue } from './shown-text';

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
  /**
   * A list of referrals (worklist, orders table): each row the profile's list names that holds
   * referral content, read on its own. The fields above are then empty: the coordinator picks a row.
   */
  rows?: FieldsRead[];
}

/**
 * Whether a list detection still has a row with exactly these fields: the row the coordinator
 * chose is tracked only while the page shows it, with its own patient.
 */
export function hasRow(detection: Detection | null, fields: unknown): boolean {
  const wanted = JSON.stringify(fields);
  return detection?.rows?.some((row) => JSON.stringify(row.fields) === wanted) ?? false;
}

/** Two looks at the same list (one profile's list, on the same page): only its rows can differ. */
export function isSameList(a: Detection | null, b: Detection | null): boolean {
  return a?.rows !== undefined && b?.rows !== undefined && a.profile.id === b.profile.id;
}

/** One row of a list detection, as a single referral's detection: what the panel acts on. */
export function rowDetection(list: Detection, row: FieldsRead): Detection {
  const { rows: _rows, ...rest } = list;
  return { ...rest, ...row, phoneCountry: row.phoneCountry ?? list.phoneCountry };
}

/** One profile's verdict on a page: recognised, or the rule that turned the page down. */
export type Verdict = { recognised: Detection } | { rejected: Rejection };

/** Elements matching a selector inside the scope, with the visible text asked for, first visible. */
function selected(scope: ParentNode, selector: string, hasText: string | undefined): Element | undefined {
  const elements = scope.querySelectorAll(selector);
  if (hasText === undefined) return firstVisible(elements);
  const wanted = regex(hasText);
  for (const element of elements) if (isVisible(element) && wanted.test(visibleText(element))) return element;
  return undefined;
}

/** Form fields by name inside one row of a list. */
function named(name: string, row: Element): Element[] {
  return Array.from(row.querySelectorAll('[name]')).filter(
    (element) => element.getAttribute('name') === name,
  );
}

/** The raw text one source yields, read in the whole page or in one row of a list. */
function readSource(source: ValuePart, page: PageReading, row?: Element): string | undefined {
  if (source.selector) {
    const element = selected(row ?? page.document, source.selector, source.hasText);
    if (element) return shownValue(element);
  }
  if (source.inputName) {
    const input = firstVisible(
      row ? named(source.inputName, row) : page.document.getElementsByName(source.inputName),
    );
    if (input) return shownValue(input);
  }
  if (source.labels) {
    const section = source.section === undefined ? undefined : regex(source.section);
    const accept = (label: Element) =>
      (!row || row.contains(label)) &&
      (!section || section.test((page.sectionOf(label) ?? '').slice(0, HEADING_MAX_LENGTH)));
    const paired = page.labels.valueFor(
      source.labels,
      accept,
      (source as FieldReader).normalise === 'list',
    )?.value;
    // In a table's row, a label is the column header over it; a label asked for under a section
    // ("Phone" under "Referred to") pairs with a value, never with a column.
    if (paired !== undefined || !row || !isTableRow(row) || section) return paired;
    const cell = cellUnder(source.labels, row, page);
    if (cell) return cell;
  }
  if (source.column) {
    const cell =
      row && isTableRow(row)
        ? cellUnder([source.column], row, page)
        : firstCellUnder(source.column, page, row);
    if (cell) return cell;
  }
  return undefined;
}

/** The part of a source's text its pattern keeps: the groups asked for, the first, or the match. */
function kept(source: ValuePart, raw: string): string | undefined {
  if (!source.pattern) return raw;
  const matched = raw.match(regex(source.pattern));
  return source.groups
    ? source.groups.flatMap((group) => matched?.[group]?.trim() || []).join(' ')
    : (matched?.[1] ?? matched?.[0]);
}

/** What one reader keeps of the page: its source, or its parts joined by a space, then its pattern. */
function readKept(reader: FieldReader, page: PageReading, row?: Element): string | undefined {
  let raw = readSource(reader, page, row)?.slice(0, VALUE_MAX_LENGTH);
  if (!raw && reader.combine) {
    const parts = reader.combine.map((part) => {
      const text = readSource(part, page, row)?.slice(0, VALUE_MAX_LENGTH);
      return text ? kept(part, text)?.trim() : undefined;
    });
    raw = parts.filter(Boolean).join(' ').slice(0, VALUE_MAX_LENGTH);
  }
  return raw ? kept(reader, raw) : undefined;
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

const HAS_WORD = /[\p{L}\p{N}]/u;

type FieldReading = { value: string } | { check: ValueToCheck } | undefined;

/**
 * The first reader that yields a value the queue accepts. When readers find text but none can
 * read it, the first such text is kept to check: never dropped, never a refused Track.
 */
function readField(
  field: ReferralField,
  readers: readonly FieldReader[],
  page: PageReading,
  profileLocale: ReadingLocale,
  row?: Element,
): FieldReading {
  let check: ValueToCheck | undefined;
  let saysNone = false;
  for (const reader of readers) {
    const kept = readKept(reader, page, row);
    // Punctuation alone (" / " between two empty parts of a blank form) is no value.
    if (!kept || !HAS_WORD.test(kept)) continue;
    const locale = reader.dateFormat ? { ...profileLocale, dateFormat: reader.dateFormat } : profileLocale;
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

function readFields(
  profile: EhrProfile,
  page: PageReading,
  organisation: ReadingLocale,
  row?: Element,
): FieldsRead {
  const locale = localeFor(profile, organisation);
  const read: FieldsRead = { fields: {}, toCheck: {}, phoneCountry: locale.phoneCountry };
  for (const [field, readers] of Object.entries(profile.fields) as [ReferralField, FieldReader[]][]) {
    const reading = readField(field, readers, page, locale, row);
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

/**
 * Whether a reader may find something on this page. Labels and columns pair only with texts the
 * page's label index holds: a reader whose labels no text on the page carries reads nothing, in
 * any row. Selectors and input names are not indexed, so they always may.
 */
function mayRead(reader: FieldReader, page: PageReading): boolean {
  const mayFind = (source: ValuePart) =>
    source.selector !== undefined ||
    source.inputName !== undefined ||
    (source.labels?.some((label) => page.labels.has(label)) ?? false) ||
    (source.column !== undefined && page.labels.has(source.column));
  return mayFind(reader) || (reader.combine?.some(mayFind) ?? false);
}

/**
 * Rows of a list read between two pauses of a detection in steps: a few milliseconds' work even
 * before the browser has warmed up. Detection pauses before a list's rows are read and then every
 * this many rows; a single referral is judged without a pause.
 */
const ROWS_PER_STEP = 10;

/** A list profile's rows that hold referral content, each read on its own. */
function* readRows(
  profile: EhrProfile,
  page: PageReading,
  locale: ReadingLocale,
): Steps<{ rows: FieldsRead[]; candidates: number } | undefined> {
  if (!profile.list) return undefined;
  const { rows: elements, candidates } = listRows(profile, profile.list, page);
  // The page has no such list: it is judged as one referral. A list none of whose rows is a
  // referral (an orders table of lab and drug orders) is no referral at all.
  if (candidates === 0) return undefined;
  const fromPage = new Set<ReferralField>(profile.list.pageFields ?? []);
  // Each row asks every reader again: those that cannot read anything on this page are left out
  // once, rather than asked in each row.
  const pick = (keep: (field: ReferralField) => boolean): EhrProfile => ({
    ...profile,
    fields: Object.fromEntries(
      Object.entries(profile.fields).flatMap(([field, readers]) => {
        const usable = keep(field as ReferralField) ? readers.filter((reader) => mayRead(reader, page)) : [];
        return usable.length > 0 ? [[field, usable]] : [];
      }),
    ),
  });
  const whole =
    fromPage.size > 0
      ? readFields(
          pick((field) => fromPage.has(field)),
          page,
          locale,
        )
      : undefined;
  const inRow = pick((field) => !fromPage.has(field));
  const rows: FieldsRead[] = [];
  for (const [index, row] of elements.entries()) {
    if (index % ROWS_PER_STEP === 0) yield;
    const read = readFields(inRow, page, locale, row);
    const withPage = whole
      ? {
          ...read,
          fields: { ...whole.fields, ...read.fields },
          toCheck: { ...whole.toCheck, ...read.toCheck },
        }
      : read;
    if (contentRead(withPage).length > 0) rows.push(withPage);
  }
  return { rows, candidates };
}

/** The rules of referral-rules.ts, in order, for one profile. */
function* judge(
  profile: EhrProfile,
  page: PageReading,
  url: string,
  locale: ReadingLocale,
  whole = false,
): Steps<Verdict> {
  if (!matchesUrl(profile.matches, url)) return { rejected: { rule: 'address' } };
  const scored = screenAndScore(profile, page, whole);
  if ('rule' in scored) return { rejected: scored };
  const { score, threshold, cues } = scored;
  const profileName = { id: profile.id, name: profile.name };
  // A list the profile describes is a list of referrals to pick from, not a reason to give up.
  const listed = yield* readRows(profile, page, locale);
  // A typed list recognises its list or nothing: its cue is a column header, not a referral.
  if (!listed && profile.list?.typed) return { rejected: { rule: 'list-missing' } };
  if (listed) {
    if (listed.rows.length === 0) return { rejected: { rule: 'list-rows', rows: listed.candidates } };
    const content = [...new Set(listed.rows.flatMap(contentRead))];
    return {
      recognised: {
        profile: profileName,
        score,
        cues,
        judged: { threshold, content },
        fields: {},
        toCheck: {},
        phoneCountry: localeFor(profile, locale).phoneCountry,
        rows: listed.rows,
      },
    };
  }
  const list = listEvidence(profile, page);
  if (list) return { rejected: list };
  const read = readFields(profile, page, locale);
  const content = contentRead(read);
  if (content.length === 0) return { rejected: { rule: 'content' } };
  return {
    recognised: {
      profile: profileName,
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
 * detection, not a broken panel. In steps (see `ROWS_PER_STEP`): the page may change between two
 * of them, and each row of a list is read whole within one.
 */
export function* detectionSteps(
  document: Document,
  url: string,
  profiles: readonly EhrProfile[],
  locale: ReadingLocale = {},
): Steps<Detection | null> {
  const page = new PageReading(document, profiles);
  for (const profile of profiles) {
    try {
      const verdict = yield* judge(profile, page, url, locale);
      if ('recognised' in verdict) return verdict.recognised;
    } catch {
      // A selector the page's DOM chokes on, or a pathological page: try the next profile.
    }
  }
  return null;
}

/** `detectionSteps`, every step at once. */
export function detectReferral(
  document: Document,
  url: string,
  profiles: readonly EhrProfile[],
  locale: ReadingLocale = {},
): Detection | null {
  return finish(detectionSteps(document, url, profiles, locale));
}

/** One profile's verdict with every cue read, for the admin testing it: never throws. */
export function judgeProfile(
  document: Document,
  url: string,
  profile: EhrProfile,
  locale: ReadingLocale = {},
): Verdict {
  try {
    return finish(judge(profile, new PageReading(document, [profile]), url, locale, true));
  } catch {
    return { rejected: { rule: 'error' } };
  }
}
