import { isSupportedCountry } from 'libphonenumber-js/min';
import { z } from 'zod';
import { isValidMatchPattern } from './match-url';
import { unsafePatternReason } from './pattern-safety';
import { DATE_ORDERS } from './reading-locale';
import { type UnknownKeysIssue, unknownKeys } from './unknown-keys';

/** The referral fields a profile can read off a page; each maps onto the referral draft. */
export const REFERRAL_FIELDS = [
  'orderNumber',
  'patientName',
  'dateOfBirth',
  'mrn',
  'patientPhone',
  'specialty',
  'receivingProvider',
  'receivingOrganization',
  'referringProvider',
  'reason',
  'diagnosisCodes',
  'priority',
  'authoredOn',
  'preferredLanguage',
  'referringPractice',
  'receivingPhone',
  'receivingFax',
  'specialistInstructions',
  'insurancePayer',
  'insuranceMemberId',
  'authorizationNumber',
  'recordsAttached',
] as const;
export const ReferralField = z.enum(REFERRAL_FIELDS);
export type ReferralField = z.infer<typeof ReferralField>;

export const NORMALISERS = [
  'text',
  'date',
  'phone',
  'name',
  'icd10',
  'priority',
  'specialty',
  'identifier',
  'list',
] as const;

const Selector = z.string().min(1).max(300);

function unknownFields(issue: UnknownKeysIssue): string | undefined {
  if (issue.code !== 'unrecognized_keys') return undefined;
  const keys = (issue.keys ?? []).map((key) => `"${key.slice(0, 40)}"`).join(', ');
  return `not a field Handoff reads: ${keys}; the fields are ${REFERRAL_FIELDS.join(', ')}`;
}

/**
 * A regular expression as configuration writes it: checked to compile with the flags Handoff
 * uses, and refused when it could backtrack exponentially on page text.
 */
export const Regex = z
  .string()
  .min(1)
  .max(300)
  .superRefine((source, context) => {
    const reason = unsafePatternReason(source);
    if (reason === 'invalid') context.addIssue({ code: 'custom', message: 'not a valid regular expression' });
    if (reason === 'nested-quantifier')
      context.addIssue({
        code: 'custom',
        message:
          'unsafe regular expression: a repeated part holds another quantifier (as in (\\w+\\s?)+), or the safety check cannot read it (lookbehind); such a pattern can freeze the EHR page, so rewrite it without the nesting',
      });
  });

/**
 * One way to read a field, tried in order until one yields a value: a CSS selector, an input's
 * name, or labels paired with values the ways EHRs pair them; then an optional regex keeps the
 * part that matters (its first group, the groups asked for, or the whole match) and a normaliser
 * tidies it.
 */
export const FieldReader = z
  .strictObject(
    {
      selector: Selector.optional(),
      inputName: z.string().min(1).max(100).optional(),
      labels: z.array(z.string().min(1).max(80)).min(1).optional(),
      /**
       * Only labels under a section heading matching this regex ("Referred to", "Receiving
       * office"): pages repeat "Phone" and "Fax" for the patient and each office.
       */
      section: Regex.optional(),
      pattern: Regex.optional(),
      /**
       * With `pattern`: the groups to keep, in this order, joined by a space (`[2, 1]` turns
       * "DOE, JANE" into "JANE DOE"); by default the first group, or the whole match.
       */
      groups: z.array(z.number().int().min(0).max(9)).min(1).max(9).optional(),
      normalise: z.enum(NORMALISERS).default('text'),
    },
    { error: unknownKeys },
  )
  .refine((reader) => reader.selector || reader.inputName || reader.labels, {
    message: 'a field reader needs a selector, an inputName or labels',
  })
  .refine((reader) => reader.groups === undefined || reader.pattern !== undefined, {
    message: 'groups name groups of the pattern: give the pattern too',
    path: ['groups'],
  });
export type FieldReader = z.infer<typeof FieldReader>;

/**
 * A hint that the page is (or, with a negative weight, is not) a single referral: a heading
 * matching a regex, a visible label (with a value matching a regex, when `value` is given), visible
 * page text matching a regex, or a visible element matching a selector.
 */
export const Cue = z
  .strictObject(
    {
      heading: Regex.optional(),
      label: z.string().min(1).max(80).optional(),
      /**
       * With `label`: the value the page pairs with that label must match this regex (the field
       * labelled "Category" has the value "Referral"), read as the label readers read it.
       */
      value: Regex.optional(),
      text: Regex.optional(),
      selector: Selector.optional(),
      weight: z.number().min(-100).max(100),
    },
    { error: unknownKeys },
  )
  .refine((cue) => [cue.heading, cue.label, cue.text, cue.selector].filter(Boolean).length === 1, {
    message: 'a cue names exactly one of heading, label, text or selector',
  })
  .refine((cue) => cue.value === undefined || cue.label !== undefined, {
    message: 'a cue with a value names the label it belongs to',
    path: ['value'],
  });
export type Cue = z.infer<typeof Cue>;

/** How the EHR writes dates and phone numbers; see `ReadingLocale`. */
export const ReadingLocaleSchema = z.object({
  dateOrder: z.enum(DATE_ORDERS).optional(),
  phoneCountry: z
    .string()
    .regex(/^[A-Z]{2}$/, 'a two-letter country code in capitals, such as US or AU')
    .refine(isSupportedCountry, 'not a country whose phone numbers Handoff knows')
    .optional(),
});

export const EhrProfile = z.strictObject(
  {
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lowercase letters, digits and dashes'),
    name: z.string().min(1).max(100),
    /** Match patterns (`https://ehr.example.org/*`) of the pages the profile applies to. */
    matches: z
      .array(z.string().min(1).max(300).refine(isValidMatchPattern, 'not a valid match pattern'))
      .min(1)
      .default(['<all_urls>']),
    detect: z.strictObject(
      {
        /**
         * Wording a heading or the page title must contain. Headings are few, so a page without it
         * costs almost nothing: no label on it is ever looked for.
         */
        requiredHeading: Regex.optional(),
        required: z.array(Selector).default([]),
        forbidden: z.array(Selector).default([]),
        cues: z.array(Cue).default([]),
        threshold: z.number().min(0).default(1),
      },
      { error: unknownKeys },
    ),
    fields: z.partialRecord(ReferralField, z.array(FieldReader).min(1), {
      error: (issue) => unknownFields(issue as UnknownKeysIssue),
    }),
    /**
     * Read every field the profile names no reader for, and every field whose readers find
     * nothing, with the built-in label readers too, as the built-in profiles do. Off unless asked.
     */
    labelFallback: z.boolean().optional(),
    /** This EHR's date order and phone country, when they differ from the organisation's. */
    locale: z.strictObject(ReadingLocaleSchema.shape, { error: unknownKeys }).optional(),
  },
  { error: unknownKeys },
);
export type EhrProfile = z.infer<typeof EhrProfile>;
export type EhrProfileInput = z.input<typeof EhrProfile>;
