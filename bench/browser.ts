import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium } from '@playwright/test';
import { CHROMIUM_PATH, chromiumArgs } from '../scripts/chromium';
import { CONTENT_SCRIPT_FILE } from '../src/background/ehr-sites';
import { CHROME_EXTENSION_ID } from '../src/extension-identity';
import { storageItems } from '../src/storage-items';

/** The Chrome build that `npm run bench` makes first; `BENCH_EXTENSION_DIR` measures another. */
export const BUILD_DIR = resolve(process.env.BENCH_EXTENSION_DIR ?? '.output/chrome-mv3');

export interface BenchExtensions {
  /** Handoff as built. */
  handoff: string;
  /**
   * The same extension with an empty content script: same manifest, same key (so the same id),
   * same matches, same background. What a page pays over it is what the content script costs.
   */
  baseline: string;
}

let snapshot: { root: string; dirs: BenchExtensions } | undefined;

/** How long to wait for a build another process is writing (a shared working tree). */
const BUILD_WAIT_MS = 30_000;

function isBuilt(): boolean {
  return existsSync(join(BUILD_DIR, 'manifest.json')) && existsSync(join(BUILD_DIR, CONTENT_SCRIPT_FILE));
}

/**
 * Both variants, copied once per bench run from the build: a build started elsewhere while the
 * bench runs (tests, another terminal) cannot change what is measured halfway through.
 */
export async function benchExtensions(): Promise<BenchExtensions> {
  if (snapshot) return snapshot.dirs;
  const deadline = Date.now() + BUILD_WAIT_MS;
  while (!isBuilt()) {
    if (Date.now() > deadline) {
      throw new Error(`No built extension at ${BUILD_DIR}: run \`npm run build\` (npm run bench does).`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const root = mkdtempSync(join(tmpdir(), 'handoff-bench-ext-'));
  const dirs: BenchExtensions = { handoff: join(root, 'handoff'), baseline: join(root, 'baseline') };
  cpSync(BUILD_DIR, dirs.handoff, { recursive: true });
  cpSync(dirs.handoff, dirs.baseline, { recursive: true });
  writeFileSync(join(dirs.baseline, CONTENT_SCRIPT_FILE), '(function(){})();\n');
  snapshot = { root, dirs };
  return dirs;
}

export function removeBenchExtensions(): void {
  if (snapshot) rmSync(snapshot.root, { recursive: true, force: true });
  snapshot = undefined;
}

export interface LaunchedBrowser {
  context: BrowserContext;
  close: () => Promise<void>;
}

async function launchOnce(extensionDir: string): Promise<LaunchedBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'handoff-bench-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: chromiumArgs(extensionDir),
    viewport: { width: 1400, height: 900 },
  });
  const close = async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  };
  const isOurs = (url: string) => url.startsWith(`chrome-extension://${CHROME_EXTENSION_ID}/`);
  try {
    const worker =
      context.serviceWorkers().find((candidate) => isOurs(candidate.url())) ??
      (await context.waitForEvent('serviceworker', {
        predicate: (candidate) => isOurs(candidate.url()),
        timeout: 15_000,
      }));
    // Requests wait until the background has read managed policy, which Chromium answers only
    // seconds after start-up (and later still while a busy page runs): a start-up cost, not a
    // page's.
    await worker.evaluate(
      async ([key, timeoutMs]) => {
        const deadline = Date.now() + timeoutMs;
        while (!(await chrome.storage.local.get(key))[key]) {
          if (Date.now() > deadline) throw new Error('the extension never read its policy');
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      },
      [storageItems.configStatus.key, 30_000] as const,
    );
  } catch (error) {
    await close();
    throw error;
  }
  return { context, close };
}

/**
 * Debian's Chromium, headless, with exactly one unpacked extension, in a fresh profile; waits
 * until the extension's service worker is up and has read policy, so its start-up is not inside
 * any measurement.
 * Tries once more if the worker never shows up.
 */
export async function launchWithExtension(extensionDir: string): Promise<LaunchedBrowser> {
  try {
    return await launchOnce(extensionDir);
  } catch (error) {
    process.stderr.write(
      `  launch failed (${error instanceof Error ? error.message : String(error)}), retrying\n`,
    );
    return launchOnce(extensionDir);
  }
}
