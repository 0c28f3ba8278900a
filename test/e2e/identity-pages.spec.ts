import type { Locator, Page, Worker } from '@playwright/test';
import { CHROME_EXTENSION_ID } from '../../src/extension-identity';
import { axeViolations, panel, panelFrame, panelHost } from './demo';
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

const inQueue = (shown: Locator) => shown.getByRole('status').filter({ hasText: 'In the queue' });

async function track(shown: Locator, button = 'Track referral') {
  await shown.getByRole('button', { name: button }).click();
  await expect(inQueue(shown)).toBeVisible();
}

/** Every referral in the queue, whole, asked the way the extension's own pages ask. */
async function queueSnapshot(extensionPage: Page): Promise<{ id: string; patient: { name: string } }[]> {
  return extensionPage.evaluate(async () => {
    const listed = await chrome.runtime.sendMessage({ type: 'list-referrals', limit: 200 });
    const ids = (listed.value.referrals as { id: string }[]).map((r) => r.id).sort();
    return Promise.all(
      ids.map(async (id) => (await chrome.runtime.sendMessage({ type: 'get-referral', id })).value.referral),
    );
  });
}

test('two patients of one name, with the same referral and no order number or MRN, are two referrals', async ({
  page,
  ehrUrl,
  openExtensionPage,
}) => {
  await track(await open(page, ehrUrl, 'same-name-born-1961'));
  const second = await open(page, ehrUrl, 'same-name-born-1984');
  // The second patient's page is not "in the queue": it can be tracked, and is, on its own.
  await expect(second.getByRole('button', { name: 'Track referral' })).toBeEnabled();
  await expect(inQueue(second)).toHaveCount(0);
  // 07/02/1984 could be either day with no date order set: the coordinator checks it first.
  await expect(second.locator('[data-field="dateOfBirth"][data-check]')).toContainText('07/02/1984');
  await second.getByRole('button', { name: 'Edit details' }).click();
  await second.getByLabel('Date of birth').fill('1984-07-02');
  await track(second);
  await expect(second.getByRole('status')).toContainText('Dana Sample (1984-07-02)');
  const queue = await queueSnapshot(await openExtensionPage('popup.html'));
  expect(queue.map((r) => (r.patient as { dateOfBirth?: string }).dateOfBirth).sort()).toEqual([
    '1961-03-14',
    '1984-07-02',
  ]);
});

test("a reused order number on another patient's page: a warning, nothing tracked, nothing written", async ({
  page,
  ehrUrl,
  openExtensionPage,
}) => {
  const original = await open(page, ehrUrl, 'dana-sample');
  await track(original);
  await expect(original.getByRole('status')).toContainText('Dana Sample (1961-03-14 · HX100001)');
  const extensionPage = await openExtensionPage('popup.html');
  const before = await queueSnapshot(extensionPage);

  const other = await open(page, ehrUrl, 'reused-order-number');
  await expect(other.getByRole('alert')).toContainText("Another patient's referral");
  await expect(other.getByRole('button', { name: 'Track separately' })).toBeEnabled();
  await expect(inQueue(other)).toHaveCount(0);
  expect(await axeViolations(panelFrame(page))).toEqual([]);
  // The packet is checked on screen (which, for a tracked referral, is written at once)...
  await other.getByRole('tab', { name: /Packet/ }).click();
  await expect(other.getByRole('tabpanel')).not.toContainText('Checking the packet');
  await expect(other.getByRole('button', { name: /Mark packet sent/ })).toHaveCount(0);
  await other.getByRole('tab', { name: 'Outreach' }).click();
  await expect(other.getByRole('tabpanel')).toContainText('Track this referral');
  // ...and nothing of it reached the other patient's referral.
  expect(await queueSnapshot(extensionPage)).toEqual(before);

  await other.getByRole('tab', { name: 'Details' }).click();
  await track(other, 'Track separately');
  await expect(other.getByRole('status')).toContainText('Robin Other (1990-01-20 · HX200002)');
  expect(await axeViolations(panelFrame(page))).toEqual([]);
  const after = await queueSnapshot(extensionPage);
  expect(after).toHaveLength(2);
  expect(after).toContainEqual(before[0]);
});

/** The host's size once the panel has laid itself out. */
async function settledHeight(page: Page): Promise<number> {
  let last = -1;
  await expect
    .poll(async () => {
      const height = (await panelHost(page).boundingBox())?.height ?? 0;
      const settled = height > 100 && height === last;
      last = height;
      return settled;
    })
    .toBe(true);
  return last;
}

test('the panel takes the same room on the page whether its referral is in the queue or not', async ({
  page,
  ehrUrl,
}) => {
  const shown = await open(page, ehrUrl, 'queue-probe');
  await expect(shown.getByRole('button', { name: 'Track referral' })).toBeEnabled();
  const untracked = await settledHeight(page);
  await track(shown);
  const tracked = await settledHeight(page);
  test.info().annotations.push({ type: 'host height', description: `${untracked} / ${tracked}` });
  expect(tracked).toBe(untracked);
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
  // Past the watch's quiet time: from here on only a navigation makes the content script look again.
  await page.waitForTimeout(3500);
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
