import { describe, expect, it } from 'vitest';
import { REFERRAL_FIELDS } from '../../src/detection/referral-fields';
import {
  CHECKLIST_FIELDS,
  DEFAULT_PANEL_CONFIG,
  PanelConfigSchema,
  SCRIPT_AUDIENCES,
  SCRIPT_CHANNELS,
} from '../../src/panel-config/schema';
import { OUTREACH_PARTIES } from '../../src/referral/referral';
import { z } from '../../src/zod';

const parse = (input: unknown) => PanelConfigSchema.safeParse(input);
const issuePaths = (input: unknown) => {
  const result = parse(input);
  return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
};

const script = (overrides: Record<string, unknown> = {}) => ({
  id: 'own-script',
  audience: 'patient',
  channel: 'call',
  language: 'en',
  title: 'Own call',
  why: 'Hi {patientFirstName}, this is {practiceName} about your referral.',
  step: 'Please call us back.',
  help: 'Our desk: {practicePhone}.',
  ...overrides,
});

describe('default panel configuration', () => {
  it('works with no policy at all', () => {
    expect(parse({}).success).toBe(true);
    expect(DEFAULT_PANEL_CONFIG.organization).toEqual({
      name: 'Riverbend Health Partners',
      phone: '(555) 010-0100',
    });
    expect(DEFAULT_PANEL_CONFIG.threeSecondRule.openingWordBudget).toBe(25);
  });

  it('has one general checklist with the packet items, required unless marked otherwise', () => {
    expect(DEFAULT_PANEL_CONFIG.checklists).toHaveLength(1);
    const [general] = DEFAULT_PANEL_CONFIG.checklists;
    expect(general?.appliesTo.specialties).toBeUndefined();
    expect(general?.items.map((i) => [i.id, i.required])).toEqual([
      ['demographics', true],
      ['patient-phone', true],
      ['insurance', true],
      ['authorization', false],
      ['reason', true],
      ['referring-provider', true],
      ['receiving-office', true],
      ['records', true],
      ['specialist-instructions', false],
    ]);
    expect(general?.items[0]?.check?.fields).toEqual(['patientName', 'dateOfBirth']);
  });

  it('ships English and Spanish patient scripts on every channel, and English partner scripts', () => {
    const combos = DEFAULT_PANEL_CONFIG.scripts.map((s) => `${s.audience}/${s.channel}/${s.language}`);
    for (const language of ['en', 'es']) {
      for (const channel of SCRIPT_CHANNELS) expect(combos).toContain(`patient/${channel}/${language}`);
    }
    expect(combos).toEqual(
      expect.arrayContaining([
        'receiving-office/call/en',
        'receiving-office/email/en',
        'referring-office/call/en',
        'payer/call/en',
      ]),
    );
    expect(new Set(DEFAULT_PANEL_CONFIG.scripts.map((s) => s.id)).size).toBe(combos.length);
  });

  it('names a clinical contact and speaks English and Spanish at the boundary', () => {
    const boundary = DEFAULT_PANEL_CONFIG.clinicalBoundary;
    expect(boundary.contact).toMatchObject({
      name: 'Nurse triage line',
      reach: '(555) 010-0150, option 2',
      responseTime: 'within 2 business hours',
    });
    for (const list of [
      boundary.handOffLine,
      boundary.questionCues,
      boundary.redFlags,
      boundary.emergencyInstruction,
    ]) {
      expect(Object.keys(list).sort()).toEqual(['en', 'es']);
    }
    expect(boundary.emergencyInstruction.en).toBe('If this is an emergency, hang up and call 911.');
  });

  it('gives fresh lists on every parse, so one caller cannot change another’s defaults', () => {
    const first = PanelConfigSchema.parse({});
    first.scripts.pop();
    first.checklists[0]?.items.pop();
    const second = PanelConfigSchema.parse({});
    expect(second.scripts).toHaveLength(DEFAULT_PANEL_CONFIG.scripts.length);
    expect(second.checklists[0]?.items).toHaveLength(9);
  });
});

describe('fields, audiences', () => {
  it('checklist fields are the detection fields plus the ones to come, once each', () => {
    expect(CHECKLIST_FIELDS).toEqual(expect.arrayContaining([...REFERRAL_FIELDS]));
    for (const field of [
      'insurancePayer',
      'insuranceMemberId',
      'authorizationNumber',
      'receivingPhone',
      'receivingFax',
      'recordsAttached',
      'specialistInstructions',
      'referringPractice',
    ]) {
      expect(CHECKLIST_FIELDS).toContain(field);
    }
    expect(new Set(CHECKLIST_FIELDS).size).toBe(CHECKLIST_FIELDS.length);
  });

  it('script audiences are the outreach parties', () => {
    expect([...SCRIPT_AUDIENCES]).toEqual([...OUTREACH_PARTIES]);
  });
});

describe('an organisation’s policy', () => {
  it('replaces the built-in lists it gives, and keeps the item defaults', () => {
    const parsed = PanelConfigSchema.parse({
      organization: { name: 'Lakeside Family Medicine', referralDeskHours: 'Mon–Fri 8–5' },
      checklists: [
        {
          id: 'cardiology',
          name: 'Cardiology packet',
          appliesTo: { specialties: ['Cardiology'] },
          items: [{ id: 'ecg', label: 'Recent ECG attached' }],
        },
      ],
      scripts: [script()],
    });
    expect(parsed.organization).toEqual({
      name: 'Lakeside Family Medicine',
      phone: '(555) 010-0100',
      referralDeskHours: 'Mon–Fri 8–5',
    });
    expect(parsed.checklists[0]?.items[0]).toEqual({
      id: 'ecg',
      label: 'Recent ECG attached',
      required: true,
    });
    expect(parsed.scripts.map((s) => s.id)).toEqual(['own-script']);
  });

  it('keeps the built-in Spanish when it words only English', () => {
    const parsed = PanelConfigSchema.parse({
      clinicalBoundary: {
        questionCues: { en: ['is it bad'] },
        emergencyInstruction: { en: 'Call 911 now.' },
      },
    });
    const boundary = parsed.clinicalBoundary;
    expect(boundary.questionCues.en).toEqual(['is it bad']);
    expect(boundary.questionCues.es).toEqual(DEFAULT_PANEL_CONFIG.clinicalBoundary.questionCues.es);
    expect(boundary.emergencyInstruction.es).toBe(
      DEFAULT_PANEL_CONFIG.clinicalBoundary.emergencyInstruction.es,
    );
    expect(boundary.redFlags).toEqual(DEFAULT_PANEL_CONFIG.clinicalBoundary.redFlags);
  });

  it('adds languages beside the built-in ones', () => {
    const parsed = PanelConfigSchema.parse({ clinicalBoundary: { redFlags: { vi: ['đau ngực'] } } });
    expect(Object.keys(parsed.clinicalBoundary.redFlags).sort()).toEqual(['en', 'es', 'vi']);
  });

  it('translates only the contact wording it did not change', () => {
    const parsed = PanelConfigSchema.parse({ clinicalBoundary: { contact: { name: 'Dr. Okafor’s nurse' } } });
    const { contact } = parsed.clinicalBoundary;
    expect(contact.name).toBe('Dr. Okafor’s nurse');
    expect(contact.translations.es).toEqual({
      reach: '(555) 010-0150, opción 2',
      responseTime: 'en un plazo de 2 horas hábiles',
    });
  });

  it('keeps its own translations over the built-in ones', () => {
    const parsed = PanelConfigSchema.parse({
      clinicalBoundary: { contact: { translations: { es: { name: 'Enfermera de guardia' } } } },
    });
    expect(parsed.clinicalBoundary.contact.translations.es?.name).toBe('Enfermera de guardia');
    expect(parsed.clinicalBoundary.contact.translations.es?.reach).toBe('(555) 010-0150, opción 2');
  });

  it.each([
    ['an unknown script placeholder', { scripts: [script({ why: 'Hi {patientName}.' })] }, 'scripts.0.why'],
    ['an unknown audience', { scripts: [script({ audience: 'pharmacy' })] }, 'scripts.0.audience'],
    ['a language that is not a tag', { scripts: [script({ language: 'Spanish' })] }, 'scripts.0.language'],
    ['an empty step', { scripts: [script({ step: '  ' })] }, 'scripts.0.step'],
    ['duplicate script ids', { scripts: [script(), script()] }, 'scripts'],
    [
      'a check that checks nothing',
      { checklists: [{ id: 'c', name: 'C', items: [{ id: 'a', label: 'A', check: {} }] }] },
      'checklists.0.items.0.check',
    ],
    [
      'an invalid pattern',
      {
        checklists: [
          {
            id: 'c',
            name: 'C',
            items: [{ id: 'a', label: 'A', check: { pattern: { field: 'mrn', regex: '([' } } }],
          },
        ],
      },
      'checklists.0.items.0.check.pattern.regex',
    ],
    [
      'an unknown field',
      { checklists: [{ id: 'c', name: 'C', items: [{ id: 'a', label: 'A', check: { fields: ['ssn'] } }] }] },
      'checklists.0.items.0.check.fields.0',
    ],
    [
      'duplicate item ids',
      {
        checklists: [
          {
            id: 'c',
            name: 'C',
            items: [
              { id: 'a', label: 'A' },
              { id: 'a', label: 'B' },
            ],
          },
        ],
      },
      'checklists.0.items',
    ],
    [
      'an opening budget of zero',
      { threeSecondRule: { openingWordBudget: 0 } },
      'threeSecondRule.openingWordBudget',
    ],
    [
      'an unknown hand-off placeholder',
      { clinicalBoundary: { handOffLine: { en: 'Call {nurseName}.' } } },
      'clinicalBoundary.handOffLine.en',
    ],
  ])('refuses %s', (_name, input, path) => {
    expect(issuePaths(input)).toContain(path);
  });
});

describe('managed policy schema', () => {
  // The keywords src/config/managed-schema.ts lets through to Chrome, or leaves to zod.
  const CHROME = new Set(['type', 'properties', 'items', 'additionalProperties', 'enum']);
  const ALSO_KEPT = new Set(['minimum', 'maximum', 'pattern', 'description', 'title']);
  const LEFT_TO_ZOD = new Set([
    '$schema',
    'default',
    'minItems',
    'maxItems',
    'minLength',
    'maxLength',
    'propertyNames',
    'required',
  ]);

  function keywords(schema: unknown, found = new Set<string>()): Set<string> {
    if (typeof schema !== 'object' || schema === null) return found;
    const node = schema as Record<string, unknown>;
    for (const [keyword, value] of Object.entries(node)) {
      found.add(keyword);
      if (keyword === 'properties') {
        for (const child of Object.values(value as Record<string, unknown>)) keywords(child, found);
      } else if (keyword === 'items' || keyword === 'additionalProperties') {
        keywords(value, found);
      }
    }
    return found;
  }

  it('uses only keywords a Chrome policy schema accepts', () => {
    const schema = z.toJSONSchema(PanelConfigSchema, { io: 'input' });
    const unsupported = [...keywords(schema)].filter(
      (k) => !CHROME.has(k) && !ALSO_KEPT.has(k) && !LEFT_TO_ZOD.has(k),
    );
    expect(unsupported).toEqual([]);
  });
});
