import { readItems, type StorageArea } from '../storage-items';
import {
  type EffectiveUserSettings,
  effectiveUserSettings,
  ownSettings,
  settingValues,
  type UserSettings,
} from './user-settings';

/** The coordinator's choices and the policy's values and locks, in one storage read. */
export async function readEffectiveUserSettings(storage: StorageArea): Promise<EffectiveUserSettings> {
  const stored = await readItems(storage, ['userSettings', 'managedUserSettings']);
  return effectiveUserSettings(ownSettings(stored.userSettings), stored.managedUserSettings);
}

/** The settings in force: the organisation's policy, then the coordinator's choices, then defaults. */
export async function readUserSettings(storage: StorageArea): Promise<UserSettings> {
  return settingValues(await readEffectiveUserSettings(storage));
}
