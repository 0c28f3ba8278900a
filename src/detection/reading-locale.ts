/**
 * How an organisation's EHR writes dates and phone numbers. Set in policy (`locale`), overridable
 * per profile; kept free of validators because the content script carries it.
 */
export const DATE_ORDERS = ['DMY', 'MDY', 'YMD'] as const;
export type DateOrder = (typeof DATE_ORDERS)[number];

export interface ReadingLocale {
  /**
   * The order of numeric dates such as `04/05/2026`. Unset, a date whose day cannot be told
   * from its month (both parts 12 or less) is not read: it is flagged for the coordinator.
   */
  dateOrder?: DateOrder;
  /**
   * The one format this EHR writes dates in (`DD/MM/YYYY`, `DD-MMM-YYYY`, `YYYYMMDD`): read first,
   * and its order of day and month stands for `dateOrder` when that is unset.
   */
  dateFormat?: string;
  /** ISO 3166 country whose national phone numbers the EHR shows (`US`, `AU`, `GB`). */
  phoneCountry?: string;
}

/**
 * Handoff's home market: a number that is not a valid number of this country is kept as written,
 * so a wrong country never changes a number; a wrong date order would change a day, so dates
 * have no default order.
 */
export const DEFAULT_PHONE_COUNTRY = 'US';

/** The profile's own settings win over the organisation's. */
export function localeFor(profile: { locale?: ReadingLocale }, organisation: ReadingLocale): ReadingLocale {
  return { ...organisation, ...profile.locale };
}
