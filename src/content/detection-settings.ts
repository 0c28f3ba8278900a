import type { EhrProfile } from '../detection/ehr-profile';
import {
  CONFIGURED_PROFILES_KEY,
  loadProfiles,
  loadReadingLocale,
  READING_LOCALE_KEY,
} from '../detection/profile-store';
import type { ReadingLocale } from '../detection/reading-locale';

/** What detection reads on a page besides the page: the profiles and the organisation's locale. */
export interface DetectionSettings {
  profiles: EhrProfile[];
  locale: ReadingLocale;
}

/** The storage keys the settings live under: a change to any of them calls for a new read. */
export const DETECTION_SETTINGS_KEYS: readonly string[] = [CONFIGURED_PROFILES_KEY, READING_LOCALE_KEY];

interface SettingsStorage {
  get(keys: string[]): Promise<Record<string, unknown>>;
}

/**
 * Both settings in one storage read: each read is a round trip to the browser process, paid by
 * the EHR page's main thread on every load.
 */
export async function readDetectionSettings(storage: SettingsStorage): Promise<DetectionSettings> {
  const stored = await storage.get([...DETECTION_SETTINGS_KEYS]);
  // Each loader takes its own key out of the one answer.
  const answered = { get: async () => stored };
  const [profiles, locale] = await Promise.all([loadProfiles(answered), loadReadingLocale(answered)]);
  return { profiles, locale };
}
