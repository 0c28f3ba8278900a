import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { patientById, referralById } from '../demo-ehr/data';
import { referralPath } from '../demo-ehr/urls';
import { panel } from './demo';
import { expect, test } from './fixtures';

function sendFrom(page: Page, message: Record<string, unknown>) {
  return page.evaluate((message) => chrome.runtime.sendMessage(message), message);
}

test('every export is in the audit history, reached from the dashboard by keyboard, without patient data', async ({
  page,
  ehrUrl,
  openExtensionPage,
}) => {
  const demo = referralById('R-1001');
  if (!demo) throw new Error('no demo referral');
  await page.goto(ehrUrl + referralPath(demo));
  await (await panel(page)).getByRole('button', { name: 'Track referral' }).click();
  await expect((await panel(page)).getByRole('status')).toContainText('In the queue');

  const dashboard = await openExtensionPage('dashboard.html');
  await dashboard.evaluate(() => chrome.storage.local.set({ userSettings: { initials: 'JD' } }));
  expect(await sendFrom(dashboard, { type: 'export', what: 'queue-csv' })).toMatchObject({ ok: true });
  expect(await sendFrom(dashboard, { type: 'export', what: 'fhir-bundle' })).toMatchObject({ ok: true });
  await dashboard.reload();

  // From the dashboard's header, with the keyboard alone.
  const link = dashboard.getByRole('link', { name: 'Audit history' });
  for (let presses = 0; presses < 10; presses += 1) {
    if (await link.evaluate((element) => element === document.activeElement)) break;
    await dashboard.keyboard.press('Tab');
  }
  await expect(link).toBeFocused();
  await dashboard.keyboard.press('Enter');
  await expect(dashboard).toHaveURL(/audit\.html$/);
  await expect(dashboard.getByRole('heading', { level: 1 })).toHaveText('Audit history');
  const rows = dashboard.getByRole('table', { name: 'Audit history, newest first' }).getByRole('row');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(1)).toContainText('Export: referrals (FHIR)');
  await expect(rows.nth(2)).toContainText('Export: queue (CSV)');
  for (const row of [rows.nth(1), rows.nth(2)]) {
    await expect(row.getByRole('cell').nth(2)).toHaveText('1');
    await expect(row.getByRole('cell').nth(3)).toHaveText('JD');
  }
  // Names, counts and initials only: the patient appears nowhere on the page.
  const patient = patientById(demo.patientId);
  const text = await dashboard.locator('body').textContent();
  for (const detail of [patient?.lastName, demo.orderNumber]) expect(text ?? '').not.toContain(detail);
  expect((await new AxeBuilder({ page: dashboard }).analyze()).violations).toEqual([]);
});
