import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { patientById, referrals } from '../demo-ehr/data';
import { referralPath } from '../demo-ehr/urls';
import { panel } from './demo';
import { expect, test } from './fixtures';

const DEMO = (['openemr', 'fhir'] as const).map((layout) => {
  const referral = referrals.find((r) => r.layout === layout && patientById(r.patientId)?.phone);
  if (!referral) throw new Error(`no demo referral in the ${layout} layout`);
  return referral;
});

/** The extension's message contract, from one of its pages. */
function send(page: Page, message: Record<string, unknown>): Promise<unknown> {
  return page.evaluate(async (request) => {
    const reply = await chrome.runtime.sendMessage(request);
    if (!reply?.ok) throw new Error(`${String(request.type)}: ${reply?.error}`);
    return reply.value;
  }, message);
}

/** The whole queue as the background holds it, and the coordinator's settings. */
async function queueAndSettings(page: Page) {
  const { referrals } = (await send(page, {
    type: 'query-queue',
    query: { sort: 'oldest', limit: 100 },
  })) as { referrals: { id: string; version: number }[] };
  const settings = await page.evaluate(() => chrome.storage.local.get(['userSettings', 'panelPlacement']));
  return { referrals, settings };
}

test('backup and restore: download a backup, change the queue, restore it; a damaged file is refused', async ({
  page,
  ehrUrl,
  openExtensionPage,
}) => {
  test.setTimeout(120_000);
  for (const referral of DEMO) {
    await page.goto(ehrUrl + referralPath(referral));
    await (await panel(page)).getByRole('button', { name: 'Track referral' }).click();
    await expect((await panel(page)).getByRole('status')).toContainText('In the queue');
  }
  const metrics = await openExtensionPage('metrics.html');
  await metrics.evaluate(() =>
    chrome.storage.local.set({
      userSettings: { initials: 'JD', panelSide: 'left' },
      panelPlacement: { collapsed: true },
    }),
  );
  const [first] = (await queueAndSettings(metrics)).referrals;
  if (!first) throw new Error('nothing tracked');
  await send(metrics, {
    type: 'log-outreach',
    id: first.id,
    version: first.version,
    party: 'patient',
    channel: 'phone',
    outcome: 'no-answer',
    note: 'No voicemail set up',
  });
  const before = await queueAndSettings(metrics);
  expect(before.referrals).toHaveLength(2);

  const [download] = await Promise.all([
    metrics.waitForEvent('download'),
    metrics.getByRole('button', { name: 'Download backup' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^handoff-backup-\d{4}-\d{2}-\d{2}\.json$/);
  const backupPath = await download.path();
  const backup = JSON.parse(await readFile(backupPath, 'utf8'));
  expect(backup).toMatchObject({ format: 'handoff-backup', version: 1 });
  expect(backup.contents.referrals).toHaveLength(2);

  // The queue moves on after the backup: a referral changes state, the settings change.
  const changed = before.referrals[1] as { id: string; version: number };
  await send(metrics, {
    type: 'change-status',
    id: changed.id,
    version: changed.version,
    to: 'closed-not-completed',
    reason: 'duplicate',
  });
  await metrics.evaluate(() => chrome.storage.local.set({ userSettings: { initials: 'ZZ' } }));
  expect(await queueAndSettings(metrics)).not.toEqual(before);

  // Restore, confirmed from the keyboard: the confirmation takes the focus on "Cancel".
  await metrics.getByLabel('Restore from backup…').setInputFiles(backupPath);
  await expect(metrics.getByRole('group', { name: /Replace the whole queue/ })).toBeVisible();
  await expect(metrics.getByRole('button', { name: 'Cancel' })).toBeFocused();
  expect((await new AxeBuilder({ page: metrics }).analyze()).violations).toEqual([]);
  await metrics.keyboard.press('Tab');
  await expect(metrics.getByRole('button', { name: 'Replace the queue' })).toBeFocused();
  await metrics.keyboard.press('Enter');
  await expect(metrics.locator('.backup [aria-live]')).toContainText(
    'Restored 2 referrals and 0 dismissed pages',
  );
  expect(await queueAndSettings(metrics)).toEqual(before);

  // A damaged (cut short) file is refused with a clear message before anything is asked, and
  // nothing changes.
  const text = await readFile(backupPath, 'utf8');
  await metrics.getByLabel('Restore from backup…').setInputFiles({
    name: 'handoff-backup-damaged.json',
    mimeType: 'application/json',
    buffer: Buffer.from(text.slice(0, Math.floor(text.length / 2))),
  });
  await expect(metrics.getByRole('alert')).toHaveText(
    'This file cannot be read as a Handoff backup: it is damaged or cut short. Nothing was changed.',
  );
  await expect(metrics.getByRole('group', { name: /Replace the whole queue/ })).toHaveCount(0);
  // So is a file that is no backup at all: the queue is never offered to be replaced by it.
  await metrics.getByLabel('Restore from backup…').setInputFiles({
    name: 'export.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ resourceType: 'Bundle', entry: [] })),
  });
  await expect(metrics.getByRole('alert')).toContainText('not a Handoff backup');
  await expect(metrics.getByRole('group', { name: /Replace the whole queue/ })).toHaveCount(0);
  expect(await queueAndSettings(metrics)).toEqual(before);

  // Cancelling restores nothing.
  await metrics.getByLabel('Restore from backup…').setInputFiles(backupPath);
  await metrics.getByRole('button', { name: 'Cancel' }).click();
  await expect(metrics.locator('.backup [aria-live]')).toHaveText('Nothing was restored.');
  expect((await new AxeBuilder({ page: metrics }).analyze()).violations).toEqual([]);
});
