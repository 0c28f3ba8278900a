import type { ConfigStatus, SectionName, SectionSource } from './config-state';
import type { Config } from './schema';

export interface EffectiveValue {
  /** Dotted path, as admins write it in policy (`serviceLevels.firstFollowUpBusinessDays.urgent`). */
  path: string;
  value: unknown;
  source: SectionSource;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Every value in force with where it came from. Objects are walked down to their values; a list
 * is one value, because a policy list replaces the default list whole. A policy that sets only
 * part of an object leaves the rest at its defaults, and the sources say so.
 */
export function effectiveValues(
  status: Pick<ConfigStatus, 'config' | 'applied' | 'sources'>,
): EffectiveValue[] {
  const values: EffectiveValue[] = [];
  const walk = (value: unknown, given: unknown, path: string, source: SectionSource) => {
    if (isRecord(value) && Object.keys(value).length > 0) {
      for (const [key, child] of Object.entries(value))
        walk(child, isRecord(given) ? given[key] : undefined, `${path}.${key}`, source);
      return;
    }
    values.push({ path, value, source: given === undefined ? 'default' : source });
  };
  for (const [name, value] of Object.entries(status.config) as [SectionName, Config[SectionName]][]) {
    const source = status.sources[name];
    walk(value, source === 'default' ? undefined : status.applied[name], name, source);
  }
  return values;
}
