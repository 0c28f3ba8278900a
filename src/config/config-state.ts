import type { Config } from './schema';

// What the policy reader found, as types only: the background's reader, the options page and the
// storage items all name it, and none of them may import another for it.

export type SectionName = keyof Config;
/** Where a top-level setting came from: this policy, an earlier one that validated, or the defaults. */
export type SectionSource = 'policy' | 'last-good-policy' | 'default';

/** Why part of the policy was not applied: a path and a message, never the value. */
export interface PolicyError {
  path: string;
  message: string;
}

export interface ConfigState {
  config: Config;
  /** The policy values in force, section by section (the latest or the last good one). */
  applied: Partial<Record<SectionName, unknown>>;
  sources: Record<SectionName, SectionSource>;
  errors: PolicyError[];
  /** Settings that applied but deserve a second look (plain http EHR sites), by path. */
  warnings: PolicyError[];
  /** When the policy was last read (ms since the epoch). */
  readAt: number;
}

/** What the background publishes for the options page: the configuration in force and why. */
export type ConfigStatus = Pick<
  ConfigState,
  'config' | 'applied' | 'sources' | 'errors' | 'warnings' | 'readAt'
>;
