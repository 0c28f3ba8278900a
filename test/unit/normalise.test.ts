import { describe, expect, it } from 'vitest';
import {
  normaliseDate,
  normaliseIcd10,
  normaliseIdentifier,
  normaliseList,
  normaliseName,
  normalisePhone,
  normalisePriority,
  normaliseSpecialty,
  normaliseText,
  readDate,
  whyUnread,
} from '../../src/detection/normalise';
import { formatPhone } from '../../src/detection/phone-format';
import type { DateOrder } from '../../src/detection/reading-locale';

describe('normalisers', () => {
  it.each([
    ['2026-11-02', '2026-11-02'],
    ['Nov 2, 2026', '2026-11-02'],
    ['Mon, Nov 2, 2026', '2026-11-02'],
    ['2 November 2026', '2026-11-02'],
    ['18-APR-1961', '1961-04-18'],
    ['18 Apr. 1961', '1961-04-18'],
    ['4 de mayo de 2026', '2026-05-04'],
    ['18/04/1961', '1961-04-18'],
    ['04/18/1961', '1961-04-18'],
    ['30.01.1948', '1948-01-30'],
    ['05/05/2026', '2026-05-05'],
    ['02/30/2026', undefined],
    ['soon', undefined],
  ])('date %s with no date order', (input, expected) => expect(normaliseDate(input)).toBe(expected));

  it.each([
    ['04/05/2026', 'DMY', '2026-05-04'],
    ['04/05/2026', 'MDY', '2026-04-05'],
    ['11/02/2026', 'MDY', '2026-11-02'],
    ['2026/05/04', 'DMY', '2026-05-04'],
    ['18/04/1961', 'MDY', undefined],
  ] as [string, DateOrder, string | undefined][])('date %s in %s order', (input, dateOrder, expected) =>
    expect(normaliseDate(input, { dateOrder })).toBe(expected),
  );

  it('flags a date whose day could be its month instead of turning it into another day', () => {
    expect(readDate('04/05/2026')).toEqual({ ambiguous: true });
    expect(whyUnread('date', 'DOB: 04/05/2026', {})).toBe('ambiguous-date');
    expect(whyUnread('date', '31/31/2026', {})).toBe('unreadable');
    expect(whyUnread('date', '04/05/2026', { dateOrder: 'DMY' })).toBe('unreadable');
    // Only a date field says "ambiguous date".
    expect(whyUnread('text', '04/05/2026', {})).toBe('unreadable');
  });

  it.each([
    ['555-201-3344', '555-201-3344'],
    ['Home: +1 (555) 201 3344 (mobile)', '+1 (555) 201 3344'],
    ['0491  570 156', '0491 570 156'],
    ['none on file', undefined],
  ])('phone %s is found as written', (input, expected) => expect(normalisePhone(input)).toBe(expected));

  it.each([
    ['217-555-0194', 'US', '(217) 555-0194'],
    ['+1 217 555 0194', 'US', '(217) 555-0194'],
    ['0491 570 156', 'AU', '0491 570 156'],
    ['0491570156', 'AU', '0491 570 156'],
    // An Australian mobile in a US-configured EHR is not a US number: kept as written.
    ['0491 570 156', 'US', '0491 570 156'],
    ['+44 20 7946 0958', 'US', '+44 20 7946 0958'],
    ['020 7946 0958', 'GB', '020 7946 0958'],
    ['+61 491 570 156', 'GB', '+61 491 570 156'],
    // The fictional 555-01xx range is no valid US number: kept as written, never reshaped.
    ['555 010 0133', 'US', '555 010 0133'],
    ['12-34', undefined, '12-34'],
    // A country code Handoff does not know ("UK" for GB): numbers are still shown, none reshaped wrongly.
    ['+1 217 555 0194', 'UK', '+1 217 555 0194'],
    ['020 7946 0958', 'UK', '020 7946 0958'],
  ])('phone %s formatted for %s', (input, country, expected) =>
    expect(formatPhone(input, country)).toBe(expected),
  );

  it.each([
    ['Doe, Jane', 'Jane Doe'],
    ['DOE, JANE', 'Jane Doe'],
    ['Jane  Doe (MRN-004512)', 'Jane Doe'],
    ["O'NEIL, MARY-KATE", "Mary-Kate O'Neil"],
    ['12345', undefined],
  ])('name %s', (input, expected) => expect(normaliseName(input)).toBe(expected));

  it('finds every ICD-10 code once', () => {
    expect(normaliseIcd10('I48.91 Atrial fibrillation; r00.2, I48.91')).toBe('I48.91, R00.2');
    expect(normaliseIcd10('no codes here')).toBeUndefined();
  });

  it.each([
    ['STAT', 'stat'],
    ['ASAP', 'asap'],
    ['Urgent', 'urgent'],
    ['High', 'urgent'],
    ['Routine', 'routine'],
    ['Low', 'routine'],
    ['whenever', undefined],
  ])('priority %s', (input, expected) => expect(normalisePriority(input)).toBe(expected));

  it.each([
    ['Referral to cardiology service', 'Cardiology'],
    ['Dermatology', 'Dermatology'],
    ['Consult for ENT clinic', 'ENT'],
  ])('specialty %s', (input, expected) => expect(normaliseSpecialty(input)).toBe(expected));
});

describe('normalisers, the rest of each rule', () => {
  it.each([
    ['Sept. 14, 2026', '2026-09-14'],
    ['14 set. 2026', '2026-09-14'],
    ['3 dic 2026', '2026-12-03'],
    ['2026.5.4', '2026-05-04'],
    ['Feb 30, 2026', undefined],
    // A year mistyped with a leading zero is not read as a year of the last century.
    ['0061-04-18', undefined],
    ['2026-13-05', undefined],
    // 12 could be the month or the day: no order set, the date is flagged.
    ['12/05/2026', undefined],
    ['05/12/2026', undefined],
    ['Smarch 3, 2026', undefined],
  ])('date %s', (input, expected) => expect(normaliseDate(input)).toBe(expected));

  it.each([
    ['DOE, JANE [deceased flag]', 'Jane Doe'],
    ['Jane Doe, MD', 'Jane Doe, MD'],
    ['McDonald, Ronald', 'Ronald McDonald'],
    ['DOE,JANE', 'Jane Doe'],
  ])('name %s', (input, expected) => expect(normaliseName(input)).toBe(expected));

  it.each([
    ['Emergency', 'stat'],
    ['As soon as possible', 'asap'],
    ['Expedite', 'urgent'],
    ['Elective', 'routine'],
    ['Rutina', 'routine'],
    ['Ordinaria', 'routine'],
    ['Standard', 'routine'],
    ['Medium risk', 'routine'],
    ['Highway', undefined],
  ])('priority %s', (input, expected) => expect(normalisePriority(input)).toBe(expected));

  it('leaves a specialty without referral wording as it is, capitalised, and empty wording empty', () => {
    expect(normaliseSpecialty('cardiology')).toBe('Cardiology');
    expect(normaliseSpecialty('Consultation for   sleep medicine')).toBe('Sleep medicine');
    expect(normaliseSpecialty('Referral consultation')).toBeUndefined();
    expect(normaliseSpecialty('Referral\n    to Cardiology')).toBe('Cardiology');
    expect(normaliseSpecialty('Cardiology consult')).toBe('Cardiology');
    expect(normaliseSpecialty('Sleep   medicine clinic')).toBe('Sleep medicine');
  });

  it.each([
    ['HUM-31100457', 'HUM-31100457'],
    ['Required · HUM-31100457', 'HUM-31100457'],
    ['Pending | AUTH 7781  22', 'AUTH 7781 22'],
    ['Pending|AUTH-7781', 'AUTH-7781'],
    ['MBR-4471;GRP-22', 'MBR-4471'],
    ['Pending\n   AUTH-7781', 'AUTH-7781'],
    ['Required · not yet obtained', undefined],
    ['N/A', undefined],
  ])('identifier %s keeps the number', (input, expected) =>
    expect(normaliseIdentifier(input)).toBe(expected),
  );

  it('reads a list one item per line and ignores blank lines', () => {
    expect(normaliseList('Office note\n\n  ECG   12-lead \nEcho report')).toBe(
      'Office note; ECG 12-lead; Echo report',
    );
    expect(normaliseList(' \n ')).toBeUndefined();
  });

  it('tidies free text and reads blank text as none', () => {
    expect(normaliseText('  Evaluate\n  palpitations  ')).toBe('Evaluate palpitations');
    expect(normaliseText(' \n\t ')).toBeUndefined();
  });

  it('finds no ICD-10 code in words that only look like one', () => {
    expect(normaliseIcd10('room A1, bed 12, form B-52')).toBeUndefined();
    expect(normaliseIcd10('e11.9, E11.65')).toBe('E11.9, E11.65');
  });
});

describe('relative dates, as worklists write recent ones', () => {
  // 1 March 2026, 08:15 local time: "yesterday" is in another month.
  const now = new Date(2026, 2, 1, 8, 15);

  it('reads Today and Yesterday (and Hoy, Ayer) as the day they fall on, with or without a time', () => {
    expect(readDate('Today, 09:40', undefined, now)).toEqual({ date: '2026-03-01' });
    expect(readDate('today', 'DMY', now)).toEqual({ date: '2026-03-01' });
    expect(readDate('Yesterday 17:05', undefined, now)).toEqual({ date: '2026-02-28' });
    expect(readDate('Hoy, 10:00', undefined, now)).toEqual({ date: '2026-03-01' });
    expect(readDate('Ayer', undefined, now)).toEqual({ date: '2026-02-28' });
  });

  it('reads a word that merely starts like one as no date', () => {
    expect(readDate('Todays plan', undefined, now)).toBeUndefined();
    expect(readDate('Seen today', undefined, now)).toBeUndefined();
  });
});
