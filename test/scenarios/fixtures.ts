import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { storageItems } from '../../src/storage-items';
import { test as base, launchWithExtension, TEST_COORDINATOR } from '../e2e/fixtures';
import { removePolicy, writePolicy } from '../e2e/policy';
import type { Driver } from './driver';
import { ChromiumDriver } from './drivers/chromium';
import { FirefoxDriver } from './drivers/firefox';

export interface ScenarioOptions {
  /** Which browser the project drives (see playwright.config.ts). */
  engine: 'chromium' | 'firefox';
  /** Handoff's configuration in the browser's real managed-policy file before the browser starts. */
  policy: Record<string, unknown> | undefined;
}

/** A fresh browser profile per scenario, with the built extension; the demo EHR as in test/e2e. */
export const test = base.extend<ScenarioOptions & { driver: Driver }>({
  engine: ['chromium', { option: true }],
  policy: [undefined, { option: true }],
  driver: async ({ engine, policy, ehrUrl }, use) => {
    if (engine === 'firefox') {
      const { driver, close } = await FirefoxDriver.launch(ehrUrl, policy);
      try {
        // As in Chromium (launchWithExtension): the coordinator gave their name once already.
        await driver.inExtension((ext, entry) => ext.storage.local.set(entry), {
          [storageItems.userSettings.key]: { ...TEST_COORDINATOR },
        });
        await use(driver);
      } finally {
        await close();
      }
      return;
    }
    const profile = mkdtempSync(join(tmpdir(), 'handoff-scenario-'));
    try {
      if (policy) writePolicy(policy);
      const context = await launchWithExtension(profile);
      try {
        await use(new ChromiumDriver(context, ehrUrl));
      } finally {
        await context.close();
      }
    } finally {
      removePolicy();
      rmSync(profile, { recursive: true, force: true });
    }
  },
});

export const expect = test.expect;
