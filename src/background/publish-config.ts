import { CONFIG_STATUS_KEY, type ConfigStatus } from '../config/effective-config';
import type { Config } from '../config/schema';
import { MANAGED_USER_SETTINGS_KEY, type ManagedUserSettings } from '../config/user-settings';
import { CONFIGURED_PROFILES_KEY, PANEL_CONFIG_KEY, READING_LOCALE_KEY } from '../detection/profile-store';
import { type PanelConfig, PanelConfigSchema } from '../panel-config/schema';
import type { ConfigState } from './config-reader';

interface LocalStorage {
  set(items: Record<string, unknown>): Promise<void>;
}

/**
 * The panel's part of the configuration: every key of the panel's schema, taken from the schema
 * itself, so a key added there reaches the panel instead of falling back to its default.
 */
export function panelConfigOf(config: Config): PanelConfig {
  const keys = PanelConfigSchema.keyof().options;
  return Object.fromEntries(keys.map((key) => [key, config[key]])) as PanelConfig;
}

/**
 * Content scripts, the panel and the options page read the effective configuration from
 * `storage.local`, never policy directly: it is already validated, and reading it does not wake
 * the service worker.
 */
export async function publishConfig(state: ConfigState, local: LocalStorage): Promise<void> {
  const { config } = state;
  const managedUserSettings: ManagedUserSettings = { values: config.userSettings, locks: config.locks };
  const status: ConfigStatus = {
    config,
    applied: state.applied,
    sources: state.sources,
    errors: state.errors,
    warnings: state.warnings,
    readAt: state.readAt,
  };
  await local.set({
    [CONFIGURED_PROFILES_KEY]: config.ehrProfiles,
    [READING_LOCALE_KEY]: config.locale,
    [PANEL_CONFIG_KEY]: panelConfigOf(config),
    [MANAGED_USER_SETTINGS_KEY]: managedUserSettings,
    [CONFIG_STATUS_KEY]: status,
  });
}
