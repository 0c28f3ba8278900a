import type { EhrProfile, FieldReader } from './ehr-profile';
import { TYPED_HEADER } from './list-rows';
import type { ReferralField } from './referral-fields';

type Fields = EhrProfile['fields'];
type ReaderWithoutNormaliser = Omit<FieldReader, 'normalise'> & Partial<Pick<FieldReader, 'normalise'>>;

/** Label wordings EHRs use for each field, compared case-insensitively, trailing colon ignored. */
const LABELS: Record<ReferralField, string[]> = {
  orderNumber: [
    'order #',
    'order number',
    'order no',
    'referral #',
    'referral number',
    'referral id',
    'identifier',
    'número de orden',
  ],
  patientName: ['patient name', 'nombre del paciente', 'patient', 'paciente', 'subject', 'name'],
  dateOfBirth: ['dob', 'date of birth', 'birth date', 'birthdate', 'fecha de nacimiento'],
  mrn: [
    'mrn',
    'medical record number',
    'medical record #',
    'external id',
    'chart #',
    'patient id',
    'historia clínica',
    'expediente',
  ],
  patientPhone: [
    'patient phone',
    'home phone',
    'mobile phone',
    'cell phone',
    'phone',
    'telephone',
    'teléfono',
  ],
  specialty: [
    'specialty',
    'requested specialty',
    'requested service',
    'referral type',
    'service',
    'code',
    'especialidad',
  ],
  receivingProvider: [
    'refer to',
    'referred to',
    'performer',
    'receiving provider',
    'specialist',
    'consultant',
    'derivado a',
    'remitido a',
  ],
  receivingOrganization: [
    'receiving organization',
    'receiving facility',
    'refer to facility',
    'facility',
    'centro receptor',
  ],
  referringProvider: [
    'refer by',
    'referred by',
    'referring provider',
    'requester',
    'ordering provider',
    'ordered by',
    'derivado por',
    'médico solicitante',
  ],
  reason: [
    'reason for referral',
    'reason',
    // OpenEMR's printed referral form.
    'reference reason',
    'referral reason',
    'clinical question',
    'motivo de la derivación',
    'motivo',
  ],
  diagnosisCodes: [
    'diagnosis',
    'diagnoses',
    'referrer diagnosis',
    'reason code',
    'icd-10',
    'dx',
    'diagnóstico',
  ],
  priority: ['priority', 'urgency', 'risk level', 'prioridad'],
  authoredOn: [
    'referral date',
    'authored on',
    'date ordered',
    'order date',
    'date of order',
    'fecha de derivación',
    'fecha de solicitud',
  ],
  preferredLanguage: ['preferred language', 'language', 'idioma', 'idioma preferido'],
  interpreterNeeded: [
    'interpreter',
    'interpreter needed',
    'interpreter required',
    'needs interpreter',
    'intérprete',
    'necesita intérprete',
  ],
  referringPractice: ['referring practice', 'practice', 'organization'],
  receivingPhone: ['phone', 'office phone', 'telephone', 'teléfono'],
  receivingFax: ['fax'],
  specialistInstructions: [
    'special instructions',
    'specialist instructions',
    'patient instruction',
    'instructions',
    'notes',
    'instrucciones',
  ],
  insurancePayer: [
    'primary insurance provider',
    'insurance provider',
    'payer',
    'insurance',
    'carrier',
    'aseguradora',
  ],
  insuranceMemberId: [
    'member id',
    'member #',
    'policy number',
    'subscriber id',
    'insurance id',
    'número de afiliado',
  ],
  authorizationNumber: [
    'authorization #',
    'authorization number',
    'auth #',
    'prior authorization',
    'autorización',
  ],
  recordsAttached: [
    'records enclosed',
    'records attached',
    'documents to send',
    'supporting info',
    'attachments',
    'documentos adjuntos',
  ],
};

/**
 * Fields whose labels repeat across a page ("Phone", "Fax", "Notes") are read only under the
 * right section title.
 */
const RECEIVING_SECTION = '\\b(refer(red)? to|receiving|address book|specialist|derivado a)\\b';
const REFERRING_SECTION = '\\b(refer(red|ring)? by|referring|derivado por)\\b';
const SECTIONS: Partial<Record<ReferralField, string>> = {
  receivingPhone: RECEIVING_SECTION,
  receivingFax: RECEIVING_SECTION,
  specialistInstructions: RECEIVING_SECTION,
  referringPractice: REFERRING_SECTION,
};

/**
 * EHRs that group contacts under "Referred by" / "Referred to" label the person only as
 * "Physician" or "Provider": the section says which one it is. Tried after the specific labels.
 */
const PERSON_LABELS = ['physician', 'provider', 'doctor', 'clinician', 'médico'];
const SECTION_PERSON: Partial<Record<ReferralField, string>> = {
  referringProvider: REFERRING_SECTION,
  receivingProvider: RECEIVING_SECTION,
};

/**
 * "Priya Natarajan, MD, Capital Heart & Vascular": the provider keeps their credentials, the
 * organisation is what follows them. The name runs up to the first comma or parenthesis, which
 * it cannot contain, so a failed match gives up after one pass instead of retrying every split
 * of a long run of spaces. One optional space is written `(?:\s|)`, not `\s?`: these patterns
 * pass the same check as configured ones, which refuses any quantifier inside a repeated group.
 */
const CREDENTIAL = '(?:MD|DO|NP|PA-C|PA|DPM|DDS|DMD|OD|PhD|FNP|FNP-C|APRN|DNP|RN|MBBS)\\b(?:\\.|)';
const PROVIDER = `^([^,(]+(?:,(?:\\s|)${CREDENTIAL})*)`;
const ORGANIZATION = `^[^,(]+(?:,(?:\\s|)${CREDENTIAL}(?:\\s|))*[,(]\\s*([^)]+)`;

const PATTERNS: Partial<Record<ReferralField, string>> = {
  // An order number is one token: `CG-88213 · Signed by …` keeps `CG-88213`.
  orderNumber: '^([A-Za-z0-9][\\w./-]*)',
  // "Aetna · Aetna Choice POS II" names the payer first, then the plan.
  insurancePayer: '^([^\\n·]+)',
};

const NORMALISE: Partial<Record<ReferralField, FieldReader['normalise']>> = {
  patientName: 'name',
  dateOfBirth: 'date',
  patientPhone: 'phone',
  specialty: 'specialty',
  diagnosisCodes: 'icd10',
  priority: 'priority',
  authoredOn: 'date',
  receivingPhone: 'phone',
  receivingFax: 'phone',
  insuranceMemberId: 'identifier',
  authorizationNumber: 'identifier',
  recordsAttached: 'list',
};

/**
 * Worklists head their id column with the bare word ("Referral", "Order", "Request"): that label
 * names an order number only when its whole value is one token with a digit and no date
 * (`R-1001`, `ORD-309`, `#4471`), never a description ("Referral to cardiology", "CBC").
 * Tried after the specific labels.
 */
const BARE_ID_LABELS = [
  'referral',
  'order',
  'order id',
  'request',
  'request #',
  'request id',
  'requisition #',
  'derivación',
  'orden',
];
const BARE_ID = '^#?\\s*(?!\\d{1,4}[-/.]\\d{1,2}[-/.]\\d{1,4}$)([a-z]{0,8}[-_/]?\\d[\\w./-]*)$';
/**
 * An order's or a card's description that says "Referral to cardiology (service)" names the
 * specialty, whatever its label ("Order", "Type", "Request", "Description"); any other value of
 * those labels (a lab test, a drug) is no specialty and is left alone, not offered to check.
 * Tried after the specific labels.
 */
const REFERRAL_TO_LABELS = ['order', 'type', 'request', 'description', 'order description', 'category'];
const REFERRAL_TO = '\\brefer(?:ral|red)? (?:to|for) (?:the |a )?([^,;(\\n]+)';
const SECOND_READERS: Partial<Record<ReferralField, FieldReader>> = {
  orderNumber: { labels: BARE_ID_LABELS, normalise: 'text', pattern: BARE_ID },
  specialty: { labels: REFERRAL_TO_LABELS, normalise: 'specialty', pattern: REFERRAL_TO },
};

/** Label-based readers for every field, the fallback behind any profile's own readers. */
function labelReaders(): Fields {
  const fields: Fields = {};
  for (const field of Object.keys(LABELS) as ReferralField[]) {
    const pattern = PATTERNS[field];
    const section = SECTIONS[field];
    const personSection = SECTION_PERSON[field];
    const second = SECOND_READERS[field];
    fields[field] = [
      {
        labels: LABELS[field],
        normalise: NORMALISE[field] ?? 'text',
        ...(pattern && { pattern }),
        ...(section && { section }),
      },
      ...(personSection
        ? [{ labels: PERSON_LABELS, normalise: 'text' as const, section: personSection }]
        : []),
      ...(second ? [second] : []),
    ];
  }
  return fields;
}

/** Profile-specific readers first, then the label readers for the same field. */
function withLabelFallback(own: Partial<Record<ReferralField, ReaderWithoutNormaliser[]>>): Fields {
  const fields = labelReaders();
  for (const [field, readers] of Object.entries(own) as [ReferralField, ReaderWithoutNormaliser[]][]) {
    const normalise = NORMALISE[field] ?? 'text';
    fields[field] = [...readers.map((reader) => ({ normalise, ...reader })), ...(fields[field] ?? [])];
  }
  return fields;
}

/**
 * A profile as detection uses it: with the built-in label readers behind its own when it asks for
 * them (`labelFallback`). Applied where profiles are loaded, so a detection pays nothing for it.
 */
export function withFallbackIfAsked(profile: EhrProfile): EhrProfile {
  return profile.labelFallback ? { ...profile, fields: withLabelFallback(profile.fields) } : profile;
}

/**
 * Wording that says "this page is about one referral", in English and Spanish. A "Service
 * Request" may order a lab test as well as a referral: that is the FHIR profile's to tell apart.
 */
const REFERRAL_WORDS =
  '\\b(referral|referral ?request|refer(red)? to|consult(ation)? request|derivaci[oó]n|remisi[oó]n|interconsulta)\\b';
/**
 * A heading that is referral wording and nothing else names what it heads: a resource card titled
 * "ReferralRequest" (FHIR's name, written as one word), a page or tab titled "Referral". Worth the
 * whole threshold: whether the screen holds one referral is still judged by the list and content
 * rules. Singular only: a heading "Referrals" heads a list, which the list rules judge.
 */
const REFERRAL_TITLE = '^(referral|referral ?request|consult(ation)? request|derivaci[oó]n|interconsulta)$';
/** Headings of screens that share a referral's labels but order something else. */
const NOT_A_REFERRAL =
  '\\b(lab(oratory)? (order|result|report)s?|imaging order|prescription|medication order)\\b';
/** A FHIR ServiceRequest for a lab test or imaging study rather than a referral. */
const NOT_A_REFERRAL_CATEGORY = '\\bcategory (laboratory|imaging|radiology|diagnostic)|\\bspecimen\\b';

const OPENEMR: EhrProfile = {
  id: 'openemr-referral',
  name: 'OpenEMR referral transaction',
  matches: ['*://*/*interface/patient_file/transaction/*'],
  detect: {
    required: ['[name="form_refer_to"]'],
    forbidden: [],
    cues: [{ label: 'refer to', weight: 1 }],
    threshold: 1,
  },
  fields: withLabelFallback({
    // The patient banner shows "Last, First" with no label beside it.
    patientName: [{ selector: '#attendantData .ptName a' }],
    authoredOn: [{ inputName: 'form_refer_date' }],
    referringProvider: [{ inputName: 'form_refer_from' }],
    receivingProvider: [{ inputName: 'form_refer_to', pattern: PROVIDER }],
    receivingOrganization: [{ inputName: 'form_refer_to', pattern: ORGANIZATION }],
    reason: [{ inputName: 'form_body' }],
    diagnosisCodes: [{ inputName: 'form_refer_diag' }],
    specialty: [{ inputName: 'form_refer_related_code' }],
    // The address book entry describes the receiving office, then the referring practice.
    referringPractice: [{ labels: ['referring practice'] }],
    // Sites often add a Priority field; the stock Risk Level is the fallback.
    priority: [{ inputName: 'form_refer_priority' }, { inputName: 'form_refer_risk_level' }],
  }),
};

const FHIR_SERVICE_REQUEST: EhrProfile = {
  id: 'fhir-service-request',
  name: 'FHIR ServiceRequest view',
  matches: ['<all_urls>'],
  detect: {
    requiredHeading: '\\bservice ?request\\b',
    required: ['dl dt'],
    forbidden: [],
    cues: [
      { text: NOT_A_REFERRAL_CATEGORY, weight: -10 },
      { label: 'performer', weight: 1 },
      { label: 'requester', weight: 1 },
      { label: 'authored on', weight: 1 },
      { label: 'reason code', weight: 1 },
    ],
    threshold: 3,
  },
  fields: withLabelFallback({
    receivingProvider: [{ labels: ['performer'], pattern: PROVIDER }],
    receivingOrganization: [{ labels: ['performer'], pattern: ORGANIZATION }],
    referringProvider: [{ labels: ['requester'], pattern: PROVIDER }],
    mrn: [{ labels: ['subject'], pattern: '\\(([^)]+)\\)' }],
    // Insurance shows "Payer · Plan" then "Member ID …"; authorization "Required · number".
    insuranceMemberId: [{ labels: ['insurance'], pattern: 'member id\\s+(\\S+)' }],
    authorizationNumber: [{ labels: ['prior authorization'], pattern: '·\\s*(.+)$' }],
    specialistInstructions: [{ labels: ['patient instruction'] }],
    // The first line of the note is the reason; the next names its author.
    reason: [{ labels: ['note'], pattern: '^([^\\n]+)' }],
  }),
};

const GENERIC: EhrProfile = {
  id: 'generic',
  name: 'Any EHR (labels and wording)',
  matches: ['<all_urls>'],
  detect: {
    required: [],
    forbidden: [],
    // Without referral wording in a heading, the label walk never runs.
    requiredHeading: REFERRAL_WORDS,
    cues: [
      { heading: NOT_A_REFERRAL, weight: -10 },
      { heading: REFERRAL_TITLE, weight: 2 },
      { label: 'refer to', weight: 2 },
      { label: 'referred to', weight: 2 },
      { label: 'requested service', weight: 1 },
      { label: 'specialty', weight: 1 },
      { label: 'reason for referral', weight: 1 },
      { label: 'performer', weight: 1 },
      { label: 'priority', weight: 1 },
      { label: 'diagnosis', weight: 1 },
      { label: 'referring provider', weight: 1 },
      { label: 'derivado a', weight: 2 },
      { label: 'especialidad', weight: 1 },
      { label: 'motivo de la derivación', weight: 1 },
      { label: 'prioridad', weight: 1 },
    ],
    threshold: 2,
  },
  fields: labelReaders(),
  // A plain referral worklist: a table whose header names two of patient, specialty, refer-to and
  // priority. Each row is read by the same label readers, under its column headers.
  list: {},
};

/**
 * A list whose rows say what they are: an orders table with an "Order type" column in which some
 * orders are "Referral order", a patient's "Referrals" tab whose table has a "Referral type" and a
 * "Referral date" column. Found by its column headers alone (a page with no such header is never
 * read further), recognised only as that list, with only the rows typed as referrals (and not
 * cancelled), each read by the label readers under its column headers and kept only if it names
 * a specialty, receiving provider, reason or diagnosis. Tried before the generic profile, which
 * would read such a table as one referral.
 */
const GENERIC_TYPED_LIST: EhrProfile = {
  id: 'generic-typed-list',
  name: 'Any EHR (tables of orders typed as referrals)',
  matches: ['<all_urls>'],
  detect: {
    required: [],
    forbidden: [],
    // Table header cells only: they are few and cheap to find on any page, where looking for ARIA
    // grids' column headers would read every element of every page (a profile can ask for those).
    cues: [{ selector: 'th', hasText: TYPED_HEADER, weight: 1 }],
    threshold: 1,
  },
  fields: labelReaders(),
  list: { typed: true },
};

/**
 * Built-in profiles, most specific first; configured profiles are tried before all of them.
 * Written in their parsed form so the content script carries no validator (a test parses them).
 */
export const BUILTIN_PROFILES: readonly EhrProfile[] = [
  OPENEMR,
  FHIR_SERVICE_REQUEST,
  GENERIC_TYPED_LIST,
  GENERIC,
];
