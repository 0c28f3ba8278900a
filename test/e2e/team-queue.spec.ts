import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import type { Task } from 'fhir/r4';
import { CHROME_EXTENSION_ID } from '../../src/extension-identity';
import { type DemoReferral, referralById } from '../demo-ehr/data';
import { referralPath } from '../demo-ehr/urls';
import { type FhirTestServer, startFhirServer } from '../fhir-server/server';
import { axeViolations, panel, panelFrame, patientName, trackInNewTab } from './demo';
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

/** The two coordinators of the desk, each named in their own browser's options. */
const ALEX = { name: 'Alex Kim', initials: 'AK' };
const BLAKE = { name: 'Blake Morgan', initials: 'BM' };

/** One coordinator's browser: a fresh persistent profile with Handoff, removed afterwards. */
async function withProfile(
  coordinator: { name: string; initials: string },
  use: (context: BrowserContext) => Promise<void>,
): Promise<void> {
  const profile = mkdtempSync(join(tmpdir(), `handoff-team-${coordinator.initials}-`));
  const context = await launchWithExtension(profile, undefined, { coordinator });
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
    await withProfile(ALEX, use);
  },
  b: async ({ fhir }, use) => {
    void fhir;
    await withProfile(BLAKE, use);
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

/** The team's Tasks on the server, read over HTTP as any FHIR client would. */
async function teamTasks(fhir: FhirTestServer): Promise<Task[]> {
  const response = await fetch(`${fhir.baseUrl}/Task?_tag=urn:handoff:team|north-desk`);
  return ((await response.json()) as { entry?: { resource: Task }[] }).entry?.map((e) => e.resource) ?? [];
}

twoCoordinators(
  'B is told at once that A works a referral; B hands one to A with a note; A is notified and reads the note',
  async ({ fhir, a, b, ehrUrl }) => {
    twoCoordinators.setTimeout(180_000);
    const [workerA] = await Promise.all([extensionWorker(a), extensionWorker(b)]);
    const mri = demoReferral('R-1003');
    const cardiology = demoReferral('R-1001');

    // A tracks a referral: it is A's, on the server too (Task.owner names A).
    await trackInNewTab(a, ehrUrl, 'R-1003');
    await expect
      .poll(async () => (await teamTasks(fhir)).map((task) => task.owner?.display), { timeout: 15_000 })
      .toEqual(['Alex Kim']);

    // B opens the same EHR screen before B's browser has pulled anything: the panel says at once
    // that A works it (the screen's referral is looked up on the server), before B does anything.
    const screenB = await b.newPage();
    await screenB.goto(ehrUrl + referralPath(mri));
    const panelB = await panel(screenB);
    await expect(panelB.getByTestId('colleague-owns')).toContainText(
      'Alex Kim (AK) works this referral: check with them before you call.',
    );
    await expect(panelB.getByTestId('colleague-owns')).toContainText('No contact logged yet.');
    expect(await axeViolations(panelFrame(screenB))).toEqual([]);
    await screenB.close();
    // B's queue says whose it is.
    const sideB = await openExtension(b, 'sidepanel.html');
    const listB = sideB.getByRole('list', { name: /Referrals, page 1/ });
    await expect(listB).toContainText(patientName(mri));
    await expect(listB.locator('.qv-owner-name').first()).toHaveText('Alex Kim (AK)');

    // B tracks another referral (B's own), and hands it to A from the dashboard with a note.
    await trackInNewTab(b, ehrUrl, 'R-1001');
    const dashboardB = await openExtension(b, 'dashboard.html');
    await dashboardB.getByRole('radio', { name: 'Mine' }).check();
    const table = dashboardB.getByRole('table');
    await expect(table.getByRole('row')).toHaveCount(2); // the header and B's one referral
    await table.getByRole('button', { name: patientName(cardiology) }).click();
    await dashboardB.getByRole('button', { name: 'Hand off', exact: true }).click();
    await dashboardB.getByLabel('Hand to').selectOption({ label: 'Alex Kim (AK)' });
    await dashboardB
      .getByLabel('Hand-off note (what they need to know)')
      .fill('Prefers calls after 3 pm; <b>interpreter</b> needed');
    await dashboardB.locator('form').getByRole('button', { name: 'Hand off', exact: true }).click();
    await expect(dashboardB.getByRole('status').first()).toContainText(
      `${patientName(cardiology)}: handed to Alex Kim (AK).`,
    );

    // A's browser hears of it on its next pull (a view opening pulls at once) and tells A.
    const sideA = await openExtension(a, 'sidepanel.html');
    await expect
      .poll(async () => Object.keys(await workerA.evaluate(() => chrome.notifications.getAll())), {
        timeout: 40_000,
        message: "A's browser announces the hand-off",
      })
      .toContainEqual(expect.stringMatching(/^handoff-handed-to-you\|.+/));
    const [noticeId] = Object.keys(await workerA.evaluate(() => chrome.notifications.getAll())).filter((id) =>
      id.startsWith('handoff-handed-to-you|'),
    );
    // A click on it (dispatched to the background's own listener) opens the referral with the note.
    const opened = a.waitForEvent('page');
    await workerA.evaluate((id) => {
      (chrome.notifications.onClicked as unknown as { dispatch: (id: string) => void }).dispatch(id);
    }, noticeId as string);
    const dashboardA = await opened;
    await expect(dashboardA.getByRole('note')).toContainText(/Handed to you by BM on .+/);
    await expect(dashboardA.getByRole('note')).toContainText(
      'Prefers calls after 3 pm; <b>interpreter</b> needed',
    );
    await expect(dashboardA.locator('.qv-handoff-note b')).toHaveCount(0);
    // The team's views (owner column, Mine / Team / Unassigned, the note) pass axe-core.
    expect(await axeViolations(dashboardA.mainFrame())).toEqual([]);

    // A's day on a team queue is A's own referrals and the unassigned ones, and says so.
    await expect(sideA.getByText("Your referrals and the team's unassigned ones.")).toBeVisible();
    // Mine, on A's side: both referrals are A's now.
    await sideA.getByRole('radio', { name: 'Mine' }).check();
    const listA = sideA.getByRole('list', { name: /Referrals, page 1/ });
    await expect(listA).toContainText(patientName(cardiology));
    await expect(listA).toContainText(patientName(mri));
    await expect
      .poll(async () => (await teamTasks(fhir)).map((task) => task.owner?.display).sort())
      .toEqual(['Alex Kim', 'Alex Kim']);
  },
);

/** What the background answers an extension page (the views send the same requests). */
function ask<T>(page: Page, request: Record<string, unknown>): Promise<T> {
  return page.evaluate(async (message) => {
    const reply = (await chrome.runtime.sendMessage(message)) as {
      ok: boolean;
      value?: unknown;
      error?: string;
    };
    if (!reply.ok) throw new Error(reply.error);
    return reply.value;
  }, request) as Promise<T>;
}

type Stored = { id: string; version: number; status: string; history: { kind: string; by: string }[] };

async function onlyReferral(page: Page): Promise<Stored> {
  const { referrals } = await ask<{ referrals: Stored[] }>(page, {
    type: 'query-queue',
    query: { limit: 10 },
  });
  const [only] = referrals;
  if (!only || referrals.length !== 1) throw new Error(`expected one referral, found ${referrals.length}`);
  return only;
}

twoCoordinators(
  'A and B change the same referral while the server is away: the conflict is shown field by field to the one whose change arrived second, nothing lost',
  async ({ fhir, a, b, ehrUrl }) => {
    twoCoordinators.setTimeout(180_000);
    await Promise.all([extensionWorker(a), extensionWorker(b)]);
    const referral = demoReferral('R-1003');
    await trackInNewTab(a, ehrUrl, 'R-1003');
    await expect.poll(async () => (await teamTasks(fhir)).length, { timeout: 15_000 }).toBe(1);
    const dashboardA = await openExtension(a, 'dashboard.html');
    const dashboardB = await openExtension(b, 'dashboard.html');
    await expect(dashboardB.getByRole('table')).toContainText(patientName(referral), { timeout: 35_000 });

    // The server goes away; each coordinator moves the referral on, to different states.
    await fhir.stop();
    const inA = await onlyReferral(dashboardA);
    await ask(dashboardA, { type: 'change-status', id: inA.id, version: inA.version, to: 'ready-to-send' });
    const inB = await onlyReferral(dashboardB);
    await ask(dashboardB, {
      type: 'change-status',
      id: inB.id,
      version: inB.version,
      to: 'waiting-on-info',
      reason: 'missing-insurance',
    });

    // Back: both outboxes go out, each on its browser's own retry; the change that reaches the
    // server second meets the first (412), is merged, and the one field both changed is decided by
    // the coordinator who made it. Which browser retries first is not the test's to choose.
    await fhir.restart();
    for (const coordinator of [a, b]) {
      const side = await openExtension(coordinator, 'sidepanel.html');
      await expect(side.getByTestId('team-queue-status')).toContainText('Every change is on the server', {
        timeout: 60_000,
      });
    }
    // Each side's state change, as the conflict shows it and as stored.
    const shown = { a: 'Ready to send', b: 'Waiting on info (missing-insurance)' };
    const status = { a: 'ready-to-send', b: 'waiting-on-info' };
    const conflictsIn = (dashboard: Page) => dashboard.getByTestId('team-conflicts');
    await expect
      .poll(
        async () => {
          await Promise.all([dashboardA.reload(), dashboardB.reload()]);
          const [inA, inB] = await Promise.all([
            conflictsIn(dashboardA).count(),
            conflictsIn(dashboardB).count(),
          ]);
          return inA + inB;
        },
        { timeout: 60_000, intervals: [1_000] },
      )
      .toBe(1);
    // The one conflict is on the side whose change reached the server second.
    const secondIsB = (await conflictsIn(dashboardB).count()) > 0;
    console.log(`team conflict e2e: ${secondIsB ? 'B' : 'A'}'s change reached the server second`);
    const [second, first, mine, theirs] = secondIsB
      ? ([dashboardB, dashboardA, 'b', 'a'] as const)
      : ([dashboardA, dashboardB, 'a', 'b'] as const);
    const conflicts = conflictsIn(second);
    await expect(conflicts).toContainText(`Colleague's (kept now): ${shown[theirs]}`);
    await expect(conflicts).toContainText(`Yours: ${shown[mine]}`);
    // Nothing lost: both state changes are in the history, and the colleague's state stands.
    const merged = await onlyReferral(second);
    expect(merged.status).toBe(status[theirs]);
    expect(
      merged.history
        .filter((entry) => entry.kind === 'status')
        .map((entry) => entry.by)
        .sort(),
    ).toEqual(['AK', 'BM']);
    // The coordinator keeps their own: it goes to the server as their change, and the other sees it.
    await conflicts.getByRole('button', { name: 'Use mine' }).click();
    await expect(conflicts).toHaveCount(0);
    await expect.poll(async () => (await onlyReferral(first)).status, { timeout: 60_000 }).toBe(status[mine]);
  },
);
