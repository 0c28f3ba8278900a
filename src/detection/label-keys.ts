/**
 * Labels as compared: profiles' labels and a page's short texts, normalised the same way, and the
 * quick test that rules most of a page's texts out before any is normalised.
 */

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
export function labelKey(label: string): string {
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
