import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { referralById } from '../demo-ehr/data';
import { referralPath } from '../demo-ehr/urls';
import { axeViolations, panel, panelFrame } from './demo';
import { expect, extensionWorker, launchWithExtension, test } from './fixtures';

function demoReferral(id: string) {
  const referral = referralById(id);
  if (!referral) throw new Error(`demo referral ${id} missing`);
  return referral;
}

async function openPanel(page: Page, url: string): Promise<Locator> {
  await page.goto(url);
  const shown = await panel(page);
  await expect(shown.getByRole('tab', { name: 'Details' })).toBeVisible();
  return shown;
}

async function track(shown: Locator) {
  await shown.getByRole('button', { name: 'Track referral' }).click();
  await expect(shown.getByRole('status').first()).toContainText('In the queue');
}

test('the panel passes axe-core on every section and works from the keyboard, and so do its printouts', async ({
  context,
  page,
  ehrUrl,
}) => {
  // Eight axe-core runs: slower than the rest on a busy machine.
  test.setTimeout(180_000);
  const shown = await openPanel(page, ehrUrl + referralPath(demoReferral('R-1006')));
  const frame = panelFrame(page);
  expect(await axeViolations(frame)).toEqual([]);
  await track(shown);
  // Arrow keys move between sections, as tabs do.
  await shown.getByRole('tab', { name: 'Details' }).focus();
  for (const name of ['Packet', 'Scripts', 'Outreach', 'History']) {
    await page.keyboard.press('ArrowRight');
    await expect(shown.getByRole('tab', { name: new RegExp(name) })).toBeFocused();
    await expect(shown.getByRole('tab', { name: new RegExp(name) })).toHaveAttribute('aria-selected', 'true');
    expect(await axeViolations(frame), `${name} section`).toEqual([]);
  }
  // The History section opens the patient letter and the packet cover sheet, each in a new tab.
  for (const link of [/patient letter/i, /cover sheet/i]) {
    const [printout] = await Promise.all([
      context.waitForEvent('page'),
      shown.getByRole('link', { name: link }).click(),
    ]);
    await printout.waitForLoadState();
    await expect(printout.getByRole('heading', { level: 1 })).toBeVisible();
    expect((await new AxeBuilder({ page: printout }).analyze()).violations, String(link)).toEqual([]);
    await printout.close();
  }
  await shown.getByRole('button', { name: 'Clinical question' }).click();
  expect(await axeViolations(frame), 'clinical question').toEqual([]);
});

test('the panel renders the same on two demo EHR screens with very different CSS', async ({
  page,
  ehrUrl,
}, testInfo) => {
  const referral = demoReferral('R-1001');
  const shots: Buffer[] = [];
  for (const layout of ['openemr', 'legacy'] as const) {
    const shown = await openPanel(page, ehrUrl + referralPath(referral, layout));
    await shown.getByRole('tab', { name: 'Scripts' }).click();
    await expect(shown.locator('[data-script="patient-call-en"]')).toBeVisible();
    // One script card: the tab bar's badge counts what each screen shows, which may differ. The
    // panel keeps one height and scrolls its body between its state bar and primary actions: the
    // card is brought to the middle of it, clear of both.
    const card = shown.locator('[data-script="patient-call-en"]');
    await card.evaluate((element) => element.scrollIntoView({ block: 'center' }));
    const clip = await card.boundingBox();
    if (!clip) throw new Error('the panel is not on screen');
    shots.push(
      await page.screenshot({
        clip,
        path: testInfo.outputPath(`panel-${layout}.png`),
        animations: 'disabled',
      }),
    );
  }
  expect(shots[0]?.equals(shots[1] as Buffer)).toBe(true);
});

test('in a Spanish browser the panel speaks Spanish, down to the checklist evidence', async ({ ehrUrl }) => {
  const profile = mkdtempSync(join(tmpdir(), 'handoff-es-'));
  const context = await launchWithExtension(profile, 'es');
  try {
    await extensionWorker(context);
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(ehrUrl + referralPath(demoReferral('R-1007'), 'openemr'));
    const shown = await panel(page);
    await expect(shown.getByRole('tab', { name: 'Datos' })).toBeVisible();
    await expect(shown.getByRole('button', { name: 'Pregunta clínica' })).toBeVisible();
    await shown.getByRole('tab', { name: /Paquete/ }).click();
    await expect(shown.locator('[data-item="patient-phone"]')).toContainText('teléfono: (217) 555-0175');
    await expect(shown.locator('.packet .summary')).toContainText('Falta');
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

test('the same referral open in two tabs: the second shows what the first logged, without acting', async ({
  context,
  page,
  ehrUrl,
}) => {
  const url = ehrUrl + referralPath(demoReferral('R-1006'));
  const first = await openPanel(page, url);
  await track(first);
  const other = await context.newPage();
  const second = await openPanel(other, url);
  await expect(second.getByRole('status').first()).toContainText('In the queue');
  await second.getByRole('tab', { name: 'Outreach' }).click();
  await expect(second.getByTestId('attempts')).toHaveText('No outreach yet');

  await page.bringToFront();
  await first.getByRole('tab', { name: 'Outreach' }).click();
  await first.getByRole('button', { name: 'No answer' }).click();
  await expect(first.getByTestId('attempts')).not.toHaveText('No outreach yet');

  await other.bringToFront();
  await expect(second.getByTestId('attempts')).toHaveText(
    (await first.getByTestId('attempts').textContent()) ?? '',
  );
});
