import { describe, expect, it } from 'vitest';
import {
  normaliseDate,
  normaliseIcd10,
  normaliseName,
  normalisePhone,
  normalisePriority,
  normaliseSpecialty,
} from '../../src/detection/normalise';

describe('normalisers', () => {
  it.each([
    ['2026-11-02', '2026-11-02'],
    ['11/02/2026', '2026-11-02'],
    ['Nov 2, 2026', '2026-11-02'],
    ['2 November 2026', '2026-11-02'],
    ['02/30/2026', undefined],
    ['soon', undefined],
  ])('date %s', (input, expected) => expect(normaliseDate(input)).toBe(expected));

  it.each([
    ['555-201-3344', '(555) 201-3344'],
    ['+1 (555) 201 3344', '(555) 201-3344'],
    ['+44 20 7946 0958', '+44 20 7946 0958'],
    ['none on file', undefined],
  ])('phone %s', (input, expected) => expect(normalisePhone(input)).toBe(expected));

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
