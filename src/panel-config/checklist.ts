import { VALUE_MAX_LENGTH } from '../detection/input-bounds';
import { OVERRIDE_REASON_MIN } from '../referral/state-machine';
import type { Checklist, ChecklistCheck, ChecklistField, ChecklistItem } from './schema';

/** What the page gave for each field (ExtractedFields fits), as corrected by the coordinator. */
export type ChecklistFields = Partial<Record<ChecklistField, string>>;

export type ItemState = 'found' | 'missing' | 'manual';

export interface ItemResult {
  id: string;
  label: string;
  required: boolean;
  state: ItemState;
  /**
   * Why the item is found or missing, for the panel only. It can quote patient data ("phone found:
   * (217) 555-0142"), so it is kept short and must never be logged.
   */
  evidence?: string;
}

export interface SendDecision {
  allowed: boolean;
  /** Required items not confirmed, by id: the reasons a send is refused, or overridden. */
  missingRequired: string[];
  /** True when the send is allowed only because the coordinator gave a reason. */
  overridden: boolean;
}

const VALUE_MAX = 40;
const EVIDENCE_MAX = 160;

/** Wording for the fields whose names read badly; the rest are spelled out from their names. */
const FIELD_WORDS: Partial<Record<ChecklistField, string>> = {
  patientName: 'name',
  patientPhone: 'phone',
  mrn: 'MRN',
  receivingOrganization: 'receiving office',
  insurancePayer: 'payer',
  insuranceMemberId: 'member ID',
  authorizationNumber: 'authorization number',
  recordsAttached: 'records',
  specialistInstructions: 'specialist instructions',
  authoredOn: 'order date',
};

/**
 * How evidence is worded. The logic stays free of browser APIs: the panel passes wording in the
 * coordinator's language, tests and defaults use English.
 */
export interface EvidenceWords {
  field: (field: ChecklistField) => string;
  found: (field: string, value: string) => string;
  notFound: (fields: string[]) => string;
  notFoundAny: (fields: string[]) => string;
  badPattern: (field: string) => string;
  wrongFormat: (field: string) => string;
  onPage: string;
  notOnPage: string;
  confirmed: string;
  /** An item the page did not show, ticked by the coordinator. */
  confirmedNotOnPage: string;
}

export const ENGLISH_EVIDENCE: EvidenceWords = {
  field: (field) => FIELD_WORDS[field] ?? field.replace(/[A-Z]/g, (letter) => ` ${letter.toLowerCase()}`),
  found: (field, value) => `${field} found: ${value}`,
  notFound: (fields) => `not found: ${fields.join(', ')}`,
  notFoundAny: (fields) => `not found: ${fields.join(' or ')}`,
  badPattern: (field) => `${field}: the configured pattern is not valid`,
  wrongFormat: (field) => `${field} is not in the expected format`,
  onPage: 'found on the page',
  notOnPage: 'not found on the page',
  confirmed: 'confirmed by the coordinator',
  confirmedNotOnPage: 'not on the page; confirmed by the coordinator',
};

function clip(text: string, max: number): string {
  const tidy = text.replace(/\s+/g, ' ').trim();
  return tidy.length > max ? `${tidy.slice(0, max - 1).trimEnd()}…` : tidy;
}

function presentValue(fields: ChecklistFields, field: ChecklistField): string | undefined {
  const value = fields[field]?.trim();
  return value ? value : undefined;
}

/** Specialties as EHRs print them vary in case and accents ("CARDIOLOGÍA", "cardiologia"). */
function comparable(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The first checklist that applies to the specialty; one without specialties applies to all. */
export function pickChecklist(
  checklists: readonly Checklist[],
  specialty: string | undefined,
): Checklist | undefined {
  const wanted = specialty ? comparable(specialty) : undefined;
  return checklists.find((checklist) => {
    const specialties = checklist.appliesTo.specialties;
    if (!specialties || specialties.length === 0) return true;
    return wanted !== undefined && specialties.some((s) => comparable(s) === wanted);
  });
}

type Outcome = { found: boolean; evidence: string };

function checkAllFields(
  fields: ChecklistFields,
  wanted: readonly ChecklistField[],
  words: EvidenceWords,
): Outcome {
  const absent = wanted.filter((field) => !presentValue(fields, field));
  if (absent.length > 0) return { found: false, evidence: words.notFound(absent.map(words.field)) };
  const shown = wanted.map((field) =>
    words.found(words.field(field), clip(presentValue(fields, field) ?? '', VALUE_MAX)),
  );
  return { found: true, evidence: shown.join('; ') };
}

function checkAnyField(
  fields: ChecklistFields,
  wanted: readonly ChecklistField[],
  words: EvidenceWords,
): Outcome {
  const present = wanted.find((field) => presentValue(fields, field));
  if (!present) return { found: false, evidence: words.notFoundAny(wanted.map(words.field)) };
  return {
    found: true,
    evidence: words.found(words.field(present), clip(presentValue(fields, present) ?? '', VALUE_MAX)),
  };
}

function checkPattern(
  fields: ChecklistFields,
  pattern: { field: ChecklistField; regex: string },
  words: EvidenceWords,
): Outcome {
  const value = presentValue(fields, pattern.field);
  const name = words.field(pattern.field);
  if (!value) return { found: false, evidence: words.notFound([name]) };
  let regex: RegExp;
  try {
    regex = new RegExp(pattern.regex, 'iu');
  } catch {
    return { found: false, evidence: words.badPattern(name) };
  }
  return regex.test(value.slice(0, VALUE_MAX_LENGTH))
    ? { found: true, evidence: words.found(name, clip(value, VALUE_MAX)) }
    : { found: false, evidence: words.wrongFormat(name) };
}

function checkSelector(
  selector: string,
  hasSelector: (css: string) => boolean,
  words: EvidenceWords,
): Outcome {
  let found = false;
  try {
    found = hasSelector(selector);
  } catch {
    // An invalid selector throws in querySelector: the element is simply not there.
  }
  return { found, evidence: found ? words.onPage : words.notOnPage };
}

function runCheck(
  check: ChecklistCheck,
  fields: ChecklistFields,
  hasSelector: (css: string) => boolean,
  words: EvidenceWords,
): Outcome | undefined {
  const outcomes: Outcome[] = [];
  if (check.fields?.length) outcomes.push(checkAllFields(fields, check.fields, words));
  if (check.anyFields?.length) outcomes.push(checkAnyField(fields, check.anyFields, words));
  if (check.pattern) outcomes.push(checkPattern(fields, check.pattern, words));
  if (check.selector) outcomes.push(checkSelector(check.selector, hasSelector, words));
  if (outcomes.length === 0) return undefined;
  // A missing item explains only what is missing; a found one shows everything it found.
  const missing = outcomes.filter((o) => !o.found);
  const shown = missing.length > 0 ? missing : outcomes;
  return {
    found: missing.length === 0,
    evidence: clip(shown.map((o) => o.evidence).join('; '), EVIDENCE_MAX),
  };
}

function evaluateItem(
  item: ChecklistItem,
  fields: ChecklistFields,
  hasSelector: (css: string) => boolean,
  words: EvidenceWords,
): ItemResult {
  const base = { id: item.id, label: item.label, required: item.required };
  const outcome = item.check ? runCheck(item.check, fields, hasSelector, words) : undefined;
  if (!outcome) return { ...base, state: 'manual' };
  return { ...base, state: outcome.found ? 'found' : 'missing', evidence: outcome.evidence };
}

const isMissingRequired = (result: ItemResult) => result.required && result.state === 'missing';

/**
 * Each item checked against what was read from the page, missing required items first (the
 * coordinator's next job), the rest in the organisation's order. Never throws: a bad pattern or
 * selector counts as not found.
 */
export function evaluateChecklist(
  checklist: Checklist,
  fields: ChecklistFields,
  hasSelector: (css: string) => boolean,
  words: EvidenceWords = ENGLISH_EVIDENCE,
): ItemResult[] {
  const results = checklist.items.map((item) => evaluateItem(item, fields, hasSelector, words));
  return [...results.filter(isMissingRequired), ...results.filter((r) => !isMissingRequired(r))];
}

/**
 * Items the coordinator has ticked: a manual item, or an item the page did not show that they
 * checked themselves (records faxed from another system, a scanned attachment). The tick is
 * recorded with the referral, with who and when, and its evidence says it was confirmed by hand.
 */
export function confirmManual(
  results: readonly ItemResult[],
  ids: readonly string[],
  words: EvidenceWords = ENGLISH_EVIDENCE,
): ItemResult[] {
  return results.map((result) => {
    if (result.state === 'found' || !ids.includes(result.id)) return result;
    const evidence = result.state === 'manual' ? words.confirmed : words.confirmedNotOnPage;
    return { ...result, state: 'found', evidence };
  });
}

/**
 * A referral may be marked sent once every required item is found ("sent" with gaps is how
 * referrals stall). Unticked required manual items count as missing. The coordinator can still
 * send with a stated reason, which the caller records in the history.
 */
export function canMarkSent(results: readonly ItemResult[], override?: { reason: string }): SendDecision {
  const missingRequired = results.filter((r) => r.required && r.state !== 'found').map((r) => r.id);
  if (missingRequired.length === 0) return { allowed: true, missingRequired, overridden: false };
  const reason = typeof override?.reason === 'string' ? override.reason.trim() : '';
  const reasonGiven = reason.length >= OVERRIDE_REASON_MIN;
  return { allowed: reasonGiven, missingRequired, overridden: reasonGiven };
}
