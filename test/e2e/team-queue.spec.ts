import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import type { Task } from 'fhir/r4';
import { CHROME_EXTENSION_ID } from '../../src/extension-identity';
import { type DemoReferral, referralById } from '../demo-ehr/data';
import { referralPath } from '../demo-ehr/urls';
import { type FhirTestServer, startFhirServer } from '../fhir-server/server';
import { panel, patientName } from './demo';
import { expect, extensionWorker, launchWithExtension, test } from './fixtures';
import { removePolicy, writePolicy } from './policy';

/**
 * Two coordinators are two Chromium profiles with Handoff, under one policy that points both at
 * one real FHIR server (Medplum's router, test/fhir-server). What A tracks, B sees in its queue.
 */

const EXTENSION = `chrome-extension://${CHROME_EXTENSION_ID}`;

function demoReferral(id: string): DemoReferral {
  const referral = referralById(id);
  if (!referral) throw new Error(`demo referral ${id} missing`);
  return referral;
}

async function openExtension(context: BrowserContext, path: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${EXTENSION}/${path}`);
  return page;
}

/** One coordinator's browser: a fresh persistent profile with Handoff, removed afterwards. */
async function withProfile(name: string, use: (context: BrowserContext) => Promise<void>): Promise<void> {
  const profile = mkdtempSync(join(tmpdir(), `handoff-team-${name}-`));
  const context = await launchWithExtension(profile);
  try {
    await use(context);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

const twoCoordinators = test.extend<{ fhir: FhirTestServer; a: BrowserContext; b: BrowserContext }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads the fixtures a function destructures.
  fhir: async ({}, use) => {
    const server = await startFhirServer();
    try {
      writePolicy({
        teamQueue: { fhirBaseUrl: server.baseUrl, team: { code: 'north-desk' }, pollSeconds: 30 },
      });
      await use(server);
    } finally {
      removePolicy();
      await server.stop();
    }
  },
  a: async ({ fhir }, use) => {
    void fhir;
    await withProfile('a', use);
  },
  b: async ({ fhir }, use) => {
    void fhir;
    await withProfile('b', use);
  },
});

twoCoordinators(
  'A tracks a referral; B sees it in the side panel within one poll',
  async ({ fhir, a, b, ehrUrl }) => {
    twoCoordinators.setTimeout(120_000);
    await Promise.all([extensionWorker(a), extensionWorker(b)]);
    const referral = demoReferral('R-1003');

    // A opens the referral screen and tracks it from the panel.
    const page = a.pages()[0] ?? (await a.newPage());
    await page.goto(ehrUrl + referralPath(referral));
    const shown = await panel(page);
    await shown.getByRole('button', { name: 'Track referral' }).click();
    await expect(shown.getByRole('status').first()).toContainText('In the queue');

    // It reaches the server as one Task of the team, without anyone pressing anything.
    await expect
      .poll(
        async () => {
          const response = await fetch(`${fhir.baseUrl}/Task?_tag=urn:handoff:team|north-desk`);
          return ((await response.json()) as { entry?: { resource: Task }[] }).entry?.length ?? 0;
        },
        { timeout: 15_000 },
      )
      .toBe(1);

    // B's side panel, opened after A tracked it, shows it (opening a queue view reads at once;
    // the poll alarm brings it within 30 s otherwise).
    const started = Date.now();
    const sidePanel = await openExtension(b, 'sidepanel.html');
    await expect(sidePanel.getByRole('list', { name: /Referrals, page 1/ })).toContainText(
      patientName(referral),
      {
        timeout: 35_000,
      },
    );
    const seenAfter = Date.now() - started;
    console.log(`team-queue e2e: B saw A's referral ${seenAfter} ms after opening the side panel`);
    await expect(sidePanel.getByTestId('team-queue-status')).toContainText('Every change is on the server');

    // The options page of B names the server and team, with nothing lacking.
    const options = await openExtension(b, 'options.html');
    await expect(options.getByTestId('team-queue')).toContainText('Shared with team north-desk');
    await expect(options.getByTestId('team-queue-lacks')).toHaveCount(0);
  },
);
