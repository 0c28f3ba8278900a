import { describe, expect, it } from 'vitest';
import { scanNote } from '../../src/panel-config/clinical-boundary';
import { DEFAULT_PANEL_CONFIG, Script } from '../../src/panel-config/schema';
import {
  countWords,
  fillScript,
  firstName,
  outreachChannelOf,
  pickScripts,
  preferredLanguage,
  type ScriptValues,
  threeSecondCheck,
} from '../../src/panel-config/scripts';

const { scripts, threeSecondRule, clinicalBoundary, organization } = DEFAULT_PANEL_CONFIG;
const budget = threeSecondRule.openingWordBudget;

/** Synthetic values, long-ish on purpose: they are what the 3-second rule is really heard with. */
const values: ScriptValues = {
  patientFirstName: 'Maria',
  specialty: 'Cardiology',
  receivingOffice: 'Riverbend Heart Center',
  practiceName: organization.name,
  practicePhone: organization.phone,
  referringProvider: 'Dr. Alan Reyes',
  orderNumber: 'REF-20417',
  recordsAttached: 'office note, ECG, lab panel',
};

const own = (overrides: Partial<Script>): Script =>
  Script.parse({
    id: 'own',
    audience: 'patient',
    channel: 'call',
    language: 'en',
    title: 'Own',
    why: 'Hi {patientFirstName}, this is {practiceName}.',
    step: 'Please call us back.',
    help: 'Call {practicePhone}.',
    ...overrides,
  });

describe('built-in scripts', () => {
  it.each(scripts.map((s) => [s.id, s] as const))('%s passes the 3-second rule', (_id, script) => {
    expect(threeSecondCheck(script, budget)).toMatchObject({ passes: true, problems: [] });
  });

  it.each(scripts.map((s) => [s.id, s] as const))('%s still fits the budget once filled', (_id, script) => {
    const filledWhy = fillScript({ ...script, step: '', help: '', closing: undefined }, values).text;
    expect(countWords(filledWhy)).toBeLessThanOrEqual(budget);
  });

  it.each(scripts.map((s) => [s.id, s] as const))(
    '%s fills without gaps from a full referral',
    (_id, script) => {
      const filled = fillScript(script, values);
      expect(filled.gaps).toEqual([]);
      expect(filled.text).not.toMatch(/[{}]|undefined|\[/);
    },
  );

  it.each(scripts.map((s) => [s.id, s] as const))('%s says nothing clinical', (_id, script) => {
    const scan = scanNote(fillScript(script, values).text, clinicalBoundary, script.language);
    expect(scan).toEqual({ clinicalQuestion: false, redFlag: false, matched: [] });
  });

  it('leaves the specialty and the office out of voicemails and texts, which others may hear or read', () => {
    for (const script of scripts.filter((s) => s.channel === 'voicemail' || s.channel === 'text')) {
      expect(`${script.why} ${script.step} ${script.help} ${script.closing ?? ''}`).not.toMatch(
        /\{specialty\}|\{receivingOffice\}/,
      );
    }
  });

  it('speaks to Spanish-speaking patients as usted', () => {
    const spanish = scripts.filter((s) => s.language === 'es');
    expect(spanish).toHaveLength(5);
    for (const script of spanish) {
      const text = fillScript(script, values).text;
      const word = (words: string) => new RegExp(`(?<!\\p{L})(${words})(?!\\p{L})`, 'iu');
      expect(text).not.toMatch(word('tú|tu|te|ti|tienes|puedes|necesitas|llámanos|llama|escríbenos'));
      expect(text).toMatch(word('le|usted|su|llámenos|devuélvanos'));
    }
  });

  it('opens a patient call the way the seed does', () => {
    const call = pickScripts(scripts, { audience: 'patient', channel: 'call', language: 'en' })[0];
    expect(call && fillScript(call, values).text).toMatch(
      /^Hi Maria, this is Riverbend Health Partners\. Your provider referred you to a specialist, and we're calling to help with the next scheduling step\./,
    );
  });
});

describe('pickScripts', () => {
  it('finds the patient’s language', () => {
    const picked = pickScripts(scripts, { audience: 'patient', channel: 'voicemail', language: 'es' });
    expect(picked.map((s) => s.id)).toEqual(['patient-voicemail-es']);
  });

  it('matches a regional tag to the language, and the reverse', () => {
    expect(pickScripts(scripts, { audience: 'patient', channel: 'text', language: 'es-MX' })[0]?.id).toBe(
      'patient-text-es',
    );
    const mexican = [own({ id: 'mx', language: 'es-MX' })];
    expect(pickScripts(mexican, { audience: 'patient', channel: 'call', language: 'es' })[0]?.id).toBe('mx');
  });

  it('prefers the exact regional tag when there is one', () => {
    const both = [own({ id: 'es', language: 'es' }), own({ id: 'mx', language: 'es-MX' })];
    expect(pickScripts(both, { audience: 'patient', language: 'es-MX' }).map((s) => s.id)).toEqual(['mx']);
  });

  it('falls back when there is no script in the patient’s language', () => {
    const picked = pickScripts(scripts, { audience: 'receiving-office', channel: 'call', language: 'es' });
    expect(picked.map((s) => s.id)).toEqual(['receiving-office-call-en']);
    expect(pickScripts(scripts, { audience: 'patient', channel: 'call', language: 'vi' })[0]?.language).toBe(
      'en',
    );
    expect(pickScripts(scripts, { audience: 'patient', channel: 'call' })[0]?.language).toBe('en');
    expect(
      pickScripts(scripts, {
        audience: 'patient',
        channel: 'call',
        language: 'vi',
        fallbackLanguage: 'es',
      })[0]?.id,
    ).toBe('patient-call-es');
  });

  it('lists every channel for an audience when none is given', () => {
    const picked = pickScripts(scripts, { audience: 'receiving-office', language: 'en' });
    expect(picked.map((s) => s.channel)).toEqual(['call', 'email']);
  });

  it('finds nothing for a combination no script covers', () => {
    expect(pickScripts(scripts, { audience: 'payer', channel: 'letter', language: 'en' })).toEqual([]);
  });
});

describe('outreachChannelOf', () => {
  it.each([
    ['call', 'phone'],
    ['voicemail', 'voicemail'],
    ['text', 'sms'],
    ['email', 'email'],
    ['letter', 'letter'],
  ] as const)('%s is recorded as %s', (channel, outreach) => {
    expect(outreachChannelOf(channel)).toBe(outreach);
  });
});

describe('preferredLanguage', () => {
  it.each([
    ['Spanish', 'es'],
    ['SPANISH', 'es'],
    ['Español', 'es'],
    ['espanol', 'es'],
    ['es', 'es'],
    ['ES-MX', 'es'],
    ['es_US', 'es'],
    ['spa', 'es'],
    ['Spanish (Mexico)', 'es'],
    ['Spanish - interpreter needed', 'es'],
    ['English', 'en'],
    ['eng', 'en'],
    ['en-US', 'en'],
    ['Inglés', 'en'],
    ['Vietnamese', 'vi'],
    ['Tiếng Việt', 'vi'],
    ['Mandarin', 'zh'],
    ['中文', 'zh'],
    ['Haitian Creole', 'ht'],
    ['Português', 'pt'],
    ['Spanish; also some English', 'es'],
  ])('%s is %s', (text, code) => {
    expect(preferredLanguage(text)).toBe(code);
  });

  it.each([[''], ['Declined to specify'], ['Unknown'], ['Other'], ['und'], ['xx'], [undefined]])(
    '%s names no language',
    (text) => {
      expect(preferredLanguage(text)).toBeUndefined();
    },
  );

  it('does not find a language inside another word', () => {
    expect(preferredLanguage('Englishtown resident')).toBeUndefined();
  });
});

describe('fillScript', () => {
  it('fills every placeholder, in the title too', () => {
    const email = scripts.find((s) => s.id === 'receiving-office-email-en') as Script;
    const filled = fillScript(email, values);
    expect(filled.title).toBe('Referral REF-20417: please confirm receipt');
    expect(filled.text).toContain('for Maria (order REF-20417, Cardiology)');
    expect(filled.text).toContain('Records attached: office note, ECG, lab panel.');
  });

  it('shows a missing value as a clear gap and lists it once', () => {
    const call = scripts.find((s) => s.id === 'patient-call-en') as Script;
    const filled = fillScript(call, { ...values, patientFirstName: undefined, receivingOffice: '  ' });
    expect(filled.gaps).toEqual(['patientFirstName', 'receivingOffice']);
    expect(filled.text).toMatch(/^Hi \[patient first name\], this is/);
    expect(filled.text).toContain('your visit with [receiving office] for Cardiology');
    expect(filled.text).toContain('Thank you for your time, [patient first name].');
    expect(filled.text).not.toMatch(/undefined|\{/);
  });

  it('fills nothing it was not given', () => {
    const filled = fillScript(own({}), {});
    expect(filled.text).toBe(
      'Hi [patient first name], this is [practice name]. Please call us back. Call [practice phone].',
    );
    expect(filled.gaps).toEqual(['patientFirstName', 'practiceName', 'practicePhone']);
  });

  it('shows an unknown placeholder as a gap too', () => {
    const unchecked = { ...own({}), why: 'Hi {patientNickname}.' };
    expect(fillScript(unchecked, values)).toMatchObject({
      text: 'Hi [patient nickname]. Please call us back. Call (555) 010-0100.',
      gaps: ['patientNickname'],
    });
  });

  it('tidies values and never substitutes twice', () => {
    const filled = fillScript(own({}), {
      ...values,
      patientFirstName: '  Ana\n Sofia ',
      practiceName: '{practicePhone}',
    });
    expect(filled.text).toBe(
      'Hi Ana Sofia, this is {practicePhone}. Please call us back. Call (555) 010-0100.',
    );
  });

  it('sets emails and letters in paragraphs, and runs spoken scripts on', () => {
    const letter = scripts.find((s) => s.id === 'patient-letter-es') as Script;
    const text = fillScript(letter, values).text;
    expect(text.split('\n\n')).toHaveLength(4);
    expect(text).toMatch(/^Estimado\(a\) Maria:\nSu médico le refirió a un especialista en Cardiology\./);
    expect(text).toMatch(/Atentamente,\nEl equipo de referencias de Riverbend Health Partners$/);
    const voicemail = fillScript(scripts.find((s) => s.id === 'patient-voicemail-en') as Script, values).text;
    expect(voicemail).not.toContain('\n');
  });
});

describe('firstName', () => {
  it.each([
    ['Maria Lopez', 'Maria'],
    ['Lopez, Maria A', 'Maria'],
    ['LOPEZ, MARIA', 'Maria'],
    ["O'NEIL, MARY-KATE", 'Mary-Kate'],
    ['DeShawn Carter', 'DeShawn'],
    ['Ms. Maria Lopez', 'Maria'],
    ['Sra. Ana Gómez', 'Ana'],
    ['J. Robert Smith', 'Robert'],
    ['Juan Perez, Jr.', 'Juan'],
    ['Perez, Juan Jr', 'Juan'],
    ['Robert "Bob" Smith', 'Robert'],
    ['Smith, Robert (Bob)', 'Robert'],
    ['  maria   lopez ', 'Maria'],
    ['José', 'José'],
  ])('%s is greeted as %s', (full, first) => {
    expect(firstName(full)).toBe(first);
  });

  it.each([[''], ['   '], ['12345'], [undefined]])('%s has no first name', (full) => {
    expect(firstName(full)).toBeUndefined();
  });
});

describe('threeSecondCheck', () => {
  it('counts the opening as heard: placeholders are words, punctuation is not', () => {
    expect(countWords('Hi {patientFirstName} — this is {practiceName}.')).toBe(5);
    expect(countWords('¿Tiene preguntas?')).toBe(2);
  });

  it('flags an opening over the budget', () => {
    const long = own({ why: Array(30).fill('word').join(' ') });
    expect(threeSecondCheck(long, 25)).toEqual({
      passes: false,
      openingWords: 30,
      problems: ['The opening has 30 words; keep it to 25 or fewer.'],
    });
    expect(threeSecondCheck(long, 30).passes).toBe(true);
  });

  it('flags the vague opening the seed warns about only when the other parts are missing', () => {
    expect(threeSecondCheck({ why: 'We are following up about your referral.' }, 25)).toEqual({
      passes: false,
      openingWords: 7,
      problems: ['The step to take is empty.', 'Who can help is empty.'],
    });
  });

  it('flags every empty part', () => {
    expect(threeSecondCheck({ why: ' ', step: '', help: undefined }, 25).problems).toEqual([
      'The opening is empty: say why we are contacting them.',
      'The step to take is empty.',
      'Who can help is empty.',
    ]);
  });

  it('wants a way to reach whoever can help', () => {
    const vague = own({ help: 'Our team can help.' });
    expect(threeSecondCheck(vague, 25).problems).toEqual([
      'Who can help gives no way to reach us: add {practicePhone}.',
    ]);
    expect(threeSecondCheck(own({ help: 'Call Ana at 217-555-0142.' }), 25).passes).toBe(true);
    expect(threeSecondCheck(own({ help: 'Write to referrals@example.org.' }), 25).passes).toBe(true);
  });
});
