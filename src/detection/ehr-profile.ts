import { isSupportedCountry } from 'libphonenumber-js/min';
import { z } from '../zod';
import { isValidMatchPattern } from './match-url';
import { Regex } from './pattern-safety';
import { DATE_ORDERS } from './reading-locale';
import { REFERRAL_FIELDS, ReferralField } from './referral-fields';
import { type UnknownKeysIssue, unknownKeys } from './unknown-keys';

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

/** Where a value comes from: one element, form field, label, column or part of the page. */
const SOURCE_SHAPE = {
  selector: Selector.optional(),
  /**
   * With `selector`: only elements whose visible text matches this regex ("the badge that says
   * Referral"), so a profile need not count children or lean on hashed class names.
   */
  hasText: Regex.optional(),
  inputName: z.string().min(1).max(100).optional(),
  labels: z.array(z.string().min(1).max(80)).min(1).optional(),
  /** The cell under the column header with this text, in the row read (a list's row, or the first). */
  column: z.string().min(1).max(80).optional(),
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
};

type SourceInput = { selector?: string; inputName?: string; labels?: string[]; column?: string };
const sourceCount = (source: SourceInput) =>
  [source.selector, source.inputName, source.labels, source.column].filter((key) => key !== undefined).length;

function refineSource<
  T extends z.ZodType<SourceInput & { hasText?: string; groups?: number[]; pattern?: string }>,
>(schema: T, alone = true) {
  return schema
    .refine((source) => !alone || sourceCount(source) > 0, {
      message: 'a part needs a selector, an inputName, labels or a column',
    })
    .refine((source) => source.hasText === undefined || source.selector !== undefined, {
      message: 'hasText narrows a selector: give the selector too',
      path: ['hasText'],
    })
    .refine((source) => source.groups === undefined || source.pattern !== undefined, {
      message: 'groups name groups of the pattern: give the pattern too',
      path: ['groups'],
    });
}

/** One part of a combined value: read like a reader, without a normaliser. */
export const ValuePart = refineSource(z.strictObject(SOURCE_SHAPE, { error: unknownKeys }));
export type ValuePart = z.infer<typeof ValuePart>;

/**
 * A date format as EHRs write it: `DD/MM/YYYY`, `DD-MMM-YYYY`, `MM.DD.YY`, `YYYYMMDD`. Days `D`
 * or `DD`, months `M`, `MM` or a month name `MMM`, years `YY` or `YYYY`, anything else literal.
 */
export const DateFormat = z
  .string()
  .min(4)
  .max(40)
  .regex(/^(?:YYYY|YY|MMM|MM|M|DD|D|[^A-Za-z0-9])+$/, 'a date format such as DD/MM/YYYY or DD-MMM-YYYY')
  .refine((format) => /Y/.test(format) && /M/.test(format) && /D/.test(format), {
    message: 'a date format names the day (D), the month (M) and the year (Y)',
  });

/**
 * One way to read a field, tried in order until one yields a value: a CSS selector (with the
 * visible text it must have), an input's name, labels paired with values the ways EHRs pair them,
 * a column header, or several parts combined; then an optional regex keeps the part that matters
 * (its first group, the groups asked for, or the whole match) and a normaliser tidies it.
 */
export const FieldReader = refineSource(
  z.strictObject(
    {
      ...SOURCE_SHAPE,
      /**
       * Several parts read one by one and joined by a space before the pattern and the normaliser:
       * a name split over a first-name and a last-name cell.
       */
      combine: z.array(ValuePart).min(2).max(6).optional(),
      normalise: z.enum(NORMALISERS).default('text'),
      /** With the date normaliser (or a date field): how this EHR writes this date. */
      dateFormat: DateFormat.optional(),
    },
    { error: unknownKeys },
  ),
  false,
).refine((reader) => sourceCount(reader) > 0 || reader.combine !== undefined, {
  message: 'a field reader needs a selector, an inputName, labels, a column or combine',
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
      /** With `selector`: only elements whose visible text matches this regex. */
      hasText: Regex.optional(),
      weight: z.number().min(-100).max(100),
    },
    { error: unknownKeys },
  )
  .refine((cue) => [cue.heading, cue.label, cue.text, cue.selector].filter(Boolean).length === 1, {
    message: 'a cue names exactly one of heading, label, text or selector',
  })
  .refine((cue) => cue.hasText === undefined || cue.selector !== undefined, {
    message: 'hasText narrows a selector: give the selector too',
    path: ['hasText'],
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
  /** One format every date of this EHR is written in, read before any other reading. */
  dateFormat: DateFormat.optional(),
});

/**
 * A page that lists several referrals (a worklist, a patient's orders table): which elements are
 * its rows, and which rows are referrals. Each row is read on its own, the profile's readers
 * looking only inside it (a `column` reader and a `labels` reader that names a column header read
 * that row's cell), and each row the content rule accepts can be tracked from the panel.
 */
export const ListSchema = z
  .strictObject(
    {
      /** Each visible element matching this selector is one row (`tbody tr`, `.order-card`). */
      rows: Selector.optional(),
      /**
       * The rows of the table whose header row names all these columns. With neither `rows` nor
       * `columns`: any table whose header names two of patient, specialty, receiving provider and
       * priority (by the labels the profile reads them with).
       */
      columns: z.array(z.string().min(1).max(80)).min(1).max(10).optional(),
      /**
       * Find the table by what its columns say each row is, and recognise the page only as that
       * list (never as one referral): a type column ("Order type", "Type", "Category", "Referral
       * type") whose cell names a referral marks those rows, or a column headed with referral
       * wording ("Referral date", "Referred to") makes every row one; rows whose Status is
       * cancelled or entered in error are left out (see list-rows.ts, `typedReferralRows`).
       */
      typed: z.boolean().optional(),
      /** Only rows whose visible text matches this regex are referrals. */
      hasText: Regex.optional(),
      /** Only rows whose cell under this column header matches `value` are referrals. */
      where: z
        .strictObject({ column: z.string().min(1).max(80), value: Regex }, { error: unknownKeys })
        .optional(),
      /**
       * Fields read once from the whole page and given to every row: a patient's orders table
       * shows the patient in the chart's banner, not in each row.
       */
      pageFields: z.array(ReferralField).min(1).optional(),
    },
    { error: unknownKeys },
  )
  .refine((list) => list.rows === undefined || list.columns === undefined, {
    message: 'a list names its rows by selector or by columns, not both',
  })
  .refine((list) => !list.typed || (list.rows === undefined && list.columns === undefined), {
    message: 'a typed list finds its table by its type column: give neither rows nor columns',
    path: ['typed'],
  });
export type ListSchema = z.infer<typeof ListSchema>;

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
    /** The page lists several referrals: how to find each one (see `ListSchema`). */
    list: ListSchema.optional(),
    /** This EHR's date order and phone country, when they differ from the organisation's. */
    locale: z.strictObject(ReadingLocaleSchema.shape, { error: unknownKeys }).optional(),
  },
  { error: unknownKeys },
);
export type EhrProfile = z.infer<typeof EhrProfile>;
export type EhrProfileInput = z.input<typeof EhrProfile>;
