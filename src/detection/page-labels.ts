/**
 * Reads label/value pairs off an EHR page the ways EHRs pair them, from `textContent` only:
 * `innerText` would force layout on pages that are already heavy, and returns CSS capitals.
 */

const LABEL_MAX_LENGTH = 60;
/** Text nodes longer than this are prose, read only for a leading "Label:". */
const LONG_TEXT = 300;
const NOT_TEXT = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'OPTION', 'TEXTAREA', 'TITLE']);
const BLOCK = new Set([
  'BR',
  'DIV',
  'P',
  'TR',
  'TD',
  'TH',
  'LI',
  'DT',
  'DD',
  'TABLE',
  'UL',
  'H1',
  'H2',
  'H3',
]);

/** Separators EHRs put between "Label: value" pairs on one line. */
const SEPARATOR = /\s[·|•]\s/;

/** Separator and mark characters trimmed off labels: "· Order #:" and "Refer To: *". */
const LEADING = new Set([...' \t\n\r·|•,;–—-'].map((c) => c.charCodeAt(0)));
const TRAILING = new Set([...' \t\n\r:*'].map((c) => c.charCodeAt(0)));
const INNER_SPACE = /\s+/g;

/**
 * A label as compared: lower case, without separators before it or marks after it. Runs once
 * per short text on the page, so it trims by character code rather than by regex.
 */
export function normaliseLabel(text: string): string {
  let start = 0;
  let end = text.length;
  while (end > 0 && TRAILING.has(text.charCodeAt(end - 1))) end--;
  while (start < end && LEADING.has(text.charCodeAt(start))) start++;
  const label = text.slice(start, end).toLowerCase();
  return /\s\s|[\t\n\r]/.test(label) ? label.replace(INNER_SPACE, ' ') : label;
}

const labelKeys = new Map<string, string>();

/** A profile's label as compared, normalised once: profiles ask for the same labels every time. */
function labelKey(label: string): string {
  let key = labelKeys.get(label);
  if (key === undefined) {
    key = normaliseLabel(label);
    labelKeys.set(label, key);
  }
  return key;
}

/** Printable ASCII lower-cases to itself or its one lower-case letter; anything else may not. */
function plainLower(code: number): number {
  if (code < 0x21 || code > 0x7e) return -1;
  return code >= 0x41 && code <= 0x5a ? code + 0x20 : code;
}

/**
 * The labels profiles ask for, normalised, with a test that rules out most of a page's short
 * texts (dates, values, names) by their first and last characters before any is normalised:
 * normalising allocates, and a chart has hundreds of short texts for every label it shows.
 */
export class WantedLabels {
  private readonly keys: ReadonlySet<string>;
  /** Pairs of lower-case printable ASCII first and last characters some label has. */
  private readonly ends = new Uint8Array(128 * 128);

  constructor(labels: Iterable<string>) {
    this.keys = new Set(Array.from(labels, normaliseLabel));
    for (const key of this.keys) {
      const first = plainLower(key.charCodeAt(0));
      const last = plainLower(key.charCodeAt(key.length - 1));
      if (first >= 0 && last >= 0) this.ends[first * 128 + last] = 1;
    }
  }

  has(key: string): boolean {
    return this.keys.has(key);
  }

  /**
   * False only when `normaliseLabel(text.slice(from, to))` is certainly not wanted: it trims the
   * same characters, and compares the ends only where lower-casing them is certain.
   */
  mayInclude(text: string, from: number, to: number): boolean {
    let end = to;
    while (end > from && TRAILING.has(text.charCodeAt(end - 1))) end--;
    let start = from;
    while (start < end && LEADING.has(text.charCodeAt(start))) start++;
    if (start === end) return this.keys.has('');
    const first = plainLower(text.charCodeAt(start));
    const last = plainLower(text.charCodeAt(end - 1));
    return first < 0 || last < 0 || this.ends[first * 128 + last] === 1;
  }
}

function collapse(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

/** Deeper blocks are read as plain text: a hostile page must not exhaust the stack. */
const BLOCK_DEPTH = 32;

const CONTROL = 'input:not([type=hidden]), select, textarea';
const CHOICE = 'input[type=radio], input[type=checkbox]';
/** Several values shown as one: chosen options, chips, repeated rows. */
const VALUES_JOINER = '; ';

/**
 * Helper text a sighted coordinator does not see ("Mandatory field" for screen readers), the
 * classes UI kits give it, and decorations hidden from assistive technology.
 */
const VISUALLY_HIDDEN =
  /(?:^|\s)(?:sr-only|visually-hidden|visuallyhidden|screen-reader-text|a11y-hidden|assistive-text|cdk-visually-hidden|usa-sr-only)(?:\s|$)/i;
/** A required-field mark is never a value: `*`, `✱`. */
const MARK_ONLY = /^[\s*✱＊†:]*$/;

/**
 * Hidden by the element's own attributes or style (its ancestors are the caller's business): the
 * hidden copies some renderers keep beside each value, and helper text for screen readers.
 */
function isAside(element: Element): boolean {
  if (element.hasAttribute('hidden') || element.getAttribute('aria-hidden') === 'true') return true;
  if (VISUALLY_HIDDEN.test(element.getAttribute('class') ?? '')) return true;
  if (typeof element.checkVisibility === 'function')
    return !element.checkVisibility({ visibilityProperty: true });
  // Engines without checkVisibility (test DOMs): the element's own style attribute.
  const style = (element as HTMLElement).style;
  return style?.display === 'none' || style?.visibility === 'hidden';
}

/** Text and elements that are more than a mark or helper text nobody sees. */
function isContent(node: Node): boolean {
  if (node instanceof Element) return !isAside(node) && !MARK_ONLY.test(node.textContent ?? '');
  return node.nodeType !== Node.TEXT_NODE || !MARK_ONLY.test(node.nodeValue ?? '');
}

/**
 * Text with one line per block, however deeply blocks sit inside inline wrappers (`<font><ul>`),
 * so that readers can keep the first line or split a list. Hidden copies are left out.
 */
function blockText(element: Element): string {
  const lines: string[] = [''];
  const append = (text: string) => {
    lines[lines.length - 1] += text;
  };
  const walk = (node: Node, depth: number) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === Node.TEXT_NODE) append(child.nodeValue ?? '');
      if (!(child instanceof Element) || NOT_TEXT.has(child.tagName) || isAside(child)) continue;
      const block = BLOCK.has(child.tagName);
      if (block) lines.push('');
      if (depth < BLOCK_DEPTH) walk(child, depth + 1);
      else append(child.textContent ?? '');
      if (block) lines.push('');
    }
  };
  walk(element, 0);
  return lines.map(collapse).filter(Boolean).join('\n');
}

/** What names a radio button or checkbox for the user: its label, else its accessible name. */
function optionText(input: HTMLInputElement): string {
  const label = input.labels?.[0];
  return label ? collapse(blockText(label)) : collapse(input.getAttribute('aria-label') ?? input.value);
}

/**
 * The checked options' names: a radio group by its name, a checkbox list by its shared name or
 * its container. A lone checkbox reads yes or no.
 */
function chosenText(input: HTMLInputElement, container: Element | undefined): string {
  const named = input.name
    ? Array.from(input.ownerDocument.getElementsByName(input.name)).filter(
        (other): other is HTMLInputElement =>
          other instanceof HTMLInputElement && other.type === input.type && other.form === input.form,
      )
    : [];
  const options =
    named.length > 1
      ? named
      : container
        ? Array.from(container.querySelectorAll<HTMLInputElement>(`input[type=${input.type}]`))
        : [input];
  if (options.length === 1 && input.type === 'checkbox') return input.checked ? 'yes' : 'no';
  return options
    .filter((option) => option.checked)
    .map(optionText)
    .join(VALUES_JOINER);
}

/** The chosen options of a select, without a placeholder ("Select…", value ""). */
function selectedText(select: HTMLSelectElement): string {
  return Array.from(select.selectedOptions)
    .filter((option) => option.value !== '')
    .map((option) => collapse(option.textContent))
    .join(VALUES_JOINER);
}

const PLACEHOLDER = /placeholder/i;
const COMBOBOX_DEPTH = 4;

/**
 * A combobox whose input stays empty shows its choice (or its chips) beside the input, as UI
 * kits' selects do: the texts of the nearest wrapper that has any, one per element.
 */
function comboboxText(input: Element): string {
  let wrapper = input.parentElement;
  for (let level = 0; wrapper && level < COMBOBOX_DEPTH; level++, wrapper = wrapper.parentElement) {
    const texts: string[] = [];
    for (const element of Array.from(wrapper.querySelectorAll('*'))) {
      if (element.childElementCount > 0 || NOT_TEXT.has(element.tagName)) continue;
      if (element.closest('[hidden], [aria-hidden=true]')) continue;
      if (PLACEHOLDER.test(element.getAttribute('class') ?? '')) continue;
      const text = collapse(element.textContent);
      if (text && !isAside(element)) texts.push(text);
    }
    if (texts.length > 0) return texts.join(VALUES_JOINER);
  }
  return '';
}

/** The element's text, or the value the user sees in a form control. */
export function shownValue(element: Element): string {
  const control = element.matches(CONTROL) ? element : element.querySelector(CONTROL);
  if (!control) return blockText(element);
  if (control instanceof HTMLSelectElement) return selectedText(control);
  if (control instanceof HTMLInputElement && (control.type === 'checkbox' || control.type === 'radio')) {
    return chosenText(control, control === element ? undefined : element);
  }
  const value = collapse((control as HTMLInputElement | HTMLTextAreaElement).value);
  return value || control.getAttribute('role') !== 'combobox' ? value : comboboxText(control);
}

/** Menus and tab strips name sections ("Patient", "Referrals"); they never label a value. */
const NAVIGATION = 'nav, [role=navigation], [role=menu], [role=menubar], [role=tablist]';

/**
 * What the user cannot see does not count: hidden tabs, collapsed raw data. Checked only on the
 * few candidate labels, never on the whole page.
 */
export function isVisible(element: Element): boolean {
  // Not every engine's checkVisibility() treats a closed <details> body as hidden.
  if (element.closest('details:not([open]) > :not(summary)')) return false;
  if (typeof element.checkVisibility === 'function') return element.checkVisibility();
  for (let node: Element | null = element; node; node = node.parentElement) {
    if (node.hasAttribute('hidden') || node.getAttribute('aria-hidden') === 'true') return false;
    if (node.parentElement?.tagName === 'DETAILS' && node.tagName !== 'SUMMARY') {
      if (!node.parentElement.hasAttribute('open')) return false;
    }
    const view = node.ownerDocument.defaultView;
    if (view && view.getComputedStyle(node).display === 'none') return false;
  }
  return true;
}

/**
 * The inline text after a label, up to a line break, a block, or the next "Label:" on the line;
 * required marks and helper text nobody sees are skipped.
 */
function textAfter(label: Node): string {
  let text = '';
  for (let node = label.nextSibling; node; node = node.nextSibling) {
    if (node instanceof Element && BLOCK.has(node.tagName)) break;
    if (!isContent(node)) continue;
    const piece = node instanceof Element ? blockText(node).replace(/\n/g, ' ') : (node.nodeValue ?? '');
    const next = piece.search(SEPARATOR);
    if (next >= 0) return collapse(text + piece.slice(0, next));
    text += piece;
  }
  return collapse(text);
}

/**
 * True when a text node shares its element with other content: `Order #: <span>123</span>`. A
 * required mark or hidden helper text beside it (`MRN <span>*</span>`) is not content.
 */
function hasSiblings(node: Text): boolean {
  for (const sibling of [node.previousSibling, node.nextSibling])
    if (sibling !== null && isContent(sibling)) return true;
  return false;
}

function cellIndex(cell: Element): number {
  let index = 0;
  for (let sibling = cell.previousElementSibling; sibling; sibling = sibling.previousElementSibling) {
    index += Number(sibling.getAttribute('colspan') ?? 1) || 1;
  }
  return index;
}

function cellAt(row: Element, index: number): Element | undefined {
  let at = 0;
  for (const cell of Array.from(row.children)) {
    if (at === index) return cell;
    at += Number(cell.getAttribute('colspan') ?? 1) || 1;
  }
  return undefined;
}

/**
 * For a header cell over a column, up to `limit` rows below it that hold data cells; a row header
 * (a `th` followed by a `td`) has none. Reads only the rows it needs, even in a huge table.
 */
export function rowsUnderColumnHeader(header: Element, limit = Number.POSITIVE_INFINITY): Element[] {
  if (header.tagName !== 'TH' || header.nextElementSibling?.tagName === 'TD') return [];
  const row = header.parentElement;
  const table = row?.closest('table');
  if (!(row instanceof HTMLTableRowElement) || !(table instanceof HTMLTableElement)) return [];
  const below: Element[] = [];
  for (let index = row.rowIndex + 1; index < table.rows.length && below.length < limit; index++) {
    const candidate = table.rows[index];
    if (candidate?.querySelector('td')) below.push(candidate);
  }
  return below;
}

/** The label's own cell or term: the nearest container whose whole text is the label. */
function labelBox(label: Element): Element {
  const text = collapse(label.textContent);
  let box = label;
  for (let parent = label.parentElement; parent && parent.tagName !== 'BODY'; parent = parent.parentElement) {
    // A box holds the label and little else; reading a big container's text would cost the page.
    if (parent.childNodes.length > 4) break;
    const content = parent.textContent ?? '';
    // A container with much more text cannot be the label's own box: skip collapsing its text.
    if (content.length > 2 * text.length + 40 || collapse(content) !== text) break;
    box = parent;
  }
  return box;
}

const labelledByCache = new WeakMap<Document, { size: number; map: Map<string, Element> }>();

/** Elements by the ids of the labels naming them (`aria-labelledby`), read once per page state. */
function labelledBy(document: Document): Map<string, Element> {
  const elements = document.querySelectorAll('[aria-labelledby]');
  const cached = labelledByCache.get(document);
  if (cached && cached.size === elements.length) return cached.map;
  const map = new Map<string, Element>();
  for (const element of Array.from(elements)) {
    for (const id of element.getAttribute('aria-labelledby')?.split(/\s+/) ?? [])
      if (!map.has(id)) map.set(id, element);
  }
  labelledByCache.set(document, { size: elements.length, map });
  return map;
}

/**
 * A fieldset whose legend names a group of choices (radio buttons, checkboxes) and nothing else:
 * its legend labels one value, the options chosen.
 */
function choiceFieldset(legend: Element): Element | undefined {
  const fieldset = legend.parentElement;
  if (fieldset?.tagName !== 'FIELDSET' || !fieldset.querySelector(CHOICE)) return undefined;
  return fieldset.querySelector(
    'input:not([type=hidden]):not([type=radio]):not([type=checkbox]), select, textarea',
  )
    ? undefined
    : fieldset;
}

/**
 * The value paired with a label element: undefined when no pairing applies, and an empty string
 * when a definite pairing (its cell, its control, its definition) is empty, so that an empty
 * patient phone is not filled in from the next "Phone" on the page. With `all`, a label over a
 * column or a list of definitions pairs with every row (records attached, medications).
 */
export function valueNear(label: Element, all = false): string | undefined {
  const document = label.ownerDocument;
  // Label text is often wrapped (`<label for><span>Reason</span><span>*</span></label>`).
  const owner = label.closest('label') ?? label;
  if (owner instanceof HTMLLabelElement && owner.htmlFor) {
    const control = document.getElementById(owner.htmlFor);
    if (control) return shownValue(control);
  }
  for (const named of new Set([label, owner])) {
    const labelled = named.id ? labelledBy(document).get(named.id) : undefined;
    if (labelled) return shownValue(labelled);
  }
  if (owner.querySelector(CONTROL)) return shownValue(owner);
  const legend = label.closest('legend');
  const choices = legend && choiceFieldset(legend);
  if (choices) return shownValue(choices);
  const inline = textAfter(label);
  if (inline) return inline;
  const box = labelBox(label);
  if (box.tagName === 'DT') {
    const definitions: string[] = [];
    for (let next = box.nextElementSibling; next?.tagName === 'DD'; next = next.nextElementSibling) {
      definitions.push(shownValue(next));
      if (!all) break;
    }
    return definitions.length > 0 ? definitions.filter(Boolean).join('\n') : undefined;
  }
  // Hidden rows (deleted, filtered out) are no part of the list the coordinator sees.
  const rows = rowsUnderColumnHeader(box, all ? Number.POSITIVE_INFINITY : 1).filter(
    (row) => !all || isVisible(row),
  );
  if (rows.length > 0) {
    const index = cellIndex(box);
    const cells = rows.flatMap((row) => cellAt(row, index) ?? []);
    return cells.length > 0 ? cells.map(shownValue).filter(Boolean).join('\n') : undefined;
  }
  const next = box.nextElementSibling;
  if (!next) return undefined;
  const value = shownValue(next);
  const isCell = box.tagName === 'TD' || box.tagName === 'TH';
  return value || isCell ? value : undefined;
}

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
   * The page's text, one space between text nodes so that words of adjacent elements stay
   * apart. Read only when a profile's text cue asks for it.
   */
  get text(): string {
    if (this.textCache === undefined) {
      const words: string[] = [];
      const walker = this.root.ownerDocument.createTreeWalker(this.root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.parentElement && NOT_TEXT.has(node.parentElement.tagName)) continue;
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

  /** Visible elements carrying exactly this label text. */
  find(label: string): Element[] {
    return (this.entries.get(labelKey(label)) ?? [])
      .filter((entry) => entry.inlineValue === undefined && this.isCandidate(entry.element))
      .map((entry) => entry.element);
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
      const found: string[] = [];
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
        found.push(value);
      }
      if (first) return { value: found.join('\n'), label: first };
    }
    return undefined;
  }

  private pairedValue(entry: LabelEntry, all: boolean): string | undefined {
    if (entry.inlineValue !== undefined) return entry.inlineValue;
    // A caption names a group of fields, unless the group is one set of choices.
    const caption = entry.element.closest('legend, caption');
    if (caption && !(caption.tagName === 'LEGEND' && choiceFieldset(caption))) return undefined;
    return entry.textNode ? textAfter(entry.textNode) : valueNear(entry.element, all);
  }
}
