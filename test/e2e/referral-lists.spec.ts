import type { Page } from '@playwright/test';
import { referrals } from '../demo-ehr/data';
import { axeViolations, panel, panelFrame, patientName } from './demo';
import { expect, test } from './fixtures';

/** The demo EHR's FHIR worklist: a plain table of referrals, recognised by the generic profile. */
const WORKLIST = '/fhir-app/';

async function openList(page: Page, url: string) {
  await page.goto(url);
  await expect(page.locator('[aria-busy=true]')).toHaveCount(0);
  const shown = await panel(page);
  await expect(shown.getByRole('heading', { name: 'Referrals on this page' })).toBeVisible();
  return shown;
}

/** Every referral in the queue, newest first, as the extension's own pages ask for them. */
async function allQueued(extensionPage: Page) {
  return extensionPage.evaluate(async () => {
    const listed = await chrome.runtime.sendMessage({ type: 'list-referrals', limit: 50 });
    return listed.value.referrals as { patient: { name: string }; receiving: { provider?: string } }[];
  });
}

test('a worklist lists its referrals in the panel; Track on one row tracks that row’s patient only, once', async ({
  page,
  ehrUrl,
  openExtensionPage,
}) => {
  const shown = await openList(page, ehrUrl + WORKLIST);
  const rows = shown.locator('.referral-list li');
  await expect(rows).toHaveCount(12);
  await expect(shown.getByText('12 referrals found')).toBeVisible();

  await shown.getByRole('button', { name: 'Track referral: Aisha Rahman' }).click();
  await expect(shown.locator('li[data-row="Aisha Rahman"]').getByRole('status')).toHaveText('In the queue');
  await expect(shown.locator('li[data-row="Margaret Okafor"]').getByRole('status')).toHaveCount(0);

  const popup = await openExtensionPage('popup.html');
  const stored = await allQueued(popup);
  expect(stored.map((referral) => referral.patient.name)).toEqual(['Aisha Rahman']);
  expect(stored[0]?.receiving.provider).toBe('Sofia Bergström, MD, Central Illinois Neurology Group');

  // The same row seen again is the same referral: it shows as tracked, and nothing is added.
  const again = await openList(page, ehrUrl + WORKLIST);
  await expect(again.locator('li[data-row="Aisha Rahman"]').getByRole('status')).toHaveText('In the queue');
  await expect(again.getByRole('button', { name: 'Track referral: Aisha Rahman' })).toHaveCount(0);
  expect(await allQueued(popup)).toHaveLength(1);
  expect(await axeViolations(panelFrame(page))).toEqual([]);
});

test('a row opened from the list shows every detail; when the page drops that row the panel goes back to the list and tracks nothing', async ({
  page,
  ehrUrl,
  openExtensionPage,
}) => {
  const shown = await openList(page, ehrUrl + WORKLIST);
  await shown.getByRole('button', { name: 'Open: Henry Whitcombe' }).click();
  await expect(shown.locator('[data-field="patientName"]')).toHaveText('Henry Whitcombe');
  await expect(shown.locator('[data-field="receivingProvider"]')).toContainText('Wei Chen');
  await expect(shown.getByRole('button', { name: 'Track referral' })).toBeVisible();

  // Long after the page settled, the EHR drops that row in place (no new address).
  await page.evaluate(() => {
    for (const cell of document.querySelectorAll('td'))
      if (cell.textContent?.includes('Henry Whitcombe')) cell.closest('tr')?.remove();
  });
  await expect(shown.getByRole('alert')).toContainText('no longer on the page');
  await expect(shown.locator('.referral-list li')).toHaveCount(11);
  await expect(shown.locator('li[data-row="Henry Whitcombe"]')).toHaveCount(0);
  const popup = await openExtensionPage('popup.html');
  expect(await allQueued(popup)).toHaveLength(0);
});

test('a row whose patient the page swaps in place is tracked as the patient now on that row, never the one before', async ({
  page,
  ehrUrl,
  openExtensionPage,
}) => {
  const shown = await openList(page, ehrUrl + WORKLIST);
  await expect(shown.getByRole('button', { name: 'Track referral: Dmitri Volkov' })).toBeVisible();
  await page.evaluate(() => {
    for (const link of document.querySelectorAll('td a'))
      if (link.textContent?.startsWith('Dmitri Volkov')) link.textContent = 'Nora Castellanos (MRN-009999)';
  });
  await expect(shown.getByRole('button', { name: 'Track referral: Dmitri Volkov' })).toHaveCount(0);
  await shown.getByRole('button', { name: 'Track referral: Nora Castellanos' }).click();
  await expect(shown.locator('li[data-row="Nora Castellanos"]').getByRole('status')).toHaveText(
    'In the queue',
  );
  const stored = await allQueued(await openExtensionPage('popup.html'));
  expect(stored.map((referral) => referral.patient.name)).toEqual(['Nora Castellanos']);
});

test('“Not a referral” on one row marks that row only: the page keeps its panel and its other rows, after a reload too, and the row can be brought back', async ({
  page,
  ehrUrl,
  openExtensionPage,
}) => {
  const shown = await openList(page, ehrUrl + WORKLIST);
  await expect(shown.getByRole('button', { name: 'Track referral: Aisha Rahman' })).toBeEnabled();
  await shown.getByRole('button', { name: 'Open: Aisha Rahman' }).click();
  await shown.getByRole('button', { name: 'Not a referral', exact: true }).click();
  await shown.getByRole('button', { name: 'Mark not a referral' }).click();

  // Back on the list, every row still there: that row is marked, with its undo in focus.
  await expect(shown.locator('.referral-list li')).toHaveCount(12);
  const marked = shown.locator('li[data-row="Aisha Rahman"]');
  await expect(marked.locator('.status-chip')).toHaveText('Not a referral');
  await expect(marked.getByRole('button', { name: 'Undo “not a referral”: Aisha Rahman' })).toBeFocused();
  await expect(marked.getByRole('button', { name: /Track referral/ })).toHaveCount(0);
  await expect(shown.getByRole('button', { name: 'Track referral: Margaret Okafor' })).toBeEnabled();

  // Issue 16: the row's answer used to hide the panel on the whole page, every row with it.
  const again = await openList(page, ehrUrl + WORKLIST);
  await expect(again.locator('.referral-list li')).toHaveCount(12);
  await expect(again.locator('li[data-row="Aisha Rahman"] .status-chip')).toHaveText('Not a referral');
  await again.getByRole('button', { name: 'Track referral: Margaret Okafor' }).click();
  await expect(again.locator('li[data-row="Margaret Okafor"]').getByRole('status')).toHaveText(
    'In the queue',
  );

  await again.getByRole('button', { name: 'Undo “not a referral”: Aisha Rahman' }).click();
  await expect(again.getByRole('button', { name: 'Track referral: Aisha Rahman' })).toBeEnabled();
  await expect(again.locator('li[data-row="Aisha Rahman"] .status-chip')).toHaveCount(0);
  const stored = await allQueued(await openExtensionPage('popup.html'));
  expect(stored.map((referral) => referral.patient.name)).toEqual(['Margaret Okafor']);
  expect(await axeViolations(panelFrame(page))).toEqual([]);
});

test('each row shows its order number where the page gives one (the demo index heads it only "Referral"), and the row tracked keeps it', async ({
  page,
  ehrUrl,
  openExtensionPage,
}) => {
  const listed = referrals.filter((referral) => referral.layout === 'openemr');
  const [first, second] = listed;
  if (!first || !second) throw new Error('the demo has no OpenEMR referrals');
  const shown = await openList(page, `${ehrUrl}/`);
  await expect(shown.locator('.referral-list li')).toHaveCount(listed.length);
  // Issue 16: the rows came without their number, though the page shows it.
  await expect(shown.locator('.referral-list li .row-order')).toHaveText(
    listed.map((referral) => `Order ${referral.id}`),
  );
  const name = `${patientName(second)}, order ${second.id}`;
  await shown.getByRole('button', { name: `Track referral: ${name}` }).click();
  await expect(shown.locator(`li[data-row="${patientName(second)}"]`).getByRole('status')).toHaveText(
    'In the queue',
  );
  const stored = await (await openExtensionPage('popup.html')).evaluate(async () => {
    const answer = await chrome.runtime.sendMessage({ type: 'list-referrals', limit: 50 });
    return answer.value.referrals as { orderNumber?: string; patient: { name: string } }[];
  });
  expect(stored.map((referral) => [referral.patient.name, referral.orderNumber])).toEqual([
    [patientName(second), second.id],
  ]);
  expect(await axeViolations(panelFrame(page))).toEqual([]);
});
