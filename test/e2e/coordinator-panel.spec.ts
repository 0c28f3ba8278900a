import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { referralById } from '../demo-ehr/data';
import { referralPath } from '../demo-ehr/urls';
import { axeViolations, panel, panelFrame, queued } from './demo';
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

test('the packet checklist shows its evidence, blocks "sent" with a required item missing, and records an override', async ({
  page,
  ehrUrl,
  openExtensionPage,
}) => {
  // R-1007's insurance shows no member ID: one required item missing (on the OpenEMR-style screen,
  // whose attached records are read since issue 15).
  const referral = demoReferral('R-1007');
  const shown = await openPanel(page, ehrUrl + referralPath(referral, 'openemr'));
  await shown.getByRole('tab', { name: /Packet/ }).click();
  const items = shown.locator('.checklist .item');
  await expect(shown.locator('[data-item="patient-phone"]')).toContainText('phone found: (217) 555-0175');
  // Missing required items come first, where the coordinator looks.
  const missing = await shown.locator('.checklist .item.is-missing:not(.is-optional)').count();
  expect(missing).toBeGreaterThan(0);
  await expect(items.first()).toHaveClass(/is-missing/);
  await expect(
    shown.getByText(missing === 1 ? '1 required item missing.' : `${missing} required items missing.`),
  ).toBeVisible();

  await shown.getByRole('tab', { name: 'Details' }).click();
  await track(shown);
  await shown.getByRole('tab', { name: /Packet/ }).click();
  await shown.getByRole('button', { name: 'Mark packet sent' }).click();
  await expect(shown.getByRole('alert')).toContainText('Cannot mark sent: required items are missing');
  const sendAnyway = shown.getByRole('button', { name: 'Send anyway' });
  await expect(sendAnyway).toBeDisabled();
  await shown.getByLabel('Reason to send anyway').fill('Records go by courier this afternoon');
  await sendAnyway.click();
  await expect(shown.locator('.status-chip')).toHaveText('Sent');

  const stored = await queued(await openExtensionPage('popup.html'));
  expect(stored.status).toBe('sent');
  expect(stored.packet.override.reason).toBe('Records go by courier this afternoon');
  expect(stored.history.at(-1).note).toContain('Records go by courier this afternoon');
});

test('scripts fill in the referral, pass the 3-second check, copy in one click and default to the patient’s language', async ({
  page,
  context,
  ehrUrl,
}) => {
  const spanish = demoReferral('R-1002');
  const shown = await openPanel(page, ehrUrl + referralPath(spanish));
  await shown.getByRole('tab', { name: 'Scripts' }).click();
  await expect(shown.getByLabel('Language')).toHaveValue('es');
  const call = shown.locator('[data-script="patient-call-es"]');
  await expect(call).toContainText('Luis');
  await expect(call).toContainText('Sangamon Dermatology Clinic');
  await expect(call).toContainText('Passes the 3-second check');
  await expect(call).not.toContainText('undefined');

  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(ehrUrl).origin });
  await call.getByRole('button', { name: 'Copy' }).click();
  await expect(call).toContainText('Copied to the clipboard.');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain('Luis');
  expect(copied).not.toContain('{');
});

test('an outreach outcome is logged in one click, sets the next follow-up and shows in the queue at once; scheduled asks for the date', async ({
  page,
  ehrUrl,
  openExtensionPage,
}) => {
  const shown = await openPanel(page, ehrUrl + referralPath(demoReferral('R-1003')));
  await shown.getByRole('tab', { name: 'Outreach' }).click();
  await expect(shown.getByText('Track this referral to log outreach')).toBeVisible();
  await shown.getByRole('tab', { name: 'Details' }).click();
  await track(shown);
  // The side panel stays open beside the EHR tab: it shows the change without being touched.
  const sidePanel = await openExtensionPage('sidepanel.html');
  await expect(sidePanel.getByRole('list', { name: /Referrals, page 1/ })).toBeVisible();
  await page.bringToFront();
  await shown.getByRole('tab', { name: 'Outreach' }).click();
  await shown.getByLabel('Transportation').check();
  await shown.getByLabel('Note').fill('Left a message with her daughter.');
  await shown.getByRole('button', { name: 'No answer' }).click();
  await expect(shown.getByText(/Logged: No answer\. Follow up/)).toBeVisible();
  await expect(shown.getByTestId('attempts')).toContainText('1 attempt. Last: No answer');
  await expect(sidePanel.getByRole('list', { name: /Referrals, page 1/ })).toContainText('No answer');

  const dashboard = await openExtensionPage('dashboard.html');
  await expect(dashboard.getByRole('table')).toContainText('No answer');
  const stored = await queued(dashboard);
  expect(stored.outreach[0]).toMatchObject({
    outcome: 'no-answer',
    barriers: ['transportation'],
    party: 'patient',
  });

  await page.bringToFront();
  await shown.getByRole('button', { name: 'Scheduled' }).click();
  const save = shown.getByRole('button', { name: 'Save as scheduled' });
  await expect(save).toBeDisabled();
  await shown.getByLabel('Appointment').fill('2026-12-14T09:30');
  await save.click();
  await expect(shown.locator('.status-chip')).toHaveText('Scheduled');
  expect((await queued(dashboard)).dates.appointmentAt).toBe(new Date('2026-12-14T09:30').getTime());
});

test('a clinical question typed in a note prompts an escalation, a red flag shows the emergency instruction, and the Clinical question action hands off', async ({
  page,
  ehrUrl,
  openExtensionPage,
}) => {
  const shown = await openPanel(page, ehrUrl + referralPath(demoReferral('R-1005')));
  await shown.getByRole('button', { name: 'Clinical question' }).click();
  await expect(shown.locator('.clinical-box blockquote')).toContainText('clinical staff');
  await shown.getByRole('button', { name: /Track and record escalation for/ }).click();
  await expect(shown.getByText(/Escalation recorded — nothing was sent\. Contact /)).toBeVisible();

  await shown.getByRole('tab', { name: 'Outreach' }).click();
  const note = shown.getByLabel('Note');
  await note.fill('Patient asked whether she should stop taking her medication before the visit.');
  const prompt = shown.locator('.note-alert.clinical');
  await expect(prompt).toContainText('This note reads like a clinical question');
  await prompt.getByRole('button', { name: /Record escalation for/ }).click();
  await expect(prompt).toContainText('Escalation recorded — nothing was sent');

  await note.fill('She says she has chest pain right now.');
  await expect(shown.getByRole('alert')).toContainText('If this is an emergency, hang up and call 911.');

  const stored = await queued(await openExtensionPage('popup.html'));
  expect(stored.escalations).toHaveLength(2);
  expect(stored.escalations[0].trigger).toBe('clinical-question');
  expect(stored.escalations[1]).toMatchObject({ trigger: 'note', redFlag: false });
  expect(stored.escalations[1].matched).toContain('stop taking');
  expect(JSON.stringify(stored.escalations)).not.toContain('before the visit');
});

test('the panel passes axe-core on every section and works from the keyboard', async ({ page, ehrUrl }) => {
  const shown = await openPanel(page, ehrUrl + referralPath(demoReferral('R-1006')));
  const frame = panelFrame(page);
  expect(await axeViolations(frame)).toEqual([]);
  await track(shown);
  // Arrow keys move between sections, as tabs do.
  await shown.getByRole('tab', { name: 'Details' }).focus();
  for (const name of ['Packet', 'Scripts', 'Outreach']) {
    await page.keyboard.press('ArrowRight');
    await expect(shown.getByRole('tab', { name: new RegExp(name) })).toBeFocused();
    await expect(shown.getByRole('tab', { name: new RegExp(name) })).toHaveAttribute('aria-selected', 'true');
    expect(await axeViolations(frame), `${name} section`).toEqual([]);
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
