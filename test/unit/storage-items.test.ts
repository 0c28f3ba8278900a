import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  itemEntry,
  readItem,
  readItems,
  type StorageItem,
  storageItems,
  touches,
} from '../../src/storage-items';

const items: StorageItem<unknown>[] = Object.values(storageItems);
const area = (stored: Record<string, unknown>) => ({
  get: async (keys: string | string[]) => Object.fromEntries([keys].flat().map((key) => [key, stored[key]])),
});

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.tsx?$/.test(name) ? [path] : [];
  });

describe('the storage items', () => {
  it('each have a key of their own', () => {
    const keys = items.map((item) => item.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('read as stored when the value has the item’s shape', async () => {
    const stored = { collapsed: true };
    expect(await readItem(area({ panelPlacement: stored }), storageItems.panelPlacement)).toEqual(stored);
    expect(
      await readItem(area({ userEhrOrigins: ['https://ehr.example.org'] }), storageItems.userEhrOrigins),
    ).toEqual(['https://ehr.example.org']);
  });

  it('read as their fallback when missing or damaged, never as the damaged value', async () => {
    for (const damaged of [undefined, null, 'text', 42, [1], { collapsed: 'yes' }]) {
      const stored = area(Object.fromEntries(items.map((item) => [item.key, damaged])));
      for (const item of items) {
        const read = await readItem(stored, item);
        if (read !== item.fallback)
          expect(item.holds(damaged), `${item.key} took ${JSON.stringify(damaged)}`).toBe(true);
      }
    }
    expect(await readItem(area({ userEhrOrigins: [1, 2] }), storageItems.userEhrOrigins)).toEqual([]);
    expect(await readItem(area({ queueChangedAt: '1' }), storageItems.queueChangedAt)).toBe(0);
  });

  it('are read together in one storage round trip', async () => {
    const calls: unknown[] = [];
    const counted = {
      get: async (keys: string | string[]) => {
        calls.push(keys);
        return { readingLocale: { dateOrder: 'DMY' } };
      },
    };
    expect(await readItems(counted, ['configuredProfiles', 'readingLocale'])).toEqual({
      configuredProfiles: [],
      readingLocale: { dateOrder: 'DMY' },
    });
    expect(calls).toEqual([['configuredEhrProfiles', 'readingLocale']]);
  });

  it('are written under their key, and a change is matched by area and key', () => {
    expect(itemEntry(storageItems.queueChangedAt, 5)).toEqual({ queueChangedAt: 5 });
    expect(touches({ queueChangedAt: {} }, 'session', storageItems.queueChangedAt)).toBe(true);
    expect(touches({ queueChangedAt: {} }, 'local', storageItems.queueChangedAt)).toBe(false);
    expect(
      touches({ panelConfig: {} }, 'local', storageItems.queueChangedAt, storageItems.userSettings),
    ).toBe(false);
  });

  it('are the only way the extension names a storage key', () => {
    // A key written as a literal would bypass the item's type and check: every write goes
    // through `itemEntry`, every read through the items.
    const offenders = [...sourceFiles('src'), ...sourceFiles('entrypoints')].filter((file) =>
      /storage\.(local|session)\.(get|set|remove)\(\s*['"{[]/.test(readFileSync(file, 'utf8')),
    );
    expect(offenders).toEqual([]);
  });

  it('are the only storage: no source file touches web storage or cookies', () => {
    // In the content script, localStorage, sessionStorage and cookies are the EHR page's own, which
    // its scripts read; on extension pages they are unencrypted files outside the queue's database.
    // The walk in no-network.spec.ts checks the EHR origin is left empty; this keeps the code away.
    const offenders = [...sourceFiles('src'), ...sourceFiles('entrypoints')].filter((file) =>
      /\b(localStorage|sessionStorage|cookieStore)\b|document\.cookie|\bcookies\./.test(
        readFileSync(file, 'utf8'),
      ),
    );
    expect(offenders).toEqual([]);
  });
});
