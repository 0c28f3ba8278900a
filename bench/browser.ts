import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium } from '@playwright/test';
import { CHROMIUM_PATH, chromiumArgs } from '../scripts/chromium';
import { CHROME_EXTENSION_ID } from '../src/extension-identity';

/** The Chrome build that `npm run bench` makes first. */
export const EXTENSION_DIR = resolve('.output/chrome-mv3');
export const CONTENT_SCRIPT = 'content-scripts/content.js';

export function requireBuiltExtension(): void {
  if (!existsSync(join(EXTENSION_DIR, CONTENT_SCRIPT))) {
    throw new Error(`No built extension at ${EXTENSION_DIR}: run \`npm run build\` (npm run bench does).`);
  }
}

/**
 * A copy of the built extension whose content script does nothing: same manifest, same key (so
 * the same id), same matches, same background. What the page pays over this baseline is what
 * Handoff's content script costs it.
 */
export function makeBaselineExtension(): { dir: string; remove: () => void } {
  requireBuiltExtension();
  const root = mkdtempSync(join(tmpdir(), 'handoff-bench-baseline-'));
  const dir = join(root, 'chrome-mv3');
  cpSync(EXTENSION_DIR, dir, { recursive: true });
  writeFileSync(join(dir, CONTENT_SCRIPT), '(function(){})();\n');
  return { dir, remove: () => rmSync(root, { recursive: true, force: true }) };
}

export interface LaunchedBrowser {
  context: BrowserContext;
  close: () => Promise<void>;
}

/**
 * Debian's Chromium, headless, with exactly one unpacked extension, in a fresh profile; waits
 * until the extension's service worker is up so its start-up is not inside any measurement.
 */
export async function launchWithExtension(extensionDir: string): Promise<LaunchedBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'handoff-bench-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: chromiumArgs(extensionDir),
    viewport: { width: 1400, height: 900 },
  });
  const isOurs = (url: string) => url.startsWith(`chrome-extension://${CHROME_EXTENSION_ID}/`);
  if (!context.serviceWorkers().some((worker) => isOurs(worker.url()))) {
    await context.waitForEvent('serviceworker', {
      predicate: (worker) => isOurs(worker.url()),
      timeout: 15_000,
    });
  }
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
