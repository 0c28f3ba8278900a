import { z } from 'zod';

const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time as HH:MM');

/** What each coordinator sets for themselves on the options page. */
export const UserSettings = z.object({
  /** Written into the history of every change: who did it. */
  initials: z.string().trim().max(4).default(''),
  /** No notifications in this window (the badge still counts); it may wrap past midnight. */
  quietHours: z.object({ start: ClockTime, end: ClockTime }).nullable().default(null),
  panelSide: z.enum(['left', 'right']).default('right'),
});
export type UserSettings = z.infer<typeof UserSettings>;

export const USER_SETTINGS_KEY = 'userSettings';

interface SettingsStorage {
  get(key: string): Promise<Record<string, unknown>>;
}

/** The stored settings, or the defaults for whatever is missing or no longer valid. */
export async function readUserSettings(storage: SettingsStorage): Promise<UserSettings> {
  const stored = (await storage.get(USER_SETTINGS_KEY))[USER_SETTINGS_KEY];
  const parsed = UserSettings.safeParse(stored ?? {});
  return parsed.success ? parsed.data : UserSettings.parse({});
}
