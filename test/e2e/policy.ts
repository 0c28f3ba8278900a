import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page, Worker } from '@playwright/test';
import type { ConfigStatus } from '../../src/config/config-state';
import { CHROME_EXTENSION_ID } from '../../src/extension-identity';
import type { PanelConfig } from '../../src/panel-config/schema';

/**
 * Real Chromium managed policy: a file in the directory every Chromium on this machine reads.
 * Tests run under the shared browser lock, and the file is removed after every test, pass or fail.
 */
export const POLICY_DIR = '/etc/chromium/policies/managed';
const POLICY_FILE = join(POLICY_DIR, 'handoff-e2e.json');

export function writePolicyFile(content: string): void {
  mkdirSync(POLICY_DIR, { recursive: true });
  writeFileSync(POLICY_FILE, content);
}

/** The Handoff configuration as a Chromium policy file for the extension. */
export function writePolicy(config: Record<string, unknown>): void {
  writePolicyFile(JSON.stringify({ '3rdparty': { extensions: { [CHROME_EXTENSION_ID]: config } } }));
}

export function removePolicy(): void {
  rmSync(POLICY_FILE, { force: true });
}

// Even a run killed between a test and its teardown leaves no policy behind for other browsers.
process.once('exit', removePolicy);

/**
 * Chromium notices a changed policy file by itself after a 5-second settle; the "Reload policies"
 * button of chrome://policy loads it at once, as an admin would.
 */
export async function reloadPolicies(context: BrowserContext): Promise<void> {
  const page = await context.newPage();
  await page.goto('chrome://policy');
  await page.locator('#reload-policies').click();
  await page.close();
}

/** What the extension publishes once it has read the policy: the reader's state. */
export async function configStatus(worker: Worker): Promise<ConfigStatus> {
  return (await worker.evaluate(
    async () => (await chrome.storage.local.get('configStatus')).configStatus,
  )) as ConfigStatus;
}

/** The ids of the checklist items the background published for the panel. */
export async function publishedChecklistItems(worker: Worker): Promise<string[]> {
  const panelConfig = (await worker.evaluate(
    async () => (await chrome.storage.local.get('panelConfig')).panelConfig,
  )) as PanelConfig | undefined;
  return panelConfig?.checklists.flatMap((checklist) => checklist.items.map((item) => item.id)) ?? [];
}

/** The options page row of one effective setting. */
export const settingRow = (options: Page, path: string) =>
  options.getByTestId('effective-config').locator(`tr[data-path="${path}"]`);
