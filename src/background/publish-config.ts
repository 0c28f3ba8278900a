import type { ConfigState, ConfigStatus } from '../config/config-state';
import type { Config } from '../config/schema';
import type { ManagedUserSettings } from '../config/user-settings';
import { type PanelConfig, PanelConfigSchema } from '../panel-config/schema';
import { itemEntry, storageItems } from '../storage-items';

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
    ...itemEntry(storageItems.configuredProfiles, config.ehrProfiles),
    ...itemEntry(storageItems.readingLocale, config.locale),
    ...itemEntry(storageItems.panelConfig, panelConfigOf(config)),
    ...itemEntry(storageItems.managedUserSettings, managedUserSettings),
    ...itemEntry(storageItems.configStatus, status),
  });
}
