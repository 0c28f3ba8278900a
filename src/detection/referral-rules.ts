import type { Cue, EhrProfile } from './ehr-profile';
import { VALUE_MAX_LENGTH } from './input-bounds';
import { rowsUnderColumnHeader } from './label-pairing';
import { LIST_COLUMNS, LIST_ROWS, visibleText } from './list-rows';
import { findHeading, type PageReading, regex } from './page-reading';
import type { ReferralField } from './referral-fields';
import { firstVisible, isVisible } from './shown-text';

/**
 * The rules that decide "one referral on screen, or not", in the order they are applied. Each
 * rejection names its rule and its evidence, so the profile tester and the panel can say which
 * rule decided, in words an admin understands (see docs/admin-guide.md, "How a page is judged").
 *
 * 1. address: the profile's `matches` cover the page's address;
 * 2. screen: `requiredHeading` is met, every `required` selector matches, no `forbidden` one does;
 * 3. score: the weights of the cues found add up to `threshold` or more;
 * 4. list: the page is not a list of referrals (see `listEvidence`), unless the profile describes
 *    the list (`list`): then each of its rows is judged by rule 5 on its own, and the page is a list
 *    of the rows that pass;
 * 5. content: the profile reads a specialty, receiving provider, reason or diagnosis.
 */
export type Rejection =
  | { rule: 'address' }
  | { rule: 'required-heading'; pattern: string }
  | { rule: 'required'; selector: string }
  | { rule: 'forbidden'; selector: string }
  | { rule: 'score'; score: number; threshold: number; cues: string[] }
  | { rule: 'list-label'; label: string; count: number }
  | { rule: 'list-columns'; columns: ReferralField[] }
  /** The profile's list has rows on the page, but none holds referral content. */
  | { rule: 'list-rows'; rows: number }
  /** A typed list (`list.typed`) that is not on the page: such a profile recognises nothing else. */
  | { rule: 'list-missing' }
  | { rule: 'content' }
  /** The page broke the profile (a selector its DOM chokes on, a pathological page). */
  | { rule: 'error' };

/** What the score rule found: the score and the cues that fired, in words. */
export interface Scored {
  score: number;
  threshold: number;
  cues: string[];
}

/** A screen that names no specialist, specialty, reason or diagnosis is not a referral yet. */
const REFERRAL_CONTENT: readonly ReferralField[] = [
  'specialty',
  'receivingProvider',
  'reason',
  'diagnosisCodes',
];

/**
 * Sections that repeat one resource's own labels: its past versions, an audit trail, an activity
 * timeline. Labels there say nothing about how many referrals the page shows.
 */
const HISTORY_SECTION =
  /\b(?:history|audit|versions?|revisions?|timeline|activity|change ?log|provenance)\b/i;
const HISTORY_CONTAINER = '[role=log], [role=feed]';

/**
 * How many of these labels (in document order) sit outside history sections, counted up to
 * `enough`. One merged walk over the labels and the page's section titles: a page repeating a
 * label thousands of times costs no more than reading it once.
 */
function countOutsideHistory(labels: readonly Element[], page: PageReading, enough: number): number {
  const sections = page.labels.sections;
  let next = 0;
  let count = 0;
  for (const label of labels) {
    while (next < sections.length && follows(label, sections[next]?.element)) next++;
    // The section a label sits in is the last title before it that is not the label's own heading.
    let at = next - 1;
    while (at >= 0 && sections[at]?.element.contains(label)) at--;
    const title = at >= 0 ? sections[at]?.text : undefined;
    const inHistory =
      label.closest(HISTORY_CONTAINER) !== null || (title !== undefined && HISTORY_SECTION.test(title));
    if (!inHistory && ++count >= enough) break;
  }
  return count;
}

function follows(node: Element, before: Element | undefined): boolean {
  return (
    before !== undefined && (before.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0
  );
}

const BARE_TAG = /^[a-z][a-z0-9]*$/i;

function cueFound(cue: Cue, page: PageReading): string | undefined {
  if (cue.heading) {
    const heading = findHeading(cue.heading, page);
    return heading === undefined ? undefined : `heading: ${heading.slice(0, 60)}`;
  }
  if (cue.label && cue.value !== undefined) {
    const paired = page.labels.valueFor([cue.label])?.value;
    return paired !== undefined && regex(cue.value).test(paired.slice(0, VALUE_MAX_LENGTH))
      ? `label: ${cue.label} = ${paired.slice(0, 60)}`
      : undefined;
  }
  if (cue.label) return page.labels.find(cue.label).length > 0 ? `label: ${cue.label}` : undefined;
  if (cue.text) {
    const match = page.text.match(regex(cue.text));
    return match ? `text: ${match[0].slice(0, 60)}` : undefined;
  }
  // The user sees it, as for selector readers: a hidden copy of an element is not the element.
  if (cue.selector) {
    // A bare tag name (`th`) is a live collection the browser keeps: no walk over the page.
    const elements = Array.from(
      BARE_TAG.test(cue.selector)
        ? page.document.getElementsByTagName(cue.selector)
        : page.document.querySelectorAll(cue.selector),
    );
    const wanted = cue.hasText === undefined ? undefined : regex(cue.hasText);
    const found = wanted
      ? // The text first: on a page of many such elements, few say it, and style is dearer to read.
        elements.find((element) => wanted.test(visibleText(element)) && isVisible(element))
      : firstVisible(elements);
    return found
      ? `element: ${cue.selector}${wanted ? ` "${visibleText(found).slice(0, 40)}"` : ''}`
      : undefined;
  }
  return undefined;
}

/**
 * Rules 2 and 3. Cheap cues (selectors, headings) come first in every built-in profile; once the
 * threshold is out of reach the expensive ones are not read, unless `whole` asks for every cue
 * (the profile tester, which reports the score in full).
 */
export function screenAndScore(profile: EhrProfile, page: PageReading, whole = false): Scored | Rejection {
  const { requiredHeading, required, forbidden, cues, threshold } = profile.detect;
  if (requiredHeading && !findHeading(requiredHeading, page))
    return { rule: 'required-heading', pattern: requiredHeading };
  const missing = required.find((selector) => !page.document.querySelector(selector));
  if (missing !== undefined) return { rule: 'required', selector: missing };
  const present = forbidden.find((selector) => page.document.querySelector(selector));
  if (present !== undefined) return { rule: 'forbidden', selector: present };
  let score = 0;
  let bestStillPossible = cues.reduce((sum, cue) => sum + Math.max(cue.weight, 0), 0);
  const seen: string[] = required.map((selector) => `element: ${selector}`);
  for (const cue of cues) {
    if (!whole && score + bestStillPossible < threshold) break;
    bestStillPossible -= Math.max(cue.weight, 0);
    const found = cueFound(cue, page);
    if (found === undefined) continue;
    score += cue.weight;
    seen.push(cue.weight < 0 ? `against: ${found}` : found);
  }
  return score >= threshold
    ? { score, threshold, cues: seen }
    : { rule: 'score', score, threshold, cues: seen };
}

/**
 * Rule 4: a page of many referrals repeats the profile's cue labels (cards), or is a table whose
 * header row names at least two referral columns (patient, specialty, refer-to, priority) over
 * many rows. A chart's own tables ("Diagnosis" over its problem list) do not count, nor do labels
 * repeated in a history, audit or timeline section of a single resource.
 */
export function listEvidence(profile: EhrProfile, page: PageReading): Rejection | undefined {
  for (const cue of profile.detect.cues) {
    if (!cue.label) continue;
    const found = page.labels.find(cue.label);
    if (found.length < LIST_ROWS) continue;
    if (countOutsideHistory(found, page, LIST_ROWS) >= LIST_ROWS)
      return { rule: 'list-label', label: cue.label, count: found.length };
  }
  const headerRows = new Map<Element, Set<ReferralField>>();
  for (const field of LIST_COLUMNS) {
    for (const label of profile.fields[field]?.flatMap((reader) => reader.labels ?? []) ?? []) {
      for (const element of page.labels.find(label)) {
        const header = element.closest('th');
        const row = header?.parentElement;
        if (!header || !row || rowsUnderColumnHeader(header, LIST_ROWS).length < LIST_ROWS) continue;
        const columns = headerRows.get(row) ?? new Set();
        columns.add(field);
        if (columns.size >= 2) return { rule: 'list-columns', columns: [...columns] };
        headerRows.set(row, columns);
      }
    }
  }
  return undefined;
}

/** Rule 5: the referral content the profile read (or found to check). */
export function contentRead(read: { fields: object; toCheck: object }): ReferralField[] {
  return REFERRAL_CONTENT.filter((field) => field in read.fields || field in read.toCheck);
}
