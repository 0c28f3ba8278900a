import type { Locator, Page, Worker } from '@playwright/test';
import { CHROME_EXTENSION_ID } from '../../src/extension-identity';
import { axeViolations, detectionSignal, panel, panelFrame } from './demo';
import { expect, test } from './fixtures';

/**
 * Hostile pages about whose referral the panel acts on (test/demo-ehr/pages/hostile.ts, groups
 * wrong-patient and queue-probe): another patient's referral is never shown as this page's nor
 * changed from it, and a page cannot learn what the queue holds.
 */

const open = async (page: Page, ehrUrl: string, name: string): Promise<Locator> => {
  await page.goto(`${ehrUrl}/hostile/${name}`);
  return panel(page);
};

// The wrong-patient pages and the host's size are shared scenarios (test/scenarios/identity.spec.ts),
// run in every browser; what follows needs Chromium's own reach (axe in the panel frame, the worker).

test("the other patient's warning, and the panel after tracking separately, pass axe", async ({
  page,
  ehrUrl,
}) => {
  const original = await open(page, ehrUrl, 'dana-sample');
  await original.getByRole('button', { name: 'Track referral' }).click();
  await expect(original.getByRole('status').filter({ hasText: 'In the queue' })).toBeVisible();
  const other = await open(page, ehrUrl, 'reused-order-number');
  await expect(other.getByRole('alert')).toContainText("Another patient's referral");
  expect(await axeViolations(panelFrame(page))).toEqual([]);
  await other.getByRole('button', { name: 'Track separately' }).click();
  await expect(other.getByRole('status').filter({ hasText: 'In the queue' })).toBeVisible();
  expect(await axeViolations(panelFrame(page))).toEqual([]);
});

/** Counts the page-status questions the background hears from content scripts, from now on. */
async function countPageStatus(worker: Worker): Promise<() => Promise<number>> {
  await worker.evaluate(() => {
    const self = globalThis as { __pageStatus?: number };
    self.__pageStatus = 0;
    chrome.runtime.onMessage.addListener((message: { type?: string }, sender) => {
      if (message?.type === 'page-status' && sender.url?.startsWith('http'))
        self.__pageStatus = (self.__pageStatus ?? 0) + 1;
    });
  });
  return () => worker.evaluate(() => (globalThis as { __pageStatus?: number }).__pageStatus ?? 0);
}

test('a forged location-change event does not make the panel ask the queue again', async ({
  page,
  ehrUrl,
  serviceWorker,
}) => {
  const shown = await open(page, ehrUrl, 'queue-probe');
  await expect(shown.locator('[data-field="orderNumber"]')).toHaveText('HX-0100');
  // Past the watch's quiet time (the content script says when the page has gone quiet): from here
  // on only a navigation makes the content script look again.
  await expect.poll(async () => (await detectionSignal(page))?.settled ?? 0).toBeGreaterThan(0);
  const asked = await countPageStatus(serviceWorker);
  await page.evaluate((id) => {
    const probe = window as unknown as { __showOrder: (n: string) => void };
    for (let i = 1; i <= 20; i++) {
      probe.__showOrder(`HX-${String(i).padStart(4, '0')}`);
      window.dispatchEvent(new Event(`${id}:content:wxt:locationchange`));
    }
  }, CHROME_EXTENSION_ID);
  // A real in-app navigation afterwards is looked at, once: messages from the tab arrive in order.
  await page.evaluate(() => history.pushState(null, '', '?moved=1'));
  await expect(shown.locator('[data-field="orderNumber"]')).toHaveText('HX-0020');
  await expect.poll(asked).toBeGreaterThanOrEqual(1);
  expect(await asked()).toBe(1);
});
