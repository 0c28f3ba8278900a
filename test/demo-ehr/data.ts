// Synthetic data for the demo EHR. Every person, organisation, phone number (555-01xx),
// email (example.org) and identifier here is invented. Nothing is copied from a real record.

export type ReferralPriority = 'routine' | 'urgent' | 'asap' | 'stat';

/** Which demo screen style shows a referral by default (every style can render any referral). */
export type ScreenLayout = 'openemr' | 'fhir' | 'legacy';

export interface DemoPatient {
  id: string;
  mrn: string;
  firstName: string;
  lastName: string;
  /** ISO date, YYYY-MM-DD. */
  dateOfBirth: string;
  phone?: string;
  email: string;
  address: string;
  preferredLanguage: string;
  interpreterNeeded: boolean;
}

export interface DemoReferral {
  id: string;
  orderNumber: string;
  patientId: string;
  specialty: string;
  receivingProvider: string;
  receivingOrganization: string;
  receivingPhone: string;
  receivingFax: string;
  receivingAddress: string;
  specialistInstructions: string;
  referringProvider: string;
  referringPractice: string;
  referringPhone: string;
  referringFax: string;
  reason: string;
  /** ICD-10-CM codes; display names are in `icd10Display`. */
  diagnosisCodes: string[];
  priority: ReferralPriority;
  /** ISO date, YYYY-MM-DD. */
  authoredOn: string;
  payer: string;
  plan: string;
  memberId?: string;
  authorizationRequired: boolean;
  authorizationNumber?: string;
  recordsAttached: string[];
  layout: ScreenLayout;
}

export interface DemoLabValue {
  test: string;
  value: string;
  unit: string;
  referenceRange: string;
  /** 'H' / 'L' as labs print them; empty when within range. */
  flag: '' | 'H' | 'L';
}

export interface DemoLabResult {
  id: number;
  accession: string;
  patientId: string;
  panel: string;
  orderingProvider: string;
  clinicalIndication: string;
  collectedAt: string;
  reportedAt: string;
  status: string;
  values: DemoLabValue[];
}

export interface DemoAppointment {
  /** ISO date, YYYY-MM-DD. */
  date: string;
  time: string;
  durationMinutes: number;
  patientId: string;
  provider: string;
  visitType: string;
  room: string;
  status: string;
}

/** The demo's "today": fixed so ages, overdue flags and screenshots do not drift. */
export const DEMO_TODAY = '2026-11-27';

// Two referring practices; R-1012 is an internal referral (same organisation on both sides).
const riverbend = {
  referringPractice: 'Riverbend Health Partners',
  referringPhone: '(217) 555-0100',
  referringFax: '(217) 555-0101',
} as const;

const prairieView = {
  referringPractice: 'Prairie View Internal Medicine',
  referringPhone: '(217) 555-0110',
  referringFax: '(217) 555-0111',
} as const;

export const patients: DemoPatient[] = [
  {
    id: 'P-001',
    mrn: 'MRN-004512',
    firstName: 'Margaret',
    lastName: 'Okafor',
    dateOfBirth: '1954-03-12',
    phone: '(217) 555-0142',
    email: 'margaret.okafor@example.org',
    address: '1420 Larkspur Ave, Springfield, IL 62704',
    preferredLanguage: 'English',
    interpreterNeeded: false,
  },
  {
    id: 'P-002',
    mrn: 'MRN-004513',
    firstName: 'Luis Alberto',
    lastName: 'Fernández',
    dateOfBirth: '1961-07-04',
    phone: '(217) 555-0187',
    email: 'luis.fernandez@example.org',
    address: '88 Calle Sol Apt 3B, Springfield, IL 62702',
    preferredLanguage: 'Spanish',
    interpreterNeeded: true,
  },
  {
    id: 'P-003',
    mrn: 'MRN-004514',
    firstName: 'Rosa María',
    lastName: 'Delgado',
    dateOfBirth: '1979-11-23',
    phone: '(217) 555-0119',
    email: 'rosa.delgado@example.org',
    address: '2210 W Monroe Ter, Springfield, IL 62704',
    preferredLanguage: 'Spanish',
    interpreterNeeded: false,
  },
  {
    // No phone on file: the packet checklist must flag it.
    id: 'P-004',
    mrn: 'MRN-004515',
    firstName: 'Henry',
    lastName: 'Whitcombe',
    dateOfBirth: '1948-01-30',
    email: 'henry.whitcombe@example.org',
    address: '5 Quillfeather Ln, Chatham, IL 62629',
    preferredLanguage: 'English',
    interpreterNeeded: false,
  },
  {
    id: 'P-005',
    mrn: 'MRN-004516',
    firstName: 'Aisha',
    lastName: 'Rahman',
    dateOfBirth: '1990-05-08',
    phone: '(217) 555-0163',
    email: 'aisha.rahman@example.org',
    address: '317 Sparrowgate Ct, Springfield, IL 62711',
    preferredLanguage: 'English',
    interpreterNeeded: false,
  },
  {
    id: 'P-006',
    mrn: 'MRN-004517',
    firstName: 'Dmitri',
    lastName: 'Volkov',
    dateOfBirth: '1972-09-17',
    phone: '(217) 555-0131',
    email: 'dmitri.volkov@example.org',
    address: '940 Tamberlane Rd, Rochester, IL 62563',
    preferredLanguage: 'Russian',
    interpreterNeeded: false,
  },
  {
    // Apostrophe in the name: exercises HTML/attribute escaping.
    id: 'P-007',
    mrn: 'MRN-004518',
    firstName: 'Evelyn',
    lastName: "O'Connor",
    dateOfBirth: '1966-02-14',
    phone: '(217) 555-0175',
    email: 'evelyn.oconnor@example.org',
    address: '12 Bramblewick Pl, Springfield, IL 62707',
    preferredLanguage: 'English',
    interpreterNeeded: false,
  },
  {
    id: 'P-008',
    mrn: 'MRN-004519',
    firstName: 'Thanh',
    lastName: 'Nguyen',
    dateOfBirth: '1983-12-01',
    phone: '(217) 555-0128',
    email: 'thanh.nguyen@example.org',
    address: '605 Lotusbend Dr, Springfield, IL 62703',
    preferredLanguage: 'Vietnamese',
    interpreterNeeded: false,
  },
  {
    id: 'P-009',
    mrn: 'MRN-004520',
    firstName: 'Kwame',
    lastName: 'Mensah',
    dateOfBirth: '1958-06-29',
    phone: '(217) 555-0194',
    email: 'kwame.mensah@example.org',
    address: '77 Oxcart Row, Sherman, IL 62684',
    preferredLanguage: 'English',
    interpreterNeeded: false,
  },
  {
    id: 'P-010',
    mrn: 'MRN-004521',
    firstName: 'Patricia',
    lastName: 'Lindqvist',
    dateOfBirth: '1970-04-03',
    phone: '(217) 555-0156',
    email: 'patricia.lindqvist@example.org',
    address: '2901 Heronmoor Ave, Springfield, IL 62704',
    preferredLanguage: 'English',
    interpreterNeeded: false,
  },
  {
    id: 'P-011',
    mrn: 'MRN-004522',
    firstName: 'Samuel',
    lastName: 'Ortiz-Baker',
    dateOfBirth: '1945-10-19',
    phone: '(217) 555-0109',
    email: 'samuel.ortizbaker@example.org',
    address: '48 Wickerlamp St, Springfield, IL 62702',
    preferredLanguage: 'English',
    interpreterNeeded: false,
  },
  {
    id: 'P-012',
    mrn: 'MRN-004523',
    firstName: 'Grace',
    lastName: 'Holloway',
    dateOfBirth: '1988-08-22',
    phone: '(217) 555-0170',
    email: 'grace.holloway@example.org',
    address: '1133 Fernhollow Way, Springfield, IL 62712',
    preferredLanguage: 'English',
    interpreterNeeded: false,
  },
];

export const referrals: DemoReferral[] = [
  {
    id: 'R-1001',
    orderNumber: 'ORD-20461',
    patientId: 'P-001',
    specialty: 'Cardiology',
    receivingProvider: 'Priya Natarajan, MD',
    receivingOrganization: 'Capital Heart & Vascular Associates',
    receivingPhone: '(217) 555-0120',
    receivingFax: '(217) 555-0121',
    receivingAddress: '800 N Larchmont St, Suite 300, Springfield, IL 62702',
    specialistInstructions:
      'Fax the referral with the last office note, ECG and medication list. New patients arrive 20 minutes early with photo ID and insurance card.',
    referringProvider: 'Hannah Whitaker, MD',
    ...riverbend,
    reason:
      'New-onset atrial fibrillation on ECG at the 10/30 visit, rate controlled on metoprolol. Please evaluate for rhythm management and anticoagulation plan.',
    diagnosisCodes: ['I48.91', 'R00.2'],
    priority: 'urgent',
    authoredOn: '2026-11-02',
    payer: 'Blue Cross Blue Shield of Illinois',
    plan: 'Blue Choice PPO',
    memberId: 'XOF884512301',
    authorizationRequired: true,
    authorizationNumber: 'PA-77810243',
    recordsAttached: [
      'Office note 2026-10-30',
      '12-lead ECG 2026-10-30',
      'Medication list',
      'Vitals (last 3 visits)',
    ],
    layout: 'openemr',
  },
  {
    id: 'R-1002',
    orderNumber: 'ORD-20462',
    patientId: 'P-002',
    specialty: 'Dermatology',
    receivingProvider: 'Elena Marsh, MD',
    receivingOrganization: 'Sangamon Dermatology Clinic',
    receivingPhone: '(217) 555-0122',
    receivingFax: '(217) 555-0123',
    receivingAddress: '415 Cottonwood Plaza, Springfield, IL 62704',
    specialistInstructions:
      'Spanish-speaking staff available Tuesdays and Thursdays. Please include photos of the lesion if available.',
    referringProvider: 'Hannah Whitaker, MD',
    ...riverbend,
    reason:
      'Changing pigmented lesion on the left upper back, about 7 mm with an irregular border. Please evaluate and biopsy as indicated. Patient prefers Spanish; interpreter needed.',
    diagnosisCodes: ['D48.5'],
    priority: 'routine',
    authoredOn: '2026-11-05',
    payer: 'Meridian Medicaid',
    plan: 'HealthChoice Illinois',
    memberId: 'MCD-220145678',
    authorizationRequired: false,
    recordsAttached: ['Office note 2026-11-05', 'Lesion photos (2)'],
    layout: 'openemr',
  },
  {
    id: 'R-1003',
    orderNumber: 'ORD-20463',
    patientId: 'P-003',
    specialty: 'Orthopedics',
    receivingProvider: 'Marcus Feld, DO',
    receivingOrganization: 'Lincoln Land Orthopedic Institute',
    receivingPhone: '(217) 555-0124',
    receivingFax: '(217) 555-0125',
    receivingAddress: '2600 Stonebridge Pkwy, Springfield, IL 62711',
    specialistInstructions:
      'Bring knee X-rays on disc or send images through the imaging portal before the visit.',
    referringProvider: 'Omar Siddiqui, DO',
    ...prairieView,
    reason:
      'Right knee pain for 8 months, worse on stairs, failed 12 weeks of physical therapy and NSAIDs. X-ray shows moderate medial joint space narrowing. Evaluate for injection or surgical options.',
    diagnosisCodes: ['M17.11', 'M25.561'],
    priority: 'routine',
    authoredOn: '2026-11-06',
    payer: 'Aetna',
    plan: 'Aetna Choice POS II',
    memberId: 'W284416690',
    // Authorization needed but not yet obtained: a checklist gap.
    authorizationRequired: true,
    recordsAttached: ['Office note 2026-11-06', 'Right knee X-ray report 2026-10-14', 'PT discharge summary'],
    layout: 'fhir',
  },
  {
    id: 'R-1004',
    orderNumber: 'ORD-20464',
    patientId: 'P-004',
    specialty: 'Gastroenterology',
    receivingProvider: 'Wei Chen, MD',
    receivingOrganization: 'Heartland Digestive Health',
    receivingPhone: '(217) 555-0126',
    receivingFax: '(217) 555-0127',
    receivingAddress: '1901 Meadowlark Blvd, Springfield, IL 62703',
    specialistInstructions:
      'Patient must complete the pre-procedure questionnaire. Anticoagulant status must be on the referral.',
    referringProvider: 'Hannah Whitaker, MD',
    ...riverbend,
    reason:
      'Screening colonoscopy; brother diagnosed with colon cancer at 52. Last colonoscopy over 10 years ago. Not on anticoagulants.',
    diagnosisCodes: ['Z12.11', 'Z80.0'],
    priority: 'routine',
    authoredOn: '2026-10-27',
    payer: 'Medicare',
    plan: 'Medicare Part B',
    memberId: '1EG4-TE5-MK72',
    authorizationRequired: false,
    recordsAttached: ['Office note 2026-10-27', 'Medication list'],
    layout: 'legacy',
  },
  {
    id: 'R-1005',
    orderNumber: 'ORD-20465',
    patientId: 'P-005',
    specialty: 'Neurology',
    receivingProvider: 'Sofia Bergström, MD',
    receivingOrganization: 'Central Illinois Neurology Group',
    receivingPhone: '(217) 555-0130',
    receivingFax: '(217) 555-0132',
    receivingAddress: '330 Kestrel Ridge Dr, Springfield, IL 62704',
    specialistInstructions: 'Send MRI report when available. Headache diary requested at first visit.',
    referringProvider: 'Omar Siddiqui, DO',
    ...prairieView,
    reason:
      'Migraine with aura increasing in frequency, new intermittent left hand paresthesia for 3 weeks. MRI brain ordered. Please see soon.',
    diagnosisCodes: ['G43.109', 'R20.2'],
    priority: 'asap',
    authoredOn: '2026-11-09',
    payer: 'UnitedHealthcare',
    plan: 'Choice Plus',
    memberId: 'UHC-904417726',
    authorizationRequired: true,
    authorizationNumber: 'UA-5521907',
    recordsAttached: ['Office note 2026-11-09', 'Headache diary (patient)'],
    layout: 'fhir',
  },
  {
    id: 'R-1006',
    orderNumber: 'ORD-20466',
    patientId: 'P-006',
    specialty: 'Endocrinology',
    receivingProvider: 'Nadia Haddad, MD',
    receivingOrganization: 'Prairie Endocrine & Diabetes Center',
    receivingPhone: '(217) 555-0134',
    receivingFax: '(217) 555-0135',
    receivingAddress: '77 Willowmere Ct, Springfield, IL 62702',
    specialistInstructions: 'Include last two HbA1c results and current insulin regimen.',
    referringProvider: 'Omar Siddiqui, DO',
    ...prairieView,
    reason:
      'Type 2 diabetes with HbA1c 9.8% despite metformin and glipizide. Evaluate for insulin initiation and CGM.',
    diagnosisCodes: ['E11.65', 'E78.5'],
    priority: 'routine',
    authoredOn: '2026-11-10',
    payer: 'Cigna',
    plan: 'Open Access Plus',
    memberId: 'U66120934 01',
    authorizationRequired: false,
    recordsAttached: ['Office note 2026-11-10', 'HbA1c 2026-08-02', 'HbA1c 2026-11-03', 'Lipid panel'],
    layout: 'legacy',
  },
  {
    id: 'R-1007',
    orderNumber: 'ORD-20467',
    patientId: 'P-007',
    specialty: 'Pulmonology',
    receivingProvider: 'Robert Achebe, MD',
    receivingOrganization: 'Springfield Lung & Sleep Specialists',
    receivingPhone: '(217) 555-0136',
    receivingFax: '(217) 555-0137',
    receivingAddress: '1250 Birchcroft Ave, Springfield, IL 62704',
    specialistInstructions: 'CT images must be sent on disc or via the image exchange before scheduling.',
    referringProvider: 'Hannah Whitaker, MD',
    ...riverbend,
    reason:
      '9 mm solid pulmonary nodule, right upper lobe, on CT 11/08; 40 pack-year smoking history and COPD. Evaluate for further workup.',
    diagnosisCodes: ['R91.1', 'J44.9'],
    priority: 'urgent',
    authoredOn: '2026-11-12',
    payer: 'Humana',
    plan: 'Humana Gold Plus HMO',
    // memberId deliberately missing: the packet checklist must flag it.
    authorizationRequired: true,
    authorizationNumber: 'HUM-31100457',
    recordsAttached: ['CT chest report 2026-11-08', 'Office note 2026-11-12', 'Spirometry 2026-03-02'],
    layout: 'fhir',
  },
  {
    id: 'R-1008',
    orderNumber: 'ORD-20468',
    patientId: 'P-008',
    specialty: 'ENT',
    receivingProvider: 'Laura Kim, MD',
    receivingOrganization: 'Riverside Ear, Nose & Throat',
    receivingPhone: '(217) 555-0138',
    receivingFax: '(217) 555-0139',
    receivingAddress: '455 Ashgrove Ln, Springfield, IL 62703',
    specialistInstructions: 'Sinus CT within the last 6 months required before the first appointment.',
    referringProvider: 'Hannah Whitaker, MD',
    ...riverbend,
    reason:
      'Chronic sinusitis with four courses of antibiotics this year and nasal obstruction; CT shows deviated septum. Evaluate for surgical options.',
    diagnosisCodes: ['J32.9', 'J34.2'],
    priority: 'routine',
    authoredOn: '2026-11-13',
    payer: 'Blue Cross Blue Shield of Illinois',
    plan: 'Blue Advantage HMO',
    memberId: 'XOH551920877',
    authorizationRequired: true,
    authorizationNumber: 'PA-77811590',
    recordsAttached: ['Office note 2026-11-13', 'Sinus CT report 2026-09-21'],
    layout: 'openemr',
  },
  {
    id: 'R-1009',
    orderNumber: 'ORD-20469',
    patientId: 'P-009',
    specialty: 'Ophthalmology',
    receivingProvider: 'Tomás Rivera, MD',
    receivingOrganization: 'Clearview Eye Institute',
    receivingPhone: '(217) 555-0140',
    receivingFax: '(217) 555-0141',
    receivingAddress: '2020 Glasswing Dr, Springfield, IL 62711',
    specialistInstructions:
      'Same-day cases: call the on-call line first, then fax the referral. Patient should not drive.',
    referringProvider: 'Omar Siddiqui, DO',
    ...prairieView,
    reason:
      'Sudden onset of floaters and a curtain over the right visual field since this morning. Same-day evaluation requested.',
    diagnosisCodes: ['H43.391', 'H53.8'],
    priority: 'stat',
    authoredOn: '2026-11-27',
    payer: 'Medicare',
    plan: 'Medicare Part B',
    memberId: '3TW9-XK2-PL41',
    authorizationRequired: false,
    recordsAttached: ['Office note 2026-11-27'],
    layout: 'legacy',
  },
  {
    id: 'R-1010',
    orderNumber: 'ORD-20470',
    patientId: 'P-010',
    specialty: 'Rheumatology',
    receivingProvider: 'Gita Rao, MD',
    receivingOrganization: 'Midstate Arthritis & Rheumatology',
    receivingPhone: '(217) 555-0144',
    receivingFax: '(217) 555-0145',
    receivingAddress: '610 Thistledown Rd, Springfield, IL 62704',
    specialistInstructions: 'Include RF, anti-CCP, ESR and CRP results. Hand X-rays if done.',
    referringProvider: 'Omar Siddiqui, DO',
    ...prairieView,
    reason:
      'Symmetric small-joint hand pain and morning stiffness over 1 hour for 4 months; positive RF and anti-CCP. Evaluate for rheumatoid arthritis.',
    diagnosisCodes: ['M06.9', 'R76.8'],
    priority: 'routine',
    authoredOn: '2026-11-16',
    payer: 'Aetna',
    plan: 'Aetna Open Access Managed Choice',
    memberId: 'W771204583',
    authorizationRequired: true,
    authorizationNumber: 'AET-PA-448120',
    recordsAttached: ['Office note 2026-11-16', 'RF / anti-CCP 2026-11-11', 'ESR / CRP 2026-11-11'],
    layout: 'fhir',
  },
  {
    id: 'R-1011',
    orderNumber: 'ORD-20471',
    patientId: 'P-011',
    specialty: 'Cardiology',
    receivingProvider: 'Alan Brooks, MD',
    receivingOrganization: 'Capital Heart & Vascular Associates',
    receivingPhone: '(217) 555-0120',
    receivingFax: '(217) 555-0121',
    receivingAddress: '800 N Larchmont St, Suite 300, Springfield, IL 62702',
    specialistInstructions:
      'Fax the referral with the last office note, ECG and medication list. Echo within 12 months if available.',
    referringProvider: 'Hannah Whitaker, MD',
    ...riverbend,
    reason:
      'Progressive exertional dyspnea and ankle edema; BNP 890. Echo shows EF 35%. Evaluate and optimise heart failure therapy.',
    diagnosisCodes: ['I50.9', 'R06.02'],
    priority: 'asap',
    authoredOn: '2026-11-18',
    payer: 'Medicare',
    plan: 'Medicare Part B',
    memberId: '5KP3-RT8-YN26',
    authorizationRequired: false,
    recordsAttached: [
      'Office note 2026-11-18',
      'Echocardiogram 2026-11-14',
      'BNP 2026-11-14',
      'Medication list',
    ],
    layout: 'legacy',
  },
  {
    id: 'R-1012',
    orderNumber: 'ORD-20472',
    patientId: 'P-012',
    specialty: 'Nephrology',
    receivingProvider: 'Ibrahim Saleh, MD',
    // Internal referral: same organisation as the referring practice.
    receivingOrganization: 'Riverbend Health Partners',
    receivingPhone: '(217) 555-0146',
    receivingFax: '(217) 555-0147',
    receivingAddress: '1 Riverbend Plaza, 4th Floor, Springfield, IL 62701',
    specialistInstructions:
      'Page the nephrology fellow for same-day add-ons; send the latest BMP with the referral.',
    referringProvider: 'Hannah Whitaker, MD',
    ...riverbend,
    reason:
      'Creatinine rose from 0.9 to 2.6 in 5 days after an NSAID course, potassium 5.9. Same-day nephrology evaluation requested.',
    diagnosisCodes: ['N17.9', 'E87.5'],
    priority: 'stat',
    authoredOn: '2026-11-24',
    payer: 'UnitedHealthcare',
    plan: 'Navigate HMO',
    memberId: 'UHC-771530219',
    authorizationRequired: false,
    recordsAttached: ['BMP 2026-11-19', 'BMP 2026-11-24', 'Office note 2026-11-24'],
    layout: 'openemr',
  },
];

/** Display names for the ICD-10-CM codes used above. */
export const icd10Display: Record<string, string> = {
  'I48.91': 'Unspecified atrial fibrillation',
  'R00.2': 'Palpitations',
  'D48.5': 'Neoplasm of uncertain behavior of skin',
  'M17.11': 'Unilateral primary osteoarthritis, right knee',
  'M25.561': 'Pain in right knee',
  'Z12.11': 'Encounter for screening for malignant neoplasm of colon',
  'Z80.0': 'Family history of malignant neoplasm of digestive organs',
  'G43.109': 'Migraine with aura, not intractable, without status migrainosus',
  'R20.2': 'Paresthesia of skin',
  'E11.65': 'Type 2 diabetes mellitus with hyperglycemia',
  'E78.5': 'Hyperlipidemia, unspecified',
  'R91.1': 'Solitary pulmonary nodule',
  'J44.9': 'Chronic obstructive pulmonary disease, unspecified',
  'J32.9': 'Chronic sinusitis, unspecified',
  'J34.2': 'Deviated nasal septum',
  'H43.391': 'Other vitreous opacities, right eye',
  'H53.8': 'Other visual disturbances',
  'M06.9': 'Rheumatoid arthritis, unspecified',
  'R76.8': 'Other specified abnormal immunological findings in serum',
  'I50.9': 'Heart failure, unspecified',
  'R06.02': 'Shortness of breath',
  'N17.9': 'Acute kidney failure, unspecified',
  'E87.5': 'Hyperkalemia',
  'R53.83': 'Other fatigue',
};

/** Work-queue status shown on the referral list; kept apart so DemoReferral stays the agreed shape. */
export const referralStatuses: Record<string, string> = {
  'R-1001': 'Sent',
  'R-1002': 'New',
  'R-1003': 'Pending authorization',
  'R-1004': 'Waiting on info',
  'R-1005': 'Sent',
  'R-1006': 'Scheduled',
  'R-1007': 'New',
  'R-1008': 'Scheduled',
  'R-1009': 'Sent',
  'R-1010': 'New',
  'R-1011': 'Pending records',
  'R-1012': 'New',
};

function cbc(values: [string, string, string, string, DemoLabValue['flag']][]): DemoLabValue[] {
  return values.map(([test, value, unit, referenceRange, flag]) => ({
    test,
    value,
    unit,
    referenceRange,
    flag,
  }));
}

export const labResults: DemoLabResult[] = [
  {
    id: 1,
    accession: 'LAB-26-118204',
    patientId: 'P-001',
    panel: 'CBC with Differential',
    orderingProvider: 'Hannah Whitaker, MD',
    // Mentions a referral and an ICD code on purpose: a hard negative for detection.
    clinicalIndication: 'Pre-referral workup, palpitations (R00.2)',
    collectedAt: '2026-10-30 09:12',
    reportedAt: '2026-10-30 14:40',
    status: 'Final',
    values: cbc([
      ['WBC', '7.2', 'x10^3/uL', '4.0-11.0', ''],
      ['RBC', '4.31', 'x10^6/uL', '3.90-5.20', ''],
      ['Hemoglobin', '12.6', 'g/dL', '12.0-16.0', ''],
      ['Hematocrit', '38.1', '%', '36.0-46.0', ''],
      ['MCV', '88', 'fL', '80-100', ''],
      ['MCH', '29.2', 'pg', '27.0-33.0', ''],
      ['Platelets', '245', 'x10^3/uL', '150-400', ''],
      ['Neutrophils', '61', '%', '40-75', ''],
      ['Lymphocytes', '28', '%', '20-45', ''],
    ]),
  },
  {
    id: 2,
    accession: 'LAB-26-118377',
    patientId: 'P-011',
    panel: 'CBC with Differential',
    orderingProvider: 'Hannah Whitaker, MD',
    clinicalIndication: 'Dyspnea on exertion (R06.02)',
    collectedAt: '2026-11-14 08:05',
    reportedAt: '2026-11-14 12:22',
    status: 'Final',
    values: cbc([
      ['WBC', '9.8', 'x10^3/uL', '4.0-11.0', ''],
      ['RBC', '3.72', 'x10^6/uL', '4.50-5.90', 'L'],
      ['Hemoglobin', '11.4', 'g/dL', '13.5-17.5', 'L'],
      ['Hematocrit', '34.9', '%', '41.0-53.0', 'L'],
      ['MCV', '94', 'fL', '80-100', ''],
      ['Platelets', '412', 'x10^3/uL', '150-400', 'H'],
    ]),
  },
  {
    id: 3,
    accession: 'LAB-26-118512',
    patientId: 'P-010',
    panel: 'CBC without Differential',
    orderingProvider: 'Omar Siddiqui, DO',
    clinicalIndication: 'Fatigue (R53.83), joint pain',
    collectedAt: '2026-11-11 10:47',
    reportedAt: '2026-11-11 16:03',
    status: 'Final',
    values: cbc([
      ['WBC', '6.1', 'x10^3/uL', '4.0-11.0', ''],
      ['RBC', '4.02', 'x10^6/uL', '3.90-5.20', ''],
      ['Hemoglobin', '11.7', 'g/dL', '12.0-16.0', 'L'],
      ['Hematocrit', '35.2', '%', '36.0-46.0', 'L'],
      ['Platelets', '388', 'x10^3/uL', '150-400', ''],
    ]),
  },
];

export const appointments: DemoAppointment[] = [
  {
    date: '2026-11-27',
    time: '08:00',
    durationMinutes: 20,
    patientId: 'P-009',
    provider: 'Omar Siddiqui, DO',
    visitType: 'Same-day sick visit',
    room: 'Exam 2',
    status: 'Checked out',
  },
  {
    date: '2026-11-27',
    time: '08:30',
    durationMinutes: 40,
    patientId: 'P-005',
    provider: 'Omar Siddiqui, DO',
    visitType: 'Annual physical',
    room: 'Exam 1',
    status: 'In room',
  },
  {
    date: '2026-11-27',
    time: '09:20',
    durationMinutes: 20,
    patientId: 'P-001',
    provider: 'Hannah Whitaker, MD',
    // A visit type containing "Referral": hard negative for detection.
    visitType: 'Referral follow-up',
    room: 'Exam 4',
    status: 'Arrived',
  },
  {
    date: '2026-11-27',
    time: '10:00',
    durationMinutes: 20,
    patientId: 'P-002',
    provider: 'Hannah Whitaker, MD',
    visitType: 'Follow-up (Spanish interpreter)',
    room: 'Exam 3',
    status: 'Scheduled',
  },
  {
    date: '2026-11-27',
    time: '10:40',
    durationMinutes: 20,
    patientId: 'P-012',
    provider: 'Hannah Whitaker, MD',
    visitType: 'Lab review',
    room: 'Telehealth',
    status: 'Scheduled',
  },
  {
    date: '2026-11-27',
    time: '11:20',
    durationMinutes: 40,
    patientId: 'P-006',
    provider: 'Omar Siddiqui, DO',
    visitType: 'Diabetes follow-up',
    room: 'Exam 1',
    status: 'No show',
  },
  {
    date: '2026-11-27',
    time: '13:30',
    durationMinutes: 20,
    patientId: 'P-007',
    provider: 'Hannah Whitaker, MD',
    visitType: 'Follow-up',
    room: 'Exam 4',
    status: 'Scheduled',
  },
  {
    date: '2026-11-30',
    time: '09:00',
    durationMinutes: 40,
    patientId: 'P-010',
    provider: 'Omar Siddiqui, DO',
    visitType: 'New patient',
    room: 'Exam 2',
    status: 'Scheduled',
  },
  {
    date: '2026-11-30',
    time: '10:20',
    durationMinutes: 20,
    patientId: 'P-004',
    provider: 'Hannah Whitaker, MD',
    visitType: 'Medicare wellness visit',
    room: 'Exam 3',
    status: 'Scheduled',
  },
];

export function patientById(id: string): DemoPatient | undefined {
  return patients.find((p) => p.id === id);
}

export function referralById(id: string): DemoReferral | undefined {
  return referrals.find((r) => r.id === id);
}

export function labResultById(id: number): DemoLabResult | undefined {
  return labResults.find((l) => l.id === id);
}

export function referralsForPatient(patientId: string): DemoReferral[] {
  return referrals.filter((r) => r.patientId === patientId);
}

export function patientFullName(p: DemoPatient): string {
  return `${p.firstName} ${p.lastName}`;
}
