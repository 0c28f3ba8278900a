/**
 * `npm start`: builds the extension, serves the demo EHR on 127.0.0.1 and opens Chromium with
 * Handoff loaded. Without a display it runs the walk-through headless and saves screenshots.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page } from '@playwright/test';
import { CHROME_EXTENSION_ID } from '../src/extension-identity';
import { referrals } from '../test/demo-ehr/data';
import { startDemoEhr } from '../test/demo-ehr/server';
import { referralPath } from '../test/demo-ehr/urls';
import { panel as panelOn } from '../test/e2e/demo';
import { CHROMIUM_PATH, chromiumArgs } from './chromium';

const EXTENSION_DIR = resolve('.output/chrome-mv3');
const SCREENSHOTS = resolve('screenshots');
const headless = !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;

execFileSync('npx', ['wxt', 'build'], { stdio: 'inherit' });
const ehr = await startDemoEhr({ port: Number(process.env.DEMO_EHR_PORT ?? 8765) });
console.log(`Demo EHR (synthetic patients only): ${ehr.url}/`);

const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'handoff-start-')), {
  executablePath: CHROMIUM_PATH,
  headless,
  args: chromiumArgs(EXTENSION_DIR),
  viewport: headless ? { width: 1400, height: 900 } : null,
});

async function shoot(page: Page, name: string) {
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path });
  console.log(`  saved ${path}`);
}

/** The coordinator's path through the demo: recognise, track, see the queue. */
async function walkThrough(context: BrowserContext) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const page = context.pages()[0] ?? (await context.newPage());
  for (const layout of ['openemr', 'fhir', 'legacy'] as const) {
    const referral = referrals.find((r) => r.layout === layout);
    if (!referral) continue;
    await page.goto(ehr.url + referralPath(referral));
    const panel = await panelOn(page);
    await panel.getByRole('button', { name: 'Track referral' }).waitFor();
    await shoot(page, `1-panel-${layout}`);
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
    await shoot(page, `2-tracked-${layout}`);
  }
  // The coordinator's working sections, on the last referral: packet, scripts, outreach.
  const panel = await panelOn(page);
  for (const [tab, name] of [
    [/Packet/, '2a-packet'],
    [/Scripts/, '2b-scripts'],
    [/Outreach/, '2c-outreach'],
  ] as const) {
    await panel.getByRole('tab', { name: tab }).click();
    await shoot(page, name);
  }
  await panel.getByLabel('Note').fill('She asked whether she should stop taking her medication.');
  await panel.locator('.note-alert').waitFor();
  await shoot(page, '2d-clinical-question');
  // The referral's timeline: every change, who and when, newest first.
  await panel.getByRole('tab', { name: /History/ }).click();
  await panel.locator('.timeline').waitFor();
  await shoot(page, '2e-history');
  // The coordinator's day: overdue, due today, new and open escalations, each counted.
  const queue = await context.newPage();
  await queue.setViewportSize({ width: 420, height: 640 });
  await queue.goto(`chrome-extension://${CHROME_EXTENSION_ID}/popup.html`);
  await queue.getByRole('listitem').first().waitFor();
  await shoot(queue, '3-day-view');
  const dashboard = await context.newPage();
  await dashboard.goto(`chrome-extension://${CHROME_EXTENSION_ID}/dashboard.html`);
  await dashboard.getByRole('table').waitFor();
  await shoot(dashboard, '4-dashboard');
  await dashboard.goto(`chrome-extension://${CHROME_EXTENSION_ID}/metrics.html`);
  await dashboard.getByRole('heading', { level: 1 }).waitFor();
  await shoot(dashboard, '5-metrics');
}

if (headless) {
  console.log('No display: running the walk-through headless.');
  try {
    await walkThrough(context);
  } finally {
    await context.close();
    await ehr.close();
  }
} else {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${ehr.url}/`);
  console.log('Chromium is open with Handoff loaded. Close it (or press Ctrl+C) to stop.');
  const stop = async () => {
    await context.close().catch(() => {});
    await ehr.close();
    process.exit(0);
  };
  context.on('close', stop);
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
