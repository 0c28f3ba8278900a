import type { ConfigState, ConfigStatus, PolicyError, SectionName } from '../config/config-state';
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

  /**
   * Takes up the policy values in force at the last read, as an earlier run of the worker
   * published them, until this run has read policy itself: Chromium answers `storage.managed`
   * only seconds after start-up (longer while a busy page runs), and the panel on the first page
   * of the day must not wait for it. They are validated again, as policy. False when nothing was
   * published yet.
   */
  restore(published: Pick<ConfigStatus, 'applied' | 'readAt'> | undefined): boolean {
    if (this.state.readAt !== 0) return true;
    if (!published?.readAt) return false;
    this.state = { ...this.settle(published.applied, {}), warnings: [], readAt: published.readAt };
    return true;
  }

  async refresh(): Promise<ConfigState> {
    const policy = await readManaged(this.storage);
    const lastGood = await readItem(this.storage.local, storageItems.lastGoodPolicy);
    const settled = this.settle(policy, lastGood);
    await this.storage.local.set(itemEntry(storageItems.lastGoodPolicy, settled.applied));
    this.state = { ...settled, warnings: policyWarnings(policy), readAt: this.now() };
    return this.state;
  }

  /** Each section of the policy validated on its own, falling back to its last good value. */
  private settle(
    policy: Record<string, unknown>,
    lastGood: Record<string, unknown>,
  ): Pick<ConfigState, 'config' | 'applied' | 'sources' | 'errors'> {
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
    return { config: config as Config, applied, sources, errors };
  }
}
