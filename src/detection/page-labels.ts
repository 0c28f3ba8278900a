import { labelKey, normaliseLabel, type WantedLabels } from './label-keys';
import { choiceFieldset, hasSiblings, listFieldset, SEPARATOR, textAfter, valueNear } from './label-pairing';
import { collapse, isAside, isVisible, NOT_TEXT } from './shown-text';

/**
 * Reads label/value pairs off an EHR page the ways EHRs pair them, from `textContent` only:
 * `innerText` would force layout on pages that are already heavy, and returns CSS capitals.
 */

const LABEL_MAX_LENGTH = 60;
/** Text nodes longer than this are prose, read only for a leading "Label:". */
const LONG_TEXT = 300;

/** Menus and tab strips name sections ("Patient", "Referrals"); they never label a value. */
const NAVIGATION = 'nav, [role=navigation], [role=menu], [role=menubar], [role=tablist]';

/** "Specialist: … Facility: … Phone: …" is a whole section under a heading, not one value. */
function isSection(value: string): boolean {
  return (value.match(/(?:^|\s)\p{Lu}[\p{L} #/]{1,30}:\s/gu) ?? []).length >= 2;
}

const HEADING = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LEGEND', 'CAPTION']);
const BOLD_TITLE = new Set(['B', 'STRONG', 'TH']);

/**
 * A section title's text: a heading's (`h1`-`h6`, legend, caption, `role=heading`), however deeply
 * its text is wrapped, or a short all-capitals bold title as older EHRs use ("REFERRED TO").
 */
function sectionTitle(element: Element, tag: string): string | undefined {
  const heading = HEADING.has(tag) || element.getAttribute('role') === 'heading';
  if (!heading && !BOLD_TITLE.has(tag)) return undefined;
  const text = collapse(element.textContent);
  if (heading) return text || undefined;
  const shouting = text === text.toUpperCase() && text !== text.toLowerCase();
  return text.length > 2 && text.length <= 40 && shouting ? text : undefined;
}

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

/**
 * A block hidden by its attribute, as hidden tabs are. The attribute alone is not enough: a page
 * style that sets `display` overrides it, so the few elements carrying it are checked for real.
 */
function isHiddenBlock(element: Element): boolean {
  return element.hasAttribute('hidden') && !isVisible(element);
}

function isClosedDetails(element: Element): boolean {
  return element.tagName === 'DETAILS' && !element.hasAttribute('open');
}

/** Menus never label a value, nor do decorations hidden from assistive technology. */
function isCandidate(label: Element): boolean {
  return label.closest(`${NAVIGATION}, [aria-hidden=true]`) === null && isVisible(label);
}

/**
 * For the page-text walk: text nodes count, elements are walked into unless the user cannot see
 * them, in which case their whole subtree is left out.
 */
function visibleText(node: Node): number {
  if (node.nodeType === TEXT_NODE) return NodeFilter.FILTER_ACCEPT;
  const element = node as Element;
  const parent = element.parentElement;
  const collapsed = parent !== null && isClosedDetails(parent) && element.tagName !== 'SUMMARY';
  return NOT_TEXT.has(element.tagName) || collapsed || isAside(element)
    ? NodeFilter.FILTER_REJECT
    : NodeFilter.FILTER_SKIP;
}

interface LabelEntry {
  element: Element;
  /** For "Label: value" written in one text node, the value part. */
  inlineValue?: string;
  /** A label that is only part of its element's text: its value is the text that follows it. */
  textNode?: Text;
}

/**
 * Every short visible-candidate text on the page, keyed by its normalised form, built in one walk
 * over text nodes and shared by all profiles during a detection.
 */
export class PageLabels {
  private readonly entries = new Map<string, LabelEntry[]>();
  /** Whether each label element met so far is one the user sees outside menus: asked once each. */
  private readonly candidates = new Map<Element, boolean>();
  private readonly found = new Map<string, readonly Element[]>();
  /** Section titles in document order, collected during the same walk. */
  readonly sections: { element: Element; text: string }[] = [];
  private textCache?: string;

  /**
   * One walk over the text the user can see. Only labels some profile asks for are kept
   * (`wanted`, normalised): a heavy chart has thousands of short texts, and indexing them all is
   * what would make detection cost the page. Hidden tabs and collapsed raw data often hold most
   * of a chart, so their subtrees are skipped whole rather than read and rejected label by label.
   */
  constructor(
    private readonly root: Element,
    private readonly wanted: WantedLabels,
  ) {
    // An explicit walk rather than a TreeWalker: it can leave out a subtree, which a TreeWalker
    // could only do by calling a filter on every node, and it keeps each text node's parent and
    // that parent's tag at hand instead of asking the DOM again.
    let parent: Element = root;
    let parentTag = root.tagName;
    let parentCollapsed = isClosedDetails(root);
    const above: { element: Element[]; tag: string[]; collapsed: boolean[] } = {
      element: [],
      tag: [],
      collapsed: [],
    };
    let node: Node | null = root.firstChild;
    while (node) {
      const type = node.nodeType;
      if (type === TEXT_NODE) {
        if (!NOT_TEXT.has(parentTag)) this.read(node as Text, parent);
      } else if (type === ELEMENT_NODE) {
        const first: Node | null = node.firstChild;
        const element = node as Element;
        const tag = first ? element.tagName : '';
        if (first && !(parentCollapsed && tag !== 'SUMMARY') && !isHiddenBlock(element)) {
          above.element.push(parent);
          above.tag.push(parentTag);
          above.collapsed.push(parentCollapsed);
          parent = element;
          parentTag = tag;
          const title = sectionTitle(element, tag);
          if (title) this.sections.push({ element, text: title });
          parentCollapsed = tag === 'DETAILS' && !element.hasAttribute('open');
          node = first;
          continue;
        }
      }
      let next: Node | null = node.nextSibling;
      while (!next && parent !== root) {
        node = parent;
        parent = above.element.pop() ?? root;
        parentTag = above.tag.pop() ?? '';
        parentCollapsed = above.collapsed.pop() ?? false;
        next = node.nextSibling;
      }
      node = next;
    }
  }

  /** One text node: a label some profile wants, or "Label: value" pairs. */
  private read(node: Text, parent: Element): void {
    const raw = node.nodeValue;
    if (!raw) return;
    // Long texts (notes, letters) are never labels; only a "Label:" at their start counts.
    if (raw.length > LONG_TEXT) {
      const colon = raw.indexOf(':');
      if (colon >= 0 && colon < LABEL_MAX_LENGTH + 20) this.addInlinePairs(raw.trim(), parent);
      return;
    }
    const trimmed = raw.trim();
    if (!trimmed) return;
    if (trimmed.length <= LABEL_MAX_LENGTH && this.wanted.mayInclude(trimmed, 0, trimmed.length)) {
      const key = normaliseLabel(trimmed);
      if (this.wanted.has(key))
        this.add(key, { element: parent, textNode: hasSiblings(node) ? node : undefined });
    }
    if (trimmed.includes(':')) this.addInlinePairs(trimmed, parent);
  }

  /**
   * The text the user can see, one space between text nodes so that words of adjacent elements
   * stay apart: hidden tabs, collapsed details, hidden raw data and screen-reader-only text are
   * left out, as label readers leave them out. Read only when a profile's text cue asks for it.
   */
  get text(): string {
    if (this.textCache === undefined) {
      const words: string[] = [];
      const walker = this.root.ownerDocument.createTreeWalker(
        this.root,
        NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT,
        { acceptNode: visibleText },
      );
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.nodeType !== TEXT_NODE) continue;
        const trimmed = (node.nodeValue ?? '').trim();
        if (trimmed) words.push(trimmed);
      }
      this.textCache = words.join(' ');
    }
    return this.textCache;
  }

  /** `Order #: 123 · Signed by Dr. Park` holds a pair; so may each part between separators. */
  private addInlinePairs(text: string, element: Element): void {
    for (const part of text.split(SEPARATOR)) {
      const colon = part.indexOf(':');
      if (colon <= 0 || colon > LABEL_MAX_LENGTH || !this.wanted.mayInclude(part, 0, colon)) continue;
      const key = normaliseLabel(part.slice(0, colon));
      if (!this.wanted.has(key)) continue;
      const inlineValue = collapse(part.slice(colon + 1));
      if (inlineValue) this.add(key, { element, inlineValue });
    }
  }

  private isCandidate(label: Element): boolean {
    let candidate = this.candidates.get(label);
    if (candidate === undefined) {
      candidate = isCandidate(label);
      this.candidates.set(label, candidate);
    }
    return candidate;
  }

  private add(key: string, entry: LabelEntry): void {
    const list = this.entries.get(key);
    if (list) list.push(entry);
    else this.entries.set(key, [entry]);
  }

  /** Whether any text on the page carries this label, seen or not: no label here pairs otherwise. */
  has(label: string): boolean {
    return this.entries.has(labelKey(label));
  }

  /**
   * Visible elements carrying exactly this label text. Found once per label: a list asks for the
   * same column labels in each of its rows.
   */
  find(label: string): readonly Element[] {
    const key = labelKey(label);
    let found = this.found.get(key);
    if (!found) {
      found = (this.entries.get(key) ?? [])
        .filter((entry) => entry.inlineValue === undefined && this.isCandidate(entry.element))
        .map((entry) => entry.element);
      this.found.set(key, found);
    }
    return found;
  }

  /**
   * The first value paired with any of these labels, in the order given. The first definite
   * pairing of a label answers for it, even when empty. With `all`, every pairing of the first
   * label that has any is kept, one per line: a list field repeated row by row.
   */
  valueFor(
    labels: readonly string[],
    accept: (label: Element) => boolean = () => true,
    all = false,
  ): { value: string; label: Element } | undefined {
    for (const label of labels) {
      // Asked for every reader's labels in every row of a list: made only when a value is found.
      let found: string[] | undefined;
      let first: Element | undefined;
      for (const entry of this.entries.get(labelKey(label)) ?? []) {
        if (!this.isCandidate(entry.element) || !accept(entry.element)) continue;
        const value = this.pairedValue(entry, all);
        if (value === undefined || isSection(value)) continue;
        if (value === '') {
          if (all) continue;
          break;
        }
        if (!all) return { value, label: entry.element };
        first ??= entry.element;
        found ??= [];
        found.push(value);
      }
      if (first && found) return { value: found.join('\n'), label: first };
    }
    return undefined;
  }

  private pairedValue(entry: LabelEntry, all: boolean): string | undefined {
    if (entry.inlineValue !== undefined) return entry.inlineValue;
    // A caption names a group of fields, unless the group is one set of choices or one list.
    const caption = entry.element.closest('legend, caption');
    if (caption && !(caption.tagName === 'LEGEND' && (choiceFieldset(caption) || listFieldset(caption))))
      return undefined;
    return entry.textNode ? textAfter(entry.textNode) : valueNear(entry.element, all);
  }
}
