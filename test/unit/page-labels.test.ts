// @vitest-environment jsdom
/**
 * The labels a page shows and the values they pair with (src/detection/page-labels.ts), read in
 * one walk: what counts as a label, what the walk leaves out, section titles, the page's text,
 * "Label: value" text, and which pairing answers for a label.
 */
import { describe, expect, it } from 'vitest';
import { WantedLabels } from '../../src/detection/label-keys';
import { PageLabels } from '../../src/detection/page-labels';

const WANTED = ['Refer to', 'Specialty', 'Phone', 'Order #', 'Signed by', 'Priority', 'Documents'];

function labelsOf(body: string, wanted = WANTED): PageLabels {
  const page = new DOMParser().parseFromString(
    `<!doctype html><html><body>${body}</body></html>`,
    'text/html',
  );
  return new PageLabels(page.body, new WantedLabels(wanted));
}

const found = (body: string, label = 'Refer to') =>
  labelsOf(body)
    .find(label)
    .map((element) => element.id);
const value = (body: string, labels = ['Refer to'], all = false) =>
  labelsOf(body).valueFor(labels, undefined, all)?.value;

describe('what counts as a label', () => {
  it.each([
    [
      'a short text wanted, whatever its case and marks',
      '<p><span id="a">REFER TO: *</span> Dr. A</p>',
      ['a'],
    ],
    ['not a text nobody asked for', '<p><span id="a">Referred by</span> Dr. A</p>', []],
    [
      'not in navigation, a menu or tabs',
      '<nav><a id="a">Refer to</a></nav><div role="tablist"><span id="b">Refer to</span></div>',
      [],
    ],
    [
      'not hidden from assistive technology',
      '<div aria-hidden="true"><span id="a">Refer to</span></div>',
      [],
    ],
    ['not in a hidden block', '<div hidden><span id="a">Refer to</span></div>', []],
    [
      'not in a script, a style or a textarea',
      '<script>"Refer to"</script><textarea>Refer to</textarea>',
      [],
    ],
    [
      'not in a closed <details>, but in its summary',
      '<details><summary><b id="s">Refer to</b></summary><p id="a">Refer to</p></details>',
      ['s'],
    ],
    [
      'not after the summary’s own elements in a closed <details>',
      '<details><summary><b>Raw</b> data</summary><p><span id="a">Refer to</span></p></details>',
      [],
    ],
    [
      'again after a closed <details> ends',
      '<details><p id="a">Refer to</p></details><div><p id="b">Refer to</p></div>',
      ['b'],
    ],
    ['in an open <details>', '<details open><summary>Raw</summary><p id="a">Refer to</p></details>', ['a']],
    ['not "Label: value" text, which pairs in place', '<p id="a">Refer to: Dr. A</p>', []],
  ])('%s', (_what, body, ids) => {
    expect(found(body)).toEqual(ids);
  });

  it('not a text longer than 60 characters; 60 is a label', () => {
    const long = `Refer to ${'x'.repeat(51)}`;
    expect(labelsOf(`<p id="a">${long}</p>`, [long]).find(long)).toHaveLength(1);
    expect(labelsOf(`<p id="a">${long}x</p>`, [`${long}x`]).find(`${long}x`)).toHaveLength(0);
  });

  it('not text inside <noscript> after its own elements', () => {
    expect(found('<noscript><p>x</p><span>y</span>Refer to</noscript><p id="b">Refer to</p>')).toEqual(['b']);
  });
});

describe('"Label: value" text', () => {
  it.each([
    ['one pair', '<p>Order #: 123</p>', ['Order #'], '123'],
    ['pairs between separators', '<p>Order #: 123 · Signed by: Dr. Park</p>', ['Signed by'], 'Dr. Park'],
    ['not a label nobody asked for', '<p>Reviewed by: Dr. Park</p>', ['Signed by'], undefined],
    [
      'not a pair with nothing after the colon',
      '<p>Order #: · Signed by: Dr. Park</p><p>Order #: 123</p>',
      ['Order #'],
      '123',
    ],
    ['not a colon opening the text', '<p>: Order #: 123</p>', ['Order #'], undefined],
    [
      'the start of a long text',
      `<p>Order #: 123 ${'word '.repeat(70)}</p>`,
      ['Order #'],
      `123 ${'word '.repeat(69)}word`,
    ],
    [
      'not a colon far into a long text',
      `<p>${'x'.repeat(81)} Order #: 123 ${'word '.repeat(60)}</p>`,
      ['Order #'],
      undefined,
    ],
  ])('%s', (_what, body, labels, expected) => {
    expect(value(body, labels)).toBe(expected);
  });

  it('not a label part longer than 60 characters', () => {
    const label = `Order ${'x'.repeat(54)}`;
    expect(labelsOf(`<p>${label}: 123</p>`, [label]).valueFor([label])?.value).toBe('123');
    expect(labelsOf(`<p>${label}x: 123</p>`, [`${label}x`]).valueFor([`${label}x`])).toBeUndefined();
  });

  it('reads a text over 300 characters as prose: only a "Label:" within its first 80 characters', () => {
    // Indented source: the colon is 82 characters into the text node, 7 once trimmed.
    const text = (length: number) => `${' '.repeat(75)}Order #: ${'y'.repeat(length - 84)}`;
    expect(value(`<p>${text(300)}</p>`, ['Order #'])).toBe('y'.repeat(216));
    expect(value(`<p>${text(301)}</p>`, ['Order #'])).toBeUndefined();
  });
});

describe('which pairing answers for a label', () => {
  it('the first pairing of the first label that has one', () => {
    expect(value('<p><b>Phone</b> 555-0100</p><p><b>Phone</b> 555-0199</p>', ['Phone'])).toBe('555-0100');
    expect(value('<p><b>Phone</b> 555-0100</p><p><b>Refer to</b> Dr. A</p>', ['Refer to', 'Phone'])).toBe(
      'Dr. A',
    );
  });

  it('an empty definite pairing answers for its label: the next label is asked, not the next "Phone"', () => {
    const page = '<dl><dt>Phone</dt><dd></dd></dl><p><b>Phone</b> 555-0199</p><p><b>Refer to</b> Dr. A</p>';
    expect(value(page, ['Phone'])).toBeUndefined();
    expect(value(page, ['Phone', 'Refer to'])).toBe('Dr. A');
  });

  it('a whole section under a label is no value', () => {
    expect(value('<p><b>Refer to</b> Specialist: Dr. A Facility: Lakeside</p>')).toBeUndefined();
    expect(value('<p><b>Refer to</b> Dr. A, Facility: Lakeside</p>')).toBe('Dr. A, Facility: Lakeside');
    expect(value('<p><b>Refer to</b> Dr. A Facility: Lakeside Phone: 555</p>')).toBeUndefined();
  });

  it('with `all`, every pairing of the first label with any, empty ones skipped', () => {
    const page =
      '<dl><dt>Documents</dt><dd></dd></dl><p><b>Documents</b> ECG</p><p><b>Documents</b> Echo</p>';
    expect(value(page, ['Documents'], true)).toBe('ECG\nEcho');
  });

  it('only labels the caller accepts', () => {
    const labels = labelsOf('<p><b id="a">Phone</b> 555-0100</p><p><b id="b">Phone</b> 555-0199</p>');
    expect(labels.valueFor(['Phone'], (label) => label.id === 'b')).toMatchObject({ value: '555-0199' });
    expect(labels.valueFor(['Phone'], () => false)).toBeUndefined();
  });

  it('a legend or caption names a group of fields, unless the group is one set of choices or one list', () => {
    expect(value('<fieldset><legend>Refer to</legend><input value="Dr. A"></fieldset>')).toBeUndefined();
    expect(value('<table><caption>Refer to</caption><tr><td>Dr. A</td></tr></table>')).toBeUndefined();
    expect(
      value(
        '<fieldset><legend>Priority</legend><input type="radio" name="p" aria-label="Urgent" checked></fieldset>',
        ['Priority'],
      ),
    ).toBe('Urgent');
    expect(
      value('<fieldset><legend>Documents</legend><ul><li>ECG</li><li>Echo</li></ul></fieldset>', [
        'Documents',
      ]),
    ).toBe('ECG\nEcho');
  });

  it('a label sharing its element with text pairs with what follows it there', () => {
    expect(value('<p>Refer to <span>Dr. A</span></p>')).toBe('Dr. A');
  });
});

describe('section titles', () => {
  it.each([
    ['<h3>Referred to</h3>', ['Referred to']],
    ['<caption>Orders</caption>', []],
    ['<table><caption>Orders</caption></table>', ['Orders']],
    ['<fieldset><legend>Insurance</legend></fieldset>', ['Insurance']],
    ['<div role="heading">Referred to</div>', ['Referred to']],
    ['<b>REFERRED TO</b>', ['REFERRED TO']],
    ['<strong>RE</strong><strong>ABC</strong>', ['ABC']],
    ['<b>Referred to</b>', []],
    ['<b>1234</b>', []],
    [`<b>${'A'.repeat(40)}</b><b>${'B'.repeat(41)}</b>`, ['A'.repeat(40)]],
    ['<span>REFERRED TO</span>', []],
    ['<h2> </h2>', []],
    [
      '<details><summary><b>RAW</b> data</summary><h3>Hidden title</h3></details><h3>Shown</h3>',
      ['RAW', 'Shown'],
    ],
  ])('%s', (body, titles) => {
    expect(labelsOf(body).sections.map(({ text }) => text)).toEqual(titles);
  });
});

describe('the page’s text', () => {
  it('is the words the user sees, one space between texts', () => {
    const labels = labelsOf(
      `<dl><dt>Category</dt><dd>Lab</dd></dl><script>var x</script><span class="sr-only">help</span>
       <details><summary>Raw</summary><p>hidden data</p></details><details open><summary>Open</summary><p>seen</p></details>
       <div hidden>gone</div><!-- a comment -->`,
    );
    expect(labels.text).toBe('Category Lab Raw Open seen');
    expect(labels.text).toBe('Category Lab Raw Open seen');
  });
});
