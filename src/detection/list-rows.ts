import type { EhrProfile, ListSchema } from './ehr-profile';
import { VALUE_MAX_LENGTH } from './input-bounds';
import { cellAt, cellIndex, rowsUnderColumnHeader } from './label-pairing';
import { type PageReading, regex } from './page-reading';
import type { ReferralField } from './referral-fields';
import { blockText, collapse, isVisible, shownValue } from './shown-text';

/**
 * Rows of a list of referrals (worklists, a patient's orders table) and the cells in them. A row
 * is read on its own: its fields come from inside it, or from the cell under a column header.
 */

/** The most rows read on one page: a worklist longer than this is paged by the EHR anyway. */
export const ROWS_MAX = 100;

/**
 * A cue label seen this many times, or a column header over this many rows, belongs to a list of
 * referrals, not to one.
 */
export const LIST_ROWS = 3;

/** The columns a table of referrals has: who, and to what or whom. */
export const LIST_COLUMNS: readonly ReferralField[] = [
  'patientName',
  'specialty',
  'receivingProvider',
  'priority',
];

const HEADER_CELL = 'th, [role=columnheader]';
const TABLE = 'table, [role=table], [role=grid]';

/** What the user sees of an element, on one line: what `hasText` is matched against. */
export function visibleText(element: Element): string {
  return collapse(blockText(element)).slice(0, VALUE_MAX_LENGTH);
}

/** A header cell over a column, with where it sits, looked up once per detection. */
interface ColumnHeader {
  cell: Element;
  table: Element | null;
  row: Element | null;
  /** Its column, counting the spans of the cells before it. */
  index: number;
}

/**
 * What one detection has learnt of the page's tables, found once and asked again for every row:
 * a list of a hundred rows asks for the same dozen columns in each. A detection's `PageReading`
 * is its own. A look spread over several tasks keeps what it learnt while the page changes under
 * it, like the rows it has read: nothing is tracked from it without the row being read again at
 * once (see `detectionSteps`).
 */
interface TableLookups {
  headers: Map<string, ColumnHeader[]>;
  tables: Map<Element, Element | null>;
}
const lookups = new WeakMap<PageReading, TableLookups>();

function lookupsFor(page: PageReading): TableLookups {
  let found = lookups.get(page);
  if (!found) {
    found = { headers: new Map(), tables: new Map() };
    lookups.set(page, found);
  }
  return found;
}

function tableOf(element: Element, page: PageReading): Element | null {
  const { tables } = lookupsFor(page);
  let table = tables.get(element);
  if (table === undefined) {
    table = element.closest(TABLE);
    tables.set(element, table);
  }
  return table;
}

/** Visible header cells carrying exactly this text. */
function headersNamed(column: string, page: PageReading): readonly ColumnHeader[] {
  const { headers } = lookupsFor(page);
  let named = headers.get(column);
  if (!named) {
    named = [];
    for (const label of page.labels.find(column)) {
      const cell = label.closest(HEADER_CELL);
      if (cell)
        named.push({
          cell,
          table: tableOf(cell, page),
          row: cell.closest('tr, [role=row]'),
          index: cellIndex(cell),
        });
    }
    headers.set(column, named);
  }
  return named;
}

/** A table row, whose cells sit under the table's column headers (not a card holding a table). */
export const isTableRow = (element: Element): boolean =>
  element.tagName === 'TR' || element.getAttribute('role') === 'row';

/** The text of the cell under one of these column headers, in this row. */
export function cellUnder(columns: readonly string[], row: Element, page: PageReading): string | undefined {
  // Asked for every reader's labels in every row of a list: no list is made for the answer.
  const table = tableOf(row, page);
  for (const column of columns) {
    for (const header of headersNamed(column, page)) {
      if ((table && header.table !== table) || header.row === row) continue;
      const cell = cellAt(row, header.index);
      if (cell) return shownValue(cell);
    }
  }
  return undefined;
}

/**
 * The cell under the column header in the first visible row below it: on a page read whole, or
 * inside one card of a list (`within`), whose own small table names its columns.
 */
export function firstCellUnder(column: string, page: PageReading, within?: Element): string | undefined {
  for (const header of headersNamed(column, page)) {
    if (within && !within.contains(header.cell)) continue;
    const row = rowsUnderColumnHeader(header.cell, 10).find(isVisible);
    const cell = row && cellAt(row, header.index);
    if (cell) return shownValue(cell);
  }
  return undefined;
}

/** The header row of a table that names every one of these columns. */
function headerRowNaming(columns: readonly string[], page: PageReading): Element | undefined {
  const [first, ...rest] = columns;
  if (first === undefined) return undefined;
  for (const { cell } of headersNamed(first, page)) {
    const row = cell.parentElement;
    if (
      row &&
      rest.every((column) => headersNamed(column, page).some((other) => other.cell.parentElement === row))
    )
      return row;
  }
  return undefined;
}

/** The header row of a table whose header names two or more referral columns over rows. */
function referralTableHeader(profile: EhrProfile, page: PageReading): Element | undefined {
  const named = new Map<Element, Set<ReferralField>>();
  for (const field of LIST_COLUMNS) {
    for (const label of profile.fields[field]?.flatMap((reader) => reader.labels ?? []) ?? []) {
      for (const { cell: header } of headersNamed(label, page)) {
        const row = header.parentElement;
        // As for the list rule: a header over fewer rows may be one referral's own table.
        if (!row || rowsUnderColumnHeader(header, LIST_ROWS).length < LIST_ROWS) continue;
        const columns = named.get(row) ?? new Set();
        columns.add(field);
        if (columns.size >= 2) return row;
        named.set(row, columns);
      }
    }
  }
  return undefined;
}

/**
 * A column that says what each row is: "Order type", "Request type", "Referral type",
 * "Transaction type", "Type", "Category". Matched against the header cell's whole text.
 */
export const TYPE_COLUMN = /^(?:(?:order|request|referral|transaction|service) )?(?:type|category)$/i;
/**
 * A column about the referral itself ("Referral date", "Referral type", "Referral status"): the
 * table is a table of referrals, each row one. "Referred to" is not one: a worklist of many
 * patients' referrals has it beside Patient and Specialty, and the generic profile's own list
 * rule (a referral heading over a table with two referral columns) judges such worklists.
 */
export const REFERRAL_COLUMN = /^(?:referral|fecha de derivaci[oó]n|tipo de derivaci[oó]n)\b/i;
/** The header cells a typed list is found by, for the built-in profile's cue. */
export const TYPED_HEADER = `(?:${TYPE_COLUMN.source})|(?:${REFERRAL_COLUMN.source})`;
/** A type cell that names a referral: "Referral order", "Referral", "Eye Clinic Referral". */
const REFERRAL_TYPE = /\b(?:referrals?|derivaci[oó]n)\b/i;
/** Rows not to track: the referral was called off or recorded by mistake. */
const NOT_TRACKED = /^(?:cancell?ed|entered[- ]in[- ]error|revoked|voided|anulad[oa]|cancelad[oa])$/i;
/** At most this many header cells are looked at for a typed list: a page of tables is not read whole. */
const HEADERS_MAX = 400;

/** A header cell's own text, without a trailing colon, as the type column rules read it. */
const headerText = (cell: Element) => collapse(cell.textContent).replace(/\s*:$/, '');

/** The rows under one header cell of a typed list: every data row, and those it says are referrals. */
function rowsTypedBy(header: Element, isType: boolean): { rows: Element[]; candidates: Element[] } {
  const headerRow = header.parentElement;
  if (!headerRow) return { rows: [], candidates: [] };
  const status = Array.from(headerRow.children).find((cell) => /^status$/i.test(headerText(cell)));
  const candidates = rowsBelow(headerRow).slice(0, ROWS_MAX * 2);
  const typeColumn = cellIndex(header);
  const statusColumn = status && cellIndex(status);
  const rows = candidates.filter((row) => {
    if (isType && !REFERRAL_TYPE.test(collapse(cellAt(row, typeColumn)?.textContent))) return false;
    return statusColumn === undefined || !NOT_TRACKED.test(collapse(cellAt(row, statusColumn)?.textContent));
  });
  return { rows, candidates };
}

/**
 * Rows of a typed list (`typed`): under the first visible type column that types a row as a
 * referral, else under the first column headed with referral wording; with neither, the rows of
 * the first typed table (none of them a referral). Returns every data row under that header
 * (`candidates`) and the referral rows.
 */
function typedReferralRows(page: PageReading): { rows: Element[]; candidates: Element[] } {
  // A row header (a `th` before the `td` it labels, as forms lay out one referral) heads no column.
  const heads = (pattern: RegExp, cell: Element) =>
    pattern.test(headerText(cell)) && cell.nextElementSibling?.tagName !== 'TD' && isVisible(cell);
  const find = (headers: Element[]) => {
    let first: { rows: Element[]; candidates: Element[] } | undefined;
    for (const [pattern, isType] of [
      [TYPE_COLUMN, true],
      [REFERRAL_COLUMN, false],
    ] as const) {
      for (const header of headers) {
        if (!heads(pattern, header)) continue;
        const typed = rowsTypedBy(header, isType);
        if (typed.rows.length > 0) return typed;
        first ??= typed;
      }
    }
    return first;
  };
  // Table headers first (a live collection, free to ask for); ARIA grids only on a page without
  // them, since finding `[role=columnheader]` means reading every element of the page.
  return (
    find(Array.from(page.document.getElementsByTagName('th')).slice(0, HEADERS_MAX)) ??
    find(Array.from(page.document.querySelectorAll('[role=columnheader]')).slice(0, HEADERS_MAX)) ?? {
      rows: [],
      candidates: [],
    }
  );
}

/** Rows below a header row, in its table, holding data cells. */
function rowsBelow(header: Element): Element[] {
  const first = header.querySelector('th');
  if (first) return rowsUnderColumnHeader(first, ROWS_MAX * 2);
  // An ARIA grid: the rows after the header row within the grid.
  const table = header.closest(TABLE);
  if (!table) return [];
  const all = Array.from(table.querySelectorAll('[role=row]'));
  return all.slice(all.indexOf(header) + 1);
}

/**
 * The list the profile describes, when the page has it: its visible rows (`candidates`), and those
 * it says are referrals (`hasText`, `where`), at most `ROWS_MAX`.
 */
export function listRows(
  profile: EhrProfile,
  list: ListSchema,
  page: PageReading,
): { rows: Element[]; candidates: number } {
  let found: Element[];
  let typed: ReadonlySet<Element> | undefined;
  if (list.typed) {
    const { rows, candidates } = typedReferralRows(page);
    found = candidates;
    typed = new Set(rows);
  } else if (list.rows !== undefined) found = Array.from(page.document.querySelectorAll(list.rows));
  else {
    const header = list.columns ? headerRowNaming(list.columns, page) : referralTableHeader(profile, page);
    found = header ? rowsBelow(header) : [];
  }
  const only = list.hasText === undefined ? undefined : regex(list.hasText);
  const where = list.where;
  const rows: Element[] = [];
  let candidates = 0;
  for (const row of found) {
    if (rows.length >= ROWS_MAX) break;
    if (!isVisible(row)) continue;
    candidates++;
    if (typed && !typed.has(row)) continue;
    if (only && !only.test(visibleText(row))) continue;
    if (where && !regex(where.value).test(cellUnder([where.column], row, page) ?? '')) continue;
    rows.push(row);
  }
  return { rows, candidates };
}
