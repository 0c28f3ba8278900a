// @vitest-environment jsdom
/**
 * The screen, score and list rules (src/detection/referral-rules.ts) on the smallest pages that
 * show each: what a cue reports when it fires, when reading stops, and what makes a page a list.
 */
import { describe, expect, it } from 'vitest';
import { EhrProfile } from '../../src/detection/ehr-profile';
import { PageReading } from '../../src/detection/page-reading';
import { listEvidence, screenAndScore } from '../../src/detection/referral-rules';

const profileWith = (detect: Record<string, unknown>, fields: Record<string, unknown> = {}) =>
  EhrProfile.parse({
    id: 'own',
    name: 'Own EHR',
    detect: { cues: [{ label: 'Refer to', weight: 1 }], threshold: 1, ...detect },
    fields: {
      patientName: [{ labels: ['Patient'] }],
      specialty: [{ labels: ['Specialty'] }],
      ...fields,
    },
  });

function reading(body: string, profile: EhrProfile, title = 'Chart'): PageReading {
  document.title = title;
  document.body.innerHTML = body;
  return new PageReading(document, [profile]);
}

const score = (body: string, detect: Record<string, unknown>, whole = false) => {
  const profile = profileWith(detect);
  return screenAndScore(profile, reading(body, profile), whole);
};

describe('what a cue reports when it fires', () => {
  const long = 'x'.repeat(80);
  it.each([
    [
      'a heading, its first 60 characters',
      `<h1>Referral ${long}</h1>`,
      { heading: '^referral' },
      `heading: Referral ${'x'.repeat(51)}`,
    ],
    ['a label', '<p><b>Refer to</b> Dr. Haddad</p>', { label: 'Refer to' }, 'label: Refer to'],
    [
      'a label and its value, the value’s first 60 characters',
      `<p>Refer to: Dr. ${long}</p>`,
      { label: 'Refer to', value: '^dr\\.' },
      `label: Refer to = Dr. ${'x'.repeat(56)}`,
    ],
    [
      'text, the match’s first 60 characters',
      `<p>Outgoing referral ${long}</p>`,
      { text: 'referral x+' },
      `text: referral ${'x'.repeat(51)}`,
    ],
    ['an element', '<form id="order"><p>x</p></form>', { selector: 'form#order' }, 'element: form#order'],
    [
      'an element saying a text, its first 40 characters',
      `<p class="t">Hidden</p><p class="t">Type: Referral ${long}</p>`,
      { selector: 'p.t', hasText: 'referral' },
      `element: p.t "Type: Referral ${'x'.repeat(25)}"`,
    ],
  ])('%s', (_what, body, cue, reported) => {
    expect(score(body, { cues: [{ ...cue, weight: 1 }], threshold: 1 })).toEqual({
      score: 1,
      threshold: 1,
      cues: [reported],
    });
  });

  it('a label whose value does not match in its first 4,000 characters, or has none, does not fire', () => {
    const detect = { cues: [{ label: 'Refer to', value: '^dr\\.', weight: 1 }], threshold: 1 };
    expect(score('<p><b>Refer to</b> Nurse Kim</p>', detect)).toMatchObject({ rule: 'score', score: 0 });
    expect(score('<p><b>Refer to</b></p>', detect)).toMatchObject({ rule: 'score', score: 0 });
    const late = { cues: [{ label: 'Refer to', value: 'end$', weight: 1 }], threshold: 1 };
    expect(score(`<p><b>Refer to</b> ${'x'.repeat(4000)} end</p>`, late)).toMatchObject({
      rule: 'score',
      score: 0,
    });
    expect(score('<p><b>Refer to</b> x end</p>', late)).toMatchObject({ score: 1 });
  });

  it('names the required elements first, and a cue against the referral as such', () => {
    expect(
      score('<form id="order"><p><b>Refer to</b> Dr. Haddad</p><p>Discharge summary</p></form>', {
        required: ['form#order'],
        cues: [
          { label: 'Refer to', weight: 2 },
          { text: 'discharge', weight: -1 },
          { selector: 'p', weight: 0 },
        ],
        threshold: 1,
      }),
    ).toEqual({
      score: 1,
      threshold: 1,
      cues: ['element: form#order', 'label: Refer to', 'against: text: Discharge', 'element: p'],
    });
  });
});

describe('when reading stops', () => {
  const detect = {
    cues: [
      { label: 'Missing', weight: 5 },
      { label: 'Refer to', weight: 1 },
    ],
    threshold: 5,
  };
  const body = '<p><b>Refer to</b> Dr. Haddad</p>';

  it('once the threshold is out of reach, the cues left are not read', () => {
    expect(score(body, detect)).toEqual({ rule: 'score', score: 0, threshold: 5, cues: [] });
  });

  it('the profile tester reads every cue', () => {
    expect(score(body, detect, true)).toEqual({
      rule: 'score',
      score: 1,
      threshold: 5,
      cues: ['label: Refer to'],
    });
  });

  it('a cue against the referral does not count as reachable score', () => {
    const against = {
      cues: [
        { text: 'discharge', weight: -3 },
        { label: 'Missing', weight: 1 },
        { label: 'Refer to', weight: 1 },
      ],
      threshold: 2,
    };
    expect(score(body, against)).toEqual({ rule: 'score', score: 0, threshold: 2, cues: [] });
  });
});

describe('what makes a page a list', () => {
  const cards = (n: number) =>
    Array.from({ length: n }, (_, i) => `<p><span>Refer to</span> Dr. ${i}</p>`).join('');
  const evidence = (body: string, fields?: Record<string, unknown>) => {
    const profile = profileWith({}, fields);
    return listEvidence(profile, reading(body, profile));
  };

  it('a cue label three times, outside history sections', () => {
    expect(evidence(cards(3))).toEqual({ rule: 'list-label', label: 'Refer to', count: 3 });
    expect(evidence(cards(2))).toBeUndefined();
  });

  it('not labels in a history section, nor in a log, but again after the history ends', () => {
    expect(evidence(`${cards(1)}<h2>History</h2>${cards(2)}<h2>Current</h2>${cards(1)}`)).toBeUndefined();
    expect(evidence(`${cards(1)}<h2>History</h2>${cards(2)}<h2>Current</h2>${cards(2)}`)).toEqual({
      rule: 'list-label',
      label: 'Refer to',
      count: 5,
    });
    expect(evidence(`${cards(2)}<div role="log">${cards(3)}</div>`)).toBeUndefined();
  });

  it('a label inside a section title sits in the section before that title', () => {
    const titled = '<h3><span>Refer to</span></h3>';
    expect(evidence(`${cards(2)}<h2>History</h2>${titled}`)).toBeUndefined();
    expect(evidence(`${cards(2)}<h2>Referral</h2>${titled}`)).toEqual({
      rule: 'list-label',
      label: 'Refer to',
      count: 3,
    });
  });

  it('a table whose header names two referral columns over three rows or more', () => {
    const table = (rows: number, head = ['Patient', 'Specialty']) =>
      `<table><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr>${'<tr><td>a</td><td>b</td></tr>'.repeat(rows)}</table>`;
    expect(evidence(table(3))).toEqual({ rule: 'list-columns', columns: ['patientName', 'specialty'] });
    expect(evidence(table(2))).toBeUndefined();
    expect(evidence(table(3, ['Patient', 'Notes']))).toBeUndefined();
    // Labels that are no column header, and two columns in two tables, make no list.
    expect(
      evidence(
        `<p>Patient: a</p><p>Specialty: b</p>${table(3, ['Patient', 'Notes'])}${table(3, ['Specialty', 'Notes'])}`,
      ),
    ).toBeUndefined();
    // A field read by selector names no column.
    expect(evidence(table(3), { patientName: [{ selector: '.patient' }] })).toBeUndefined();
  });
});
