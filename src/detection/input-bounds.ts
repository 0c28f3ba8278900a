/**
 * The most text any pattern is run over, cut BEFORE it runs. Configured patterns are checked for
 * exponential backtracking when policy is read (pattern-safety.ts), but a pattern can still be
 * quadratic (`[^,]+\\s*,` over a run of 40,000 spaces): its time on the EHR's main thread is
 * bounded only by bounding its input.
 */

/** A field value (and a checklist pattern's input) is read from at most its first 4,000 characters. */
export const VALUE_MAX_LENGTH = 4000;
/** A heading, the page title or a section title. */
export const HEADING_MAX_LENGTH = 1000;
/** Text cues look at the start of the page's words only. */
export const PAGE_TEXT_MAX_LENGTH = 10_000;
