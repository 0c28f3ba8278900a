import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import type { Download, Page } from '@playwright/test';
import type { Bundle } from 'fhir/r4';
import Papa from 'papaparse';
import { patientById, referrals } from '../demo-ehr/data';
import { referralPath } from '../demo-ehr/urls';
import { fhirR4Errors } from '../fhir-validator';
import { panel } from './demo';
import { expect, test } from './fixtures';

/** One demo referral per screen style (synthetic patients). */
const DEMO = (['openemr', 'fhir', 'legacy'] as const).map((layout) => {
  const referral = referrals.find((r) => r.layout === layout && patientById(r.patientId)?.phone);
  if (!referral) throw new Error(`no demo referral in the ${layout} layout`);
  return referral;
});

interface Tracked {
  id: string;
  version: number;
  orderNumber?: string;
  authoredOn?: string;
  createdAt: number;
}

/**
 * Moves the tracked referrals along through the extension's own message contract, each change
 * made on the version the previous one returned: the first is sent, acknowledged, reached,
 * scheduled and closed as completed; the second gets an unanswered call and waits on insurance
 * information; the third stays new.
 */
async function driveReferrals(page: Page, orderNumbers: string[]) {
  return page.evaluate(async (orders) => {
    const send = async (message: Record<string, unknown>) => {
      const reply = await chrome.runtime.sendMessage(message);
      if (!reply?.ok) throw new Error(`${String(message.type)}: ${reply?.error}`);
      return reply.value;
    };
    const { referrals } = (await send({ type: 'query-queue', query: { sort: 'oldest', limit: 10 } })) as {
      referrals: Tracked[];
    };
    const byOrder = (order: string | undefined) => {
      const found = referrals.find((r) => r.orderNumber === order);
      if (!found) throw new Error(`referral ${order} is not in the queue`);
      return found;
    };
    const step = async (referral: { id: string; version: number }, change: Record<string, unknown>) =>
      ((await send({ ...change, id: referral.id, version: referral.version })) as { referral: Tracked })
        .referral;

    let done = byOrder(orders[0]);
    // The demo packet lacks an item the checklist requires: sending it takes a stated reason.
    done = await step(done, { type: 'change-status', to: 'sent', packetOverride: 'Records follow by fax' });
    done = await step(done, { type: 'acknowledge', note: 'Received by the front desk' });
    done = await step(done, { type: 'log-outreach', party: 'patient', channel: 'phone', outcome: 'reached' });
    done = await step(done, {
      type: 'change-status',
      to: 'scheduled',
      appointmentAt: Date.now() + 7 * 24 * 60 * 60 * 1000,
    });
    done = await step(done, { type: 'change-status', to: 'closed-completed' });

    let waiting = byOrder(orders[1]);
    waiting = await step(waiting, {
      type: 'log-outreach',
      party: 'patient',
      channel: 'phone',
      outcome: 'no-answer',
    });
    waiting = await step(waiting, {
      type: 'change-status',
      to: 'waiting-on-info',
      reason: 'missing-insurance',
    });
    return referrals;
  }, orderNumbers);
}

/** A local date as a date input takes it. */
function inputDate(at: number): string {
  const date = new Date(at);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

async function downloadText(page: Page, button: string): Promise<{ download: Download; text: string }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button }).click(),
  ]);
  return { download, text: await readFile(await download.path(), 'utf8') };
}

const parseCsv = (text: string) =>
  Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });

test('metrics and exports: figures of tracked referrals, three downloads, no axe violations', async ({
  page,
  ehrUrl,
  openExtensionPage,
}) => {
  test.setTimeout(120_000);
  for (const referral of DEMO) {
    await page.goto(ehrUrl + referralPath(referral));
    await (await panel(page)).getByRole('button', { name: 'Track referral' }).click();
    await expect((await panel(page)).getByRole('status')).toContainText('In the queue');
  }

  const metrics = await openExtensionPage('metrics.html');
  const requests: string[] = [];
  metrics.on('request', (request) => requests.push(request.url()));
  const tracked = await driveReferrals(
    metrics,
    DEMO.map((r) => r.orderNumber),
  );
  expect(tracked).toHaveLength(3);

  // A period that holds every tracked referral whatever day the test runs: from the earliest
  // order date to today, picked with the keyboard-operable custom dates.
  const ordered = tracked.map((r) =>
    r.authoredOn ? new Date(`${r.authoredOn}T00:00`).getTime() : r.createdAt,
  );
  await metrics.reload();
  await metrics.getByRole('radio', { name: 'Custom dates' }).check();
  await metrics.getByLabel('From', { exact: true }).fill(inputDate(Math.min(...ordered)));
  await metrics.getByLabel('To (inclusive)').fill(inputDate(Date.now()));
  await metrics.getByLabel('To (inclusive)').press('Enter');
  await expect(metrics.getByRole('status').first()).toContainText('3 referrals ordered');

  // One of three closed as completed (sent is not done); one scheduled; one of two calls reached.
  await expect(metrics.locator('[data-figure="completion-rate"]')).toHaveText('33.3%');
  await expect(metrics.locator('[data-figure="scheduled-rate"]')).toHaveText('33.3%');
  await expect(metrics.locator('[data-figure="contact-success"]')).toHaveText('50%');
  await expect(metrics.locator('[data-figure="partner-acknowledgment"]')).toHaveText('100%');
  await expect(metrics.locator('[data-figure="first-outreach-median"]')).not.toHaveText('no data yet');
  const pending = metrics.locator('[data-table="pending-by-age"]');
  await expect(pending.getByRole('rowheader', { name: 'New' })).toBeVisible();
  await expect(pending.getByRole('rowheader', { name: 'Waiting on info' })).toBeVisible();
  await expect(metrics.locator('[data-table="delay-reasons"]')).toContainText(
    'Missing insurance information',
  );
  // Each figure has its definition beside it.
  await expect(metrics.locator('#completion .definition').first()).toContainText('closed as completed');
  // The chart's data table opens from the keyboard.
  const summary = metrics.locator('#contact summary');
  await summary.focus();
  await metrics.keyboard.press('Enter');
  await expect(metrics.locator('#contact table')).toContainText('Phone');

  const queue = await downloadText(metrics, 'Queue (CSV)');
  expect(queue.download.suggestedFilename()).toMatch(
    /^handoff-queue-\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv$/,
  );
  const queueRows = parseCsv(queue.text);
  expect(queueRows.errors).toEqual([]);
  expect(queueRows.data.map((row) => row.state).sort()).toEqual([
    'closed-completed',
    'new',
    'waiting-on-info',
  ]);
  expect(queueRows.data.find((row) => row.state === 'waiting-on-info')).toMatchObject({
    status_reason: 'missing-insurance',
    outreach_attempts: '1',
    last_outreach_outcome: 'no-answer',
  });

  const metricsFile = await downloadText(metrics, 'Metrics (CSV)');
  expect(metricsFile.download.suggestedFilename()).toMatch(/^handoff-metrics-.*\.csv$/);
  const metricRows = parseCsv(metricsFile.text);
  expect(metricRows.errors).toEqual([]);
  const completion = metricRows.data.find((row) => row.metric === 'completion_rate');
  expect(completion).toMatchObject({ count: '1', total: '3', unit: 'ratio' });
  expect(Number(completion?.value)).toBeCloseTo(1 / 3);
  // Definitions are written by the background in the browser's language.
  expect(completion?.definition).toContain('closed as completed');

  // The FHIR Bundle, saved from the keyboard this time.
  await metrics.getByRole('button', { name: 'FHIR R4 Bundle (JSON)' }).focus();
  const [fhirDownload] = await Promise.all([
    metrics.waitForEvent('download'),
    metrics.keyboard.press('Enter'),
  ]);
  expect(fhirDownload.suggestedFilename()).toMatch(/\.fhir\.json$/);
  const bundle = JSON.parse(await readFile(await fhirDownload.path(), 'utf8')) as Bundle;
  expect(fhirR4Errors(bundle)).toEqual([]);
  const types = (bundle.entry ?? []).map((entry) => entry.resource?.resourceType);
  expect(types.filter((type) => type === 'Task')).toHaveLength(3);
  expect(types.filter((type) => type === 'ServiceRequest')).toHaveLength(3);
  expect(types.filter((type) => type === 'Communication')).toHaveLength(2);
  const statuses = (bundle.entry ?? []).flatMap((entry) =>
    entry.resource?.resourceType === 'Task' ? [entry.resource.status] : [],
  );
  expect(statuses.sort()).toEqual(['completed', 'on-hold', 'requested']);

  expect((await new AxeBuilder({ page: metrics }).analyze()).violations).toEqual([]);
  // Everything came from the extension itself: the page asked nothing of the network.
  expect(requests.filter((url) => !/^(chrome-extension|blob|data):/.test(url))).toEqual([]);
});
