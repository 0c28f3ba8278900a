import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { CHROME_EXTENSION_ID } from '../src/extension-identity';
import { referrals } from '../test/demo-ehr/data';
import { referralPath } from '../test/demo-ehr/urls';
import { panel as panelOn } from '../test/e2e/demo';

async function shoot(page: Page, dir: string, name: string) {
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path });
  console.log(`  saved ${path}`);
}

/**
 * The coordinator's path through the demo EHR at `ehrUrl`, in a browser with Handoff and a fresh
 * profile: recognise, track (answering who is working), the panel's sections, the day view, the
 * dashboard and metrics, each saved as a screenshot in `dir`. `npm start` runs it without a
 * display; an end-to-end test runs it so that it keeps working.
 */
export async function walkThrough(context: BrowserContext, ehrUrl: string, dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const page = context.pages()[0] ?? (await context.newPage());
  for (const layout of ['openemr', 'fhir', 'legacy'] as const) {
    const referral = referrals.find((r) => r.layout === layout);
    if (!referral) continue;
    await page.goto(ehrUrl + referralPath(referral));
    const panel = await panelOn(page);
    await panel.getByRole('button', { name: 'Track referral' }).waitFor();
    await shoot(page, dir, `1-panel-${layout}`);
    await panel.getByRole('button', { name: 'Track referral' }).click();
    // The first action asks who is working, once: a synthetic coordinator answers.
    const who = panel.getByRole('form', { name: 'Who is working?' });
    await who.or(panel.getByRole('status').first()).first().waitFor();
    if (await who.isVisible()) {
      await who.getByLabel('Your name').fill('Casey Demo');
      await who.getByLabel('Your initials').fill('CD');
      await who.getByRole('button', { name: 'Save and continue' }).click();
    }
    await panel.getByRole('status').first().waitFor();
    await shoot(page, dir, `2-tracked-${layout}`);
  }
  // The coordinator's working sections, on the last referral: packet, scripts, outreach.
  const panel = await panelOn(page);
  for (const [tab, name] of [
    [/Packet/, '2a-packet'],
    [/Scripts/, '2b-scripts'],
    [/Outreach/, '2c-outreach'],
  ] as const) {
    await panel.getByRole('tab', { name: tab }).click();
    await shoot(page, dir, name);
  }
  await panel.getByLabel('Note').fill('She asked whether she should stop taking her medication.');
  await panel.locator('.note-alert').waitFor();
  await shoot(page, dir, '2d-clinical-question');
  // The referral's timeline: every change, who and when, newest first.
  await panel.getByRole('tab', { name: /History/ }).click();
  await panel.locator('.timeline').waitFor();
  await shoot(page, dir, '2e-history');
  // The coordinator's day: overdue, due today, new and open escalations, each counted.
  const queue = await context.newPage();
  await queue.setViewportSize({ width: 420, height: 640 });
  await queue.goto(`chrome-extension://${CHROME_EXTENSION_ID}/popup.html`);
  await queue.getByRole('listitem').first().waitFor();
  await shoot(queue, dir, '3-day-view');
  const dashboard = await context.newPage();
  await dashboard.goto(`chrome-extension://${CHROME_EXTENSION_ID}/dashboard.html`);
  await dashboard.getByRole('table').waitFor();
  await shoot(dashboard, dir, '4-dashboard');
  await dashboard.goto(`chrome-extension://${CHROME_EXTENSION_ID}/metrics.html`);
  await dashboard.getByRole('heading', { level: 1 }).waitFor();
  await shoot(dashboard, dir, '5-metrics');
}
