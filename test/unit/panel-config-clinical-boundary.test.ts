import { describe, expect, it } from 'vitest';
import { emergencyInstruction, handOffLine, scanNote } from '../../src/panel-config/clinical-boundary';
import { DEFAULT_PANEL_CONFIG, PanelConfigSchema } from '../../src/panel-config/schema';

const boundary = DEFAULT_PANEL_CONFIG.clinicalBoundary;

// Synthetic coordinator notes, written the way they are typed between calls.
describe('scanNote: clinical questions', () => {
  it.each([
    [
      'Pt asked if this is urgent or if she can wait until after the holidays.',
      ['if this is urgent', 'can wait'],
    ],
    ['Patient wants to know whether she really needs to see cardiology.', ['really need']],
    ['Caller: "Do I need this? Should I worry?"', ['do I need this', 'should I worry']],
    ['Pt asking whether to keep taking her BP meds before the visit', ['meds', 'keep taking']],
    ['Reports increased PAIN in left knee since Tuesday', ['pain']],
    ['Pt said symptoms are getting worse, asked about the dose', ['symptom', 'getting worse', 'dose']],
    ['Mother asked what the results mean; says the rash is back', ['rash']],
  ])('%s', (note, expected) => {
    const scan = scanNote(note, boundary, 'en');
    expect(scan.clinicalQuestion).toBe(true);
    expect(scan.redFlag).toBe(false);
    expect(scan.matched).toEqual(expect.arrayContaining(expected));
  });

  it.each([
    ['Paciente preguntó si es urgente o si puede esperar hasta enero.', ['es urgente', 'puede esperar']],
    ['¿De verdad necesito ver al especialista?', ['de verdad necesito']],
    ['Dice que le duele mucho la rodilla desde el lunes.', ['duele']],
    ['Pregunta si debe seguir tomando la pastilla de la presión.', ['seguir tomando', 'pastilla']],
    ['¿Debo preocuparme por los síntomas?', ['debo preocuparme', 'síntoma']],
    ['DEBO PREOCUPARME POR LOS SINTOMAS', ['debo preocuparme', 'síntoma']],
    ['Tiene fiebre y mucha hinchazon en el pie', ['fiebre', 'hinchazón']],
  ])('%s', (note, expected) => {
    const scan = scanNote(note, boundary, 'es');
    expect(scan).toMatchObject({ clinicalQuestion: true, redFlag: false });
    expect(scan.matched).toEqual(expect.arrayContaining(expected));
  });

  it('finds the patient’s own words quoted in an English note', () => {
    const scan = scanNote(
      'Spoke w/ pt, she said "me duele la espalda", asked if she can go sooner',
      boundary,
      'en',
    );
    expect(scan.clinicalQuestion).toBe(true);
    expect(scan.matched).toContain('duele');
  });

  it('reads plurals and stems as the same word', () => {
    expect(scanNote('asked about side effects of the new pills', boundary, 'en').matched).toEqual(
      expect.arrayContaining(['side effect', 'pill']),
    );
    expect(scanNote('tiene dolores y efectos secundarios', boundary, 'es').matched).toEqual(
      expect.arrayContaining(['dolor', 'efecto secundario']),
    );
  });
});

describe('scanNote: red flags', () => {
  it.each([
    [
      'Daughter called: mom has chest pain and trouble breathing since this morning.',
      ['chest pain', 'trouble breathing'],
    ],
    ['Pt stated she has been having suicidal thoughts.', ['suicid*']],
    [
      'Wife reports slurred speech and face drooping, started an hour ago',
      ['slurred speech', 'face drooping'],
    ],
    ['Pt fainted at work today; passed out for a minute', ['fainted', 'passed out']],
    ["He says he can't breathe when lying down", ["can't breathe"]],
    ['He says he can’t breathe when lying down', ["can't breathe"]],
    [
      'La hija dice que su mamá tiene dolor en el pecho y le falta el aire.',
      ['dolor en el pecho', 'le falta el aire'],
    ],
    ['Se desmayó esta mañana en la cocina', ['desmay*']],
    ['PACIENTE CON DOLOR TORACICO', ['dolor torácico']],
    ['Dice que quiere quitarse la vida', ['quitarse la vida']],
    ['Pt said "me duele el pecho" and hung up', ['duele el pecho']],
  ])('%s', (note, expected) => {
    const scan = scanNote(note, boundary, 'en');
    expect(scan).toMatchObject({ redFlag: true, clinicalQuestion: true });
    expect(scan.matched).toEqual(expect.arrayContaining(expected));
  });

  it('lists red flags before question cues', () => {
    const scan = scanNote('worried about pain; now chest pain', boundary, 'en');
    expect(scan.matched[0]).toBe('chest pain');
    expect(scan.matched).toContain('pain');
  });

  it('never lets an administrative phrase mute a red flag', () => {
    const scan = scanNote('Pain management referral; pt now reports chest pain', boundary, 'en');
    expect(scan.redFlag).toBe(true);
  });

  it('returns configured phrases, never words from the note', () => {
    const note = 'Maria Lopez, DOB 1984-03-12, reports CHEST PAIN';
    const { matched } = scanNote(note, boundary, 'en');
    expect(matched).toEqual(['chest pain', 'pain']);
  });
});

describe('scanNote: operational notes do not trigger', () => {
  it.each([
    'patient asked about parking',
    'left voicemail re: insurance card',
    'LVM x2, will try again Thu',
    'Pt moving to Spain next month, asked to transfer the referral',
    'Pt painting the house, call after 5pm',
    'Faxed records to pain management, awaiting acknowledgment',
    'Urgent referral faxed to Riverbend Heart Center; receipt confirmed by Tasha',
    'Receiving office needs a medication list; requested from PCP',
    'Referred to neurology stroke clinic; records sent 11/2',
    'Scheduled 12/3 10:00 with Dr. Reyes; pt will bring ID and insurance card',
    'Pt asked about copay and whether the office validates parking',
    'Paciente pidió cambiar la cita al martes; confirmó su dirección',
    'Dejé mensaje de voz sobre la tarjeta del seguro',
    'Preguntó por el estacionamiento',
    'Se envió la referencia a la clínica del dolor',
    'Payer says authorization pending, ref #A-55120',
  ])('%s', (note) => {
    expect(scanNote(note, boundary, 'en')).toEqual({ clinicalQuestion: false, redFlag: false, matched: [] });
    expect(scanNote(note, boundary, 'es')).toEqual({ clinicalQuestion: false, redFlag: false, matched: [] });
  });

  it('scans an empty note as nothing', () => {
    expect(scanNote('', boundary, undefined)).toEqual({
      clinicalQuestion: false,
      redFlag: false,
      matched: [],
    });
  });
});

describe('scanNote: the organisation’s own lists', () => {
  it('uses added languages and added phrases', () => {
    const own = PanelConfigSchema.parse({
      clinicalBoundary: { redFlags: { vi: ['đau ngực'] }, questionCues: { en: ['blood pressure'] } },
    }).clinicalBoundary;
    expect(scanNote('Bà nói bị đau ngực', own, 'vi')).toMatchObject({ redFlag: true, matched: ['đau ngực'] });
    expect(scanNote('asked about her blood pressure', own, 'en').matched).toEqual(['blood pressure']);
    // The English list was replaced: its built-in cues are gone, the Spanish ones remain.
    expect(scanNote('asked about pain', own, 'en').clinicalQuestion).toBe(false);
    expect(scanNote('tiene dolor', own, 'es').clinicalQuestion).toBe(true);
  });

  it('ignores phrases with nothing to match and never throws on regex characters', () => {
    const own = PanelConfigSchema.parse({
      clinicalBoundary: { questionCues: { en: ['***', '(dose)?', 'c++ [x]'] } },
    }).clinicalBoundary;
    expect(() => scanNote('c++ x and (dose)', own, 'en')).not.toThrow();
    expect(scanNote('the dose', own, 'en').matched).toEqual(['(dose)?']);
  });
});

describe('handOffLine', () => {
  it('fills the clinical contact in English', () => {
    expect(handOffLine(boundary, 'en')).toBe(
      'That is a great question for your care team, and I want you to get the right answer. I will pass it to our clinical staff, who will call you back within 2 business hours. You can also reach them directly: Nurse triage line, (555) 010-0150, option 2.',
    );
  });

  it('fills it in Spanish with the Spanish contact wording', () => {
    const line = handOffLine(boundary, 'es-MX');
    expect(line).toBe(
      'Esa es una muy buena pregunta para su equipo médico, y quiero que reciba la respuesta correcta. Voy a pasarla a nuestro personal clínico, que le devolverá la llamada en un plazo de 2 horas hábiles. También puede comunicarse directamente: Línea de enfermería, (555) 010-0150, opción 2.',
    );
  });

  it('falls back to English for a language without a line', () => {
    expect(handOffLine(boundary, 'vi')).toBe(handOffLine(boundary, 'en'));
    expect(handOffLine(boundary, undefined)).toBe(handOffLine(boundary, 'en'));
  });

  it('uses the organisation’s contact, translated only where it says so', () => {
    const own = PanelConfigSchema.parse({
      clinicalBoundary: {
        contact: { name: 'Dr. Okafor’s nurse', reach: 'ext. 214', responseTime: 'the same day' },
        handOffLine: { en: 'I will ask {contactName} ({contactReach}) to call you {responseTime}.' },
      },
    }).clinicalBoundary;
    expect(handOffLine(own, 'en')).toBe('I will ask Dr. Okafor’s nurse (ext. 214) to call you the same day.');
    const spanish = handOffLine(own, 'es');
    expect(spanish).toContain('Dr. Okafor’s nurse, ext. 214');
    expect(spanish).toContain('la llamada the same day');
    expect(spanish).not.toMatch(/[{}]/);
  });
});

describe('emergencyInstruction', () => {
  it('gives the approved wording in the patient’s language', () => {
    expect(emergencyInstruction(boundary, 'en')).toBe('If this is an emergency, hang up and call 911.');
    expect(emergencyInstruction(boundary, 'es')).toBe(
      'Si se trata de una emergencia, cuelgue y llame al 911.',
    );
    expect(emergencyInstruction(boundary, 'ko')).toBe('If this is an emergency, hang up and call 911.');
  });
});
