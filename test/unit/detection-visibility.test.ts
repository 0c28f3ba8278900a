// @vitest-environment jsdom
/**
 * Detection reads only what the user can see. Hidden tabs and collapsed raw data are left out
 * whole, without looking at each label inside them, which is what keeps a heavy chart cheap.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILTIN_PROFILES } from '../../src/detection/builtin-profiles';
import { detectReferral } from '../../src/detection/detect-referral';
import { normaliseLabel, WantedLabels } from '../../src/detection/label-keys';

const URL = 'https://ehr.example.test/chart';

function detectOn(body: string) {
  document.documentElement.innerHTML = `<head><title>Chart</title></head><body>${body}</body>`;
  return detectReferral(document, URL, BUILTIN_PROFILES);
}

const rows = (pairs: [string, string][]) =>
  `<table><tbody>${pairs.map(([label, value]) => `<tr><td>${label}</td><td>${value}</td></tr>`).join('')}</tbody></table>`;

const VISIBLE_REFERRAL = `<section><h2>Referral</h2>${rows([
  ['Refer To', 'Dr. Jordan Example'],
  ['Specialty', 'Cardiology'],
  ['Priority', 'Urgent'],
])}</section>`;

describe('what the user cannot see', () => {
  it('ignores labels inside a block hidden by its attribute, however deep', () => {
    const detection = detectOn(
      `<div hidden><div><section><h2>Referral</h2>${rows([
        ['Refer To', 'Dr. Hidden Draft'],
        ['Specialty', 'Dermatology'],
        ['Reason for Referral', 'A draft nobody can see'],
      ])}</section></div></div>${VISIBLE_REFERRAL}`,
    );
    expect(detection?.fields).toEqual({
      receivingProvider: 'Dr. Jordan Example',
      specialty: 'Cardiology',
      priority: 'urgent',
    });
  });

  it('finds no referral when its only labels are in a hidden tab', () => {
    expect(detectOn(`<h1>Referral</h1><div role="tabpanel" hidden>${VISIBLE_REFERRAL}</div>`)).toBeNull();
  });

  it('ignores "Label: value" text in collapsed raw data, but reads the summary', () => {
    const detection = detectOn(
      `${VISIBLE_REFERRAL}<details><summary>Reason for Referral: palpitations</summary><pre>Diagnosis: Z99.9</pre><p>MRN: RAW-1</p></details>`,
    );
    expect(detection?.fields.reason).toBe('palpitations');
    expect(detection?.fields.diagnosisCodes).toBeUndefined();
    expect(detection?.fields.mrn).toBeUndefined();
  });

  it('reads the raw data once the user opens it', () => {
    const detection = detectOn(
      `${VISIBLE_REFERRAL}<details open><summary>Raw</summary><p>Diagnosis: I10</p></details>`,
    );
    expect(detection?.fields.diagnosisCodes).toBe('I10');
  });

  it('does not let a hidden section title claim the labels after it', () => {
    // The receiving office's phone sits under "Referred to" on screen; the hidden tab between
    // them names another section the user cannot see.
    const detection = detectOn(
      `${VISIBLE_REFERRAL}<h3>Referred to</h3><div hidden><h3>Patient contact</h3></div>${rows([['Phone', '217-555-0120']])}`,
    );
    expect(detection?.fields.receivingPhone).toBe('217-555-0120');
  });
});

describe('the labels profiles want', () => {
  /** Texts a page might show for a label: other case, marks, separators and spaces around it. */
  const shown = fc
    .tuple(
      fc.string({ unit: fc.constantFrom(...'aAbBİKıßΣσ:*·|•-–, \t\n\r\u00a0\v'), maxLength: 8 }),
      fc.string({ maxLength: 12 }),
      fc.string({ unit: fc.constantFrom(...': *\t\n\u00a0'), maxLength: 4 }),
    )
    .map(([before, label, after]) => before + label + after);

  it('never rules out a text that normalises to a wanted label', () => {
    fc.assert(
      fc.property(fc.array(shown, { maxLength: 6 }), shown, (labels, text) => {
        const wanted = new WantedLabels([...labels, text.toUpperCase(), text.trim().toLowerCase()]);
        const trimmed = text.trim();
        if (wanted.has(normaliseLabel(trimmed))) {
          expect(wanted.mayInclude(trimmed, 0, trimmed.length)).toBe(true);
        }
        for (const label of labels) {
          const key = normaliseLabel(label);
          if (wanted.has(key)) expect(wanted.mayInclude(label, 0, label.length)).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('never rules out a piece of a longer text that normalises to a wanted label', () => {
    fc.assert(
      fc.property(shown, shown, shown, (before, label, after) => {
        const wanted = new WantedLabels([label]);
        const text = before + label + after;
        const [from, to] = [before.length, before.length + label.length];
        if (wanted.has(normaliseLabel(text.slice(from, to))))
          expect(wanted.mayInclude(text, from, to)).toBe(true);
      }),
      { numRuns: 2000 },
    );
    // A label that is nothing but marks is wanted as the empty label; the marks just before the
    // piece are not part of it.
    expect(new WantedLabels([':']).mayInclude(' ::', 1, 3)).toBe(true);
  });

  it('rules out short texts whose ends no label has', () => {
    const wanted = new WantedLabels(['Refer To', 'Specialty']);
    expect(wanted.mayInclude('2026-11-20', 0, 10)).toBe(false);
    expect(wanted.mayInclude('Final', 0, 5)).toBe(false);
    expect(wanted.mayInclude('· REFER TO: *', 0, 13)).toBe(true);
    // The first and last printable ASCII characters are compared too.
    expect(wanted.mayInclude('!o', 0, 2)).toBe(false);
    expect(wanted.mayInclude('r~', 0, 2)).toBe(false);
    expect(new WantedLabels(['!x~']).mayInclude('!X~', 0, 3)).toBe(true);
  });

  it.each([
    ['· Order #:', 'order #'],
    ['Refer To: *', 'refer to'],
    ['  Referral   Date  ', 'referral date'],
    ['Referral\tDate', 'referral date'],
    ['REFERRAL\r\nDATE', 'referral date'],
    ['— Dx', 'dx'],
    [':*', ''],
  ])('%j is compared as %j', (text, key) => {
    expect(normaliseLabel(text)).toBe(key);
  });
});
