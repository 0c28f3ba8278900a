// @vitest-environment jsdom
/**
 * The rules that decide "one referral or not" (src/detection/referral-rules.ts): each verdict names
 * the rule that decided, and a single resource's history does not make its page a list.
 */
import { describe, expect, it } from 'vitest';
import { readDetectionSettings } from '../../src/content/detection-settings';
import { BUILTIN_PROFILES } from '../../src/detection/builtin-profiles';
import { detectReferral, judgeProfile, readFieldsAnyway } from '../../src/detection/detect-referral';
import { EhrProfile, type EhrProfileInput } from '../../src/detection/ehr-profile';

const URL = 'https://ehr.example.test/ServiceRequest/sr-88';

function page(body: string): Document {
  return new DOMParser().parseFromString(`<!doctype html><html><body>${body}</body></html>`, 'text/html');
}

const GENERIC = BUILTIN_PROFILES.find((profile) => profile.id === 'generic');
if (!GENERIC) throw new Error('generic profile missing');

/** One version of a referral as label/value pairs, as resource pages and their history show it. */
const version = (specialty: string, priority: string) => `<dl>
  <dt>Refer to</dt><dd>Dr. Amal Haddad, Lakeside Dermatology</dd>
  <dt>Specialty</dt><dd>${specialty}</dd>
  <dt>Priority</dt><dd>${priority}</dd>
  <dt>Reason for referral</dt><dd>Changing mole on the left shoulder.</dd>
</dl>`;

const WITH_HISTORY = page(`<h1>Referral</h1>
<section>${version('Dermatology', 'Urgent')}</section>
<section><h2>History</h2>
  <article><h3>Version 3</h3>${version('Dermatology', 'Urgent')}</article>
  <article><h3>Version 2</h3>${version('Dermatology', 'Routine')}</article>
  <article><h3>Version 1</h3>${version('General surgery', 'Routine')}</article>
</section>`);

const AUDIT_LOG = page(`<h1>Referral</h1>${version('Dermatology', 'Urgent')}
<div role="log">${version('Dermatology', 'Urgent')}${version('Dermatology', 'Routine')}${version('Dermatology', 'Routine')}</div>`);

const CARDS = page(`<h1>Referral worklist</h1>
<article>${version('Dermatology', 'Urgent')}</article>
<article>${version('Cardiology', 'Routine')}</article>
<article>${version('Neurology', 'Routine')}</article>`);

describe('the list rule', () => {
  it("does not count a single referral's own history as a list of referrals", () => {
    const detection = detectReferral(WITH_HISTORY, URL, BUILTIN_PROFILES);
    expect(detection?.profile.id).toBe('generic');
    // The current version is read, not a past one.
    expect(detection?.fields.priority).toBe('urgent');
    expect(detection?.fields.specialty).toBe('Dermatology');
  });

  it('does not count an audit log (role=log) as a list either', () => {
    expect(detectReferral(AUDIT_LOG, URL, BUILTIN_PROFILES)?.profile.id).toBe('generic');
  });

  it('still turns down a page of three referral cards, naming the label and its count', () => {
    expect(detectReferral(CARDS, URL, BUILTIN_PROFILES)).toBeNull();
    expect(judgeProfile(CARDS, URL, GENERIC)).toEqual({
      rejected: { rule: 'list-label', label: 'refer to', count: 3 },
    });
  });
});

describe('each verdict names its rule', () => {
  const profile = (input: Partial<EhrProfileInput['detect']> & { matches?: string[] } = {}) => {
    const { matches, ...detect } = input;
    return EhrProfile.parse({
      id: 'test',
      name: 'Test',
      ...(matches && { matches }),
      detect: { cues: [{ label: 'refer to', weight: 2 }], threshold: 2, ...detect },
      fields: { specialty: [{ labels: ['specialty'] }], patientName: [{ labels: ['patient'] }] },
    });
  };
  const single = page(`<h1>Referral</h1>${version('Dermatology', 'Urgent')}`);

  it('recognised: the score and threshold, and the referral content read', () => {
    const verdict = judgeProfile(single, URL, profile());
    expect('recognised' in verdict && verdict.recognised).toMatchObject({
      score: 2,
      cues: ['label: refer to'],
      judged: { threshold: 2, content: ['specialty'] },
    });
  });

  it.each([
    ['address', profile({ matches: ['https://other.example.test/*'] }), { rule: 'address' }],
    [
      'required heading',
      profile({ requiredHeading: 'service ?request' }),
      { rule: 'required-heading', pattern: 'service ?request' },
    ],
    ['required element', profile({ required: ['form#order'] }), { rule: 'required', selector: 'form#order' }],
    ['forbidden element', profile({ forbidden: ['dl'] }), { rule: 'forbidden', selector: 'dl' }],
    [
      'score',
      profile({
        cues: [
          { label: 'refer to', weight: 2 },
          { label: 'performer', weight: 1 },
        ],
        threshold: 4,
      }),
      { rule: 'score', score: 2, threshold: 4, cues: ['label: refer to'] },
    ],
  ])('rejected by the %s rule', (_rule, tested, rejected) => {
    expect(judgeProfile(single, URL, tested)).toEqual({ rejected });
  });

  it('rejected by the content rule when no specialty, provider, reason or diagnosis is read', () => {
    const tested = EhrProfile.parse({
      id: 'test',
      name: 'Test',
      detect: { cues: [{ label: 'refer to', weight: 2 }], threshold: 2 },
      fields: { patientName: [{ labels: ['patient'] }] },
    });
    expect(judgeProfile(single, URL, tested)).toEqual({ rejected: { rule: 'content' } });
  });
});

describe('cues see what the user sees', () => {
  const tested = (cue: Record<string, unknown>) =>
    EhrProfile.parse({
      id: 'test',
      name: 'Test',
      detect: { cues: [cue], threshold: 1 },
      fields: { reason: [{ labels: ['reason code'] }] },
    });
  const serviceRequest = (category: string, extra = '') =>
    page(`<h1>ServiceRequest</h1><dl><dt>Category</dt><dd>${category}</dd>
<dt>Reason code</dt><dd>Chest pain</dd></dl>${extra}`);

  it('a label-has-value cue: the field labelled Category has the value Referral', () => {
    const cue = { label: 'category', value: '^referral', weight: 1 };
    const verdict = judgeProfile(serviceRequest('Referral to cardiology'), URL, tested(cue));
    expect('recognised' in verdict && verdict.recognised.cues).toEqual([
      'label: category = Referral to cardiology',
    ]);
    expect(judgeProfile(serviceRequest('Laboratory procedure'), URL, tested(cue))).toMatchObject({
      rejected: { rule: 'score', score: 0 },
    });
  });

  it('a text cue never matches hidden text: collapsed raw JSON, a hidden tab, screen-reader text', () => {
    const cue = { text: '"category":\\s*"referral"', weight: 1 };
    const raw = '{"resourceType": "ServiceRequest", "category": "referral"}';
    for (const hidden of [
      `<details><summary>Raw JSON</summary><pre>${raw}</pre></details>`,
      `<section hidden><pre>${raw}</pre></section>`,
      `<pre style="display: none">${raw}</pre>`,
      `<span class="visually-hidden">${raw}</span>`,
    ])
      expect(judgeProfile(serviceRequest('Laboratory', hidden), URL, tested(cue)), hidden).toMatchObject({
        rejected: { rule: 'score', score: 0 },
      });
    const shown = judgeProfile(serviceRequest('Laboratory', `<pre>${raw}</pre>`), URL, tested(cue));
    expect('recognised' in shown).toBe(true);
  });

  it('a selector cue never matches a hidden element', () => {
    const cue = { selector: '.referral-badge', weight: 1 };
    const hidden = serviceRequest('Laboratory', '<span class="referral-badge" hidden>Referral</span>');
    expect(judgeProfile(hidden, URL, tested(cue))).toMatchObject({ rejected: { rule: 'score' } });
    const shown = serviceRequest('Laboratory', '<span class="referral-badge">Referral</span>');
    expect('recognised' in judgeProfile(shown, URL, tested(cue))).toBe(true);
  });

  it('a value without its label is refused', () => {
    expect(
      EhrProfile.safeParse({
        id: 'test',
        name: 'Test',
        detect: { cues: [{ text: 'referral', value: 'x', weight: 1 }] },
        fields: {},
      }).error?.issues.map((issue) => issue.message),
    ).toContain('a cue with a value names the label it belongs to');
  });
});

describe('label fallback for admin profiles', () => {
  const own = (labelFallback?: boolean) =>
    EhrProfile.parse({
      id: 'own',
      name: 'Own EHR',
      detect: { cues: [{ selector: '#why', weight: 1 }], threshold: 1 },
      fields: { reason: [{ selector: '#why' }] },
      ...(labelFallback !== undefined && { labelFallback }),
    });
  const screen = page(`<h1>Order</h1><p id="why">Knee pain on stairs.</p>
<dl><dt>Patient name</dt><dd>Ana Ruiz</dd><dt>Specialty</dt><dd>Orthopaedics</dd></dl>`);
  const stored = (profile: EhrProfile) => ({ get: async () => ({ configuredEhrProfiles: [profile] }) });

  it('reads only what the profile names unless it opts in', async () => {
    const [loaded] = (await readDetectionSettings(stored(own()))).profiles;
    const detection = loaded && detectReferral(screen, URL, [loaded]);
    expect(detection?.fields).toEqual({ reason: 'Knee pain on stairs.' });
  });

  it('with labelFallback, reads the other fields with the built-in label readers, its own first', async () => {
    const [loaded] = (await readDetectionSettings(stored(own(true)))).profiles;
    const detection = loaded && detectReferral(screen, URL, [loaded]);
    expect(detection?.fields).toEqual({
      reason: 'Knee pain on stairs.',
      patientName: 'Ana Ruiz',
      specialty: 'Orthopaedics',
    });
  });
});

describe('patterns with several groups', () => {
  const reading = (reader: Record<string, unknown>) =>
    EhrProfile.parse({
      id: 'own',
      name: 'Own EHR',
      detect: { cues: [{ label: 'specialty', weight: 1 }], threshold: 1 },
      fields: { specialty: [{ labels: ['specialty'] }], patientName: [reader] },
    });
  const screen = page(
    '<h1>Order</h1><dl><dt>Patient</dt><dd>OKAFOR, Margaret (MRN-4)</dd><dt>Specialty</dt><dd>Cardiology</dd></dl>',
  );

  it('keeps the groups asked for, in their order, joined by a space', () => {
    const profile = reading({ labels: ['patient'], pattern: '^(\\w+),\\s*(\\w+)', groups: [2, 1] });
    expect(detectReferral(screen, URL, [profile])?.fields.patientName).toBe('Margaret OKAFOR');
  });

  it('leaves out a group that took no part in the match, and reads nothing when the pattern does not match', () => {
    const optional = reading({ labels: ['patient'], pattern: '^(\\w+)(?:;(\\d))?', groups: [2, 1] });
    expect(detectReferral(screen, URL, [optional])?.fields.patientName).toBe('OKAFOR');
    const unmatched = reading({ labels: ['patient'], pattern: '^(\\d+) (\\d+)', groups: [1, 2] });
    const detection = detectReferral(screen, URL, [unmatched]);
    expect(detection?.fields).toEqual({ specialty: 'Cardiology' });
  });

  it('refuses groups without a pattern to take them from', () => {
    expect(
      EhrProfile.safeParse({
        id: 'own',
        name: 'Own EHR',
        detect: {},
        fields: { patientName: [{ labels: ['patient'], groups: [1] }] },
      }).error?.issues.map((issue) => issue.message),
    ).toContain('groups name groups of the pattern: give the pattern too');
  });
});

const TYPED = BUILTIN_PROFILES.find((profile) => profile.id === 'generic-typed-list');
if (!TYPED) throw new Error('typed list profile missing');

/** A table whose rows each say what they are, as orders tables and patient tabs show them. */
const table = (headers: string[], rows: string[][]) => `<table>
  <thead><tr>${headers.map((header) => `<th>${header}</th>`).join('')}</tr></thead>
  <tbody>${rows.map((cells) => `<tr>${cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>`).join('')}</tbody>
</table>`;

describe('typed lists: rows that say they are referrals', () => {
  it('an orders table reads only the rows its type column calls a referral', () => {
    const orders = page(
      `<h2>Orders</h2>${table(
        ['Order #', 'Category', 'Description', 'Priority'],
        [
          ['ORD-1', 'Laboratory', 'CBC', 'Routine'],
          ['ORD-2', 'Referral', 'Referral to neurology', 'Urgent'],
          ['ORD-3', 'Medication', 'Amoxicillin 500 mg', 'Routine'],
        ],
      )}`,
    );
    const detection = detectReferral(orders, URL, BUILTIN_PROFILES);
    expect(detection?.profile.id).toBe('generic-typed-list');
    expect(detection?.cues).toEqual(['element: th "Category"']);
    expect(detection?.rows?.map((row) => row.fields)).toEqual([
      { orderNumber: 'ORD-2', specialty: 'Neurology', priority: 'urgent' },
    ]);
  });

  it('an ARIA grid is read by a profile that asks for it; the built-in one looks at table headers only', () => {
    const grid = page(`<div role="grid">
      <div role="row"><span role="columnheader">Request type</span><span role="columnheader">Specialty</span></div>
      <div role="row"><span role="cell">Referral</span><span role="cell">Cardiology</span></div>
      <div role="row"><span role="cell">Imaging</span><span role="cell">Radiology</span></div>
    </div>`);
    // Finding role=columnheader means reading every element of every page: not for every page.
    expect(detectReferral(grid, URL, BUILTIN_PROFILES)).toBeNull();
    const gridProfile = EhrProfile.parse({
      id: 'grid-orders',
      name: 'Grid orders',
      detect: { cues: [{ selector: '[role=columnheader]', hasText: '^Request type$', weight: 1 }] },
      list: { typed: true },
      fields: { specialty: [{ column: 'Specialty' }] },
    });
    const detection = detectReferral(grid, URL, [gridProfile]);
    expect(detection?.rows?.map((row) => row.fields)).toEqual([{ specialty: 'Cardiology' }]);
  });

  it('looks past a typed table with no referral row to the one that has them', () => {
    const chart = page(
      `${table(
        ['Date', 'Type', 'Clinician'],
        [
          ['2026-11-01', 'Office visit', 'Dr. Lee'],
          ['2026-10-02', 'Telephone', 'Dr. Lee'],
        ],
      )}${table(['Order #', 'Order type', 'Order'], [['ORD-7', 'Referral order', 'Referral to urology']])}`,
    );
    expect(detectReferral(chart, URL, BUILTIN_PROFILES)?.rows?.map((row) => row.fields)).toEqual([
      { orderNumber: 'ORD-7', specialty: 'Urology' },
    ]);
  });

  it('a column about the referral itself makes every row one; cancelled rows are left out', () => {
    const tab = page(
      table(
        ['Referral date', 'Specialty', 'Status'],
        [
          ['2026-11-02', 'Cardiology', 'Pending'],
          ['2026-11-03', 'Dermatology', 'Cancelled'],
          ['2026-11-04', 'Neurology', 'Entered in error'],
        ],
      ),
    );
    const detection = detectReferral(tab, URL, BUILTIN_PROFILES);
    expect(detection?.rows?.map((row) => row.fields)).toEqual([
      { authoredOn: '2026-11-02', specialty: 'Cardiology' },
    ]);
  });

  it('a typed table with no referral row is no referral, and names the list rule', () => {
    const orders = page(
      table(
        ['Order type', 'Order', 'Specialty'],
        [
          ['Test order', 'Lipid panel', 'Pathology'],
          ['Drug order', 'Atorvastatin 20 mg', 'Cardiology'],
        ],
      ),
    );
    expect(detectReferral(orders, URL, BUILTIN_PROFILES)).toBeNull();
    expect(judgeProfile(orders, URL, TYPED)).toEqual({ rejected: { rule: 'list-rows', rows: 2 } });
  });

  it('is never a single referral: a page without such a table is turned down before any label is read', () => {
    const single = page(
      `<h2>Visit</h2>${table(['Type', 'Note'], [])}<dl><dt>Specialty</dt><dd>Cardiology</dd></dl>`,
    );
    expect(judgeProfile(single, URL, TYPED)).toEqual({ rejected: { rule: 'list-missing' } });
    const none = page('<h2>Visit</h2><dl><dt>Specialty</dt><dd>Cardiology</dd></dl>');
    expect(judgeProfile(none, URL, TYPED)).toMatchObject({ rejected: { rule: 'score' } });
  });

  it('a row header ("Referral date" beside its value) heads no column: one referral stays one', () => {
    const form = page(`<h1>Referral</h1><table>
      <tr><th>Referral date</th><td>2026-11-20</td></tr>
      <tr><th>Refer to</th><td>Dr. Amal Haddad, Lakeside Dermatology</td></tr>
      <tr><th>Specialty</th><td>Dermatology</td></tr>
    </table>`);
    expect(judgeProfile(form, URL, TYPED)).toEqual({ rejected: { rule: 'list-missing' } });
    const detection = detectReferral(form, URL, BUILTIN_PROFILES);
    expect(detection?.profile.id).toBe('generic');
    expect(detection?.fields.specialty).toBe('Dermatology');
  });

  it('"Referred to" alone is a worklist column, not a type: such worklists keep the generic list rule', () => {
    const worklist = page(
      `<h1>Referrals</h1>${table(
        ['Patient', 'Referred to', 'Specialty'],
        [
          ['Ana Ruiz', 'Dr. Lee', 'Cardiology'],
          ['Ben Ode', 'Dr. Kim', 'Neurology'],
          ['Cy Tran', 'Dr. Roe', 'Dermatology'],
        ],
      )}`,
    );
    expect(judgeProfile(worklist, URL, TYPED)).toMatchObject({ rejected: { rule: 'score' } });
  });

  it('a profile asks for a typed list with `typed`, and cannot name rows or columns beside it', () => {
    const base = {
      id: 'typed',
      name: 'Typed',
      detect: {},
      fields: { specialty: [{ labels: ['specialty'] }] },
    };
    expect(EhrProfile.safeParse({ ...base, list: { typed: true } }).success).toBe(true);
    expect(EhrProfile.safeParse({ ...base, list: { typed: true, columns: ['Type'] } }).success).toBe(false);
    expect(EhrProfile.safeParse({ ...base, list: { typed: 'yes' } }).success).toBe(false);
  });
});

describe('a heading that is only referral wording', () => {
  it('recognises a card titled ReferralRequest by its title and what it reads', () => {
    const card = page(`<h2>Requests</h2><h3>ReferralRequest</h3>
      <div><span>Type</span> <span>Referral to rheumatology service</span></div>`);
    const detection = detectReferral(card, URL, BUILTIN_PROFILES);
    expect(detection?.profile.id).toBe('generic');
    expect(detection?.cues).toEqual(['heading: ReferralRequest']);
    expect(detection?.fields.specialty).toBe('Rheumatology');
  });

  it('"Referral to" under a general label is read as the specialty only when it says so', () => {
    const card = page(`<h3>ReferralRequest</h3><dl><dt>Type</dt><dd>Outpatient visit</dd></dl>`);
    expect(detectReferral(card, URL, BUILTIN_PROFILES)).toBeNull();
    expect(judgeProfile(card, URL, GENERIC)).toEqual({ rejected: { rule: 'content' } });
  });
});

describe("what a field's readers yield", () => {
  const tested = (fields: EhrProfileInput['fields']) =>
    EhrProfile.parse({
      id: 'test',
      name: 'Test',
      detect: { cues: [{ label: 'refer to', weight: 2 }], threshold: 2 },
      fields: { reason: [{ labels: ['reason for referral'] }], ...fields },
    });
  const read = (body: string, fields: EhrProfileInput['fields']) => {
    const verdict = judgeProfile(page(`<h1>Referral</h1>${body}`), URL, tested(fields));
    if (!('recognised' in verdict)) throw new Error(`not recognised: ${JSON.stringify(verdict)}`);
    return verdict.recognised;
  };

  it('a selector or a form field the page lacks falls through to the labels', () => {
    const detection = read(version('Dermatology', 'Urgent'), {
      specialty: [{ selector: '#no-such-field', labels: ['specialty'] }],
      receivingProvider: [{ inputName: 'no-such-input', labels: ['refer to'] }],
    });
    expect(detection.fields).toMatchObject({
      specialty: 'Dermatology',
      receivingProvider: 'Dr. Amal Haddad, Lakeside Dermatology',
    });
  });

  it('a value longer than the queue takes is shown to check, bounded; one at the limit is read', () => {
    const long = `Interventional${'  cardiology'.repeat(60)}`;
    const detection = read(version(long, 'Urgent'), { specialty: [{ labels: ['specialty'] }] });
    expect(detection.fields.specialty).toBeUndefined();
    expect(detection.toCheck.specialty).toEqual({
      raw: long.replace(/\s+/g, ' ').slice(0, 300),
      why: 'too-long',
    });
    const atLimit = `C${'a'.repeat(499)}`;
    const fits = read(version(atLimit, 'Urgent'), { specialty: [{ labels: ['specialty'] }] });
    expect(fits.fields.specialty).toBe(atLimit);
  });

  it.each(['Required · not on file', 'Required·not on file', 'N/A·Required', 'pending'])(
    'a page that says there is no value (%s) leaves nothing to check',
    (shown) => {
      const detection = read(
        `${version('Dermatology', 'Urgent')}<dl><dt>Date of birth</dt><dd>${shown}</dd></dl>`,
        {
          dateOfBirth: [{ labels: ['date of birth'] }],
        },
      );
      expect(detection.fields.dateOfBirth).toBeUndefined();
      expect(detection.toCheck.dateOfBirth).toBeUndefined();
    },
  );

  it('a value no reader can read is kept to check, with why', () => {
    const detection = read(
      `${version('Dermatology', 'Urgent')}<dl><dt>Date of birth</dt><dd>Required · 31 Febtember</dd></dl>`,
      {
        dateOfBirth: [{ labels: ['date of birth'] }],
      },
    );
    expect(detection.toCheck.dateOfBirth).toEqual({
      raw: 'Required · 31 Febtember',
      why: expect.any(String),
    });
    expect(detection.toCheck.dateOfBirth?.why).not.toBe('');
  });

  it('a value to check written over two lines is shown on one', () => {
    const detection = read(
      `${version('Dermatology', 'Urgent')}<dl><dt>Date of birth</dt><dd><div>Required</div><div>31 Febtember</div></dd></dl>`,
      { dateOfBirth: [{ labels: ['date of birth'] }] },
    );
    expect(detection.toCheck.dateOfBirth?.raw).toBe('Required 31 Febtember');
  });

  it('a reader that names no selector or form field never reads a stray <undefined> element or a field named "undefined"', () => {
    const detection = read(
      `<undefined>Oncology</undefined><input name="undefined" value="Dr. Nobody">${version('Dermatology', 'Urgent')}`,
      { specialty: [{ labels: ['specialty'] }], receivingProvider: [{ labels: ['refer to'] }] },
    );
    expect(detection.fields).toMatchObject({
      specialty: 'Dermatology',
      receivingProvider: 'Dr. Amal Haddad, Lakeside Dermatology',
    });
  });

  it('a label asked for under a section skips the same label outside any section, and the page is still read', () => {
    const screen = page(`<dl><dt>Phone</dt><dd>555-0100</dd></dl>
<h2>Referred to</h2><dl><dt>Refer to</dt><dd>Dr. Amal Haddad</dd><dt>Phone</dt><dd>(555) 555-0199</dd></dl>
<dl><dt>Reason for referral</dt><dd>Changing mole.</dd></dl>`);
    const verdict = judgeProfile(
      screen,
      URL,
      tested({ receivingPhone: [{ labels: ['phone'], section: 'referred to', normalise: 'text' }] }),
    );
    expect('recognised' in verdict && verdict.recognised.fields.receivingPhone).toBe('(555) 555-0199');
  });

  it('a pattern looks only at the first 4,000 characters of a value, combined parts included', () => {
    const notes = `${'x '.repeat(2100)}Specialty: Cardiology`;
    const detection = read(`${version('Dermatology', 'Urgent')}<dl><dt>Notes</dt><dd>${notes}</dd></dl>`, {
      specialty: [{ labels: ['notes'], pattern: 'Specialty: (\\w+)' }],
      receivingOrganization: [
        { combine: [{ labels: ['notes'], pattern: 'Specialty: (\\w+)' }, { labels: ['no such label'] }] },
      ],
    });
    expect(detection.fields.specialty).toBeUndefined();
    expect(detection.fields.receivingOrganization).toBeUndefined();
    // Two long parts combined are read up to the bound, not refused as too long.
    const long = `Knee pain ${'on stairs '.repeat(300)}`.trim();
    const both = read(
      `${version('Dermatology', 'Urgent')}<dl><dt>History</dt><dd>${long}</dd><dt>Plan</dt><dd>${long}</dd></dl>`,
      { reason: [{ combine: [{ labels: ['history'] }, { labels: ['plan'] }] }] },
    );
    expect(both.fields.reason).toBe(`${long} ${long}`.slice(0, 4000).trim());
  });

  it('a part whose pattern does not match is left out of the combined value', () => {
    const detection = read(
      `${version('Dermatology', 'Urgent')}<dl><dt>First name</dt><dd>Kofi</dd><dt>Last name</dt><dd>Osei</dd></dl>`,
      {
        patientName: [
          { combine: [{ labels: ['first name'], pattern: '^(\\d+)$' }, { labels: ['last name'] }] },
        ],
      },
    );
    expect(detection.fields.patientName).toBe('Osei');
  });
});

describe('what the admin testing a profile sees', () => {
  const turnedDown = EhrProfile.parse({
    id: 'test',
    name: 'Test',
    matches: ['https://ehr.example.test/*'],
    detect: { cues: [{ label: 'no such label', weight: 1 }], threshold: 1 },
    fields: { specialty: [{ labels: ['specialty'] }], dateOfBirth: [{ labels: ['date of birth'] }] },
  });
  const screen = (dateOfBirth: string) =>
    page(`<dl><dt>Specialty</dt><dd>Dermatology</dd><dt>Date of birth</dt><dd>${dateOfBirth}</dd></dl>`);

  it('a page the profile turns down still shows what it reads, and what it would ask to check', () => {
    expect(readFieldsAnyway(screen('1961-04-18'), URL, [turnedDown], { phoneCountry: 'GB' })).toEqual({
      fields: { specialty: 'Dermatology', dateOfBirth: '1961-04-18' },
      toCheck: {},
      phoneCountry: 'GB',
    });
    const onlyToCheck = page('<dl><dt>Date of birth</dt><dd>31 Febtember</dd></dl>');
    expect(readFieldsAnyway(onlyToCheck, URL, [turnedDown])).toMatchObject({
      fields: {},
      toCheck: { dateOfBirth: { raw: '31 Febtember' } },
    });
  });

  it('reads with the first profile for the address that reads anything, and nothing for another address', () => {
    const elsewhere = EhrProfile.parse({ ...turnedDown, id: 'elsewhere', matches: ['https://other.test/*'] });
    const readsNothing = EhrProfile.parse({
      ...turnedDown,
      id: 'nothing',
      fields: { reason: [{ labels: ['reason'] }] },
    });
    expect(readFieldsAnyway(screen('1961-04-18'), URL, [elsewhere, readsNothing, turnedDown]).fields).toEqual(
      { specialty: 'Dermatology', dateOfBirth: '1961-04-18' },
    );
    expect(readFieldsAnyway(screen('1961-04-18'), URL, [elsewhere], { phoneCountry: 'US' })).toEqual({
      fields: {},
      toCheck: {},
      phoneCountry: 'US',
    });
  });

  it('a profile the page breaks is passed over for the next', () => {
    // A selector this page's engine chokes on (a profile from an older schema, read unchecked).
    const choking = {
      ...turnedDown,
      id: 'choking',
      fields: { specialty: [{ selector: '[[x' }] },
    } as EhrProfile;
    expect(readFieldsAnyway(screen('1961-04-18'), URL, [choking, turnedDown]).fields.specialty).toBe(
      'Dermatology',
    );
  });

  it('a page that breaks the profile is an error, never a throw', () => {
    const broken = new Proxy(screen('1961-04-18'), {
      get(target, key) {
        if (key === 'querySelector' || key === 'querySelectorAll') throw new Error('choked');
        const value = Reflect.get(target, key);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    expect(judgeProfile(broken, URL, GENERIC)).toEqual({ rejected: { rule: 'error' } });
  });
});

describe('a single-page EHR that swaps one screen for another', () => {
  // The values sit in elements named by `aria-labelledby`: the next screen has as many of them.
  const screen = (patient: string, specialty: string) => `<h1>Referral</h1>
    <div><span id="patient-label">Patient</span><div aria-labelledby="patient-label">${patient}</div></div>
    <div><span id="refer-label">Refer to</span><div aria-labelledby="refer-label">Dr. Amal Haddad</div></div>
    <div><span id="specialty-label">Specialty</span><div aria-labelledby="specialty-label">${specialty}</div></div>`;

  it('reads the patient on screen now, never the one the last screen showed', () => {
    document.body.innerHTML = screen('Avery Quinlan', 'Cardiology');
    expect(detectReferral(document, URL, BUILTIN_PROFILES)?.fields).toMatchObject({
      patientName: 'Avery Quinlan',
      specialty: 'Cardiology',
    });
    document.body.innerHTML = screen('Blake Ramirez', 'Dermatology');
    expect(detectReferral(document, URL, BUILTIN_PROFILES)?.fields).toMatchObject({
      patientName: 'Blake Ramirez',
      specialty: 'Dermatology',
    });
  });
});
