// @vitest-environment jsdom
/**
 * What the user sees of an element, rule by rule: its text block by block, the value a form
 * control shows, and whether it is visible at all. Detection reads every label and value through
 * these, so each rule is pinned on the smallest page that shows it.
 */
import { describe, expect, it } from 'vitest';
import {
  blockText,
  collapse,
  firstVisible,
  isAside,
  isContent,
  isVisible,
  shownValue,
} from '../../src/detection/shown-text';

/** The page's body holding `html`; the element with id `it`, or the body's first element. */
function on(html: string): Element {
  document.body.innerHTML = html;
  const element = document.getElementById('it') ?? document.body.firstElementChild;
  if (!element) throw new Error('nothing on the page');
  return element;
}

describe('collapse', () => {
  it.each([
    [null, ''],
    [undefined, ''],
    ['  Avery \n\t Quinlan  ', 'Avery Quinlan'],
  ])('%j reads as %j', (text, expected) => {
    expect(collapse(text)).toBe(expected);
  });
});

describe('blockText: one line per block', () => {
  it.each([
    ['inline text stays on one line', '<span>Avery <b>Quinlan</b></span>', 'Avery Quinlan'],
    ['text after an inline element stays on its line', '<span><b>Avery</b> Quinlan</span>', 'Avery Quinlan'],
    ['comments are no text', '<div>Cardi<!-- note -->ology</div>', 'Cardiology'],
    ['blocks start lines', '<div>Refer to<p>Cardiology</p>Routine</div>', 'Refer to\nCardiology\nRoutine'],
    ['a line break starts a line', '<div>Cardiology<br>Riverbend</div>', 'Cardiology\nRiverbend'],
    [
      'lists inside inline wrappers',
      '<div><font><ul><li>ECG</li><li>Echo</li></ul></font></div>',
      'ECG\nEcho',
    ],
    ['table cells', '<table><tr><th>Specialty</th><td>Cardiology</td></tr></table>', 'Specialty\nCardiology'],
    [
      'headings and definition lists',
      '<div><h3>Referral</h3><dl><dt>Dx</dt><dd>I10</dd></dl></div>',
      'Referral\nDx\nI10',
    ],
    ['empty lines dropped', '<div><p> </p><p>Cardiology</p><div></div></div>', 'Cardiology'],
  ])('%s', (_what, html, expected) => {
    expect(blockText(on(html))).toBe(expected);
  });

  it.each(['script', 'style', 'noscript', 'template', 'textarea', 'title'])(
    'leaves out what a <%s> holds',
    (tag) => {
      expect(blockText(on(`<div>Cardiology<${tag}>hidden text</${tag}></div>`))).toBe('Cardiology');
    },
  );

  it("leaves out a select's options and the copies nobody sees", () => {
    expect(
      blockText(
        on(
          '<div>Cardiology<select><option>Other</option></select><span hidden>copy</span><span aria-hidden="true">copy</span><span class="sr-only">Mandatory field</span></div>',
        ),
      ),
    ).toBe('Cardiology');
  });

  it('reads blocks deeper than 32 as plain text, without walking further', () => {
    const deep = (n: number): string => (n === 0 ? '<p>a</p><p>b</p>' : `<div>${deep(n - 1)}</div>`);
    // An element 32 levels below is still walked, its blocks making lines; one 33 levels below is
    // read whole, its blocks' text running together.
    expect(blockText(on(`<section>${deep(32)}</section>`))).toBe('a\nb');
    expect(blockText(on(`<section>${deep(33)}</section>`))).toBe('ab');
  });
});

describe('isAside: hidden by its own attributes or style', () => {
  it.each([
    ['<span id="it" hidden>x</span>', true],
    ['<span id="it" aria-hidden="true">x</span>', true],
    ['<span id="it" aria-hidden="false">x</span>', false],
    ['<span id="it" class="sr-only">x</span>', true],
    ['<span id="it" class="field  visually-hidden">x</span>', true],
    ['<span id="it" class="USA-SR-ONLY">x</span>', true],
    ['<span id="it" class="not-sr-only">x</span>', false],
    ['<span id="it" class="sr-only-focusable">x</span>', false],
    ['<span id="it" style="display: none">x</span>', true],
    ['<span id="it" style="visibility: hidden">x</span>', true],
    ['<span id="it" style="color: red">x</span>', false],
  ])('%s: %s', (html, aside) => {
    expect(isAside(on(html))).toBe(aside);
  });

  it("asks the browser's checkVisibility where there is one, with visibility taken into account", () => {
    const element = on('<span id="it">x</span>');
    const asked: unknown[] = [];
    Object.assign(element, {
      checkVisibility: (options: unknown) => {
        asked.push(options);
        return false;
      },
    });
    expect(isAside(element)).toBe(true);
    expect(asked).toEqual([{ visibilityProperty: true }]);
  });
});

describe('isContent: more than a mark or unseen helper text', () => {
  it.each([
    ['<span id="it">Cardiology</span>', true],
    ['<span id="it"> * </span>', false],
    ['<span id="it">✱:</span>', false],
    ['<span id="it" hidden>Cardiology</span>', false],
  ])('%s: %s', (html, content) => {
    expect(isContent(on(html))).toBe(content);
  });

  it('reads text nodes by their text, and other nodes as content', () => {
    expect(isContent(document.createTextNode(' *† '))).toBe(false);
    expect(isContent(document.createTextNode('I10'))).toBe(true);
    expect(isContent(document.createComment('*'))).toBe(true);
  });
});

describe('shownValue: what a control shows', () => {
  it.each([
    ['an element’s text', '<div id="it">Refer to<p>Cardiology</p></div>', 'Refer to\nCardiology'],
    ['a text input', '<input id="it" value="  Avery   Quinlan ">', 'Avery Quinlan'],
    [
      'an input inside the element',
      '<div id="it"><label>Phone</label><input value="555-0100"></div>',
      '555-0100',
    ],
    ['a hidden input is no control', '<div id="it">Routine<input type="hidden" value="R"></div>', 'Routine'],
    [
      'a select, without its placeholder',
      '<select id="it" multiple><option value="" selected>Select…</option><option value="c" selected>Cardiology</option><option value="d" selected> Derma\ntology </option><option value="n">Neurology</option></select>',
      'Cardiology; Derma tology',
    ],
    [
      'a radio group by its name',
      '<form><div id="it"><input type="radio" name="p" id="a" value="a"><label for="a">Routine</label></div><input type="radio" name="p" id="b" value="b" checked><label for="b">Urgent</label></form>',
      'Urgent',
    ],
    [
      'a checkbox list by its container, named by labels or aria-label',
      '<div id="it"><input type="checkbox" aria-label="Records" checked><input type="checkbox" value="Labs" checked><input type="checkbox" value="Imaging"></div>',
      'Records; Labs',
    ],
    ['a lone checkbox, ticked', '<input id="it" type="checkbox" checked>', 'yes'],
    [
      'a lone checkbox after the hidden twin its form sends when unticked',
      '<input type="hidden" name="urgent" value="0"><label><input id="it" type="checkbox" name="urgent" value="1" checked>Urgent</label>',
      'yes',
    ],
    [
      'a checkbox list whose boxes each have a name of their own',
      '<div id="it"><input type="checkbox" name="a" aria-label="Records" checked><input type="checkbox" name="b" aria-label="Labs" checked></div>',
      'Records; Labs',
    ],
    ['a lone checkbox, not ticked', '<input id="it" type="checkbox">', 'no'],
    ['a textarea', '<textarea id="it">Chest pain\n on exertion</textarea>', 'Chest pain on exertion'],
    [
      'an empty combobox: its chips beside it',
      '<div><div><span class="chip">Cardiology</span><span class="select__placeholder">Choose…</span><span hidden>Old</span><span class="chip"><i aria-hidden="true">x</i></span><span class="chip">Urgent</span><input id="it" role="combobox" value=""></div></div>',
      'Cardiology; Urgent',
    ],
    ['an empty combobox with nothing beside it', '<div><input id="it" role="combobox" value=""></div>', ''],
    ['an empty input that is no combobox', '<div><span>Cardiology</span><input id="it" value=""></div>', ''],
    [
      'a combobox with text typed in it',
      '<div><span>Cardiology</span><input id="it" role="combobox" value="Derm"></div>',
      'Derm',
    ],
  ])('%s', (_what, html, expected) => {
    expect(shownValue(on(html))).toBe(expected);
  });

  it('reads a radio group in its own form only', () => {
    const element = on(
      '<form><input id="it" type="radio" name="p" value="a" aria-label="Routine" checked></form><form><input type="radio" name="p" value="b" aria-label="Urgent" checked></form>',
    );
    expect(shownValue(element)).toBe('Routine');
  });

  it('looks for the chips at most four wrappers up', () => {
    const wrapped = (levels: number) =>
      `<div><span>Cardiology</span>${'<div>'.repeat(levels)}<input id="it" role="combobox" value="">${'</div>'.repeat(levels)}</div>`;
    expect(shownValue(on(wrapped(3)))).toBe('Cardiology');
    expect(shownValue(on(wrapped(4)))).toBe('');
  });
});

describe('isVisible', () => {
  it.each([
    ['<p id="it">x</p>', true],
    ['<div hidden><p id="it">x</p></div>', false],
    ['<div aria-hidden="true"><p id="it">x</p></div>', false],
    ['<div style="display: none"><div><p id="it">x</p></div></div>', false],
    ['<details><summary id="it">Raw data</summary><p>x</p></details>', true],
    ['<details><summary>Raw data</summary><p id="it">x</p></details>', false],
    ['<details><summary>Raw data</summary><div><p id="it">x</p></div></details>', false],
    ['<details open><summary>Raw data</summary><p id="it">x</p></details>', true],
  ])('%s: %s', (html, visible) => {
    expect(isVisible(on(html))).toBe(visible);
  });

  it("asks the browser's checkVisibility where there is one, and sees a closed <details> body as hidden itself", () => {
    const element = on('<p id="it">x</p>');
    Object.assign(element, { checkVisibility: () => false });
    expect(isVisible(element)).toBe(false);
    // Not every engine's checkVisibility() hides a closed <details> body.
    const inside = on('<details><summary>Raw data</summary><div><p id="it">x</p></div></details>');
    Object.assign(inside, { checkVisibility: () => true });
    expect(isVisible(inside)).toBe(false);
  });

  it('finds the first element the user can see', () => {
    on('<p id="a" hidden>copy</p><p id="b">value</p><p id="c">later</p>');
    const [a, b, c] = ['a', 'b', 'c'].map((id) => document.getElementById(id) as Element);
    expect(firstVisible([a, b, c] as Element[])).toBe(b);
    expect(firstVisible([a] as Element[])).toBeUndefined();
  });
});
