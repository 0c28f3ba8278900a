import type { Page, Worker } from '@playwright/test';
import { type DemoReferral, patientById, referrals, type ScreenLayout } from '../demo-ehr/data';
import {
  fhirPatientPath,
  labResultPath,
  openemrDemographicsPath,
  referralListPath,
  schedulePath,
} from '../demo-ehr/urls';
import { expectNoPanel, panel, patientName } from './demo';
import { expect, test } from './fixtures';

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
