// @vitest-environment jsdom
/**
 * How a label pairs with its value, layout by layout (the layouts `valueNear` knows), each on the
 * smallest page that shows it; and the table arithmetic rows and columns are read with.
 */
import { describe, expect, it } from 'vitest';
import {
  cellAt,
  cellIndex,
  choiceFieldset,
  hasSiblings,
  listFieldset,
  rowsUnderColumnHeader,
  textAfter,
  valueNear,
} from '../../src/detection/label-pairing';

/** The element with id `it` on a page holding `html`. */
function labelOn(html: string): Element {
  document.body.innerHTML = html;
  const element = document.getElementById('it');
  if (!element) throw new Error('no element with id "it"');
  return element;
}

describe('valueNear, layout by layout', () => {
  it.each([
    [
      'label[for] naming no element: the text after it',
      '<p><label id="it" for="gone">Phone</label> 555-0100</p>',
      '555-0100',
    ],
    [
      'a legend over one numbered list, one item a line',
      '<fieldset><legend id="it">Documents to send</legend><ol><li>ECG</li><li>Echo</li></ol></fieldset>',
      'ECG\nEcho',
    ],
    [
      'a row header beside an empty value cell',
      '<table><tr><th id="it">Phone</th><td></td></tr><tr><th>Phone</th><td>555</td></tr></table>',
      '',
    ],
    [
      'a label in a box of four nodes, the value beside the box',
      '<div><div><span id="it">Specialty</span><i></i><i></i><i></i></div><div>Cardiology</div></div>',
      'Cardiology',
    ],
    [
      'a label among five nodes does not take them as its box',
      '<div><div><span id="it">Specialty</span><i></i><i></i><i></i><i></i></div><div>Cardiology</div></div>',
      undefined,
    ],
    [
      'a label in a container of much more text, even white space, does not take it as its box',
      `<div><div><span id="it">Specialty</span>${' '.repeat(100)}</div><div>Cardiology</div></div>`,
      undefined,
    ],
    [
      'label[for] names its control',
      '<label id="it" for="p">Phone</label><p>x</p><input id="p" value="555-0100">',
      '555-0100',
    ],
    [
      'label[for] around the label text',
      '<label for="p"><span id="it">Reason</span><span>*</span></label><textarea id="p">Chest pain</textarea>',
      'Chest pain',
    ],
    [
      'aria-labelledby names the label',
      '<span id="it">Specialty</span><div aria-labelledby="x it">Cardiology</div>',
      'Cardiology',
    ],
    [
      'aria-labelledby names the label’s wrapping label',
      '<label id="w"><span id="it">Priority</span></label><div aria-labelledby="w">Urgent</div>',
      'Urgent',
    ],
    ['a control inside the label', '<label id="it">MRN <input value="MRN-004512"></label>', 'MRN-004512'],
    [
      'a legend over choices',
      '<fieldset><legend id="it">Priority</legend><input type="radio" name="p" aria-label="Routine"><input type="radio" name="p" aria-label="Urgent" checked></fieldset>',
      'Urgent',
    ],
    [
      'a legend over one list',
      '<fieldset><legend id="it">Documents to send</legend><ul><li>ECG</li><li>Echo</li></ul></fieldset>',
      'ECG\nEcho',
    ],
    [
      '"Label: value" text',
      '<p><b id="it">Refer to:</b> Dr. Jordan Example<br>Phone: 555</p>',
      'Dr. Jordan Example',
    ],
    ['a term and its definition', '<dl><dt id="it">Diagnosis</dt><dd>I10</dd><dd>E11</dd></dl>', 'I10'],
    ['a term with no definition', '<dl><dt id="it">Diagnosis</dt></dl><p>I10</p>', undefined],
    ['a term whose definition is empty', '<dl><dt id="it">Phone</dt><dd></dd></dl>', ''],
    [
      'a column header over its first row',
      '<table><tr><th id="it">Specialty</th><th>Priority</th></tr><tr><td>Cardiology</td><td>Urgent</td></tr><tr><td>Dermatology</td><td>Routine</td></tr></table>',
      'Cardiology',
    ],
    [
      'the second column header over its row',
      '<table><tr><th>Specialty</th><th id="it">Priority</th></tr><tr><td>Cardiology</td><td>Urgent</td></tr></table>',
      'Urgent',
    ],
    [
      'a label cell beside its value cell',
      '<table><tr><td id="it">Specialty</td><td>Cardiology</td></tr><tr><td>Priority</td><td>Urgent</td></tr></table>',
      'Cardiology',
    ],
    [
      'a label cell beside an empty value cell',
      '<table><tr><td id="it">Phone</td><td></td></tr><tr><td>Phone</td><td>555</td></tr></table>',
      '',
    ],
    [
      'a label wrapped in its cell',
      '<table><tr><td><span><b id="it">Specialty</b></span></td><td>Cardiology</td></tr></table>',
      'Cardiology',
    ],
    [
      'a label beside its value element',
      '<div><span id="it">Specialty</span><span>Cardiology</span></div>',
      'Cardiology',
    ],
    ['a label beside an empty element', '<div><span id="it">Specialty</span><span></span></div>', undefined],
    ['a label with nothing beside it', '<div><span id="it">Specialty</span></div>', undefined],
    [
      'a label in its own box, the value beside the box',
      '<div><div><span id="it">Specialty</span></div><div>Cardiology</div></div>',
      'Cardiology',
    ],
    [
      'a label in a big container does not take the container as its box',
      '<div><span id="it">Specialty</span> and a long text around it that is not the label at all</div><div>Cardiology</div>',
      'and a long text around it that is not the label at all',
    ],
  ])('%s', (_what, html, expected) => {
    expect(valueNear(labelOn(html))).toBe(expected);
  });

  it('with `all`, pairs a label with every definition and every visible row', () => {
    expect(
      valueNear(
        labelOn(
          '<dl><dt id="it">Diagnosis</dt><dd>I10</dd><dd></dd><dd>E11</dd><dt>Next</dt><dd>x</dd></dl>',
        ),
        true,
      ),
    ).toBe('I10\nE11');
    const table =
      '<table><tr><th id="it">Records</th><th>From</th></tr><tr><td>ECG</td><td>a</td></tr><tr hidden><td>Deleted</td><td>b</td></tr><tr><td></td><td>c</td></tr><tr><td>Echo</td><td>d</td></tr></table>';
    expect(valueNear(labelOn(table), true)).toBe('ECG\nEcho');
    expect(valueNear(labelOn(table))).toBe('ECG');
  });

  it('reads a column header over rows without its cell as no value', () => {
    expect(
      valueNear(
        labelOn('<table><tr><th>A</th><th id="it">Records</th></tr><tr><td>only one cell</td></tr></table>'),
      ),
    ).toBeUndefined();
  });

  it('reads aria-labelledby again once the page adds a labelled element', () => {
    const label = labelOn('<span id="it">Specialty</span><div id="box"></div>');
    expect(valueNear(label)).toBeUndefined();
    const value = document.createElement('div');
    value.setAttribute('aria-labelledby', 'it');
    value.textContent = 'Cardiology';
    document.getElementById('box')?.append(value);
    expect(valueNear(label)).toBe('Cardiology');
  });

  it('finds the element an id names whatever characters the id holds, and none for an id with a space', () => {
    const page = '<div><span id="it">Specialty</span></div><p>beside</p><div id="value">Cardiology</div>';
    for (const id of ['a"b\\c]', "it's"]) {
      const label = labelOn(page);
      label.id = id;
      document.getElementById('value')?.setAttribute('aria-labelledby', `other ${id}`);
      expect(valueNear(label), id).toBe('Cardiology');
    }
    // An id with white space (a line break here) is no word of the list: the text beside the label is
    // read instead.
    const label = labelOn(`${page}<div aria-labelledby="a">wrong</div>`);
    label.id = 'a\nb';
    document.getElementById('value')?.setAttribute('aria-labelledby', 'a\nb');
    expect(valueNear(label)).toBe('beside');
  });

  it('keeps the first element labelled by an id', () => {
    const label = labelOn(
      '<span id="it">Specialty</span><div aria-labelledby="it">Cardiology</div><div aria-labelledby="it">Other</div>',
    );
    expect(valueNear(label)).toBe('Cardiology');
  });
});

describe('textAfter', () => {
  it.each([
    ['up to a line break', '<p><b id="it">Phone:</b> 555-0100<br>Fax: 555-0101</p>', '555-0100'],
    ['up to a block', '<div><b id="it">Phone:</b> 555-0100<div>Fax</div></div>', '555-0100'],
    ['up to the next pair on the line', '<p><b id="it">Phone:</b> 555-0100 · Fax: 555-0101</p>', '555-0100'],
    [
      'up to a separator opening a text',
      '<p><b id="it">Phone:</b> <span>555-0100</span> · Fax: 555-0101</p>',
      '555-0100',
    ],
    [
      'up to a separator inside an element',
      '<p><b id="it">Phone:</b> <span>555-0100 | Fax</span> more</p>',
      '555-0100',
    ],
    [
      'over inline elements and marks',
      '<p><b id="it">Phone</b><span>*</span> <i>555</i>-0100</p>',
      '555-0100',
    ],
    [
      'over helper text nobody sees',
      '<p><b id="it">Phone</b><span class="sr-only">required</span> 555</p>',
      '555',
    ],
    ['an element’s lines joined', '<p><b id="it">Phone</b> <span>555<br>0100</span></p>', '555 0100'],
    ['nothing after', '<p><b id="it">Phone</b></p>', ''],
  ])('%s', (_what, html, expected) => {
    expect(textAfter(labelOn(html))).toBe(expected);
  });
});

describe('hasSiblings', () => {
  const textOf = (html: string) => {
    const node = labelOn(html).firstChild;
    if (!(node instanceof Text)) throw new Error('no text');
    return node;
  };
  it.each([
    ['<p id="it">Order #: <span>123</span></p>', true],
    ['<p id="it">Order #<!-- a comment is no mark --></p>', true],
    ['<p id="it">MRN <span>*</span></p>', false],
    ['<p id="it">MRN<span hidden>help</span></p>', false],
    ['<p id="it">MRN</p>', false],
  ])('%s: %s', (html, expected) => {
    expect(hasSiblings(textOf(html))).toBe(expected);
  });
});

describe('columns and cells', () => {
  const ROW =
    '<table><tr id="it"><td>a</td><td colspan="2">bc</td><td colspan="x">d</td><td>e</td></tr></table>';
  it('counts spans before a cell, a span that is no number as one', () => {
    const cells = Array.from(labelOn(ROW).children);
    expect(cells.map(cellIndex)).toEqual([0, 1, 3, 4]);
  });

  it('finds the cell in a column, counting spans', () => {
    const row = labelOn(ROW);
    expect([0, 1, 2, 3, 4, 5].map((index) => cellAt(row, index)?.textContent)).toEqual([
      'a',
      'bc',
      undefined,
      'd',
      'e',
      undefined,
    ]);
  });

  it('finds the rows with data under a column header, up to a limit', () => {
    const header = labelOn(
      '<table><tr><td>0</td></tr><tr><th id="it">Specialty</th></tr><tr><th>group</th></tr><tr><td>1</td></tr><tr><td>2</td></tr><tr><td>3</td></tr></table>',
    );
    expect(rowsUnderColumnHeader(header).map((row) => row.textContent)).toEqual(['1', '2', '3']);
    expect(rowsUnderColumnHeader(header, 2).map((row) => row.textContent)).toEqual(['1', '2']);
  });

  it.each([
    [
      'a row header',
      '<table><tr><th id="it">Specialty</th><td>Cardiology</td></tr><tr><td>x</td></tr></table>',
    ],
    ['a data cell', '<table><tr><td id="it">Specialty</td></tr><tr><td>x</td></tr></table>'],
    ['a header outside a table', '<div role="row"><span role="columnheader" id="it">Specialty</span></div>'],
  ])('finds no rows under %s', (_what, html) => {
    expect(rowsUnderColumnHeader(labelOn(html))).toEqual([]);
  });
});

describe('fieldsets', () => {
  it.each([
    [
      'choices',
      '<fieldset><legend id="it">Priority</legend><input type="radio"><input type="checkbox"><input type="hidden"></fieldset>',
      true,
    ],
    [
      'choices beside a text field',
      '<fieldset><legend id="it">Priority</legend><input type="radio"><input type="text"></fieldset>',
      false,
    ],
    [
      'choices beside a select',
      '<fieldset><legend id="it">Priority</legend><input type="radio"><select></select></fieldset>',
      false,
    ],
    ['no choices', '<fieldset><legend id="it">Priority</legend><span>x</span></fieldset>', false],
    [
      'a legend outside a fieldset',
      '<div><legend id="it">Priority</legend><input type="radio"></div>',
      false,
    ],
  ])('a legend over %s names one choice: %s', (_what, html, names) => {
    const legend = labelOn(html);
    expect(choiceFieldset(legend)).toBe(names ? legend.parentElement : undefined);
  });

  it.each([
    ['one list', '<fieldset><legend id="it">Documents</legend><ul><li>ECG</li></ul></fieldset>', 'UL'],
    [
      'one numbered list',
      '<fieldset><legend id="it">Documents</legend><ol><li>ECG</li></ol></fieldset>',
      'OL',
    ],
    [
      'a list and more',
      '<fieldset><legend id="it">Documents</legend><ul></ul><p>x</p></fieldset>',
      undefined,
    ],
    ['something else', '<fieldset><legend id="it">Documents</legend><p>x</p></fieldset>', undefined],
    ['a list outside a fieldset', '<div><legend id="it">Documents</legend><ul></ul></div>', undefined],
  ])('a legend over %s names it', (_what, html, tag) => {
    expect(listFieldset(labelOn(html))?.tagName).toBe(tag);
  });
});
