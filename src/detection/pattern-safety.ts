import safeRegex from 'safe-regex2';

/**
 * Why a configured pattern is refused, or undefined when Handoff may run it. Patterns run on the
 * EHR's main thread over page text the page controls, so one that can backtrack exponentially
 * (`(\w+\s?)+:` takes seconds on one long word) would freeze the EHR. safe-regex2 refuses any
 * repeated part that holds another repetition (star height above one), the shape of every
 * exponential pattern; it also refuses some harmless nestings (`(?:\.\d+)?`), which can always
 * be written without the inner quantifier. Polynomial patterns it lets through are bounded by
 * the input lengths detection keeps (see detect-referral.ts).
 *
 * Only the background and the options page import this: the content script runs patterns the
 * background has already checked and never carries the checker.
 */
export function unsafePatternReason(source: string): 'invalid' | 'nested-quantifier' | undefined {
  try {
    new RegExp(source, 'iu');
  } catch {
    return 'invalid';
  }
  return safeRegex(source) ? undefined : 'nested-quantifier';
}
