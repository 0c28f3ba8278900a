import { BLOCK, blockText, CHOICE, CONTROL, collapse, isContent, isVisible, shownValue } from './shown-text';

/**
 * How EHRs pair a label with its value, the layouts `valueNear` knows: `label[for]`,
 * `aria-labelledby`, a control inside the label, a legend over choices, "Label: value" text, a
 * term and its definitions, a column header over its rows, a label cell beside its value cell.
 */

/** Separators EHRs put between "Label: value" pairs on one line. */
export const SEPARATOR = /\s[·|•]\s/;

/**
 * The inline text after a label, up to a line break, a block, or the next "Label:" on the line;
 * required marks and helper text nobody sees are skipped.
 */
export function textAfter(label: Node): string {
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
export function hasSiblings(node: Text): boolean {
  for (const sibling of [node.previousSibling, node.nextSibling])
    if (sibling !== null && isContent(sibling)) return true;
  return false;
}

/** A cell's column, counting the spans of the cells before it. */
export function cellIndex(cell: Element): number {
  let index = 0;
  for (let sibling = cell.previousElementSibling; sibling; sibling = sibling.previousElementSibling) {
    index += Number(sibling.getAttribute('colspan') ?? 1) || 1;
  }
  return index;
}

/** The cell of a row in a column, counting spans. */
export function cellAt(row: Element, index: number): Element | undefined {
  let at = 0;
  for (let cell = row.firstElementChild; cell; cell = cell.nextElementSibling) {
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

const CELLS = new Set(['TD', 'TH']);

/** The label's own cell or term: the nearest container whose whole text is the label. */
function labelBox(label: Element): Element {
  const text = collapse(label.textContent);
  let box = label;
  for (let parent = label.parentElement; parent && parent.tagName !== 'BODY'; parent = parent.parentElement) {
    // A term, or a cell beside other cells, is the label's box: beyond it, an empty value cell
    // beside the label would make the whole row look like the label, and the next row its value.
    if (box.tagName === 'DT' || (CELLS.has(box.tagName) && (box.parentElement?.childElementCount ?? 0) > 1))
      break;
    // A box holds the label and little else; reading a big container's text would cost the page.
    if (parent.childNodes.length > 4) break;
    const content = parent.textContent ?? '';
    // A container with much more text cannot be the label's own box: skip collapsing its text.
    if (content.length > 2 * text.length + 40 || collapse(content) !== text) break;
    box = parent;
  }
  return box;
}

/**
 * The first element the label's id names through `aria-labelledby`, looked up on the page as it is
 * now: a single-page EHR swaps one screen for another under the same ids, and a remembered element
 * would be the last screen's, another patient's.
 */
function labelledBy(document: Document, id: string): Element | undefined {
  // An id with white space cannot be one of the words `aria-labelledby` lists.
  if (/\s/.test(id)) return undefined;
  return document.querySelector(`[aria-labelledby~="${id.replace(/["\\]/g, '\\$&')}"]`) ?? undefined;
}

/**
 * A fieldset whose legend names a group of choices (radio buttons, checkboxes) and nothing else:
 * its legend labels one value, the options chosen.
 */
export function choiceFieldset(legend: Element): Element | undefined {
  const fieldset = legend.parentElement;
  if (fieldset?.tagName !== 'FIELDSET' || !fieldset.querySelector(CHOICE)) return undefined;
  return fieldset.querySelector(
    'input:not([type=hidden]):not([type=radio]):not([type=checkbox]), select, textarea',
  )
    ? undefined
    : fieldset;
}

/**
 * A fieldset whose legend names one list and nothing else ("Documents to Send" over the documents):
 * its legend labels the list, read one item a line. A legend over several fields names a section.
 */
export function listFieldset(legend: Element): Element | undefined {
  const fieldset = legend.parentElement;
  if (fieldset?.tagName !== 'FIELDSET') return undefined;
  const others = Array.from(fieldset.children).filter((child) => child !== legend);
  const [list] = others;
  return others.length === 1 && (list?.tagName === 'UL' || list?.tagName === 'OL') ? list : undefined;
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
    const labelled = named.id ? labelledBy(document, named.id) : undefined;
    if (labelled) return shownValue(labelled);
  }
  if (owner.querySelector(CONTROL)) return shownValue(owner);
  const legend = label.closest('legend');
  const choices = legend && choiceFieldset(legend);
  if (choices) return shownValue(choices);
  const list = legend && listFieldset(legend);
  if (list) return shownValue(list);
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
