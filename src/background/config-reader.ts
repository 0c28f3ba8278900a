import { type Config, ConfigSchema, DEFAULT_CONFIG } from '../config/schema';

/** The two storage areas the reader needs; `browser.storage` in the extension, a fake in tests. */
export interface ConfigStorage {
  managed: { get(): Promise<Record<string, unknown>> };
  local: {
    get(key: string): Promise<Record<string, unknown>>;
    set(items: Record<string, unknown>): Promise<void>;
  };
}

export interface ConfigState {
  config: Config;
  source: 'policy' | 'last-good-policy' | 'defaults';
  /** Why the latest policy was not applied: paths and messages only, never the values. */
  errors: string[];
}

const LAST_GOOD_KEY = 'lastGoodPolicy';

async function readManaged(storage: ConfigStorage): Promise<Record<string, unknown>> {
  try {
    return await storage.managed.get();
  } catch {
    // Firefox throws when no policy is installed for the extension: that simply means "no policy".
    return {};
  }
}

/**
 * The one reader of managed policy. Policy often lands after the browser starts and can be wrong;
 * a bad policy must never take coordinators' working configuration away, so the last policy that
 * validated is persisted and stays in force until a good one replaces it.
 */
export class ConfigReader {
  private state: ConfigState = { config: DEFAULT_CONFIG, source: 'defaults', errors: [] };

  constructor(private readonly storage: ConfigStorage) {}

  get current(): ConfigState {
    return this.state;
  }

  async refresh(): Promise<ConfigState> {
    const policy = await readManaged(this.storage);
    const parsed = ConfigSchema.safeParse(policy);
    if (parsed.success) {
      await this.storage.local.set({ [LAST_GOOD_KEY]: policy });
      const source = Object.keys(policy).length > 0 ? 'policy' : 'defaults';
      this.state = { config: parsed.data, source, errors: [] };
      return this.state;
    }
    const errors = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    const stored = (await this.storage.local.get(LAST_GOOD_KEY))[LAST_GOOD_KEY];
    const lastGood = ConfigSchema.safeParse(stored ?? {});
    this.state = lastGood.success
      ? { config: lastGood.data, source: stored ? 'last-good-policy' : 'defaults', errors }
      : { config: DEFAULT_CONFIG, source: 'defaults', errors };
    return this.state;
  }
}
