import type { EhrProfile, FieldReader, ReferralField } from './ehr-profile';

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
    'transaction id',
  ],
  patientName: ['patient', 'patient name', 'subject', 'name'],
  dateOfBirth: ['dob', 'date of birth', 'birth date', 'birthdate'],
  mrn: ['mrn', 'medical record number', 'medical record #', 'external id', 'chart #', 'patient id'],
  patientPhone: ['patient phone', 'phone', 'home phone', 'mobile phone', 'cell phone', 'telephone'],
  specialty: ['specialty', 'requested specialty', 'requested service', 'referral type', 'service', 'code'],
  receivingProvider: [
    'refer to',
    'referred to',
    'performer',
    'receiving provider',
    'specialist',
    'consultant',
  ],
  receivingOrganization: ['receiving organization', 'receiving facility', 'refer to facility', 'facility'],
  referringProvider: ['refer by', 'referred by', 'referring provider', 'requester', 'ordering provider'],
  reason: ['reason for referral', 'reason', 'referral reason', 'clinical question'],
  diagnosisCodes: ['diagnosis', 'diagnoses', 'referrer diagnosis', 'reason code', 'icd-10', 'dx'],
  priority: ['priority', 'urgency', 'risk level'],
  authoredOn: ['referral date', 'authored on', 'date ordered', 'order date'],
};

const NORMALISE: Partial<Record<ReferralField, FieldReader['normalise']>> = {
  patientName: 'name',
  dateOfBirth: 'date',
  patientPhone: 'phone',
  specialty: 'specialty',
  diagnosisCodes: 'icd10',
  priority: 'priority',
  authoredOn: 'date',
};

/** Label-based readers for every field, the fallback behind any profile's own readers. */
function labelReaders(): Fields {
  const fields: Fields = {};
  for (const field of Object.keys(LABELS) as ReferralField[]) {
    fields[field] = [{ labels: LABELS[field], normalise: NORMALISE[field] ?? 'text' }];
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

/** Wording that says "this page is about one referral", in English and Spanish. */
const REFERRAL_WORDS =
  '\\b(referral|refer(red)? to|service request|consult(ation)? request|derivaci[oó]n|remisi[oó]n|interconsulta)\\b';
const NOT_A_REFERRAL =
  '\\b(lab(oratory)? (order|result|report)s?|imaging order|prescription|medication list)\\b';

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
    receivingProvider: [{ inputName: 'form_refer_to', pattern: '^([^,]+)' }],
    receivingOrganization: [{ inputName: 'form_refer_to', pattern: ',\\s*(.+)$' }],
    reason: [{ inputName: 'form_body' }],
    diagnosisCodes: [{ inputName: 'form_refer_diag' }],
    specialty: [{ inputName: 'form_refer_related_code' }],
    // Sites often add a Priority field; the stock Risk Level is the fallback.
    priority: [{ inputName: 'form_refer_priority' }, { inputName: 'form_refer_risk_level' }],
  }),
};

const FHIR_SERVICE_REQUEST: EhrProfile = {
  id: 'fhir-service-request',
  name: 'FHIR ServiceRequest view',
  matches: ['<all_urls>'],
  detect: {
    required: ['dl dt'],
    forbidden: [],
    cues: [
      { heading: '\\bservice ?request\\b', weight: 2 },
      { text: NOT_A_REFERRAL, weight: -10 },
      { label: 'performer', weight: 1 },
      { label: 'requester', weight: 1 },
      { label: 'authored on', weight: 1 },
      { label: 'reason code', weight: 1 },
    ],
    threshold: 4,
  },
  fields: withLabelFallback({
    receivingProvider: [{ labels: ['performer'], pattern: '^([^,(]+)' }],
    receivingOrganization: [{ labels: ['performer'], pattern: '[,(]\\s*([^)]+)\\)?$' }],
    mrn: [{ labels: ['subject'], pattern: '\\(([^)]+)\\)' }],
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
    // Without referral wording anywhere on the page, the label walk never runs.
    requiredText: REFERRAL_WORDS,
    cues: [
      { heading: REFERRAL_WORDS, weight: 2 },
      { text: NOT_A_REFERRAL, weight: -10 },
      { label: 'refer to', weight: 2 },
      { label: 'referred to', weight: 2 },
      { label: 'requested service', weight: 1 },
      { label: 'specialty', weight: 1 },
      { label: 'reason for referral', weight: 1 },
      { label: 'performer', weight: 1 },
      { label: 'priority', weight: 1 },
      { label: 'diagnosis', weight: 1 },
      { label: 'referring provider', weight: 1 },
    ],
    threshold: 4,
  },
  fields: labelReaders(),
};

/**
 * Built-in profiles, most specific first; configured profiles are tried before all of them.
 * Written in their parsed form so the content script carries no validator (a test parses them).
 */
export const BUILTIN_PROFILES: readonly EhrProfile[] = [OPENEMR, FHIR_SERVICE_REQUEST, GENERIC];
