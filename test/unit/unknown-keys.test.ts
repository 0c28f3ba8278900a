/**
 * The message an admin reads for a key Handoff does not know: the key, cut to a readable length,
 * and the known key meant when one is at most two edits away (the earlier in the list on a tie).
 */
import { describe, expect, it } from 'vitest';
import { unknownKeys } from '../../src/detection/unknown-keys';

const message = (...keys: string[]) => unknownKeys({ code: 'unrecognized_keys', keys });

describe('unknown keys in a profile', () => {
  it.each([
    ['requireHeading', 'unknown key "requireHeading" (did you mean "requiredHeading"?)'],
    ['Threshhold', 'unknown key "Threshhold" (did you mean "threshold"?)'],
    // One edit from both "columns" and "column": the first in the list wins.
    ['colums', 'unknown key "colums" (did you mean "columns"?)'],
    // Two edits is still a typo; three is another word.
    ['lab', 'unknown key "lab" (did you mean "label"?)'],
    ['idxyz', 'unknown key "idxyz"'],
    // The end of "matches", not "matches": what a key misses at its start counts too.
    ['ches', 'unknown key "ches" (did you mean "cues"?)'],
    ['colour', 'unknown key "colour"'],
  ])('%s', (key, expected) => {
    expect(message(key)).toBe(expected);
  });

  it('names every unknown key, in order', () => {
    expect(message('colums', 'wieght')).toBe(
      'unknown key "colums" (did you mean "columns"?); unknown key "wieght" (did you mean "weight"?)',
    );
  });

  it('cuts a long key to 40 characters', () => {
    expect(message(`${'x'.repeat(40)}${'y'.repeat(200)}`)).toBe(`unknown key "${'x'.repeat(40)}"`);
  });

  it('answers only for unknown keys', () => {
    expect(unknownKeys({ code: 'invalid_type' })).toBeUndefined();
    expect(unknownKeys({ code: 'unrecognized_keys' })).toBe('');
  });
});
