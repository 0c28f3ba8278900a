// @vitest-environment jsdom
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILTIN_PROFILES } from '../../src/detection/builtin-profiles';
import { detectReferral } from '../../src/detection/detect-referral';
import { loadPage } from './saved-pages';

const URL = 'https://ehr.example.test/openemr/interface/patient_file/transaction/x';

/** Strings a hostile page might hold: markup, script, prototype keys, odd Unicode. */
const hostileText = fc.oneof(
  fc.string(),
  fc.constantFrom(
    '<img src=x onerror=alert(1)>',
    '<script>alert(1)</script>',
    '__proto__',
    'constructor',
    'Refer To:',
    'Specialty: <b>Cardiology</b>',
    '\u202Eevil',
    'x'.repeat(10_000),
    ':::',
    '· | •',
  ),
);

const tags = fc.constantFrom(
  'div',
  'span',
  'table',
  'tr',
  'td',
  'th',
  'dl',
  'dt',
  'dd',
  'label',
  'input',
  'select',
  'option',
  'details',
  'summary',
  'h1',
  'b',
  'br',
  'textarea',
  'nav',
  'legend',
  'fieldset',
);
const attributes = fc.dictionary(
  fc.constantFrom(
    'id',
    'for',
    'name',
    'hidden',
    'aria-labelledby',
    'colspan',
    'value',
    'role',
    'style',
    'open',
    'selected',
    'type',
  ),
  fc.oneof(
    hostileText,
    fc.constantFrom('display:none', '2', '-1', 'NaN', 'form_refer_to', 'a b c', 'hidden'),
  ),
  { maxKeys: 3 },
);

interface Tree {
  tag: string;
  attributes: Record<string, string>;
  text: string;
  children: Tree[];
}

const tree: fc.Arbitrary<Tree> = fc.letrec<{ node: Tree }>((tie) => ({
  node: fc.record({
    tag: tags,
    attributes,
    text: hostileText,
    children: fc.oneof(
      { depthSize: 'small' },
      fc.constant<Tree[]>([]),
      fc.array(tie('node'), { maxLength: 4 }),
    ),
  }),
})).node;

function build(document: Document, node: Tree): Element {
  const element = document.createElement(node.tag);
  for (const [name, value] of Object.entries(node.attributes)) element.setAttribute(name, value);
  element.append(node.text, ...node.children.map((child) => build(document, child)));
  return element;
}

// Property tests walk hundreds of pages in jsdom, which is slow; the real browser is not.
describe('detection never throws', { timeout: 60_000 }, () => {
  it('on generated pages', () => {
    fc.assert(
      fc.property(tree, hostileText, (root, title) => {
        document.documentElement.innerHTML = '<head></head><body></body>';
        document.title = title;
        document.body.append(build(document, root));
        const detection = detectReferral(document, URL, BUILTIN_PROFILES);
        for (const value of Object.values(detection?.fields ?? {})) expect(typeof value).toBe('string');
      }),
      { numRuns: 300 },
    );
  });

  it('on saved referral pages mutated at random', () => {
    const pages = ['openemr-referral-R-1001', 'fhir-service-request-R-1003', 'legacy-referral-R-1004'];
    fc.assert(
      fc.property(
        fc.constantFrom(...pages),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom('remove', 'duplicate', 'retext', 'hide'), hostileText), {
          maxLength: 12,
        }),
        (page, mutations) => {
          const document = loadPage(page);
          for (const [index, kind, text] of mutations) {
            const elements = document.body.querySelectorAll('*');
            const target = elements[index % Math.max(elements.length, 1)];
            if (!target) continue;
            if (kind === 'remove') target.remove();
            else if (kind === 'duplicate') target.after(target.cloneNode(true));
            else if (kind === 'retext') target.textContent = text;
            else target.setAttribute('hidden', '');
          }
          expect(() => detectReferral(document, URL, BUILTIN_PROFILES)).not.toThrow();
        },
      ),
      { numRuns: 40 },
    );
  }, 30_000);

  it('on an enormously deep page', () => {
    document.documentElement.innerHTML = '<head><title>Referral</title></head><body></body>';
    let parent: Element = document.body;
    for (let depth = 0; depth < 3_000; depth++) {
      const child = document.createElement(depth % 2 ? 'div' : 'td');
      child.append(depth === 2_999 ? 'Refer To: Dr. Deep' : '');
      parent.append(child);
      parent = child;
    }
    expect(() => detectReferral(document, URL, BUILTIN_PROFILES)).not.toThrow();
  });

  it('reads markup in a field as plain text, never as elements', () => {
    const document = loadPage('handwritten/form-label-for');
    const reason = document.getElementById('why') as HTMLTextAreaElement;
    reason.value = '<img src=x onerror="alert(1)"> evaluate';
    const detection = detectReferral(document, 'https://ehr.example.test/form', BUILTIN_PROFILES);
    expect(detection?.fields.reason).toBe('<img src=x onerror="alert(1)"> evaluate');
  });
});
