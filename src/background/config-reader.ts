import type { ConfigState, PolicyError, SectionName } from '../config/config-state';
import { EhrOrigin, originWarning } from '../config/ehr-origins';
import { type Config, ConfigSchema, DEFAULT_CONFIG } from '../config/schema';
import { itemEntry, readItem, storageItems } from '../storage-items';

/** The two storage areas the reader needs; `browser.storage` in the extension, a fake in tests. */
export interface ConfigStorage {
  managed: { get(): Promise<Record<string, unknown>> };
  local: {
    get(key: string): Promise<Record<string, unknown>>;
    set(items: Record<string, unknown>): Promise<void>;
  };
}

const SECTIONS = Object.keys(ConfigSchema.shape) as SectionName[];

async function readManaged(storage: ConfigStorage): Promise<Record<string, unknown>> {
  try {
    return await storage.managed.get();
  } catch {
    // Firefox throws when no policy is installed for the extension: that simply means "no policy".
    return {};
  }
}

/**
 * Sites worth a second look, by path: diagnostics only, never a reason to refuse. Each listed site
 * is judged on its own, so a file with a refused site next to a plain http one reports both.
 */
function policyWarnings(policy: Record<string, unknown>): PolicyError[] {
  const origins = Array.isArray(policy.ehrOrigins) ? policy.ehrOrigins : [];
  return origins.flatMap((given, index) => {
    const origin = EhrOrigin.safeParse(given);
    const message = origin.success ? originWarning(origin.data) : undefined;
    return message ? [{ path: `ehrOrigins.${index}`, message }] : [];
  });
}

function parseSection(name: SectionName, value: unknown) {
  return ConfigSchema.shape[name].safeParse(value);
}

/**
 * The one reader of managed policy. Policy often lands after the browser starts and can be wrong;
 * a bad policy must never take coordinators' working configuration away. Each top-level setting
 * is validated on its own: a valid one applies and is persisted as the last good value, an
 * invalid one keeps its last good value (or the default) and is reported by path.
 */
export class ConfigReader {
  private state: ConfigState = {
    config: DEFAULT_CONFIG,
    applied: {},
    sources: Object.fromEntries(SECTIONS.map((name) => [name, 'default'])) as ConfigState['sources'],
    errors: [],
    warnings: [],
    readAt: 0,
  };

  constructor(
    private readonly storage: ConfigStorage,
    private readonly now: () => number = Date.now,
  ) {}

  get current(): ConfigState {
    return this.state;
  }

  async refresh(): Promise<ConfigState> {
    const policy = await readManaged(this.storage);
    const lastGood = await readItem(this.storage.local, storageItems.lastGoodPolicy);
    const errors: PolicyError[] = Object.keys(policy)
      .filter((name) => !SECTIONS.includes(name as SectionName))
      .map((name) => ({ path: name, message: 'not a Handoff setting' }));
    const applied: Partial<Record<SectionName, unknown>> = {};
    const sources = {} as ConfigState['sources'];
    const config: Record<string, unknown> = {};

    for (const name of SECTIONS) {
      // An absent setting is a valid choice: the admin removed it, so its default applies.
      if (!(name in policy)) {
        config[name] = DEFAULT_CONFIG[name];
        sources[name] = 'default';
        continue;
      }
      const parsed = parseSection(name, policy[name]);
      if (parsed.success) {
        config[name] = parsed.data;
        applied[name] = policy[name];
        sources[name] = 'policy';
        continue;
      }
      for (const issue of parsed.error.issues)
        errors.push({ path: [name, ...issue.path].join('.'), message: issue.message });
      const previous = name in lastGood ? parseSection(name, lastGood[name]) : undefined;
      if (previous?.success) {
        config[name] = previous.data;
        applied[name] = lastGood[name];
        sources[name] = 'last-good-policy';
      } else {
        config[name] = DEFAULT_CONFIG[name];
        sources[name] = 'default';
      }
    }

    await this.storage.local.set(itemEntry(storageItems.lastGoodPolicy, applied));
    const warnings = policyWarnings(policy);
    this.state = { config: config as Config, applied, sources, errors, warnings, readAt: this.now() };
    return this.state;
  }
}
