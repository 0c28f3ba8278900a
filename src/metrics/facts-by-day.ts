import type { ReferralFacts } from './facts';

/**
 * The facts of all referrals tracked on one day, packed in columns: numbers in one typed array,
 * every text (identifiers, states, offices, lists) once in a dictionary and referred to by
 * position. Reading a year from IndexedDB then costs a few hundred records whose typed arrays
 * are copied whole, instead of tens of thousands of small objects each deserialised field by
 * field (which is what made a year of metrics take seconds, even with small records).
 */
export interface FactsDay {
  /** Day number of the tracking moment (UTC days since 1970): the store's key. */
  day: number;
  count: number;
  /** `count` rows of NUMBER_FIELDS; NaN where a referral has no such date. */
  numbers: Float64Array;
  /** `count` rows of TEXT_FIELDS: a position in `texts`, or -1 where the field is absent. */
  codes: Int32Array;
  texts: string[];
}

const NUMBER_FIELDS = [
  'createdAt',
  'nextFollowUpAt',
  'firstOutreachAt',
  'scheduledAt',
  'appointmentAt',
  'recordsSentAt',
  'acknowledgedAt',
  'noShows',
] as const;

/** Plain texts, and lists or records kept as their JSON text. */
const TEXT_FIELDS = ['id', 'status', 'priority', 'statusReason', 'organization', 'authoredOn'] as const;
const JSON_FIELDS = ['reasons', 'missing', 'contacts'] as const;
const CODED = [...TEXT_FIELDS, ...JSON_FIELDS] as const;

const DAY_MS = 86_400_000;

/** The day a referral's facts are filed under: its tracking moment never changes, so nor does this. */
export const factsDayOf = (createdAt: number) => Math.floor(createdAt / DAY_MS);

export function packFactsDay(day: number, facts: readonly ReferralFacts[]): FactsDay {
  const numbers = new Float64Array(facts.length * NUMBER_FIELDS.length);
  const codes = new Int32Array(facts.length * CODED.length);
  const texts: string[] = [];
  const positions = new Map<string, number>();
  const code = (text: string) => {
    let position = positions.get(text);
    if (position === undefined) {
      position = texts.push(text) - 1;
      positions.set(text, position);
    }
    return position;
  };
  facts.forEach((fact, row) => {
    NUMBER_FIELDS.forEach((field, column) => {
      numbers[row * NUMBER_FIELDS.length + column] = fact[field] ?? Number.NaN;
    });
    CODED.forEach((field, column) => {
      const value = fact[field];
      const text =
        value === undefined ? undefined : typeof value === 'string' ? value : JSON.stringify(value);
      codes[row * CODED.length + column] = text === undefined ? -1 : code(text);
    });
  });
  return { day, count: facts.length, numbers, codes, texts };
}

export function unpackFactsDay({ count, numbers, codes, texts }: FactsDay): ReferralFacts[] {
  // Lists repeat across a day's referrals: each distinct one is parsed once and shared.
  const parsed = new Map<number, unknown>();
  const fromJson = (position: number) => {
    if (!parsed.has(position)) parsed.set(position, JSON.parse(texts[position] ?? 'null'));
    return parsed.get(position);
  };
  const facts: ReferralFacts[] = [];
  // Plain loops: this runs for every referral of the period.
  for (let row = 0; row < count; row++) {
    const fact: Record<string, unknown> = {};
    for (let column = 0; column < NUMBER_FIELDS.length; column++) {
      const value = numbers[row * NUMBER_FIELDS.length + column] ?? Number.NaN;
      if (!Number.isNaN(value)) fact[NUMBER_FIELDS[column] as string] = value;
    }
    for (let column = 0; column < CODED.length; column++) {
      const position = codes[row * CODED.length + column] ?? -1;
      if (position >= 0)
        fact[CODED[column] as string] = column < TEXT_FIELDS.length ? texts[position] : fromJson(position);
    }
    facts.push(fact as unknown as ReferralFacts);
  }
  return facts;
}
