import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { CHROME_EXTENSION_ID } from '../../src/extension-identity';
import { referralById } from '../demo-ehr/data';
import { referralPath } from '../demo-ehr/urls';
import { panel } from './demo';
import { expect, extensionWorker, launchWithExtension, test } from './fixtures';

/** What the background answered, loosely typed: the test reads what it asserts on. */
interface Reply {
  ok: boolean;
  error?: string;
  // biome-ignore lint/suspicious/noExplicitAny: replies differ per request; assertions check their shape.
  value?: any;
}

/** Sends a request through the extension's own message contract, from one of its pages. */
function send(page: Page, message: object): Promise<Reply> {
  return page.evaluate((message) => chrome.runtime.sendMessage(message), message);
}

async function track(page: Page, ehrUrl: string, id: string) {
  const referral = referralById(id);
  if (!referral) throw new Error(`no demo referral ${id}`);
  await page.goto(ehrUrl + referralPath(referral));
  await (await panel(page)).getByRole('button', { name: 'Track referral' }).click();
  await expect((await panel(page)).getByRole('status')).toContainText('In the queue');
}

/**
 * Tracks a demo referral whose reminders the test then sets itself. The demo's order dates are
 * weeks old, so the order-date service level makes it overdue at once: a callback agreed for
 * tomorrow holds it, and the notice its tracking raised is dismissed.
 */
async function trackNotYetDue(page: Page, ehrUrl: string, id: string, extensionPage: Page) {
  await track(page, ehrUrl, id);
  const pageUrl = ehrUrl + referralPath(referralById(id) as NonNullable<ReturnType<typeof referralById>>);
  const { value } = await send(extensionPage, { type: 'list-referrals', limit: 50 });
  const tracked = value.referrals.find((r: { source: { pageUrl: string } }) => r.source.pageUrl === pageUrl);
  const at = Date.now() + 86_400_000;
  const held = await send(extensionPage, {
    type: 'call-back-at',
    id: tracked.id,
    version: tracked.version,
    at,
  });
  expect(held.ok).toBe(true);
  await extensionPage.evaluate(() => chrome.notifications.clear('handoff-overdue'));
}

async function queueIds(extensionPage: Page): Promise<{ id: string; version: number }[]> {
  const reply = await send(extensionPage, { type: 'list-referrals', limit: 50 });
  return reply.value.referrals.map((r: { id: string; version: number }) => ({
    id: r.id,
    version: r.version,
  }));
}

const inWorker = async <T>(context: BrowserContext, fn: () => Promise<T>) =>
  (await extensionWorker(context)).evaluate(fn);

test('a referral walks through every state, with each step in its history', async ({
  page,
  ehrUrl,
  openExtensionPage,
}) => {
  await track(page, ehrUrl, 'R-1001');
  const extension = await openExtensionPage('popup.html');
  await extension.evaluate(() => chrome.storage.local.set({ userSettings: { initials: 'JD' } }));
  const [first] = await queueIds(extension);
  if (!first) throw new Error('nothing tracked');
  const appointment = Date.now() + 7 * 86_400_000;
  const steps = [
    { to: 'waiting-on-info', reason: 'authorization-pending' },
    { to: 'ready-to-send' },
    // The demo packet lacks an item the checklist requires: sending it takes a stated reason.
    { to: 'sent', packetOverride: 'Records follow by fax' },
    { to: 'declined', reason: 'no-capacity' },
    { to: 'ready-to-send' },
    { to: 'sent', packetOverride: 'Records follow by fax' },
    { to: 'needs-patient-action' },
    { to: 'scheduled', appointmentAt: appointment },
    { to: 'no-show' },
    { to: 'needs-patient-action' },
    { to: 'scheduled', appointmentAt: appointment + 86_400_000 },
    { to: 'closed-completed' },
  ];
  let version = first.version;
  for (const step of steps) {
    const reply = await send(extension, { type: 'change-status', id: first.id, version, ...step });
    expect(reply.error, `to ${step.to}`).toBeUndefined();
    version = reply.value.referral.version;
  }
  const { value } = await send(extension, { type: 'get-referral', id: first.id });
  const statusLines = value.referral.history.filter((entry: { kind: string }) => entry.kind === 'status');
  expect(statusLines.map((entry: { to: string }) => entry.to)).toEqual(steps.map((step) => step.to));
  expect(statusLines.every((entry: { by: string; at: number }) => entry.by === 'JD' && entry.at > 0)).toBe(
    true,
  );
  expect(statusLines[0]).toMatchObject({ from: 'new', reason: 'authorization-pending' });
  expect(value.referral.nextFollowUpAt).toBeUndefined();

  // The popup opens on the day: a closed referral is in none of its groups, nothing is due.
  await extension.reload();
  await expect(extension.locator('.today-count')).toHaveText(['0', '0', '0', '0']);
});

test('an invalid transition is refused with a clear message and changes nothing', async ({
  page,
  ehrUrl,
  openExtensionPage,
}) => {
  await track(page, ehrUrl, 'R-1004');
  const extension = await openExtensionPage('popup.html');
  const [referral] = await queueIds(extension);
  if (!referral) throw new Error('nothing tracked');
  const skipAhead = await send(extension, {
    type: 'change-status',
    id: referral.id,
    version: referral.version,
    to: 'closed-completed',
  });
  expect(skipAhead).toEqual({
    ok: false,
    error: expect.stringContaining(
      'A referral that is New cannot move to Closed: completed. It can move to:',
    ),
  });
  const noReason = await send(extension, {
    type: 'change-status',
    id: referral.id,
    version: referral.version,
    to: 'waiting-on-info',
  });
  expect(noReason.error).toBe('Moving to Waiting on info needs a delay reason.');
  const stale = await send(extension, {
    type: 'change-status',
    id: referral.id,
    version: referral.version + 5,
    to: 'ready-to-send',
  });
  expect(stale.error).toContain('changed elsewhere');
  const { value } = await send(extension, { type: 'get-referral', id: referral.id });
  expect(value.referral).toMatchObject({ status: 'new', version: referral.version });
});

/** Three tracked referrals, two of them with a callback agreed for a second from now. */
async function twoOfThreeDueSoon(
  page: Page,
  ehrUrl: string,
  openExtensionPage: (path: string) => Promise<Page>,
) {
  const extension = await openExtensionPage('popup.html');
  for (const id of ['R-1001', 'R-1004', 'R-1009']) await trackNotYetDue(page, ehrUrl, id, extension);
  const soon = Date.now() + 1500;
  for (const { id, version } of (await queueIds(extension)).slice(0, 2)) {
    expect((await send(extension, { type: 'call-back-at', id, version, at: soon })).ok).toBe(true);
  }
  return extension;
}

test('overdue referrals raise exactly one notification, and the badge counts them', async ({
  page,
  ehrUrl,
  context,
  openExtensionPage,
}) => {
  await twoOfThreeDueSoon(page, ehrUrl, openExtensionPage);
  await expect
    .poll(() => inWorker(context, () => chrome.action.getBadgeText({})), { timeout: 20_000 })
    .toBe('2');
  const shown = await inWorker(context, () => chrome.notifications.getAll());
  expect(Object.keys(shown)).toEqual(['handoff-overdue']);
  // Another sweep later announces nothing new.
  await inWorker(context, () => chrome.notifications.clear('handoff-overdue'));
  // A sweep's last step re-arms the follow-up alarm (the third referral is due later): once that
  // alarm is back, the sweep has run to its end, past the point where it would have announced.
  await inWorker(context, () => chrome.alarms.clear('handoff-follow-up-due'));
  await inWorker(context, async () =>
    chrome.alarms.create('handoff-sweep', { when: Date.now() + 100, periodInMinutes: 15 }),
  );
  await expect
    .poll(() => inWorker(context, async () => Boolean(await chrome.alarms.get('handoff-follow-up-due'))), {
      timeout: 20_000,
    })
    .toBe(true);
  expect(await inWorker(context, () => chrome.notifications.getAll())).toEqual({});
  expect(await inWorker(context, () => chrome.action.getBadgeText({}))).toBe('2');
});

test('the follow-up alarm fires even after the service worker was stopped', async ({
  page,
  ehrUrl,
  context,
  openExtensionPage,
}) => {
  const extension = await openExtensionPage('popup.html');
  await trackNotYetDue(page, ehrUrl, 'R-1009', extension);
  const [referral] = await queueIds(extension);
  if (!referral) throw new Error('nothing tracked');
  await send(extension, {
    type: 'call-back-at',
    id: referral.id,
    version: referral.version,
    at: Date.now() + 4000,
  });
  const cdp = await context.newCDPSession(extension);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await expect
    .poll(async () =>
      (await cdp.send('Target.getTargets')).targetInfos.some((t) => t.type === 'service_worker'),
    )
    .toBe(false);
  // The alarm wakes a new worker, which sweeps: the notification and badge appear.
  await expect
    .poll(() => inWorker(context, () => chrome.notifications.getAll()), { timeout: 20_000 })
    .toHaveProperty('handoff-overdue');
  expect(await inWorker(context, () => chrome.action.getBadgeText({}))).toBe('1');
});

test('after a browser restart on the same profile, the queue is intact and reminders still fire', async ({
  ehrUrl,
}) => {
  const profile = mkdtempSync(join(tmpdir(), 'handoff-restart-'));
  try {
    let context = await launchWithExtension(profile);
    await extensionWorker(context);
    const page = await context.newPage();
    const extension = await context.newPage();
    await extension.goto(`chrome-extension://${CHROME_EXTENSION_ID}/popup.html`);
    await trackNotYetDue(page, ehrUrl, 'R-1001', extension);
    await trackNotYetDue(page, ehrUrl, 'R-1004', extension);
    const tracked = await queueIds(extension);
    expect(tracked).toHaveLength(2);
    const [first] = tracked;
    if (!first) throw new Error('nothing tracked');
    await send(extension, {
      type: 'call-back-at',
      id: first.id,
      version: first.version,
      at: Date.now() + 6000,
    });
    await context.close();

    context = await launchWithExtension(profile);
    await extensionWorker(context);
    const again = await context.newPage();
    await again.goto(`chrome-extension://${CHROME_EXTENSION_ID}/popup.html`);
    expect((await queueIds(again)).map((r) => r.id).sort()).toEqual(tracked.map((r) => r.id).sort());
    await expect
      .poll(() => inWorker(context, () => chrome.notifications.getAll()), { timeout: 20_000 })
      .toHaveProperty('handoff-overdue');
    expect(await inWorker(context, () => chrome.action.getBadgeText({}))).toBe('1');
    await context.close();
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});

/**
 * A click on the overdue notification, delivered to the background's own `notifications.onClicked`
 * listener. Headless Chromium shows notifications in no tray a test could click, and DevTools has
 * no command for it, so the click is dispatched on the browser's event object inside the service
 * worker: the same event, the same registered listener, only the user's pointer is missing.
 */
async function clickOverdueNotification(context: BrowserContext) {
  await expect
    .poll(async () => Object.keys(await inWorker(context, () => chrome.notifications.getAll())), {
      timeout: 20_000,
      message: 'the follow-up alarm raises the overdue notification',
    })
    .toEqual(['handoff-overdue']);
  const opened = context.waitForEvent('page');
  await inWorker(context, async () => {
    (chrome.notifications.onClicked as unknown as { dispatch: (id: string) => void }).dispatch(
      'handoff-overdue',
    );
  });
  const page = await opened;
  await expect.poll(() => page.url()).not.toBe('about:blank');
  return page;
}

test("clicking the overdue notification opens the one overdue referral's EHR page", async ({
  page,
  ehrUrl,
  context,
  openExtensionPage,
}) => {
  const extension = await openExtensionPage('popup.html');
  for (const id of ['R-1001', 'R-1004']) await trackNotYetDue(page, ehrUrl, id, extension);
  const referral = referralById('R-1004');
  const { value } = await send(extension, { type: 'list-referrals', limit: 10 });
  const target = value.referrals.find((r: { source: { pageUrl: string } }) =>
    r.source.pageUrl.endsWith(referralPath(referral as NonNullable<typeof referral>)),
  );
  expect(target).toBeDefined();
  const reply = await send(extension, {
    type: 'call-back-at',
    id: target.id,
    version: target.version,
    at: Date.now() + 1000,
  });
  expect(reply.ok).toBe(true);

  const opened = await clickOverdueNotification(context);
  expect(opened.url()).toBe(target.source.pageUrl);
  // The page opened is the referral itself: Handoff recognises it and shows that patient.
  await expect((await panel(opened)).locator('[data-field="patientName"]')).not.toBeEmpty();
  expect(await inWorker(context, () => chrome.notifications.getAll())).toEqual({});
});

test("clicking the overdue notification opens the dashboard's overdue list when several are overdue", async ({
  page,
  ehrUrl,
  context,
  openExtensionPage,
}) => {
  await twoOfThreeDueSoon(page, ehrUrl, openExtensionPage);
  const opened = await clickOverdueNotification(context);
  expect(opened.url()).toBe(`chrome-extension://${CHROME_EXTENSION_ID}/dashboard.html?overdue=1`);
  expect(await inWorker(context, () => chrome.notifications.getAll())).toEqual({});
});
