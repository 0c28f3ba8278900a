/**
 * What the user sees of an element: its text block by block, the value a form control shows,
 * and whether it is visible at all. Read from `textContent` only: `innerText` would force layout
 * on pages that are already heavy, and returns CSS capitals.
 */

export const NOT_TEXT = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'OPTION', 'TEXTAREA', 'TITLE']);
export const BLOCK = new Set([
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

export function collapse(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

/** Deeper blocks are read as plain text: a hostile page must not exhaust the stack. */
const BLOCK_DEPTH = 32;

export const CONTROL = 'input:not([type=hidden]), select, textarea';
export const CHOICE = 'input[type=radio], input[type=checkbox]';
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
export function isAside(element: Element): boolean {
  if (element.hasAttribute('hidden') || element.getAttribute('aria-hidden') === 'true') return true;
  if (VISUALLY_HIDDEN.test(element.getAttribute('class') ?? '')) return true;
  if (typeof element.checkVisibility === 'function')
    return !element.checkVisibility({ visibilityProperty: true });
  // Engines without checkVisibility (test DOMs): the element's own style attribute.
  const style = (element as HTMLElement).style;
  return style?.display === 'none' || style?.visibility === 'hidden';
}

/** Text and elements that are more than a mark or helper text nobody sees. */
export function isContent(node: Node): boolean {
  if (node instanceof Element) return !isAside(node) && !MARK_ONLY.test(node.textContent ?? '');
  return node.nodeType !== Node.TEXT_NODE || !MARK_ONLY.test(node.nodeValue ?? '');
}

/**
 * Text with one line per block, however deeply blocks sit inside inline wrappers (`<font><ul>`),
 * so that readers can keep the first line or split a list. Hidden copies are left out.
 */
export function blockText(element: Element): string {
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
    const view = node.ownerDocument.defaultView;
    if (view && view.getComputedStyle(node).display === 'none') return false;
  }
  return true;
}

/** The first element the user can see: hidden copies of a value are not the value. */
export function firstVisible(elements: Iterable<Element>): Element | undefined {
  for (const element of elements) if (isVisible(element)) return element;
  return undefined;
}
