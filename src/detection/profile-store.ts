import { BUILTIN_PROFILES } from './builtin-profiles';
import type { EhrProfile } from './ehr-profile';

/**
 * The background validates configured profiles and publishes them under this key of
 * `storage.local`, which content scripts can read without waking the service worker.
 */
export const CONFIGURED_PROFILES_KEY = 'configuredEhrProfiles';
/** The panel's part of the effective configuration, published the same way. */
export const PANEL_CONFIG_KEY = 'panelConfig';

interface ProfileStorage {
  get(key: string): Promise<Record<string, unknown>>;
}

/** Configured profiles first, then the built-in ones. */
export async function loadProfiles(storage: ProfileStorage): Promise<EhrProfile[]> {
  const configured = (await storage.get(CONFIGURED_PROFILES_KEY))[CONFIGURED_PROFILES_KEY];
  return [...(Array.isArray(configured) ? (configured as EhrProfile[]) : []), ...BUILTIN_PROFILES];
}
