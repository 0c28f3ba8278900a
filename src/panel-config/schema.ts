import { z } from 'zod';
import { REFERRAL_FIELDS, type ReferralField, Regex } from '../detection/ehr-profile';
import { PLACEHOLDER_PATTERN } from './placeholders';

// Deliberately no value import from src/referral: the main ConfigSchema will import this module,
// and referral.ts imports IsoDate from the config schema, so a value import here would be a cycle.

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
export type ScriptInput = z.input<typeof Script>;

// Voicemails and texts name no specialty and no office: someone other than the patient may hear or
// read them, so they carry only what is needed to call back.
const DEFAULT_SCRIPTS: ScriptInput[] = [
  {
    id: 'patient-call-en',
    audience: 'patient',
    channel: 'call',
    language: 'en',
    title: 'Patient: phone call',
    why: "Hi {patientFirstName}, this is {practiceName}. Your provider referred you to a specialist, and we're calling to help with the next scheduling step.",
    step: 'First, may I confirm your date of birth? Then I can help you book your visit with {receivingOffice} for {specialty}, and make sure they have everything they need from us.',
    help: 'If anything is unclear later, our referral desk is here to help: {practicePhone}.',
    closing: 'Thank you for your time, {patientFirstName}.',
  },
  {
    id: 'patient-voicemail-en',
    audience: 'patient',
    channel: 'voicemail',
    language: 'en',
    title: 'Patient: voicemail',
    why: 'Hello, this is {practiceName} with a message for {patientFirstName}. We would like to help with the next step of your referral.',
    step: 'Please call us back when you can, so we can help you schedule.',
    help: 'Our referral desk is at {practicePhone}. Again, that is {practicePhone}.',
    closing: 'Thank you, and have a good day.',
  },
  {
    id: 'patient-text-en',
    audience: 'patient',
    channel: 'text',
    language: 'en',
    title: 'Patient: text message',
    why: 'Hi {patientFirstName}, this is {practiceName}. We would like to help you with the next step of your referral.',
    step: 'Please call us to schedule, or reply with a good time to reach you.',
    help: 'Questions? Our referral desk can help: {practicePhone}.',
  },
  {
    id: 'patient-email-en',
    audience: 'patient',
    channel: 'email',
    language: 'en',
    title: 'Next step for your referral',
    why: 'Hello {patientFirstName},\nYour provider referred you to a specialist in {specialty}. We are writing to help you with the next step.',
    step: 'Please call us, or reply with a good time to reach you, and we will help you book your visit with {receivingOffice}.',
    help: 'If anything is unclear, our referral team is happy to help: {practicePhone}. Please do not send health questions by email; call us and we will connect you with your care team.',
    closing: 'Warm regards,\nThe referral team at {practiceName}',
  },
  {
    id: 'patient-letter-en',
    audience: 'patient',
    channel: 'letter',
    language: 'en',
    title: 'Your referral to a specialist',
    why: 'Dear {patientFirstName},\nYour provider referred you to a specialist in {specialty}. We tried to call you to help with the next step.',
    step: 'Please call us at {practicePhone} so we can help you book your visit with {receivingOffice}. If you have already booked it, thank you: there is nothing more you need to do.',
    help: 'Our referral team is glad to answer any questions about the process: {practiceName}, {practicePhone}.',
    closing: 'Sincerely,\nThe referral team at {practiceName}',
  },
  {
    id: 'patient-call-es',
    audience: 'patient',
    channel: 'call',
    language: 'es',
    title: 'Paciente: llamada',
    why: 'Hola, {patientFirstName}, le llamamos de {practiceName}. Su médico le refirió a un especialista y queremos ayudarle a hacer la cita.',
    step: 'Primero, ¿me podría confirmar su fecha de nacimiento? Después le ayudo a hacer la cita con {receivingOffice} ({specialty}) y nos aseguramos de que tengan toda la información que necesitan.',
    help: 'Si más adelante tiene alguna duda, nuestro equipo de referencias con gusto le ayuda: {practicePhone}.',
    closing: 'Muchas gracias por su tiempo, {patientFirstName}.',
  },
  {
    id: 'patient-voicemail-es',
    audience: 'patient',
    channel: 'voicemail',
    language: 'es',
    title: 'Paciente: mensaje de voz',
    why: 'Hola, le llamamos de {practiceName} con un mensaje para {patientFirstName}. Queremos ayudarle con el siguiente paso de su referencia.',
    step: 'Por favor, devuélvanos la llamada cuando pueda para ayudarle a hacer la cita.',
    help: 'Nuestro número es el {practicePhone}. Le repito: {practicePhone}.',
    closing: 'Gracias y que tenga un buen día.',
  },
  {
    id: 'patient-text-es',
    audience: 'patient',
    channel: 'text',
    language: 'es',
    title: 'Paciente: mensaje de texto',
    why: 'Hola, {patientFirstName}, le escribimos de {practiceName} para ayudarle con el siguiente paso de su referencia.',
    step: 'Llámenos para hacer la cita o responda con el mejor horario para comunicarnos con usted.',
    help: '¿Tiene preguntas? Nuestro equipo de referencias le ayuda: {practicePhone}.',
  },
  {
    id: 'patient-email-es',
    audience: 'patient',
    channel: 'email',
    language: 'es',
    title: 'Siguiente paso para su referencia',
    why: 'Hola, {patientFirstName}:\nSu médico le refirió a un especialista en {specialty}. Le escribimos para ayudarle con el siguiente paso.',
    step: 'Llámenos o responda a este correo con el mejor horario para comunicarnos con usted, y le ayudaremos a hacer la cita con {receivingOffice}.',
    help: 'Si tiene alguna duda sobre el proceso, nuestro equipo de referencias con gusto le ayuda: {practicePhone}. Por favor, no envíe preguntas sobre su salud por correo; llámenos y le comunicaremos con su equipo médico.',
    closing: 'Atentamente,\nEl equipo de referencias de {practiceName}',
  },
  {
    id: 'patient-letter-es',
    audience: 'patient',
    channel: 'letter',
    language: 'es',
    title: 'Su referencia a un especialista',
    why: 'Estimado(a) {patientFirstName}:\nSu médico le refirió a un especialista en {specialty}. Intentamos llamarle para ayudarle con el siguiente paso.',
    step: 'Por favor, llámenos al {practicePhone} para ayudarle a hacer la cita con {receivingOffice}. Si ya hizo la cita, muchas gracias: no necesita hacer nada más.',
    help: 'Nuestro equipo de referencias con gusto responde sus preguntas sobre el proceso: {practiceName}, {practicePhone}.',
    closing: 'Atentamente,\nEl equipo de referencias de {practiceName}',
  },
  {
    id: 'receiving-office-call-en',
    audience: 'receiving-office',
    channel: 'call',
    language: 'en',
    title: 'Receiving office: confirm receipt and next step',
    why: 'Hi, this is {practiceName}. We sent you a referral for {patientFirstName}, order {orderNumber}, and are calling to confirm you received it.',
    step: 'Could you confirm you have the referral and the records we attached, and tell me the next step: is the patient scheduled, or do you need anything else from us?',
    help: "I can give you the patient's full name and date of birth to find the chart. If something is missing later, please call our referral desk at {practicePhone}.",
    closing: 'Thank you for your help.',
  },
  {
    id: 'receiving-office-email-en',
    audience: 'receiving-office',
    channel: 'email',
    language: 'en',
    title: 'Referral {orderNumber}: please confirm receipt',
    why: 'We sent you a referral from {practiceName} for {patientFirstName} (order {orderNumber}, {specialty}), and we want to make sure it reached you.',
    step: 'Please reply to confirm receipt and let us know the next step: the appointment date, or anything else you need from us.\nRecords attached: {recordsAttached}.',
    help: 'The referring provider is {referringProvider}. For questions or anything missing, please call our referral desk at {practicePhone}.',
    closing: 'Thank you,\nThe referral team at {practiceName}',
  },
  {
    id: 'referring-office-call-en',
    audience: 'referring-office',
    channel: 'call',
    language: 'en',
    title: 'Referring office: missing information',
    why: 'Hi, this is the referral team at {practiceName}, calling about the referral {referringProvider} placed for {patientFirstName}, order {orderNumber}.',
    step: 'To move it forward, we need a few items that are missing from the referral. May I go through the list, and could you send them to us today?',
    help: 'If it is easier to call back, our referral desk is at {practicePhone}; please mention order {orderNumber}.',
    closing: 'Thank you for your help.',
  },
  {
    id: 'payer-call-en',
    audience: 'payer',
    channel: 'call',
    language: 'en',
    title: 'Payer: prior authorization status',
    why: 'Hi, this is {practiceName}, calling to check the status of a prior authorization for a referral to {specialty}.',
    step: "Could you tell me whether it is approved, pending or denied, and if approved, the authorization number and the dates it covers? I have the member ID and the patient's date of birth ready.",
    help: 'If you need anything else from us, please call our referral desk at {practicePhone}. The referring provider is {referringProvider}.',
    closing: 'May I have your name and a call reference number? Thank you.',
  },
];

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

const CONTACT = {
  name: 'Nurse triage line',
  reach: '(555) 010-0150, option 2',
  responseTime: 'within 2 business hours',
};
/** Spanish for the built-in contact wording only; an organisation's own wording is never "translated". */
const CONTACT_ES = {
  name: 'Línea de enfermería',
  reach: '(555) 010-0150, opción 2',
  responseTime: 'en un plazo de 2 horas hábiles',
};
type ContactWording = { name?: string; reach?: string; responseTime?: string };

const ContactSchema = z
  .object({
    name: Text(100).default(CONTACT.name),
    reach: Text(200).default(CONTACT.reach),
    responseTime: Text(100).default(CONTACT.responseTime),
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
      if (contact[key] === CONTACT[key]) builtInEs[key] = CONTACT_ES[key];
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
    {
      en: 'That is a great question for your care team, and I want you to get the right answer. I will pass it to our clinical staff, who will call you back {responseTime}. You can also reach them directly: {contactName}, {contactReach}.',
      es: 'Esa es una muy buena pregunta para su equipo médico, y quiero que reciba la respuesta correcta. Voy a pasarla a nuestro personal clínico, que le devolverá la llamada {responseTime}. También puede comunicarse directamente: {contactName}, {contactReach}.',
    },
  ),
  /**
   * Words and phrases that suggest a clinical question. Matched as whole words, ignoring case and
   * accents, with an optional plural ending on each word; a trailing `*` matches any ending.
   */
  questionCues: perLanguage(PhraseList, {
    en: [
      'is this urgent',
      'is it urgent',
      'how urgent',
      'if this is urgent',
      'if it is urgent',
      "if it's urgent",
      'how soon should',
      'really need',
      'do I need this',
      'should I worry',
      'should worry',
      'should be worried',
      'is it serious',
      'is this serious',
      'is it cancer',
      'can I wait',
      'can wait',
      'what does it mean',
      'what do the results mean',
      'symptom',
      'pain',
      'painful',
      'hurt',
      'hurts',
      'fever',
      'bleeding',
      'dizzy',
      'swelling',
      'rash',
      'nausea',
      'vomiting',
      'getting worse',
      'medication',
      'meds',
      'dose',
      'dosage',
      'pill',
      'side effect',
      'stop taking',
      'keep taking',
    ],
    es: [
      'es urgente',
      'qué tan urgente',
      'realmente necesito',
      'de verdad necesito',
      'en verdad necesito',
      'es necesario',
      'debo preocuparme',
      'me debo preocupar',
      'debería preocuparme',
      'es grave',
      'es cáncer',
      'puedo esperar',
      'puede esperar',
      'qué significa',
      'síntoma',
      'dolor',
      'duele',
      'fiebre',
      'sangrado',
      'mareo',
      'mareado',
      'mareada',
      'hinchazón',
      'náusea',
      'vómito',
      'está peor',
      'medicamento',
      'pastilla',
      'dosis',
      'efecto secundario',
      'dejar de tomar',
      'seguir tomando',
    ],
  }),
  /**
   * Phrases that contain a cue word but are administrative (a specialty's name, a form). They mute
   * question cues only: a red flag is never muted.
   */
  notQuestions: perLanguage(PhraseList, {
    en: ['pain management', 'pain clinic', 'pain medicine', 'medication list', 'list of medications'],
    es: ['manejo del dolor', 'clínica del dolor', 'medicina del dolor', 'lista de medicamentos'],
  }),
  /** Words that may mean an emergency: the coordinator reads the emergency instruction, nothing more. */
  redFlags: perLanguage(PhraseList, {
    en: [
      'chest pain',
      'chest pressure',
      'chest tightness',
      'trouble breathing',
      'difficulty breathing',
      'hard to breathe',
      "can't breathe",
      'cannot breathe',
      'short of breath',
      'shortness of breath',
      'suicid*',
      'kill myself',
      'end my life',
      'want to die',
      'hurt myself',
      'harm myself',
      'having a stroke',
      'stroke symptoms',
      'face drooping',
      'face is drooping',
      'facial droop',
      'slurred speech',
      'speech is slurred',
      'sudden numbness',
      'sudden weakness',
      'severe bleeding',
      'heavy bleeding',
      'bleeding heavily',
      "won't stop bleeding",
      'fainted',
      'fainting',
      'passed out',
      'unconscious',
      'having a seizure',
      'had a seizure',
      'overdose',
      'having a heart attack',
      'heart attack symptoms',
      'severe allergic reaction',
      'throat is closing',
    ],
    es: [
      'dolor de pecho',
      'dolor en el pecho',
      'dolor torácico',
      'presión en el pecho',
      'duele el pecho',
      'no puedo respirar',
      'no puede respirar',
      'dificultad para respirar',
      'falta de aire',
      'le falta el aire',
      'me falta el aire',
      'suicid*',
      'quitarme la vida',
      'quitarse la vida',
      'quiero morir',
      'hacerme daño',
      'derrame cerebral',
      'ataque cerebral',
      'cara caída',
      'habla arrastrada',
      'sangrado fuerte',
      'sangrado abundante',
      'no para de sangrar',
      'desmay*',
      'perdió el conocimiento',
      'convulsión',
      'sobredosis',
      'ataque al corazón',
      'infarto',
      'reacción alérgica grave',
    ],
  }),
  /** Approved wording, read as written; no advice beyond it. */
  emergencyInstruction: perLanguage(Text(300), {
    en: 'If this is an emergency, hang up and call 911.',
    es: 'Si se trata de una emergencia, cuelgue y llame al 911.',
  }),
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
  scripts: z.array(Script).max(200).prefault(DEFAULT_SCRIPTS).refine(uniqueIds, 'script ids must be unique'),
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
