import { browser } from 'wxt/browser';
import type { ConfigState } from '../config/config-state';
import { EhrOrigin, originPattern } from '../config/ehr-origins';
import { DEMO_EHR_MATCHES } from '../demo-ehr-origins';
import { itemEntry, readItem, storageItems, touches } from '../storage-items';
import { ConfigReader } from './config-reader';
import { type EhrSitesBrowser, enabledOrigins, syncEhrSites } from './ehr-sites';
import { TRACK_PAGE_MENU } from './panel-commands';
import { publishConfig } from './publish-config';

async function readUserOrigins(): Promise<EhrOrigin[]> {
  const stored = await readItem(browser.storage.local, storageItems.userEhrOrigins);
  return stored.flatMap((o) => EhrOrigin.safeParse(o).data ?? []);
}

/**
 * Managed policy in the background: read, validated, published for every other part of the
 * extension, and turned into the sites the content script runs on. One run at a time, so that two
 * quick policy changes cannot register the content script twice.
 */
export function createAdminConfig() {
  const reader = new ConfigReader(browser.storage);
  let running: Promise<unknown> = Promise.resolve();
  const serially = <T>(task: () => Promise<T>): Promise<T> => {
    const next = running.then(task, task);
    running = next.catch(() => {});
    return next;
  };

  const syncSites = async (state: ConfigState) => {
    const wanted = enabledOrigins(state.config.ehrOrigins, await readUserOrigins(), state.config.locks);
    const sites = await syncEhrSites(browser as unknown as EhrSitesBrowser, wanted);
    await browser.storage.local.set(itemEntry(storageItems.ehrSitesStatus, sites));
    const patterns = sites.filter((s) => s.granted).map((s) => originPattern(s.origin));
    // "Track this page as a referral" belongs wherever the content script runs.
    await browser.contextMenus
      .update(TRACK_PAGE_MENU, { documentUrlPatterns: [...DEMO_EHR_MATCHES, ...patterns] })
      .catch(() => {});
  };

  let read: ConfigState | undefined;
  const refresh = () =>
    serially(async () => {
      const state = await reader.refresh();
      await publishConfig(state, browser.storage.local);
      await syncSites(state);
      read = state;
      return state;
    });
  /**
   * Reads policy, and resolves as soon as a configuration is known: the one the last read
   * published when there is one (this read replaces it when done), otherwise this read's.
   */
  const start = async (): Promise<void> => {
    const firstRead = refresh();
    // Its failure matters only where it is waited for (below); later reads try again.
    firstRead.catch(() => {});
    const published = await readItem(browser.storage.local, storageItems.configStatus);
    if (!reader.restore(published)) await firstRead;
  };
  // Before the first read, the policy's sites are unknown: syncing then would drop them.
  const resyncSites = () => (read ? serially(() => syncSites(reader.current)) : refresh());

  /**
   * Sites a coordinator adds or the browser grants; policy changes are the caller's to follow.
   * Listeners are added synchronously, so that the event which woke the worker is delivered.
   */
  const listen = () => {
    browser.storage.onChanged.addListener((changes, area) => {
      if (touches(changes, area, storageItems.userEhrOrigins)) void resyncSites();
    });
    browser.permissions.onAdded.addListener(() => void resyncSites());
    browser.permissions.onRemoved.addListener(() => void resyncSites());
    // The context menu is created on install; give it the enabled sites once it exists.
    browser.runtime.onInstalled.addListener(() => void resyncSites());
  };

  return { start, refresh, listen, current: () => reader.current };
}
