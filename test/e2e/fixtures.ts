import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, test as base, chromium, type Page, type Worker } from '@playwright/test';
import { CHROMIUM_PATH, chromiumArgs } from '../../scripts/chromium';
import { CHROME_EXTENSION_ID } from '../../src/extension-identity';
import { storageItems } from '../../src/storage-items';
import { startDemoEhr } from '../demo-ehr/server';

export const EXTENSION_DIR = resolve('.output/chrome-mv3');

interface Fixtures {
  context: BrowserContext;
  serviceWorker: Worker;
  /** Opens an extension page (`popup.html`) in a tab. */
  openExtensionPage: (path: string) => Promise<Page>;
}

interface WorkerFixtures {
  ehrUrl: string;
}

/** Who works in the test browsers unless a spec says otherwise: Handoff asks nobody's name then. */
export const TEST_COORDINATOR = { name: 'Test Coordinator', initials: 'TC' } as const;

/**
 * The coordinator's name and initials, as given once on the options page, unless the profile has
 * them already (a relaunched profile keeps its own).
 */
export async function presetCoordinator(
  worker: Worker,
  coordinator: { name: string; initials: string } = TEST_COORDINATOR,
): Promise<void> {
  await worker.evaluate(
    async ({ key, coordinator }) => {
      const stored = ((await chrome.storage.local.get(key))[key] ?? {}) as Record<string, unknown>;
      if (stored.name || stored.initials) return;
      await chrome.storage.local.set({ [key]: { ...stored, ...coordinator } });
    },
    { key: storageItems.userSettings.key, coordinator },
  );
}

/**
 * `language`: the browser's UI language, which picks the extension's locale (English by default).
 * `coordinator: false` leaves the profile without a name, as on a first start; a name and
 * initials make it that coordinator's browser (two coordinators of one team).
 */
export async function launchWithExtension(
  userDataDir: string,
  language?: string,
  options: { coordinator?: false | { name: string; initials: string } } = {},
): Promise<BrowserContext> {
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...chromiumArgs(EXTENSION_DIR), ...(language ? [`--lang=${language}`] : [])],
    ...(language && { locale: language }),
    viewport: { width: 1400, height: 900 },
  });
  if (options.coordinator !== false)
    await presetCoordinator(await extensionWorker(context), options.coordinator ?? TEST_COORDINATOR);
  return context;
}

export async function extensionWorker(context: BrowserContext): Promise<Worker> {
  const worker =
    context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${CHROME_EXTENSION_ID}/`)) ??
    (await context.waitForEvent('serviceworker', (w) => w.url().includes(CHROME_EXTENSION_ID)));
  return worker;
}

/** The demo EHR for one test worker (Chromium's and Firefox's specs alike). */
export async function serveDemoEhr(use: (url: string) => Promise<void>): Promise<void> {
  const ehr = await startDemoEhr();
  await use(ehr.url);
  await ehr.close();
}

export const test = base.extend<Fixtures, WorkerFixtures>({
  ehrUrl: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads the fixtures a function destructures.
    async ({}, use) => serveDemoEhr(use),
    { scope: 'worker' },
  ],
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads the fixtures a function destructures.
  context: async ({}, use) => {
    const profile = mkdtempSync(join(tmpdir(), 'handoff-e2e-'));
    const context = await launchWithExtension(profile);
    await use(context);
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  },
  serviceWorker: async ({ context }, use) => {
    await use(await extensionWorker(context));
  },
  // A coordinator's browser has Handoff running long before a referral is opened: pages wait
  // for the extension to be up (a fresh profile can otherwise race the extension's own start).
  page: async ({ context, serviceWorker }, use) => {
    void serviceWorker;
    await use(context.pages()[0] ?? (await context.newPage()));
  },
  openExtensionPage: async ({ context }, use) => {
    await use(async (path) => {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${CHROME_EXTENSION_ID}/${path}`);
      return page;
    });
  },
});

export const expect = test.expect;
