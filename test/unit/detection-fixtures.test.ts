// @vitest-environment jsdom
/**
 * Fixture tables in the style of github-url-detection: saved EHR pages that each profile must
 * recognise, with exactly the fields it must read, and pages that nothing may take for a single
 * referral. The demo EHR's screens are saved by `scripts/save-fixture-pages.ts`; the rest are
 * hand-written to stand for EHRs Handoff has never seen.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/schema';
import { BUILTIN_PROFILES } from '../../src/detection/builtin-profiles';
import {
  type Detection,
  detectReferral,
  type ExtractedFields,
  type ValuesToCheck,
} from '../../src/detection/detect-referral';
import { EhrProfile } from '../../src/detection/ehr-profile';
import { formatPhoneFields } from '../../src/detection/phone-format';
import { loadPage } from './saved-pages';

/** What the coordinator sees in the panel: phones formatted there, for the profile's country. */
const shown = (detection: Detection | null) =>
  detection && formatPhoneFields(detection.fields, detection.phoneCountry);

/** Saved pages keep their EHR paths, which is what URL-scoped profiles look at. */
const OPENEMR_URL = 'https://ehr.example.test/openemr/interface/patient_file/transaction/add_transaction.php';
const urlOf = (name: string) =>
  name.startsWith('openemr') ? OPENEMR_URL : `https://ehr.example.test/${name}`;

/**
 * Each page with the profile that must recognise it, exactly the fields it must read (as the
 * panel shows them, with the organisation's default locale), and exactly the values the
 * coordinator is asked to check (none unless given).
 */
const positives: [page: string, profile: string, fields: ExtractedFields, toCheck?: ValuesToCheck][] = [
  [
    'openemr-referral-R-1001',
    'openemr-referral',
    {
      orderNumber: 'ORD-20461',
      patientName: 'Margaret Okafor',
      dateOfBirth: '1954-03-12',
      mrn: 'MRN-004512',
      patientPhone: '(217) 555-0142',
      specialty: 'Cardiology',
      receivingProvider: 'Priya Natarajan, MD',
      receivingOrganization: 'Capital Heart & Vascular Associates',
      referringProvider: 'Hannah Whitaker, MD',
      reason:
        'New-onset atrial fibrillation on ECG at the 10/30 visit, rate controlled on metoprolol. Please evaluate for rhythm management and anticoagulation plan.',
      diagnosisCodes: 'I48.91, R00.2',
      priority: 'urgent',
      authoredOn: '2026-11-02',
      preferredLanguage: 'English',
      referringPractice: 'Riverbend Health Partners',
      receivingPhone: '(217) 555-0120',
      receivingFax: '(217) 555-0121',
      specialistInstructions:
        'Fax the referral with the last office note, ECG and medication list. New patients arrive 20 minutes early with photo ID and insurance card.',
      insurancePayer: 'Blue Cross Blue Shield of Illinois',
      insuranceMemberId: 'XOF884512301',
      authorizationNumber: 'PA-77810243',
      // The "Documents to Send" list under its legend (issue 15: missing on every OpenEMR screen).
      recordsAttached:
        'Office note 2026-10-30; 12-lead ECG 2026-10-30; Medication list; Vitals (last 3 visits)',
    },
  ],
  [
    'openemr-referral-R-1012',
    'openemr-referral',
    {
      orderNumber: 'ORD-20472',
      patientName: 'Grace Holloway',
      dateOfBirth: '1988-08-22',
      mrn: 'MRN-004523',
      patientPhone: '(217) 555-0170',
      specialty: 'Nephrology',
      receivingProvider: 'Ibrahim Saleh, MD',
      receivingOrganization: 'Riverbend Health Partners',
      referringProvider: 'Hannah Whitaker, MD',
      reason:
        'Creatinine rose from 0.9 to 2.6 in 5 days after an NSAID course, potassium 5.9. Same-day nephrology evaluation requested.',
      diagnosisCodes: 'N17.9, E87.5',
      priority: 'stat',
      authoredOn: '2026-11-24',
      preferredLanguage: 'English',
      referringPractice: 'Riverbend Health Partners',
      receivingPhone: '(217) 555-0146',
      receivingFax: '(217) 555-0147',
      specialistInstructions:
        'Page the nephrology fellow for same-day add-ons; send the latest BMP with the referral.',
      insurancePayer: 'UnitedHealthcare',
      insuranceMemberId: 'UHC-771530219',
      recordsAttached: 'BMP 2026-11-19; BMP 2026-11-24; Office note 2026-11-24',
    },
  ],
  [
    'fhir-service-request-R-1003',
    'fhir-service-request',
    {
      orderNumber: 'ORD-20463',
      interpreterNeeded: 'Not required',
      patientName: 'Rosa María Delgado',
      dateOfBirth: '1979-11-23',
      mrn: 'MRN-004514',
      patientPhone: '(217) 555-0119',
      specialty: 'Orthopedics',
      receivingProvider: 'Marcus Feld, DO',
      receivingOrganization: 'Lincoln Land Orthopedic Institute',
      referringProvider: 'Omar Siddiqui, DO',
      reason:
        'Right knee pain for 8 months, worse on stairs, failed 12 weeks of physical therapy and NSAIDs. X-ray shows moderate medial joint space narrowing. Evaluate for injection or surgical options.',
      diagnosisCodes: 'M17.11, M25.561',
      priority: 'routine',
      authoredOn: '2026-11-06',
      preferredLanguage: 'Spanish',
      referringPractice: 'Prairie View Internal Medicine',
      receivingPhone: '(217) 555-0124',
      receivingFax: '(217) 555-0125',
      specialistInstructions:
        'Bring knee X-rays on disc or send images through the imaging portal before the visit.',
      insurancePayer: 'Aetna',
      insuranceMemberId: 'W284416690',
      recordsAttached: 'Office note 2026-11-06; Right knee X-ray report 2026-10-14; PT discharge summary',
    },
  ],
  [
    'fhir-service-request-R-1007',
    'fhir-service-request',
    {
      orderNumber: 'ORD-20467',
      interpreterNeeded: 'Not required',
      patientName: "Evelyn O'Connor",
      dateOfBirth: '1966-02-14',
      mrn: 'MRN-004518',
      patientPhone: '(217) 555-0175',
      specialty: 'Pulmonology',
      receivingProvider: 'Robert Achebe, MD',
      receivingOrganization: 'Springfield Lung & Sleep Specialists',
      referringProvider: 'Hannah Whitaker, MD',
      reason:
        '9 mm solid pulmonary nodule, right upper lobe, on CT 11/08; 40 pack-year smoking history and COPD. Evaluate for further workup.',
      diagnosisCodes: 'R91.1, J44.9',
      priority: 'urgent',
      authoredOn: '2026-11-12',
      preferredLanguage: 'English',
      referringPractice: 'Riverbend Health Partners',
      receivingPhone: '(217) 555-0136',
      receivingFax: '(217) 555-0137',
      specialistInstructions: 'CT images must be sent on disc or via the image exchange before scheduling.',
      insurancePayer: 'Humana',
      authorizationNumber: 'HUM-31100457',
      recordsAttached: 'CT chest report 2026-11-08; Office note 2026-11-12; Spirometry 2026-03-02',
    },
  ],
  [
    // The patient has no phone on file: the empty cell under "Phone" must not borrow the
    // specialist's number further down the page.
    'legacy-referral-R-1004',
    'generic',
    {
      orderNumber: 'ORD-20464',
      interpreterNeeded: 'N',
      patientName: 'Henry Whitcombe',
      dateOfBirth: '1948-01-30',
      mrn: 'MRN-004515',
      specialty: 'Gastroenterology',
      receivingProvider: 'Wei Chen, MD',
      receivingOrganization: 'Heartland Digestive Health',
      referringProvider: 'Hannah Whitaker, MD',
      reason:
        'Screening colonoscopy; brother diagnosed with colon cancer at 52. Last colonoscopy over 10 years ago. Not on anticoagulants.',
      diagnosisCodes: 'Z12.11, Z80.0',
      priority: 'routine',
      authoredOn: '2026-10-27',
      preferredLanguage: 'English',
      referringPractice: 'Riverbend Health Partners',
      receivingPhone: '(217) 555-0126',
      receivingFax: '(217) 555-0127',
      specialistInstructions:
        'Patient must complete the pre-procedure questionnaire. Anticoagulant status must be on the referral.',
      insurancePayer: 'Medicare',
      insuranceMemberId: '1EG4-TE5-MK72',
      recordsAttached: 'Office note 2026-10-27; Medication list',
    },
  ],
  [
    'legacy-referral-R-1009',
    'generic',
    {
      orderNumber: 'ORD-20469',
      interpreterNeeded: 'N',
      patientName: 'Kwame Mensah',
      dateOfBirth: '1958-06-29',
      mrn: 'MRN-004520',
      patientPhone: '(217) 555-0194',
      specialty: 'Ophthalmology',
      receivingProvider: 'Tomás Rivera, MD',
      receivingOrganization: 'Clearview Eye Institute',
      referringProvider: 'Omar Siddiqui, DO',
      reason:
        'Sudden onset of floaters and a curtain over the right visual field since this morning. Same-day evaluation requested.',
      diagnosisCodes: 'H43.391, H53.8',
      priority: 'stat',
      authoredOn: '2026-11-27',
      preferredLanguage: 'English',
      referringPractice: 'Prairie View Internal Medicine',
      receivingPhone: '(217) 555-0140',
      receivingFax: '(217) 555-0141',
      specialistInstructions:
        'Same-day cases: call the on-call line first, then fax the referral. Patient should not drive.',
      insurancePayer: 'Medicare',
      insuranceMemberId: '3TW9-XK2-PL41',
      recordsAttached: 'Office note 2026-11-27',
    },
  ],
  [
    // Labels above values, a value reached through aria-labelledby, a hidden duplicate ignored.
    'handwritten/cards-label-above',
    'generic',
    {
      orderNumber: 'CG-88213',
      patientName: 'Tomasz Wierzbicki',
      dateOfBirth: '1972-04-19',
      mrn: 'CG-0042117',
      // The fictional 555-01xx numbers are no valid US numbers: shown as written, not reshaped.
      patientPhone: '555.010.0177',
      specialty: 'Allergy and Immunology',
      receivingProvider: 'Dr. Amara Osei',
      receivingOrganization: 'Lakeside Allergy Partners',
      referringProvider: 'Dr. Lena Park',
      reason: 'Seasonal symptoms not controlled on two antihistamines; evaluate for immunotherapy.',
      diagnosisCodes: 'J30.1',
      priority: 'routine',
      authoredOn: '2026-11-18',
    },
  ],
  [
    // label[for] with inputs, selects and a textarea; a fieldset legend is not a label.
    'handwritten/form-label-for',
    'generic',
    {
      patientName: 'Chidi Okonkwo',
      dateOfBirth: '1990-02-28',
      patientPhone: '555 010 0133',
      specialty: 'Sleep Medicine',
      receivingProvider: 'Dr. Hana Suzuki',
      reason: 'Loud snoring with witnessed apneas; daytime sleepiness (Epworth 15).',
      diagnosisCodes: 'G47.33',
      priority: 'asap',
    },
  ],
  [
    'handwritten/spanish-derivacion',
    'generic',
    {
      patientName: 'Ximena Castañeda Ruiz',
      dateOfBirth: '1985-07-09',
      mrn: 'HC-778120',
      patientPhone: '(555) 010-0199',
      specialty: 'Endocrinología',
      receivingProvider: 'Dra. Paula Méndez',
      reason: 'Hipotiroidismo con TSH persistentemente elevada pese a ajuste de dosis.',
      diagnosisCodes: 'E03.9',
      priority: 'urgent',
      authoredOn: '2026-11-20',
    },
  ],
  [
    // Plain HTML: label text wrapped in spans beside a "*" and a visually hidden "Mandatory
    // field"; a legend over radio buttons and over a checkbox list; a multi-select; two "Phone"
    // labels told apart by headings whose text sits in nested spans.
    'forms/native-required-marks',
    'generic',
    {
      patientName: 'Adaeze Nwosu',
      dateOfBirth: '1961-04-18',
      mrn: 'NH-200931',
      patientPhone: '(312) 555-0187',
      preferredLanguage: 'Igbo',
      specialty: 'Rheumatology',
      receivingProvider: 'Dr. Ines Moreau',
      receivingPhone: '(312) 555-0140',
      priority: 'urgent',
      reason: 'Inflammatory arthritis of both hands, morning stiffness over an hour.',
      diagnosisCodes: 'M06.9, R53.83',
      recordsAttached: 'Office note; Rheumatoid factor result',
    },
    // 4 May or 5 April: with no date order configured, the coordinator is asked.
    { authoredOn: { raw: '04/05/2026', why: 'ambiguous-date' } },
  ],
  [
    // Material UI: asterisk spans, labels repeated in aria-hidden notches, a Select's value in a
    // div named by aria-labelledby, a RadioGroup, chips of a multiple Autocomplete. An
    // Australian clinic read with the default (US) phone country: its numbers stay as written.
    'forms/mui-style',
    'generic',
    {
      patientName: 'Chiamaka Okafor',
      dateOfBirth: '1961-04-18',
      patientPhone: '0491 570 156',
      specialty: 'Endocrinology',
      receivingProvider: 'Dr. Priya Raman',
      receivingPhone: '02 9374 4000',
      priority: 'urgent',
      reason: 'Thyroid nodule 2.1 cm on ultrasound, TSH normal. Please assess for fine-needle aspiration.',
      recordsAttached: 'Discharge summary; Thyroid ultrasound report',
    },
    { authoredOn: { raw: '04/05/2026', why: 'ambiguous-date' } },
  ],
  [
    // Ant Design: CSS-only required marks, Selects whose value sits beside an empty search input
    // (a placeholder is no value), a Radio.Group named by the label's "for", DD-MMM-YYYY dates.
    'forms/antd-style',
    'generic',
    {
      patientName: 'Sofia Lindqvist',
      dateOfBirth: '1983-09-07',
      patientPhone: '+46 70 123 45 67',
      specialty: 'Gastroenterology',
      receivingProvider: 'Dr. Jonas Berg',
      priority: 'routine',
      reason: 'Iron-deficiency anaemia with a positive faecal immunochemical test. Colonoscopy requested.',
      diagnosisCodes: 'D50.9, R19.5',
      authoredOn: '2026-11-19',
      recordsAttached: 'Referral letter; Blood count 2026-11-12',
    },
  ],
  [
    // Bootstrap: red asterisk and visually hidden "Mandatory field", form-check radios under a
    // label div, card titles in nested spans, every visible row of an attachments table, and
    // hidden copies of values never read.
    'forms/bootstrap-style',
    'generic',
    {
      patientName: 'Marcus Bell',
      dateOfBirth: '1977-12-03',
      mrn: 'CF-448120',
      patientPhone: '(415) 555-0162',
      specialty: 'Neurology',
      receivingProvider: 'Dr. Aiko Tanaka',
      receivingPhone: '(415) 555-0190',
      receivingFax: '(415) 555-0191',
      priority: 'asap',
      reason: 'New tremor of the right hand over six months; please evaluate.',
      diagnosisCodes: 'R25.1',
      authoredOn: '2026-11-23',
      recordsAttached: 'Office note; Head CT report; Medication list',
    },
  ],
];

const negatives: [page: string, why: string][] = [
  ['openemr-demographics', 'a chart whose menu says "Referrals" and whose note says "will refer"'],
  ['openemr-new-referral-blank', 'a blank new-referral form: nothing to track yet'],
  ['fhir-patient', 'a patient summary listing the patient’s referrals'],
  ['lab-result', 'a lab order and result whose indication mentions a referral'],
  ['schedule', 'a schedule with "Referral follow-up" visits'],
  ['referral-list', 'a table of many referrals'],
  ['handwritten/chart-menu-referrals', 'a chart with a Referrals menu and a "Refer to specialist" link'],
  ['handwritten/progress-note-mentions-refer', 'a note that plans to refer later'],
  ['handwritten/fhir-lab-service-request', 'a FHIR ServiceRequest for a lab test'],
  ['handwritten/referral-cards-list', 'cards of many referrals, each with the same labels'],
  ['handwritten/dutch-verwijzing', 'an EHR in a language no built-in profile reads (until configured)'],
];

describe('built-in profiles on saved pages', () => {
  it.each(positives)('%s is recognised by %s with exactly these fields', (page, profile, fields, toCheck) => {
    const detection = detectReferral(loadPage(page), urlOf(page), BUILTIN_PROFILES, DEFAULT_CONFIG.locale);
    expect(detection?.profile.id).toBe(profile);
    expect(shown(detection)).toEqual(fields);
    expect(detection?.toCheck).toEqual(toCheck ?? {});
    expect(detection?.cues.length).toBeGreaterThan(0);
  });

  it.each(negatives)('%s is not a referral: %s', (page) => {
    expect(detectReferral(loadPage(page), urlOf(page), BUILTIN_PROFILES)).toBeNull();
  });

  it('fhir-worklist is a list of referrals: each row is read on its own, none as the page', () => {
    const detection = detectReferral(loadPage('fhir-worklist'), urlOf('fhir-worklist'), BUILTIN_PROFILES);
    expect(detection?.profile.id).toBe('generic');
    expect(detection?.fields).toEqual({});
    expect(detection?.rows).toHaveLength(12);
    expect(detection?.rows?.[0]?.fields).toEqual({
      patientName: 'Margaret Okafor',
      receivingProvider: 'Priya Natarajan, MD, Capital Heart & Vascular Associates',
      priority: 'urgent',
      // The Request column says "Referral to cardiology service".
      specialty: 'Cardiology',
    });
    // Every row its own patient: no row borrows another's.
    expect(new Set(detection?.rows?.map((row) => row.fields.patientName)).size).toBe(12);
  });

  it("covers at least 8 positive and 8 negative pages across 3 layouts, and 4 UI kits' forms", () => {
    expect(positives.filter(([page]) => page.startsWith('forms/')).length).toBeGreaterThanOrEqual(4);
    expect(positives.length).toBeGreaterThanOrEqual(8);
    expect(negatives.length).toBeGreaterThanOrEqual(8);
    expect(new Set(positives.map(([, profile]) => profile)).size).toBeGreaterThanOrEqual(3);
  });
});

describe('a profile delivered as configuration', () => {
  const dutch = EhrProfile.parse({
    id: 'zorgdossier',
    name: 'ZorgDossier verwijzing',
    matches: ['https://ehr.example.test/*'],
    detect: { requiredHeading: '^verwijzing$', cues: [{ label: 'specialisme', weight: 1 }], threshold: 1 },
    fields: {
      patientName: [{ selector: '[data-qa=naam]', normalise: 'name' }],
      specialty: [{ labels: ['specialisme'] }],
      receivingProvider: [{ labels: ['verwezen naar'], pattern: '^([^,]+)' }],
      receivingOrganization: [{ labels: ['verwezen naar'], pattern: ',\\s*(.+)$' }],
      reason: [{ labels: ['reden van verwijzing'] }],
      orderNumber: [{ labels: ['verwijsnummer'] }],
    },
  });

  it('supports a new EHR layout with no code change, tried before the built-in profiles', () => {
    const page = 'handwritten/dutch-verwijzing';
    const detection = detectReferral(loadPage(page), urlOf(page), [dutch, ...BUILTIN_PROFILES]);
    expect(detection?.profile).toEqual({ id: 'zorgdossier', name: 'ZorgDossier verwijzing' });
    expect(detection?.fields).toEqual({
      patientName: 'Pieter Jansen',
      specialty: 'Cardiologie',
      receivingProvider: 'Dr. E. de Vries',
      receivingOrganization: 'Maasziekenhuis',
      reason: 'Atriumfibrilleren, beoordeling antistolling.',
      orderNumber: 'VW-2026-4471',
    });
  });

  it('applies only where its match patterns say', () => {
    const page = 'handwritten/dutch-verwijzing';
    expect(
      detectReferral(loadPage(page), 'https://other.example.test/x', [dutch, ...BUILTIN_PROFILES]),
    ).toBeNull();
  });
});

describe("dates and phones in the organisation's locale", () => {
  const page = 'forms/mui-style';
  const read = (locale: Parameters<typeof detectReferral>[3], profiles = BUILTIN_PROFILES) =>
    detectReferral(loadPage(page), urlOf(page), profiles, locale);

  it('reads day-first dates and national numbers once the organisation says so', () => {
    const detection = read({ dateOrder: 'DMY', phoneCountry: 'AU' });
    expect(detection?.toCheck).toEqual({});
    expect(shown(detection)).toMatchObject({
      authoredOn: '2026-05-04',
      dateOfBirth: '1961-04-18',
      patientPhone: '0491 570 156',
      receivingPhone: '(02) 9374 4000',
    });
  });

  it('never turns an ambiguous date into another day in a month-first organisation either', () => {
    expect(read({ dateOrder: 'MDY', phoneCountry: 'US' })?.fields.authoredOn).toBe('2026-04-05');
    expect(read({ dateOrder: 'MDY' })?.fields.dateOfBirth).toBeUndefined();
    expect(read({ dateOrder: 'MDY' })?.toCheck.dateOfBirth).toEqual({ raw: '18/04/1961', why: 'unreadable' });
  });

  it('lets a profile override the organisation for its own EHR', () => {
    const carelink = EhrProfile.parse({
      id: 'carelink',
      name: 'CareLink (Sydney)',
      matches: ['https://ehr.example.test/forms/*'],
      detect: { requiredHeading: '^referral$', cues: [{ label: 'refer to', weight: 1 }], threshold: 1 },
      fields: {
        patientName: [{ labels: ['patient name'], normalise: 'name' }],
        specialty: [{ labels: ['specialty'] }],
        authoredOn: [{ labels: ['referral date'], normalise: 'date' }],
        patientPhone: [{ labels: ['mobile phone'], normalise: 'phone' }],
      },
      locale: { dateOrder: 'DMY', phoneCountry: 'AU' },
    });
    const detection = read({ dateOrder: 'MDY', phoneCountry: 'US' }, [carelink, ...BUILTIN_PROFILES]);
    expect(detection?.profile.id).toBe('carelink');
    expect(shown(detection)).toEqual({
      patientName: 'Chiamaka Okafor',
      specialty: 'Endocrinology',
      authoredOn: '2026-05-04',
      patientPhone: '0491 570 156',
    });
  });
});

describe('what a profile reads can never make Track fail', () => {
  it('keeps a date read as text out of the draft, to check, instead of sending "04/05/2026"', () => {
    const profile = EhrProfile.parse({
      id: 'text-dates',
      name: 'Dates read as text',
      matches: ['https://ehr.example.test/*'],
      detect: { requiredHeading: 'referral', cues: [{ label: 'refer to', weight: 1 }], threshold: 1 },
      fields: {
        specialty: [{ labels: ['specialty'] }],
        authoredOn: [{ labels: ['referral date'], normalise: 'text' }],
        dateOfBirth: [{ labels: ['date of birth'], normalise: 'text' }],
        priority: [{ labels: ['priority'], normalise: 'text' }],
      },
    });
    const page = 'forms/native-required-marks';
    const detection = detectReferral(loadPage(page), urlOf(page), [profile]);
    expect(detection?.fields).toEqual({
      specialty: 'Rheumatology',
      dateOfBirth: '1961-04-18',
      priority: 'urgent',
    });
    expect(detection?.toCheck).toEqual({ authoredOn: { raw: '04/05/2026', why: 'ambiguous-date' } });
  });

  it('reads hidden copies of a value with no reader, selectors included', () => {
    const profile = EhrProfile.parse({
      id: 'clinicflow',
      name: 'ClinicFlow',
      matches: ['https://ehr.example.test/*'],
      detect: { requiredHeading: 'referral', cues: [{ label: 'refer to', weight: 1 }], threshold: 1 },
      fields: {
        mrn: [{ selector: '[data-field=mrn]' }],
        receivingProvider: [{ selector: '[data-field=referTo]' }],
      },
    });
    const page = 'forms/bootstrap-style';
    expect(detectReferral(loadPage(page), urlOf(page), [profile])?.fields).toEqual({
      mrn: 'CF-448120',
      receivingProvider: 'Dr. Aiko Tanaka',
    });
  });
});
