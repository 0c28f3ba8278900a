/**
 * Saves demo EHR screens, as Chromium renders them, into test/fixtures/pages/ for the detection
 * fixture tables: `tsx scripts/save-fixture-pages.ts`. The single-page app is saved after its
 * late render, which is what the content script sees. Hand-written fixtures live beside them.
 */
import { writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { startDemoEhr } from '../test/demo-ehr/server';
import {
  fhirPatientPath,
  fhirServiceRequestPath,
  labResultPath,
  legacyReferralPath,
  openemrDemographicsPath,
  openemrNewReferralPath,
  openemrReferralPath,
  referralListPath,
  schedulePath,
} from '../test/demo-ehr/urls';
import { CHROMIUM_PATH } from './chromium';

export const SAVED_PAGES: Record<string, string> = {
  'openemr-referral-R-1001': openemrReferralPath('P-001', 'R-1001'),
  'openemr-referral-R-1012': openemrReferralPath('P-012', 'R-1012'),
  'openemr-new-referral-blank': openemrNewReferralPath('P-001'),
  'openemr-demographics': openemrDemographicsPath('P-001'),
  'fhir-service-request-R-1003': fhirServiceRequestPath('R-1003'),
  'fhir-service-request-R-1007': fhirServiceRequestPath('R-1007'),
  'fhir-patient': fhirPatientPath('P-003'),
  'fhir-worklist': '/fhir-app/',
  'legacy-referral-R-1004': legacyReferralPath('R-1004'),
  'legacy-referral-R-1009': legacyReferralPath('R-1009'),
  'lab-result': labResultPath(1),
  schedule: schedulePath('2026-11-27'),
  'referral-list': referralListPath,
};

const ehr = await startDemoEhr();
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox'] });
const page = await browser.newPage();
for (const [name, path] of Object.entries(SAVED_PAGES)) {
  await page.goto(ehr.url + path);
  await page.waitForFunction(() => !document.querySelector('[aria-busy=true]'));
  // Scripts are dropped: a saved page must not fetch or run anything when a test loads it.
  const html = await page.evaluate(() => {
    for (const script of Array.from(document.querySelectorAll('script'))) script.remove();
    return `<!DOCTYPE html>\n${document.documentElement.outerHTML}\n`;
  });
  writeFileSync(`test/fixtures/pages/${name}.html`, html.replaceAll(ehr.url, 'http://ehr.example.test'));
}
await browser.close();
await ehr.close();
