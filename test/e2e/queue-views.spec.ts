import { readdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { type DemoReferral, patientById, referrals } from '../demo-ehr/data';
import { referralPath } from '../demo-ehr/urls';
import { panel, patientName } from './demo';
import { EXTENSION_DIR, expect, test } from './fixtures';

/** One demo referral per screen style: three patients with different specialties. */
const DEMO = (['openemr', 'fhir', 'legacy'] as const).map((layout) => {
  const referral = referrals.find((r) => r.layout === layout && patientById(r.patientId)?.phone);
  if (!referral) throw new Error(`no demo referral in the ${layout} layout`);
  return referral;
});

/** Tracks the demo referrals from their EHR pages, as a coordinator would. */
async function trackDemoReferrals(page: Page, ehrUrl: string) {
  for (const referral of DEMO) {
    await page.goto(ehrUrl + referralPath(referral));
    await (await panel(page)).getByRole('button', { name: 'Track referral' }).click();
    await expect((await panel(page)).getByRole('status')).toContainText('In the queue');
  }
}

interface Tracked {
  id: string;
  version: number;
  name: string;
  status: string;
}

/** The queue as the background answers it, through the extension's own message contract. */
async function queueFromBackground(page: Page): Promise<Tracked[]> {
  return page.evaluate(async () => {
    const reply = await chrome.runtime.sendMessage({ type: 'query-queue', query: { limit: 100 } });
    return reply.value.referrals.map(
      (r: { id: string; version: number; patient: { name: string }; status: string }) => ({
        id: r.id,
        version: r.version,
        name: r.patient.name,
        status: r.status,
      }),
    );
  });
}

async function tracked(page: Page, referral: DemoReferral): Promise<Tracked> {
  const found = (await queueFromBackground(page)).find((r) => r.name === patientName(referral));
  if (!found) throw new Error(`${patientName(referral)} is not in the queue`);
  return found;
}

/** Sends one request as an extension page does and returns the background's reply. */
function sendFrom(page: Page, message: Record<string, unknown>) {
  return page.evaluate((m) => chrome.runtime.sendMessage(m), message) as Promise<
    { ok: true; value: unknown } | { ok: false; error: string }
  >;
}

const rowButtons = (page: Page) => page.locator('[data-row-main]');
const rowFor = (page: Page, referral: DemoReferral) =>
  page
    .locator('.qv-row, .qv-card')
    .filter({ has: page.getByRole('button', { name: patientName(referral) }) });

async function expectRows(page: Page, names: string[]) {
  await expect(page.locator('[aria-busy="false"]')).toHaveCount(1);
  await expect(rowButtons(page)).toHaveCount(names.length);
  expect((await rowButtons(page).allTextContents()).sort()).toEqual([...names].sort());
}

/** Presses Tab until `target` has focus: the keyboard is the only way in. */
async function tabTo(page: Page, target: Locator, limit = 40) {
  for (let presses = 0; presses < limit; presses += 1) {
    if (await target.evaluate((element) => element === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

test('the dashboard filters by state and overdue, and pages with a small page size', async ({
  page,
  ehrUrl,
  openExtensionPage,
}) => {
  await trackDemoReferrals(page, ehrUrl);
  const dashboard = await openExtensionPage('dashboard.html');
  const allNames = DEMO.map(patientName);
  await expectRows(dashboard, allNames);
  for (const referral of DEMO) {
    const row = rowFor(dashboard, referral);
    await expect(row).toContainText(referral.specialty);
    await expect(row).toContainText(referral.receivingOrganization);
    await expect(row).toContainText('New');
    await expect(row).toContainText('No outreach yet');
    await expect(row.getByRole('link', { name: /Open in EHR/ })).toHaveAttribute(
      'href',
      ehrUrl + referralPath(referral),
    );
  }

  // One referral overdue (a callback time agreed in the past), one sent.
  const [first, second, third] = DEMO as [DemoReferral, DemoReferral, DemoReferral];
  const late = await tracked(dashboard, first);
  expect(
    await sendFrom(dashboard, { type: 'call-back-at', id: late.id, at: Date.now() - 60_000 }),
  ).toMatchObject({ ok: true });
  const sent = await tracked(dashboard, second);
  expect(
    await sendFrom(dashboard, { type: 'change-status', id: sent.id, version: sent.version, to: 'sent' }),
  ).toMatchObject({ ok: true });
  await dashboard.reload();
  await expectRows(dashboard, allNames);
  await expect(rowFor(dashboard, first)).toContainText('Overdue');
  await expect(rowFor(dashboard, third)).not.toContainText('Overdue');

  await dashboard.getByLabel('Overdue only').check();
  await expectRows(dashboard, [patientName(first)]);
  await expect(dashboard).toHaveURL(/\?overdue=1$/);
  await dashboard.getByLabel('Overdue only').uncheck();
  await expectRows(dashboard, allNames);

  await dashboard.locator('.qv-states summary').click();
  await dashboard.getByRole('checkbox', { name: 'Sent' }).check();
  await expectRows(dashboard, [patientName(second)]);
  await dashboard.getByRole('checkbox', { name: 'New', exact: true }).check();
  await expectRows(dashboard, [patientName(first), patientName(third), patientName(second)]);

  await dashboard.getByRole('searchbox', { name: 'Search' }).fill(patientName(third).split(' ')[0] ?? '');
  await expectRows(dashboard, [patientName(third)]);

  // The address a notification click opens, and the states an address can carry.
  const overdueView = await openExtensionPage('dashboard.html?overdue=1');
  await expectRows(overdueView, [patientName(first)]);
  await expect(overdueView.getByLabel('Overdue only')).toBeChecked();
  const sentView = await openExtensionPage('dashboard.html?state=sent&state=scheduled');
  await expectRows(sentView, [patientName(second)]);

  // Paging: two per page, through the `next` cursor and back through the stack of cursors.
  const paged = await openExtensionPage('dashboard.html?limit=2');
  await expect(rowButtons(paged)).toHaveCount(2);
  await expect(paged.locator('caption')).toHaveText('Referrals, page 1 (2 shown)');
  const pageOne = await rowButtons(paged).allTextContents();
  await paged.getByRole('button', { name: 'Next page' }).click();
  await expect(paged.locator('caption')).toHaveText('Referrals, page 2 (1 shown)');
  const pageTwo = await rowButtons(paged).allTextContents();
  expect([...pageOne, ...pageTwo].sort()).toEqual([...allNames].sort());
  await expect(paged.getByRole('button', { name: 'Next page' })).toHaveAttribute('aria-disabled', 'true');
  await paged.getByRole('button', { name: 'Previous page' }).click();
  await expect(paged.locator('caption')).toHaveText('Referrals, page 1 (2 shown)');
  expect(await rowButtons(paged).allTextContents()).toEqual(pageOne);
  await paged.getByLabel('Per page').selectOption('10');
  await expectRows(paged, allNames);
  await expect(paged.getByRole('navigation', { name: 'Pages' })).toHaveCount(0);
});

test("a referral's state changes with the keyboard only, and a reason is asked for first", async ({
  page,
  ehrUrl,
  openExtensionPage,
}) => {
  await trackDemoReferrals(page, ehrUrl);
  const dashboard = await openExtensionPage('dashboard.html');
  await expectRows(dashboard, DEMO.map(patientName));
  const rows = rowButtons(dashboard);
  const names = await rows.allTextContents();

  // Tab reaches the list on one row; the arrow keys move between rows.
  await tabTo(dashboard, rows.first());
  await dashboard.keyboard.press('ArrowDown');
  await expect(rows.nth(1)).toBeFocused();
  await dashboard.keyboard.press('End');
  await expect(rows.nth(2)).toBeFocused();
  await dashboard.keyboard.press('ArrowUp');
  await expect(rows.nth(1)).toBeFocused();
  await expect(rows.nth(1)).toHaveAttribute('tabindex', '0');
  await expect(rows.first()).toHaveAttribute('tabindex', '-1');

  // Enter opens the row's details and actions.
  await dashboard.keyboard.press('Enter');
  await expect(rows.nth(1)).toHaveAttribute('aria-expanded', 'true');
  const details = dashboard.locator('.qv-actions');
  await expect(details).toContainText(names[1] ?? '');
  const changeState = details.getByRole('button', { name: 'Change state' });
  await tabTo(dashboard, changeState);
  await dashboard.keyboard.press('Enter');

  // The form opens on the new-state select; typing picks an option.
  const newState = details.getByLabel('New state');
  await expect(newState).toBeFocused();
  await dashboard.keyboard.type('Waiting');
  await expect(newState).toHaveValue('waiting-on-info');
  await tabTo(dashboard, details.getByRole('button', { name: 'Save state' }));
  await dashboard.keyboard.press('Enter');
  const reason = details.getByLabel('Reason', { exact: true });
  await expect(details.getByRole('alert')).toHaveText(
    'Waiting on info needs a reason: choose one from the list.',
  );
  await expect(reason).toBeFocused();
  await expect(reason).toHaveAttribute('aria-invalid', 'true');

  await dashboard.keyboard.type('Prior');
  await expect(reason).toHaveValue('authorization-pending');
  await tabTo(dashboard, details.getByRole('button', { name: 'Save state' }));
  await dashboard.keyboard.press('Space');
  await expect(dashboard.getByRole('status')).toHaveText(`${names[1]}: moved to Waiting on info.`);
  await expect(dashboard.locator('.qv-row').nth(1)).toContainText('Waiting on info');
  const saved = (await queueFromBackground(dashboard)).find((r) => r.name === names[1]);
  expect(saved?.status).toBe('waiting-on-info');
  // Focus went back to the button that opened the form.
  await expect(changeState).toBeFocused();
});

test('refused changes are explained: an invalid transition and a stale write', async ({
  page,
  ehrUrl,
  openExtensionPage,
}) => {
  await trackDemoReferrals(page, ehrUrl);
  const dashboard = await openExtensionPage('dashboard.html');
  const target = await tracked(dashboard, DEMO[0] as DemoReferral);

  // Straight through the message contract: a new referral cannot be closed as completed.
  const invalid = await sendFrom(dashboard, {
    type: 'change-status',
    id: target.id,
    version: target.version,
    to: 'closed-completed',
  });
  expect(invalid).toEqual({
    ok: false,
    error:
      'A referral that is New cannot move to Closed: completed. It can move to: Waiting on info, Ready to send, Sent, Needs patient action, Scheduled, Closed: not completed.',
  });
  const noReason = await sendFrom(dashboard, {
    type: 'change-status',
    id: target.id,
    version: target.version,
    to: 'declined',
  });
  expect(noReason).toMatchObject({ ok: false, error: expect.stringContaining('cannot move to Declined') });

  // The referral changes in another window while the view's form is open.
  await dashboard.goto(dashboard.url().replace(/dashboard\.html.*$/, `dashboard.html?id=${target.id}`));
  const details = dashboard.locator('.qv-actions');
  await expect(details).toContainText(patientName(DEMO[0] as DemoReferral));
  await details.getByRole('button', { name: 'Change state' }).click();
  await details.getByLabel('New state').selectOption('ready-to-send');
  const elsewhere = await openExtensionPage('popup.html');
  expect(
    await sendFrom(elsewhere, { type: 'call-back-at', id: target.id, at: Date.now() + 3_600_000 }),
  ).toMatchObject({ ok: true });
  // A write still based on the copy read before is refused, and says why.
  const stale = await sendFrom(elsewhere, {
    type: 'change-status',
    id: target.id,
    version: target.version,
    to: 'ready-to-send',
  });
  expect(stale).toMatchObject({
    ok: false,
    error: expect.stringContaining('This referral was changed elsewhere'),
  });
  // The open view refreshed at once (every change is signalled), so its save is based on the fresh copy.
  await dashboard.bringToFront();
  await details.getByRole('button', { name: 'Save state' }).click();
  await expect(dashboard.getByRole('status')).toContainText('moved to Ready to send');
  expect((await tracked(dashboard, DEMO[0] as DemoReferral)).status).toBe('ready-to-send');
});

test('an outreach attempt is logged from the row, a call back is agreed, and a booked one asks for the appointment', async ({
  page,
  ehrUrl,
  openExtensionPage,
}) => {
  await trackDemoReferrals(page, ehrUrl);
  const dashboard = await openExtensionPage('dashboard.html');
  const referral = DEMO[2] as DemoReferral;
  await expectRows(dashboard, DEMO.map(patientName));
  await dashboard.getByRole('button', { name: patientName(referral) }).click();
  const details = dashboard.locator('.qv-actions');
  await details.getByRole('button', { name: 'Log outreach' }).click();
  await details.getByLabel('Contacted').selectOption('patient');
  await details.getByLabel('Channel').selectOption('voicemail');
  await details.getByLabel('Outcome').selectOption('scheduled');
  await details.getByRole('button', { name: 'Log attempt' }).click();
  await expect(details.getByRole('alert')).toHaveText('Enter the appointment date and time.');

  await details.getByLabel('Outcome').selectOption('left-voicemail');
  await details.getByRole('checkbox', { name: 'Transportation' }).check();
  await details.getByLabel('Note (optional)').fill('Asked for a call back after 4 pm.');
  await details.getByRole('button', { name: 'Log attempt' }).click();
  await expect(dashboard.getByRole('status')).toHaveText(
    `${patientName(referral)}: outreach attempt logged.`,
  );
  await expect(rowFor(dashboard, referral)).toContainText('Left voicemail · 1 attempt');

  // The patient asked to be called back at a time: the next follow-up is that time.
  await details.getByRole('button', { name: 'Snooze or call back' }).click();
  await details.getByLabel('Next follow-up').selectOption('callback');
  await details.getByLabel('Call back at').fill('2027-01-05T16:30');
  await expect(details.getByText('Next follow-up: Tue, Jan 5, 4:30 PM, within working hours.')).toBeVisible();
  expect((await new AxeBuilder({ page: dashboard }).include('.qv-actions').analyze()).violations).toEqual([]);
  await details.getByRole('button', { name: 'Save follow-up' }).click();
  await expect(dashboard.getByRole('status')).toHaveText(
    `${patientName(referral)}: next follow-up Tue, Jan 5, 4:30 PM.`,
  );
  await expect(details.getByText('Call back agreed for Tue, Jan 5, 4:30 PM')).toBeVisible();

  // Booked on the phone: the appointment moves the referral to Scheduled.
  await details.getByRole('button', { name: 'Log outreach' }).click();
  await details.getByLabel('Outcome').selectOption('scheduled');
  await details.getByLabel('Appointment').fill('2026-12-10T09:30');
  await details.getByRole('button', { name: 'Log attempt' }).click();
  await expect(rowFor(dashboard, referral)).toContainText('Scheduled · 2 attempts');
  await expect(rowFor(dashboard, referral)).toContainText('Scheduled');
  expect((await tracked(dashboard, referral)).status).toBe('scheduled');
});

test('the side panel page renders the queue, and both views pass axe-core', async ({
  page,
  ehrUrl,
  openExtensionPage,
}, testInfo) => {
  // Five axe-core runs over extension pages: slower than the rest on a busy machine.
  test.setTimeout(180_000);
  await trackDemoReferrals(page, ehrUrl);
  const dashboard = await openExtensionPage('dashboard.html');
  const late = await tracked(dashboard, DEMO[1] as DemoReferral);
  await sendFrom(dashboard, { type: 'call-back-at', id: late.id, at: Date.now() - 60_000 });
  await dashboard.reload();
  await expectRows(dashboard, DEMO.map(patientName));
  expect((await new AxeBuilder({ page: dashboard }).analyze()).violations).toEqual([]);

  // With a row's details and the change-state form open, and the state filter unfolded.
  await dashboard.getByRole('button', { name: patientName(DEMO[0] as DemoReferral) }).click();
  await dashboard.locator('.qv-actions').getByRole('button', { name: 'Change state' }).click();
  await dashboard.locator('.qv-actions').getByLabel('New state').selectOption('closed-not-completed');
  expect((await new AxeBuilder({ page: dashboard }).analyze()).violations).toEqual([]);
  await dashboard.screenshot({ path: testInfo.outputPath('dashboard.png'), fullPage: true });
  await dashboard.locator('.qv-actions').getByRole('button', { name: 'Log outreach' }).click();
  await dashboard.locator('.qv-states summary').click();
  expect((await new AxeBuilder({ page: dashboard }).analyze()).violations).toEqual([]);

  const sidePanel = await openExtensionPage('sidepanel.html');
  await sidePanel.setViewportSize({ width: 360, height: 800 });
  await expect(sidePanel.getByRole('heading', { level: 1 })).toHaveText('Referral queue');
  const list = sidePanel.getByRole('list', { name: /Referrals, page 1/ });
  await expect(list.getByRole('listitem')).toHaveCount(3);
  await expect(list.getByRole('heading', { level: 3 })).toHaveCount(3);
  await expect(rowFor(sidePanel, DEMO[1] as DemoReferral)).toContainText('Overdue');
  expect((await new AxeBuilder({ page: sidePanel }).analyze()).violations).toEqual([]);
  await list.getByRole('button', { name: patientName(DEMO[1] as DemoReferral) }).click();
  await sidePanel.locator('.qv-actions').getByRole('button', { name: 'Log outreach' }).click();
  expect((await new AxeBuilder({ page: sidePanel }).analyze()).violations).toEqual([]);
  await sidePanel.screenshot({ path: testInfo.outputPath('sidepanel.png'), fullPage: true });
});

test('the popup opens the dashboard and offers the side panel', async ({ context, openExtensionPage }) => {
  const popup = await openExtensionPage('popup.html');
  await expect(popup.getByRole('button', { name: 'Open side panel' })).toBeVisible();
  const opened = context.waitForEvent('page');
  await popup.getByRole('button', { name: 'Open dashboard' }).click();
  const dashboard = await opened;
  await expect(dashboard).toHaveURL(/\/dashboard\.html$/);
  await expect(dashboard.getByRole('heading', { level: 1 })).toHaveText('Referral queue');
});

test('records go requested → received → sent, and the unacknowledged send comes due until the office confirms', async ({
  page,
  ehrUrl,
  openExtensionPage,
  serviceWorker,
}) => {
  await trackDemoReferrals(page, ehrUrl);
  const referral = DEMO[0] as DemoReferral;
  const name = patientName(referral);
  const dashboard = await openExtensionPage('dashboard.html');
  await expectRows(dashboard, DEMO.map(patientName));
  await dashboard.getByRole('button', { name }).click();
  const details = dashboard.locator('.qv-actions');
  const records = details.locator('.qv-records');
  await expect(records).toContainText('Not sent to the receiving office yet.');
  await expect(records).toContainText('No records tracked yet.');

  // From the keyboard: the request form opens on its first field and says what is missing.
  await tabTo(dashboard, details.getByRole('button', { name: 'Request a record' }));
  await dashboard.keyboard.press('Enter');
  const recordName = details.getByLabel('Record', { exact: true });
  await expect(recordName).toBeFocused();
  await tabTo(dashboard, details.getByRole('button', { name: 'Save request' }));
  await dashboard.keyboard.press('Enter');
  await expect(details.getByRole('alert')).toHaveText('Name the record that was requested.');
  await expect(recordName).toBeFocused();
  await dashboard.keyboard.type('Echocardiogram report');
  await dashboard.keyboard.press('Tab');
  await dashboard.keyboard.type('Riverbend Imaging');
  await dashboard.keyboard.press('Enter');
  const status = dashboard.getByRole('status');
  await expect(status).toHaveText(`${name}: Echocardiogram report requested.`);
  const row = records.getByRole('row', { name: /Echocardiogram report/ });
  await expect(row).toContainText('from Riverbend Imaging');

  await row.getByRole('button', { name: 'Mark received Echocardiogram report' }).click();
  await expect(status).toHaveText(`${name}: Echocardiogram report received.`);
  await expect(row.getByRole('button', { name: /Mark received/ })).toHaveCount(0);
  const markSent = row.getByRole('button', { name: 'Mark sent Echocardiogram report' });
  await tabTo(dashboard, markSent);
  await dashboard.keyboard.press('Enter');
  await expect(status).toHaveText(`${name}: Echocardiogram report sent to the receiving office.`);
  await expect(row.getByRole('button')).toHaveCount(0);
  await expect(records).toContainText('receipt not confirmed yet');

  // The packet is sent: the follow-up is now the office's acknowledgment service level.
  await details.getByRole('button', { name: 'Change state' }).click();
  await details.getByLabel('New state').selectOption('sent');
  // The panel found the packet complete when it was tracked (its records are read on this screen).
  await details.getByRole('button', { name: 'Save state' }).click();
  await expect(status).toHaveText(`${name}: moved to Sent.`);
  await expect(records).toContainText(/receipt not confirmed yet\. Follow up /);
  expect((await new AxeBuilder({ page: dashboard }).analyze()).violations).toEqual([]);
  const overdueNow = await openExtensionPage('dashboard.html?overdue=1&state=sent');
  await expect(overdueNow.locator('.qv-empty')).toBeVisible();

  // Five calendar days on (at least three business days), the unconfirmed send has come due.
  await serviceWorker.evaluate(() => {
    const real = Date.now.bind(Date);
    Date.now = () => real() + 5 * 86_400_000;
  });
  const overdueLater = await openExtensionPage('dashboard.html?overdue=1&state=sent');
  await expectRows(overdueLater, [name]);

  // The office confirms and gives the next step: the send is no longer waiting on it.
  await overdueLater.getByRole('button', { name }).click();
  const later = overdueLater.locator('.qv-actions');
  await later.getByRole('button', { name: 'Record acknowledgment' }).click();
  await later
    .getByLabel('Next step the office gave (optional)')
    .fill('Office will call the patient to book.');
  await later.getByRole('button', { name: 'Save acknowledgment' }).click();
  await expect(overdueLater.getByRole('status')).toHaveText(
    `${name}: the receiving office confirmed receipt.`,
  );
  await overdueLater.getByRole('button', { name }).click();
  const { id } = await tracked(overdueLater, referral);
  const confirmedView = await openExtensionPage(`dashboard.html?id=${id}`);
  const confirmed = confirmedView.locator('.qv-records');
  await expect(confirmed).toContainText('The receiving office confirmed receipt');
  await expect(confirmed).toContainText('Next step: Office will call the patient to book.');
  await expect(confirmed).not.toContainText('receipt not confirmed');
  // What is still due is the urgent referral's first contact with the patient; once the next
  // step is passed on to them, the referral leaves the overdue list.
  await confirmedView.locator('.qv-actions').getByRole('button', { name: 'Log outreach' }).click();
  await confirmedView.locator('.qv-actions').getByLabel('Outcome').selectOption('reached');
  await confirmedView.locator('.qv-actions').getByRole('button', { name: 'Log attempt' }).click();
  await expect(confirmedView.getByRole('status')).toHaveText(`${name}: outreach attempt logged.`);
  await overdueLater.reload();
  await expect(overdueLater.locator('.qv-empty')).toBeVisible();
});

test("no extension page asks for what its security policy forbids (zod's eval probe once did)", async ({
  context,
  openExtensionPage,
}) => {
  // Each refusal is a console error an admin would see, and a report the browser files.
  await context.addInitScript(() => {
    const refused: string[] = [];
    Object.assign(window, { refused });
    addEventListener('securitypolicyviolation', (event) => refused.push(event.violatedDirective));
  });
  // Every page the build has, so a page added later is looked at too.
  const pages = readdirSync(EXTENSION_DIR).filter((file) => file.endsWith('.html'));
  expect(pages.length).toBeGreaterThanOrEqual(8);
  for (const path of pages) {
    // Loaded: its module scripts, and every schema they build, have run.
    const page = await openExtensionPage(path);
    expect(await page.evaluate(() => (window as unknown as { refused: string[] }).refused), path).toEqual([]);
    await page.close();
  }
});
