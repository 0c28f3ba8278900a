import { z } from '../zod';

const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time as HH:MM');
const Initials = z.string().trim().max(4);
/** The coordinator's name as colleagues know it; a signed-in coordinator's comes from the identity provider. */
const CoordinatorName = z.string().trim().max(80);
const QuietHours = z.object({ start: ClockTime, end: ClockTime });
const PanelSide = z.enum(['left', 'right']);

/** What each coordinator sets for themselves on the options page. */
export const UserSettings = z.object({
  /** Who is working at this browser, with `initials`: the author of every change (src/identity). */
  name: CoordinatorName.default(''),
  /** Written into the history of every change: who did it. */
  initials: Initials.default(''),
  /** No notifications in this window (the badge still counts); it may wrap past midnight. */
  quietHours: QuietHours.nullable().default(null),
  panelSide: PanelSide.default('right'),
});
export type UserSettings = z.infer<typeof UserSettings>;
export type UserSettingName = keyof UserSettings;
export const USER_SETTING_NAMES = Object.keys(UserSettings.shape) as UserSettingName[];

/**
 * The organisation's values for user settings. A value set here is enforced: it wins over the
 * coordinator's own. "No quiet hours" is enforced by locking `quietHours` without a value.
 */
export const PolicyUserSettings = z.object({
  name: CoordinatorName.optional(),
  initials: Initials.optional(),
  quietHours: QuietHours.optional(),
  panelSide: PanelSide.optional(),
});
export type PolicyUserSettings = z.infer<typeof PolicyUserSettings>;

/**
 * What an admin can lock: the user settings, and `userEhrOrigins` (the sites a coordinator may
 * add on the options page; locked, only the policy's `ehrOrigins` count).
 */
export const LOCKABLE_SETTINGS = [...USER_SETTING_NAMES, 'userEhrOrigins'] as const;
export type LockableSetting = (typeof LOCKABLE_SETTINGS)[number];

export interface ManagedUserSettings {
  values: PolicyUserSettings;
  locks: LockableSetting[];
}

export type SettingSource = 'policy' | 'user' | 'default';

export interface EffectiveSetting<K extends UserSettingName> {
  value: UserSettings[K];
  source: SettingSource;
  /** Read-only on the options page: set by the policy, or locked by it. */
  readOnly: boolean;
}

export type EffectiveUserSettings = { [K in UserSettingName]: EffectiveSetting<K> };

const DEFAULTS = UserSettings.parse({});

/** The coordinator's own stored choices; whatever is missing or no longer valid is left out. */
export function ownSettings(stored: unknown): Partial<UserSettings> {
  const own: Partial<UserSettings> = {};
  if (!stored || typeof stored !== 'object') return own;
  for (const name of USER_SETTING_NAMES) {
    if (!(name in stored)) continue;
    const parsed = UserSettings.shape[name].safeParse((stored as Record<string, unknown>)[name]);
    if (parsed.success) Object.assign(own, { [name]: parsed.data });
  }
  return own;
}

/**
 * Managed policy over the coordinator's choice over the built-in default. A locked setting
 * ignores the coordinator's choice too, so it stays at the policy value or the default.
 */
export function effectiveUserSettings(
  own: Partial<UserSettings>,
  managed: ManagedUserSettings | undefined,
): EffectiveUserSettings {
  const pick = <K extends UserSettingName>(name: K): EffectiveSetting<K> => {
    const policyValue = managed?.values[name] as UserSettings[K] | undefined;
    const locked = managed?.locks.includes(name) ?? false;
    if (policyValue !== undefined) return { value: policyValue, source: 'policy', readOnly: true };
    if (!locked && own[name] !== undefined)
      return { value: own[name] as UserSettings[K], source: 'user', readOnly: false };
    return { value: DEFAULTS[name], source: 'default', readOnly: locked };
  };
  return {
    name: pick('name'),
    initials: pick('initials'),
    quietHours: pick('quietHours'),
    panelSide: pick('panelSide'),
  };
}

export function settingValues(effective: EffectiveUserSettings): UserSettings {
  return {
    name: effective.name.value,
    initials: effective.initials.value,
    quietHours: effective.quietHours.value,
    panelSide: effective.panelSide.value,
  };
}
