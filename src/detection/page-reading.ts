import type { EhrProfile } from './ehr-profile';
import { HEADING_MAX_LENGTH, PAGE_TEXT_MAX_LENGTH } from './input-bounds';
import { WantedLabels } from './label-keys';
import { PageLabels } from './page-labels';
import { isVisible } from './shown-text';

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
    const sourceLabels = (source: { labels?: string[]; column?: string }) => [
      ...(source.labels ?? []),
      ...(source.column === undefined ? [] : [source.column]),
    ];
    const labels = profiles.flatMap((profile) => [
      ...profile.detect.cues.flatMap((cue) => (cue.label ? [cue.label] : [])),
      ...Object.values(profile.fields).flatMap((readers) =>
        readers.flatMap((reader) => [
          ...sourceLabels(reader),
          ...(reader.combine ?? []).flatMap(sourceLabels),
        ]),
      ),
      ...(profile.list?.columns ?? []),
      ...(profile.list?.where ? [profile.list.where.column] : []),
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
export class PageReading {
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
export function regex(source: string): RegExp {
  let found = compiled.get(source);
  if (!found) {
    found = new RegExp(source, 'iu');
    compiled.set(source, found);
  }
  return found;
}

/** The first visible heading matching the pattern; visibility is checked on matches only. */
export function findHeading(pattern: string, page: PageReading): string | undefined {
  const matcher = regex(pattern);
  return page.headings.find(({ text, element }) => matcher.test(text) && (!element || isVisible(element)))
    ?.text;
}
