import { BUILTIN_PROFILES, withFallbackIfAsked } from './builtin-profiles';
import type { EhrProfile } from './ehr-profile';
import type { ReadingLocale } from './reading-locale';

/**
 * The background validates configured profiles and publishes them under this key of
 * `storage.local`, which content scripts can read without waking the service worker.
 */
export const CONFIGURED_PROFILES_KEY = 'configuredEhrProfiles';
/** The organisation's date order and phone country (`locale`), published the same way. */
export const READING_LOCALE_KEY = 'readingLocale';
/** The panel's part of the effective configuration, published the same way. */
export const PANEL_CONFIG_KEY = 'panelConfig';

interface ProfileStorage {
  get(key: string): Promise<Record<string, unknown>>;
}

/** Configured profiles first, then the built-in ones. */
export async function loadProfiles(storage: ProfileStorage): Promise<EhrProfile[]> {
  const configured = (await storage.get(CONFIGURED_PROFILES_KEY))[CONFIGURED_PROFILES_KEY];
  const own = Array.isArray(configured) ? (configured as EhrProfile[]) : [];
  return [...own.map(withFallbackIfAsked), ...BUILTIN_PROFILES];
}

/** The organisation's reading locale; before the background has published one, none. */
export async function loadReadingLocale(storage: ProfileStorage): Promise<ReadingLocale> {
  const locale = (await storage.get(READING_LOCALE_KEY))[READING_LOCALE_KEY];
  return typeof locale === 'object' && locale !== null ? (locale as ReadingLocale) : {};
}
