import { BUILTIN_PROFILES, withFallbackIfAsked } from '../detection/builtin-profiles';
import type { EhrProfile } from '../detection/ehr-profile';
import type { ReadingLocale } from '../detection/reading-locale';
import { readItems, type StorageArea, storageItems, touches } from '../storage-items';

/** What detection reads on a page besides the page: the profiles and the organisation's locale. */
export interface DetectionSettings {
  /** The configured profiles first, then the built-in ones. */
  profiles: EhrProfile[];
  /** Before the background has published one, none. */
  locale: ReadingLocale;
}

/**
 * Both settings in one storage read: each read is a round trip to the browser process, paid by
 * the EHR page's main thread on every load.
 */
export async function readDetectionSettings(storage: StorageArea): Promise<DetectionSettings> {
  const { configuredProfiles, readingLocale } = await readItems(storage, [
    'configuredProfiles',
    'readingLocale',
  ]);
  return {
    profiles: [...configuredProfiles.map(withFallbackIfAsked), ...BUILTIN_PROFILES],
    locale: readingLocale,
  };
}

/** Whether a storage change calls for a new read of the settings. */
export const touchesDetectionSettings = (changes: Record<string, unknown>, area: string): boolean =>
  touches(changes, area, storageItems.configuredProfiles, storageItems.readingLocale);
