import { describe, expect, it } from 'vitest';
import {
  type ChecklistFields,
  canMarkSent,
  confirmManual,
  evaluateChecklist,
  type ItemResult,
  pickChecklist,
} from '../../src/panel-config/checklist';
import { Checklist, DEFAULT_PANEL_CONFIG } from '../../src/panel-config/schema';

const general = DEFAULT_PANEL_CONFIG.checklists[0] as Checklist;
const noElements = () => false;

/** A complete synthetic packet, as read from a demo EHR page. */
const complete: ChecklistFields = {
  patientName: 'Maria Lopez',
  dateOfBirth: '1984-03-12',
  patientPhone: '(217) 555-0142',
  insurancePayer: 'Prairie Mutual Health',
  insuranceMemberId: 'PMH-0042-7781',
  authorizationNumber: 'AUTH-55120',
  reason: 'Evaluation of palpitations',
  referringProvider: 'Dr. Alan Reyes',
  receivingOrganization: 'Riverbend Heart Center',
  receivingFax: '(217) 555-0199',
  recordsAttached: 'Office note 2026-10-30; ECG; lab panel',
  specialistInstructions: 'Send last two office notes',
};

const checklist = (items: unknown[], specialties?: string[]) =>
  Checklist.parse({ id: 'own', name: 'Own', appliesTo: { specialties }, items });

const byId = (results: ItemResult[], id: string) => results.find((r) => r.id === id);
const without = (fields: ChecklistFields, ...names: (keyof ChecklistFields)[]) =>
  Object.fromEntries(
    Object.entries(fields).filter(([name]) => !names.includes(name as keyof ChecklistFields)),
  );

describe('pickChecklist', () => {
  const cardiology = checklist([{ id: 'ecg', label: 'ECG' }], ['Cardiology', 'Cardiología']);
  const ortho = checklist([{ id: 'xray', label: 'X-ray' }], ['Orthopedics']);
  const lists = [cardiology, ortho, general];

  it.each([
    ['Cardiology', 'ecg'],
    ['  CARDIOLOGY ', 'ecg'],
    ['cardiologia', 'ecg'],
    ['CARDIOLOGÍA', 'ecg'],
    ['Orthopedics', 'xray'],
    ['Dermatology', 'demographics'],
    [undefined, 'demographics'],
  ])('%s gets the checklist starting with %s', (specialty, firstItem) => {
    expect(pickChecklist(lists, specialty)?.items[0]?.id).toBe(firstItem);
  });

  it('takes the first that applies, in the organisation’s order', () => {
    expect(pickChecklist([general, cardiology], 'Cardiology')?.id).toBe('general');
  });

  it('finds none when nothing applies', () => {
    expect(pickChecklist([cardiology], 'Dermatology')).toBeUndefined();
    expect(pickChecklist([cardiology], undefined)).toBeUndefined();
    expect(pickChecklist([], 'Cardiology')).toBeUndefined();
  });
});

describe('evaluateChecklist', () => {
  it('finds every default item on a complete packet, in the configured order', () => {
    const results = evaluateChecklist(general, complete, noElements);
    expect(results.map((r) => r.state)).toEqual(Array(9).fill('found'));
    expect(results.map((r) => r.id)).toEqual(general.items.map((i) => i.id));
  });

  it('shows what it found as short evidence', () => {
    const results = evaluateChecklist(general, complete, noElements);
    expect(byId(results, 'patient-phone')?.evidence).toBe('phone found: (217) 555-0142');
    expect(byId(results, 'demographics')?.evidence).toBe(
      'name found: Maria Lopez; date of birth found: 1984-03-12',
    );
    expect(byId(results, 'receiving-office')?.evidence).toBe(
      'receiving office found: Riverbend Heart Center; receiving fax found: (217) 555-0199',
    );
  });

  it('truncates long values in evidence', () => {
    const reason = `Evaluation of palpitations ${'and more detail '.repeat(30)}`;
    const evidence = byId(
      evaluateChecklist(general, { ...complete, reason }, noElements),
      'reason',
    )?.evidence;
    expect(evidence?.length).toBeLessThanOrEqual(60);
    expect(evidence).toMatch(/^reason found: Evaluation of palpitations.*…$/);
  });

  it('puts missing required items first and says what is missing', () => {
    const fields = without(complete, 'dateOfBirth', 'recordsAttached', 'authorizationNumber');
    const results = evaluateChecklist(general, fields, noElements);
    expect(results.slice(0, 2).map((r) => [r.id, r.state])).toEqual([
      ['demographics', 'missing'],
      ['records', 'missing'],
    ]);
    expect(results[0]?.evidence).toBe('not found: date of birth');
    // An optional item that is missing stays in its place and does not jump the queue.
    expect(results.map((r) => r.id).indexOf('authorization')).toBeGreaterThan(2);
    expect(byId(results, 'authorization')?.state).toBe('missing');
  });

  it('accepts either field for an any-of check', () => {
    const phoneOnly = { ...without(complete, 'receivingFax'), receivingPhone: '(217) 555-0100' };
    expect(byId(evaluateChecklist(general, phoneOnly, noElements), 'receiving-office')?.state).toBe('found');
    const neither = without(complete, 'receivingFax');
    const result = byId(evaluateChecklist(general, neither, noElements), 'receiving-office');
    expect(result?.state).toBe('missing');
    expect(result?.evidence).toBe('not found: receiving fax or receiving phone');
    const codesOnly = { ...without(complete, 'reason'), diagnosisCodes: 'R00.2' };
    expect(byId(evaluateChecklist(general, codesOnly, noElements), 'reason')?.state).toBe('found');
  });

  it('treats blank values as missing', () => {
    const results = evaluateChecklist(general, { ...complete, patientPhone: '   ' }, noElements);
    expect(results[0]).toMatchObject({ id: 'patient-phone', state: 'missing' });
  });

  it('checks a field against a pattern', () => {
    const list = checklist([
      {
        id: 'member-id',
        label: 'Member ID',
        check: { pattern: { field: 'insuranceMemberId', regex: '^PMH-\\d{4}' } },
      },
    ]);
    expect(evaluateChecklist(list, complete, noElements)[0]).toMatchObject({
      state: 'found',
      evidence: 'member ID found: PMH-0042-7781',
    });
    const wrong = evaluateChecklist(list, { insuranceMemberId: 'X1' }, noElements)[0];
    // The value that failed is not repeated: the coordinator sees it on the page.
    expect(wrong).toMatchObject({ state: 'missing', evidence: 'member ID is not in the expected format' });
    expect(evaluateChecklist(list, {}, noElements)[0]).toMatchObject({
      state: 'missing',
      evidence: 'not found: member ID',
    });
  });

  it('checks the page for an element', () => {
    const list = checklist([
      { id: 'consent', label: 'Consent form attached', check: { selector: '.consent-pdf' } },
    ]);
    const seen: string[] = [];
    const results = evaluateChecklist(list, {}, (css) => {
      seen.push(css);
      return css === '.consent-pdf';
    });
    expect(results[0]).toMatchObject({ state: 'found', evidence: 'found on the page' });
    expect(seen).toEqual(['.consent-pdf']);
    expect(evaluateChecklist(list, {}, noElements)[0]?.state).toBe('missing');
  });

  it('needs every part of a combined check', () => {
    const list = checklist([
      {
        id: 'auth',
        label: 'Authorization',
        check: { fields: ['authorizationNumber'], selector: '#auth-letter' },
      },
    ]);
    expect(evaluateChecklist(list, complete, noElements)[0]).toMatchObject({
      state: 'missing',
      evidence: 'not found on the page',
    });
    expect(evaluateChecklist(list, complete, () => true)[0]?.state).toBe('found');
  });

  it('leaves items without a check to the coordinator', () => {
    const list = checklist([{ id: 'signed', label: 'Referral signed', required: true }]);
    expect(evaluateChecklist(list, complete, noElements)[0]).toEqual({
      id: 'signed',
      label: 'Referral signed',
      required: true,
      state: 'manual',
    });
  });

  it('never throws on a broken selector or pattern', () => {
    const broken = {
      id: 'broken',
      name: 'Broken',
      appliesTo: {},
      items: [
        { id: 'bad-css', label: 'A', required: true, check: { selector: 'div[[' } },
        { id: 'bad-regex', label: 'B', required: true, check: { pattern: { field: 'mrn', regex: '([' } } },
      ],
    } as Checklist;
    const throwing = () => {
      throw new SyntaxError('not a valid selector');
    };
    const results = evaluateChecklist(broken, { mrn: 'MRN-1' }, throwing);
    expect(results.map((r) => r.state)).toEqual(['missing', 'missing']);
    expect(byId(results, 'bad-regex')?.evidence).toBe('MRN: the configured pattern is not valid');
  });
});

describe('canMarkSent', () => {
  const results = (fields: ChecklistFields) => evaluateChecklist(general, fields, noElements);

  it('allows a complete packet', () => {
    expect(canMarkSent(results(complete))).toEqual({ allowed: true, missingRequired: [], overridden: false });
  });

  it('ignores optional items', () => {
    const decision = canMarkSent(results(without(complete, 'authorizationNumber', 'specialistInstructions')));
    expect(decision.allowed).toBe(true);
  });

  it('refuses while required items are missing, and names them', () => {
    const decision = canMarkSent(results(without(complete, 'patientPhone', 'recordsAttached')));
    expect(decision).toEqual({
      allowed: false,
      missingRequired: ['patient-phone', 'records'],
      overridden: false,
    });
  });

  it.each([
    ['no reason', undefined, false],
    ['an empty reason', { reason: '' }, false],
    ['a reason of blanks', { reason: '        ' }, false],
    ['a reason too short once trimmed', { reason: '  ok   ' }, false],
    ['a reason of five characters', { reason: 'faxed' }, true],
    ['a real reason', { reason: 'Specialist asked for it now; records follow by fax' }, true],
  ])('with %s, overriding is %s', (_name, override, allowed) => {
    const decision = canMarkSent(results(without(complete, 'recordsAttached')), override);
    expect(decision).toEqual({ allowed, missingRequired: ['records'], overridden: allowed });
  });

  it('counts unticked required manual items as missing until confirmed', () => {
    const list = checklist([
      { id: 'signed', label: 'Referral signed' },
      { id: 'note', label: 'Optional note', required: false },
    ]);
    const evaluated = evaluateChecklist(list, {}, noElements);
    expect(canMarkSent(evaluated)).toMatchObject({ allowed: false, missingRequired: ['signed'] });
    const ticked = confirmManual(evaluated, ['signed']);
    expect(ticked[0]).toMatchObject({ state: 'found', evidence: 'confirmed by the coordinator' });
    expect(canMarkSent(ticked).allowed).toBe(true);
  });

  it('lets the coordinator confirm by hand an item the page does not show, saying so', () => {
    // Issue 15: records faxed from another system left every OpenEMR packet needing an override.
    const evaluated = results(without(complete, 'recordsAttached'));
    expect(canMarkSent(evaluated).allowed).toBe(false);
    const ticked = confirmManual(evaluated, ['records']);
    expect(ticked.find((item) => item.id === 'records')).toMatchObject({
      state: 'found',
      evidence: 'not on the page; confirmed by the coordinator',
    });
    expect(canMarkSent(ticked).allowed).toBe(true);
    // A tick on an item the page shows changes nothing.
    expect(confirmManual(results(complete), ['records'])).toEqual(results(complete));
  });
});
