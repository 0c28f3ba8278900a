import type { Page, Worker } from '@playwright/test';
import { type DemoReferral, patientById, referrals, type ScreenLayout } from '../demo-ehr/data';
import {
  fhirPatientPath,
  labResultPath,
  openemrDemographicsPath,
  referralListPath,
  referralPath,
  schedulePath,
} from '../demo-ehr/urls';
import { expectNoPanel, panel, panelHost, patientName } from './demo';
import { expect, test } from './fixtures';

const PRIORITY_LABELS = { routine: 'Routine', urgent: 'Urgent', asap: 'ASAP', stat: 'STAT' };
const field = async (page: Page, name: string) => (await panel(page)).locator(`[data-field="${name}"]`);

function firstReferral(layout: ScreenLayout): DemoReferral {
  const referral = referrals.find((r) => r.layout === layout && patientById(r.patientId)?.phone);
  if (!referral) throw new Error(`no demo referral in the ${layout} layout`);
  return referral;
}

/** Waits for the demo EHR's single-page app to finish its late render. */
async function settled(page: Page) {
  await page.waitForLoadState('load');
  await expect(page.locator('[aria-busy=true]')).toHaveCount(0);
}

const evaluateInWorker = <T>(worker: Worker, fn: () => Promise<T>) => worker.evaluate(fn);

test('the extension loads: Chrome accepts its manifest and managed-policy schema', async ({
  serviceWorker,
}) => {
  // Chrome drops an extension with a schema it cannot read without any visible error.
  expect(await evaluateInWorker(serviceWorker, async () => chrome.runtime.getManifest().storage)).toEqual({
    managed_schema: 'managed_schema.json',
  });
});

for (const layout of ['openemr', 'fhir', 'legacy'] as const) {
  test(`the panel shows the referral read from the ${layout} screen`, async ({ page, ehrUrl }) => {
    const referral = firstReferral(layout);
    await page.goto(ehrUrl + referralPath(referral));
    await expect(panelHost(page)).toHaveCount(1);
    await expect(await field(page, 'patientName')).toHaveText(patientName(referral));
    await expect(await field(page, 'specialty')).toContainText(referral.specialty);
    await expect(await field(page, 'reason')).toContainText(referral.reason.slice(0, 30));
    await expect(await field(page, 'priority')).toHaveText(PRIORITY_LABELS[referral.priority]);
  });
}

test('no panel on screens that are not a single referral', async ({ page, ehrUrl }) => {
  const patientId = referrals[0]?.patientId ?? '';
  for (const path of [
    openemrDemographicsPath(patientId),
    labResultPath(1),
    schedulePath('2026-11-27'),
    referralListPath,
    fhirPatientPath(patientId),
    // The demo's index and the FHIR app's worklist ("Referral Worklist") are tables of referrals:
    // the panel lists them (referral-lists.spec.ts).
  ]) {
    await page.goto(ehrUrl + path);
    await settled(page);
    await expectNoPanel(page);
  }
});

test('in-app navigation shows the panel on a referral and removes it elsewhere', async ({ page, ehrUrl }) => {
  const referral = firstReferral('fhir');
  await page.goto(`${ehrUrl}/fhir-app/`);
  await settled(page);
  await page.locator(`a[href$="/ServiceRequest/${referral.id}"]`).first().click();
  await expect(await field(page, 'patientName')).toHaveText(patientName(referral));
  // Back on the worklist: the panel lists its referrals, and no longer shows the one left behind.
  await page.goBack();
  await settled(page);
  const shown = await panel(page);
  await expect(shown.getByRole('heading', { name: 'Referrals on this page' })).toBeVisible();
  await expect(shown.locator('[data-field="patientName"]')).toHaveCount(0);
  // Elsewhere in the app (a patient's page), no panel at all.
  await page.goto(ehrUrl + fhirPatientPath(referral.patientId));
  await settled(page);
  await expectNoPanel(page);
});

test('tracking a referral puts it in the queue once, whatever the tab', async ({
  context,
  page,
  ehrUrl,
  openExtensionPage,
}) => {
  const referral = firstReferral('openemr');
  const url = ehrUrl + referralPath(referral);
  await page.goto(url);
  await (await panel(page)).getByRole('button', { name: 'Track referral' }).click();
  await expect((await panel(page)).getByRole('status')).toContainText('In the queue');

  await page.reload();
  await expect((await panel(page)).getByRole('status')).toContainText('In the queue');
  const secondTab = await context.newPage();
  await secondTab.goto(url);
  await expect((await panel(secondTab)).getByRole('status')).toContainText('In the queue');
  await expect((await panel(secondTab)).getByRole('button', { name: 'Track referral' })).toHaveCount(0);

  // The queue itself, on the dashboard (the popup is the day's view, where a new referral may
  // show in more than one group).
  const dashboard = await openExtensionPage('dashboard.html');
  const rows = dashboard.locator('.qv-table tbody tr.qv-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(patientName(referral));
  await expect(rows.first()).toContainText(referral.specialty);
  await expect(rows.first().getByRole('link', { name: 'Open in EHR' })).toHaveAttribute('href', url);
});

test('a follow-up coming due fires the alarm, one notification and the badge', async ({
  page,
  ehrUrl,
  serviceWorker,
  openExtensionPage,
}) => {
  await page.goto(ehrUrl + referralPath(firstReferral('legacy')));
  await (await panel(page)).getByRole('button', { name: 'Track referral' }).click();
  await expect((await panel(page)).getByRole('status')).toContainText('In the queue');

  // Bring the follow-up two seconds ahead through the extension's own message contract.
  const popup = await openExtensionPage('popup.html');
  const rescheduled = await popup.evaluate(async () => {
    const listed = await chrome.runtime.sendMessage({ type: 'list-referrals', limit: 10 });
    const { id, version } = listed.value.referrals[0];
    return chrome.runtime.sendMessage({ type: 'call-back-at', id, version, at: Date.now() + 2000 });
  });
  expect(rescheduled.ok).toBe(true);
  const alarms = await evaluateInWorker(serviceWorker, () => chrome.alarms.getAll());
  expect(alarms.map((alarm) => alarm.name).sort()).toEqual(['handoff-follow-up-due', 'handoff-sweep']);

  await expect
    .poll(() => evaluateInWorker(serviceWorker, () => chrome.notifications.getAll()), { timeout: 15_000 })
    .toHaveProperty('handoff-overdue');
  expect(Object.keys(await evaluateInWorker(serviceWorker, () => chrome.notifications.getAll()))).toEqual([
    'handoff-overdue',
  ]);
  expect(await evaluateInWorker(serviceWorker, () => chrome.action.getBadgeText({}))).toBe('1');
});
