import { Regex } from '../detection/pattern-safety';
import { REFERRAL_FIELDS, type ReferralField } from '../detection/referral-fields';
import { z } from '../zod';
import {
  BUILTIN_CONTACT,
  BUILTIN_CONTACT_ES,
  BUILTIN_EMERGENCY_INSTRUCTION,
  BUILTIN_HAND_OFF_LINE,
  BUILTIN_NOT_QUESTIONS,
  BUILTIN_QUESTION_CUES,
  BUILTIN_RED_FLAGS,
} from './builtin-boundary';
import { BUILTIN_SCRIPTS } from './builtin-scripts';
import { PLACEHOLDER_PATTERN } from './placeholders';

/** Fields the detection engine is about to read; checklists may name them already. */
const FIELDS_TO_COME = [
  'insurancePayer',
  'insuranceMemberId',
  'authorizationNumber',
  'receivingPhone',
  'receivingFax',
  'recordsAttached',
  'specialistInstructions',
  'referringPractice',
] as const;
type ChecklistFieldName = ReferralField | (typeof FIELDS_TO_COME)[number];

/** Deduplicated: REFERRAL_FIELDS may already list some of the fields to come (it lists them all today). */
export const CHECKLIST_FIELDS = [...new Set<ChecklistFieldName>([...REFERRAL_FIELDS, ...FIELDS_TO_COME])] as [
  ChecklistFieldName,
  ...ChecklistFieldName[],
];
export const ChecklistField = z.enum(CHECKLIST_FIELDS);
export type ChecklistField = z.infer<typeof ChecklistField>;

const Id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lowercase letters, digits and dashes');
const Text = (max: number) => z.string().trim().min(1).max(max);

/** A BCP-47 tag as scripts and policies write it: `en`, `es`, `es-MX`. */
export const LanguageTag = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'a language tag such as en, es or es-MX');

const uniqueIds = (items: readonly { id: string }[]) => new Set(items.map((i) => i.id)).size === items.length;

// ---------------------------------------------------------------------------------------------
// Organisation

const OrganizationSchema = z.object({
  /** A synthetic demo practice until the organisation names itself. */
  name: Text(100).default('Riverbend Health Partners'),
  phone: Text(40).default('(555) 010-0100'),
  referralDeskHours: Text(200).optional(),
  /** The interpreter line coordinators call through for a patient who needs one. */
  interpreterLine: Text(100).optional(),
});

// ---------------------------------------------------------------------------------------------
// Checklists

/**
 * How an item is confirmed from the page; every part given must hold. Without a check the item is
 * ticked by hand. `anyFields` covers items a page can satisfy more than one way (fax or phone).
 */
export const ChecklistCheck = z
  .object({
    fields: z.array(ChecklistField).min(1).max(20).optional(),
    anyFields: z.array(ChecklistField).min(1).max(20).optional(),
    pattern: z.object({ field: ChecklistField, regex: Regex }).optional(),
    selector: Text(300).optional(),
  })
  .refine((check) => check.fields || check.anyFields || check.pattern || check.selector, {
    message: 'a check names fields, anyFields, a pattern or a selector; leave it out for a manual item',
  });
export type ChecklistCheck = z.infer<typeof ChecklistCheck>;

export const ChecklistItem = z.object({
  id: Id,
  label: Text(120),
  required: z.boolean().default(true),
  check: ChecklistCheck.optional(),
});
export type ChecklistItem = z.infer<typeof ChecklistItem>;

export const Checklist = z.object({
  id: Id,
  name: Text(100),
  appliesTo: z
    .object({
      /** Matched case- and accent-insensitively against the referral's specialty. */
      specialties: z.array(Text(80)).min(1).max(50).optional(),
    })
    .prefault({}),
  items: z.array(ChecklistItem).min(1).max(50).refine(uniqueIds, 'item ids must be unique'),
});
export type Checklist = z.infer<typeof Checklist>;
export type ChecklistInput = z.input<typeof Checklist>;

const GENERAL_CHECKLIST: ChecklistInput = {
  id: 'general',
  name: 'Referral packet',
  items: [
    {
      id: 'demographics',
      label: 'Patient name and date of birth',
      check: { fields: ['patientName', 'dateOfBirth'] },
    },
    { id: 'patient-phone', label: 'Patient phone number', check: { fields: ['patientPhone'] } },
    {
      id: 'insurance',
      label: 'Insurance payer and member ID',
      check: { fields: ['insurancePayer', 'insuranceMemberId'] },
    },
    {
      // Not every payer or service needs prior authorization, so a gap here must not block sending.
      id: 'authorization',
      label: 'Prior authorization number, when the payer requires one',
      required: false,
      check: { fields: ['authorizationNumber'] },
    },
    {
      id: 'reason',
      label: 'Reason for referral or diagnosis',
      check: { anyFields: ['reason', 'diagnosisCodes'] },
    },
    { id: 'referring-provider', label: 'Referring provider', check: { fields: ['referringProvider'] } },
    {
      id: 'receiving-office',
      label: 'Receiving office and its fax or phone',
      check: { fields: ['receivingOrganization'], anyFields: ['receivingFax', 'receivingPhone'] },
    },
    { id: 'records', label: 'Records attached', check: { fields: ['recordsAttached'] } },
    {
      // Many offices publish none; when they do, the packet must follow them.
      id: 'specialist-instructions',
      label: 'Specialist instructions followed',
      required: false,
      check: { fields: ['specialistInstructions'] },
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// Scripts

/** The same parties an outreach attempt records (OUTREACH_PARTIES; a unit test keeps them equal). */
export const SCRIPT_AUDIENCES = ['patient', 'receiving-office', 'referring-office', 'payer'] as const;
export const SCRIPT_CHANNELS = ['call', 'voicemail', 'text', 'email', 'letter'] as const;
export type ScriptAudience = (typeof SCRIPT_AUDIENCES)[number];
export type ScriptChannel = (typeof SCRIPT_CHANNELS)[number];

/** What a script may say about a referral; nothing clinical (no reason, no diagnosis) is offered. */
export const SCRIPT_PLACEHOLDERS = [
  'patientFirstName',
  'specialty',
  'receivingOffice',
  'practiceName',
  'practicePhone',
  'referringProvider',
  'orderNumber',
  'recordsAttached',
] as const;
export type ScriptPlaceholder = (typeof SCRIPT_PLACEHOLDERS)[number];

const ScriptText = (max: number) =>
  Text(max).refine(
    (text) =>
      [...text.matchAll(PLACEHOLDER_PATTERN)].every((m) =>
        (SCRIPT_PLACEHOLDERS as readonly string[]).includes(m[1] ?? ''),
      ),
    { message: `placeholders are ${SCRIPT_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}` },
  );

/** Built around the 3-second rule: why we contact you, the step to take, who can help. */
export const Script = z.object({
  id: Id,
  audience: z.enum(SCRIPT_AUDIENCES),
  channel: z.enum(SCRIPT_CHANNELS),
  language: LanguageTag,
  /** Shown to the coordinator; an email's subject and a letter's heading. */
  title: ScriptText(120),
  why: ScriptText(600),
  step: ScriptText(1000),
  help: ScriptText(600),
  closing: ScriptText(300).optional(),
});
export type Script = z.infer<typeof Script>;

// ---------------------------------------------------------------------------------------------
// Clinical boundary

const Phrase = Text(80);
const PhraseList = z.array(Phrase).max(300);

/**
 * Per-language wording. An organisation that writes only English keeps the built-in Spanish: the
 * policy's languages replace the built-in ones of the same tag, the others stay.
 */
function perLanguage<T extends z.ZodType>(value: T, builtIn: Record<string, z.output<T>>) {
  return z
    .record(LanguageTag, value)
    .optional()
    .transform((given): Record<string, z.output<T>> => ({ ...builtIn, ...given }));
}

type ContactWording = { name?: string; reach?: string; responseTime?: string };

const ContactSchema = z
  .object({
    name: Text(100).default(BUILTIN_CONTACT.name),
    reach: Text(200).default(BUILTIN_CONTACT.reach),
    responseTime: Text(100).default(BUILTIN_CONTACT.responseTime),
    /** The contact's wording in other languages, keyed by language tag; English above fills gaps. */
    translations: z
      .record(
        LanguageTag,
        z.object({
          name: Text(100).optional(),
          reach: Text(200).optional(),
          responseTime: Text(100).optional(),
        }),
      )
      .default({}),
  })
  .transform((contact) => {
    const builtInEs: ContactWording = {};
    for (const key of ['name', 'reach', 'responseTime'] as const) {
      if (contact[key] === BUILTIN_CONTACT[key]) builtInEs[key] = BUILTIN_CONTACT_ES[key];
    }
    const translations: Record<string, ContactWording> = { ...contact.translations };
    translations.es = { ...builtInEs, ...contact.translations.es };
    return { ...contact, translations };
  });

const HAND_OFF_PLACEHOLDERS: readonly string[] = ['contactName', 'contactReach', 'responseTime'];

const ClinicalBoundarySchema = z.object({
  /** Where clinical questions go: licensed staff, never the coordinator. */
  contact: ContactSchema.prefault({}),
  /** Approved deflection; placeholders {contactName}, {contactReach}, {responseTime}. */
  handOffLine: perLanguage(
    Text(600).refine(
      (line) =>
        [...line.matchAll(PLACEHOLDER_PATTERN)].every((m) => HAND_OFF_PLACEHOLDERS.includes(m[1] ?? '')),
      { message: 'placeholders are {contactName}, {contactReach}, {responseTime}' },
    ),
    BUILTIN_HAND_OFF_LINE,
  ),
  /**
   * Words and phrases that suggest a clinical question. Matched as whole words, ignoring case and
   * accents, with an optional plural ending on each word; a trailing `*` matches any ending.
   */
  questionCues: perLanguage(PhraseList, BUILTIN_QUESTION_CUES),
  /**
   * Phrases that contain a cue word but are administrative (a specialty's name, a form). They mute
   * question cues only: a red flag is never muted.
   */
  notQuestions: perLanguage(PhraseList, BUILTIN_NOT_QUESTIONS),
  /** Words that may mean an emergency: the coordinator reads the emergency instruction, nothing more. */
  redFlags: perLanguage(PhraseList, BUILTIN_RED_FLAGS),
  /** Approved wording, read as written; no advice beyond it. */
  emergencyInstruction: perLanguage(Text(300), BUILTIN_EMERGENCY_INSTRUCTION),
});
export type ClinicalBoundary = z.infer<typeof ClinicalBoundarySchema>;

// ---------------------------------------------------------------------------------------------

/** The coordinator-panel sections of the organisation's configuration. */
// Built-in lists are prefaults, not defaults, so they go through the item schemas (and get their
// defaults) exactly like an organisation's own lists.
export const PanelConfigSchema = z.object({
  organization: OrganizationSchema.prefault({}),
  checklists: z
    .array(Checklist)
    .max(50)
    .prefault([GENERAL_CHECKLIST])
    .refine(uniqueIds, 'checklist ids must be unique'),
  scripts: z
    .array(Script)
    .max(200)
    .prefault([...BUILTIN_SCRIPTS])
    .refine(uniqueIds, 'script ids must be unique'),
  threeSecondRule: z
    .object({
      /** The opening (why we are contacting) must fit in this many words. */
      openingWordBudget: z.number().int().min(5).max(100).default(25),
    })
    .prefault({}),
  clinicalBoundary: ClinicalBoundarySchema.prefault({}),
});

export type PanelConfig = z.infer<typeof PanelConfigSchema>;
export type PanelConfigInput = z.input<typeof PanelConfigSchema>;

export const DEFAULT_PANEL_CONFIG: PanelConfig = PanelConfigSchema.parse({});
