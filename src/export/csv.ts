import Papa from 'papaparse';

/**
 * Cells a spreadsheet would run as a formula (OWASP "CSV injection"): text starting with = + - @,
 * a tab or a carriage return. EHR text is untrusted, so such a cell gets a leading apostrophe,
 * which spreadsheets show as text. Tested on the first character alone: Papa's own default
 * pattern (`^[=+\-@\t\r].*$`) misses a formula followed by a line break.
 */
export const FORMULA_START = /^[=+\-@\t\r]/;

export type Cell = string | number | null | undefined;

/** UTF-8 byte order mark: Excel reads the file as UTF-8 (accents in names) only with it. */
const BOM = '\ufeff';

/**
 * RFC 4180 CSV (CRLF line ends, quotes doubled) through Papa Parse's `unparse`, with formula
 * cells neutralised. Every cell is quoted: a spreadsheet whose list separator is `;` would split
 * an unquoted `Cardiology;=1+1` and run its second half. Numbers stay numbers: a negative count
 * is not text a spreadsheet would run.
 */
export function toCsv(fields: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return (
    BOM +
    Papa.unparse(
      { fields: [...fields], data: rows.map((row) => row.map((cell) => cell ?? '')) },
      { newline: '\r\n', quotes: true, escapeFormulae: FORMULA_START, header: true },
    )
  );
}

/** An instant as ISO 8601 in UTC, or empty. */
export const isoTime = (at: number | undefined) => (at === undefined ? '' : new Date(at).toISOString());

/** A local calendar date, for file names: 2026-11-27. */
export function localDate(at: number): string {
  const date = new Date(at);
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${month}-${day}`;
}
