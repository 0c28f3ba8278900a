import type { EhrSite } from './background/ehr-sites';
import type { ConfigStatus } from './config/config-state';
import type { ManagedUserSettings } from './config/user-settings';
import type { EhrProfile } from './detection/ehr-profile';
import type { ReadingLocale } from './detection/reading-locale';
import type { SignInStatus, SignInTokens } from './sign-in/session';
import type { SyncStatus } from './team-queue/sync-status';

/**
 * Every key Handoff keeps in browser storage, in one place: its area, the type of its value, and
 * the check a read passes before the value is used (anything else reads as the item's fallback).
 *
 * Types only are imported, and the checks are structural: the content script reads two of these
 * items on every EHR page, so this module must not pull in zod or a schema. The deep validation
 * happens where a value is written (the background publishes only validated configuration) or at
 * the edge that uses it (the panel parses its configuration, the settings reader each setting).
 * No patient data is ever kept here: referrals live in IndexedDB.
 */
export interface StorageItem<T> {
  /** `session` is never written to disk and content scripts cannot read it. */
  readonly area: 'local' | 'session';
  readonly key: string;
  /** True when a stored value has the item's shape. */
  readonly holds: (stored: unknown) => boolean;
  readonly fallback: T;
}

const item = <T>(
  area: StorageItem<T>['area'],
  key: string,
  holds: (stored: unknown) => boolean,
  fallback: T,
): StorageItem<T> => ({ area, key, holds, fallback });

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isStringArray = (value: unknown) => Array.isArray(value) && value.every((v) => typeof v === 'string');

export const storageItems = {
  // Published by the background from validated policy, for content scripts, the panel and options.
  /** The admin's EHR profiles (the built-in ones are in the code). */
  configuredProfiles: item<EhrProfile[]>('local', 'configuredEhrProfiles', Array.isArray, []),
  /** The organisation's date order and phone country. */
  readingLocale: item<ReadingLocale>('local', 'readingLocale', isRecord, {}),
  /** The panel's part of the configuration; the panel parses it against its schema. */
  panelConfig: item<Record<string, unknown>>('local', 'panelConfig', isRecord, {}),
  /** The policy's values and locks for user settings. */
  managedUserSettings: item<ManagedUserSettings | undefined>(
    'local',
    'managedUserSettings',
    (v) => isRecord(v) && isRecord(v.values) && isStringArray(v.locks),
    undefined,
  ),
  /** The configuration in force and why, for the options page. */
  configStatus: item<ConfigStatus | undefined>('local', 'configStatus', isRecord, undefined),
  /** What the last EHR-site sync registered: each site, who enabled it, whether it runs. */
  ehrSitesStatus: item<EhrSite[]>('local', 'ehrSitesStatus', Array.isArray, []),

  // Kept by the background for itself.
  /** The policy sections that last validated: a malformed policy falls back to them. */
  lastGoodPolicy: item<Record<string, unknown>>('local', 'lastGoodPolicy', isRecord, {}),
  /** Bumped after every change to the queue, so open queue views refresh at once. */
  queueChangedAt: item<number>('session', 'queueChangedAt', (v) => typeof v === 'number', 0),
  /** A queue view opened: with a team queue, colleagues' changes are read at once, not at the next poll. */
  queueViewOpenedAt: item<number>('session', 'queueViewOpenedAt', (v) => typeof v === 'number', 0),
  /** The team queue's sync status, for options and the side panel. */
  teamQueueStatus: item<SyncStatus | undefined>('local', 'teamQueueStatus', isRecord, undefined),
  /** The sign-in's tokens: in memory only (session), never on disk, never for content scripts. */
  signInTokens: item<SignInTokens | undefined>(
    'session',
    'signInTokens',
    (v) => isRecord(v) && typeof v.accessToken === 'string' && typeof v.expiresAt === 'number',
    undefined,
  ),
  /** Who is signed in and the last sign-in faults, for the panel, side panel and options; no secrets. */
  signInStatus: item<SignInStatus>(
    'session',
    'signInStatus',
    (v) => isRecord(v) && typeof v.state === 'string' && Array.isArray(v.faults),
    { state: 'signed-out', faults: [] },
  ),

  // The coordinator's own choices.
  /** Their user settings; each setting is validated by the settings reader (`ownSettings`). */
  userSettings: item<Record<string, unknown>>('local', 'userSettings', isRecord, {}),
  /** Whether the panel is collapsed (its side is the `panelSide` user setting). */
  panelPlacement: item<{ collapsed: boolean } | undefined>(
    'local',
    'panelPlacement',
    (v) => isRecord(v) && typeof v.collapsed === 'boolean',
    undefined,
  ),
  /** EHR sites they added on the options page (each one also granted by the browser). */
  userEhrOrigins: item<string[]>('local', 'userEhrOrigins', isStringArray, []),
} as const;

export type StorageItemName = keyof typeof storageItems;
type ValueOf<I> = I extends StorageItem<infer T> ? T : never;
/** The values of the named items, by name. */
export type ItemValues<N extends readonly StorageItemName[]> = {
  [K in N[number]]: ValueOf<(typeof storageItems)[K]>;
};

/** One storage area, as `browser.storage.local` / `.session` offer it (a fake in unit tests). */
export interface StorageArea {
  get(keys: string | string[]): Promise<Record<string, unknown>>;
}

/** An item's value out of an answer to `get`: the stored value if it has the item's shape. */
export function itemValue<T>(answer: Record<string, unknown>, item: StorageItem<T>): T {
  const stored = answer[item.key];
  return item.holds(stored) ? (stored as T) : item.fallback;
}

export async function readItem<T>(area: StorageArea, item: StorageItem<T>): Promise<T> {
  return itemValue(await area.get(item.key), item);
}

/**
 * Several items of one area in a single read: each read is a round trip to the browser process
 * (paid by the EHR page's main thread when a content script reads).
 */
export async function readItems<const N extends readonly StorageItemName[]>(
  area: StorageArea,
  names: N,
): Promise<ItemValues<N>> {
  const answer = await area.get(names.map((name) => storageItems[name].key));
  return Object.fromEntries(
    names.map((name) => [name, itemValue(answer, storageItems[name] as StorageItem<unknown>)]),
  ) as ItemValues<N>;
}

/** What `storage.set` takes to write an item, typed by the item. */
export function itemEntry<T>(item: StorageItem<T>, value: T): Record<string, T> {
  return { [item.key]: value };
}

/** Whether a `storage.onChanged` event touches any of the items. */
export function touches(
  changes: Record<string, unknown>,
  area: string,
  ...items: StorageItem<unknown>[]
): boolean {
  return items.some((item) => item.area === area && item.key in changes);
}
