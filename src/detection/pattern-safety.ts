import safeRegex from 'safe-regex2';
import { z } from '../zod';

/**
 * Why a configured pattern is refused, or undefined when Handoff may run it. Patterns run on the
 * EHR's main thread over page text the page controls, so one that can backtrack exponentially
 * (`(\w+\s?)+:` takes seconds on one long word) would freeze the EHR. safe-regex2 refuses any
 * repeated part that holds another repetition (star height above one), the shape of every
 * exponential pattern; it also refuses some harmless nestings (`(?:\.\d+)?`), which can always
 * be written without the inner quantifier. Polynomial patterns it lets through are bounded by
 * the input lengths detection keeps (see detect-referral.ts).
 *
 * The content script never imports this: it runs patterns the background has already checked.
 */
export function unsafePatternReason(source: string): 'invalid' | 'nested-quantifier' | undefined {
  try {
    new RegExp(source, 'iu');
  } catch {
    return 'invalid';
  }
  return safeRegex(source) ? undefined : 'nested-quantifier';
}

/**
 * A regular expression as configuration writes it: checked to compile with the flags Handoff
 * uses, and refused when it could backtrack exponentially on page text.
 */
export const Regex = z
  .string()
  .min(1)
  .max(300)
  .superRefine((source, context) => {
    const reason = unsafePatternReason(source);
    if (reason === 'invalid') context.addIssue({ code: 'custom', message: 'not a valid regular expression' });
    if (reason === 'nested-quantifier')
      context.addIssue({
        code: 'custom',
        message:
          'unsafe regular expression: a repeated part holds another quantifier (as in (\\w+\\s?)+), or the safety check cannot read it (lookbehind); such a pattern can freeze the EHR page, so rewrite it without the nesting',
      });
  });
