import type { UserSettings } from '../config/user-settings';

const minutes = (clock: string) => {
  const [hours = 0, mins = 0] = clock.split(':').map(Number);
  return hours * 60 + mins;
};

/** True inside the quiet window, local time; a window like 18:00–08:00 wraps past midnight. */
export function isQuietTime(at: Date, quietHours: UserSettings['quietHours']): boolean {
  if (!quietHours) return false;
  const now = at.getHours() * 60 + at.getMinutes();
  const start = minutes(quietHours.start);
  const end = minutes(quietHours.end);
  if (start === end) return false;
  return start < end ? now >= start && now < end : now >= start || now < end;
}
