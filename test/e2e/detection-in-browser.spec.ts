import type { Page, Worker } from '@playwright/test';
import { bundleDetection } from '../../bench/suites/detection';
import { referralById } from '../demo-ehr/data';
import { openemrDemographicsPath, referralPath } from '../demo-ehr/urls';
import { detectionSignal, expectNoPanel, panel, panelHost } from './demo';
import { expect, test } from './fixtures';

/**
 * Sends a panel command from the background the way the context menu and keyboard shortcut do.
 * Without the `tabs` permission the worker cannot see tab URLs, so every tab is told; only tabs
 * with Handoff's content script answer.
 */
async function commandTabs(worker: Worker, type: 'open-panel-manually' | 'toggle-panel') {
  await worker.evaluate(async (type) => {
    for (const tab of await chrome.tabs.query({})) {
      if (tab.id !== undefined)
        await chrome.tabs.sendMessage(tab.id, { type }, { frameId: 0 }).catch(() => {});
    }
  }, type);
}

test('"Not a referral" asks first, removes the panel, is remembered for that page, and can be undone from the right-click menu', async ({
  page,
  ehrUrl,
  serviceWorker,
}) => {
  const referral = referralById('R-1004');
  if (!referral) throw new Error('demo referral missing');
  await page.goto(ehrUrl + referralPath(referral));
  const shown = await panel(page);
  await shown.getByRole('button', { name: 'Not a referral' }).click();
  await expect(shown.getByRole('group', { name: /Not a referral\?/ })).toBeVisible();
  await shown.getByRole('button', { name: 'Hide on this page' }).click();
  await expect(shown.getByRole('status')).toContainText('Hidden on this page');
  // The click removes the very frame it lands in: a dispatched click, as Playwright's input
  // pipeline can wait for that frame's acknowledgment until the test times out.
  await shown.getByRole('button', { name: 'Close the panel' }).dispatchEvent('click');
  await expect(panelHost(page)).toHaveCount(0);
  await page.reload();
  await expectNoPanel(page, page.mainFrame(), 'dismissed');

  // "Track this page as a referral" brings the page's own panel back, offering to undo.
  await commandTabs(serviceWorker, 'open-panel-manually');
  const back = await panel(page);
  await expect(back.getByRole('status')).toContainText('Hidden on this page');
  await back.getByRole('button', { name: 'Undo: show the panel here' }).click();
  await expect(back.getByRole('tab', { name: 'Details' })).toBeVisible();
  await page.reload();
  await expect((await panel(page)).getByRole('tab', { name: 'Details' })).toBeVisible();
});

test('a page detection missed can be tracked by hand, prefilled with what the page shows', async ({
  page,
  ehrUrl,
  serviceWorker,
  openExtensionPage,
}) => {
  const url = ehrUrl + openemrDemographicsPath('P-002');
  await page.goto(url);
  await expectNoPanel(page);

  await commandTabs(serviceWorker, 'open-panel-manually');
  const form = await panel(page);
  await expect(form.getByText('Fill in what the page does not show')).toBeVisible();
  // The name is read from the chart even though the page is not a referral.
  await expect(form.getByLabel('Patient', { exact: true })).not.toHaveValue('');
  await form.getByLabel('Specialty').fill('Podiatry');
  await form.getByLabel('Reason').fill('Diabetic foot check requested by phone.');
  await form.getByLabel('Priority').selectOption('urgent');
  await form.getByRole('button', { name: 'Track referral' }).click();
  await expect(form.getByRole('status')).toContainText('In the queue');
  await expect(form.locator('[data-field="specialty"]')).toHaveText('Podiatry');

  const popup = await openExtensionPage('popup.html');
  await expect(popup.getByRole('listitem')).toHaveCount(1);
  await expect(popup.getByRole('listitem').first()).toContainText('Podiatry');
});

test('the keyboard command collapses and expands the panel, and the panel remembers it', async ({
  page,
  ehrUrl,
  serviceWorker,
}) => {
  const referral = referralById('R-1001');
  if (!referral) throw new Error('demo referral missing');
  const url = ehrUrl + referralPath(referral);
  await page.goto(url);
  await expect((await panel(page)).getByRole('button', { name: 'Track referral' })).toBeVisible();
  await commandTabs(serviceWorker, 'toggle-panel');
  await expect((await panel(page)).getByRole('button', { name: 'Track referral' })).toHaveCount(0);
  await page.reload();
  await expect((await panel(page)).getByRole('button', { name: 'Expand Handoff panel' })).toBeVisible();
  await (await panel(page)).getByRole('button', { name: 'Expand Handoff panel' }).click();
  await expect((await panel(page)).getByRole('button', { name: 'Track referral' })).toBeVisible();
});

test('the panel can be moved to the other side of the screen', async ({
  page,
  ehrUrl,
  openExtensionPage,
}) => {
  const referral = referralById('R-1003');
  if (!referral) throw new Error('demo referral missing');
  await page.goto(ehrUrl + referralPath(referral));
  const host = panelHost(page);
  await expect((await panel(page)).getByRole('button', { name: 'Move panel to the left' })).toBeVisible();
  const right = await host.boundingBox();
  await (await panel(page)).getByRole('button', { name: 'Move panel to the left' }).click();
  await expect.poll(async () => (await host.boundingBox())?.x).toBeLessThan(right?.x ?? 0);
  const left = await host.boundingBox();
  expect(left && right && left.x < 40 && right.x > 900).toBe(true);
  // The side is the coordinator's panel-position setting, the one the options page shows.
  const options = await openExtensionPage('options.html');
  await expect(options.getByRole('radio', { name: 'Left' })).toBeChecked();
});

test('a page that removes the panel gets it back, once', async ({ page, ehrUrl }) => {
  const referral = referralById('R-1001');
  if (!referral) throw new Error('demo referral missing');
  await page.goto(ehrUrl + referralPath(referral));
  await expect(panelHost(page)).toHaveCount(1);
  await page.evaluate(() => document.querySelector('[data-handoff-panel]')?.remove());
  // Any later change to the page makes Handoff look again within its watch window.
  await page.evaluate(() => document.body.append(document.createElement('div')));
  await expect(panelHost(page)).toHaveCount(1);
});

test('a referral inside a same-origin frame (OpenEMR’s tabbed shell) gets its panel in that frame', async ({
  page,
  ehrUrl,
}) => {
  await page.goto(`${ehrUrl}/openemr/interface/main/tabs/main.php?pid=P-001&transid=R-1001`);
  await expect.poll(() => page.frame({ name: 'pat' })?.url() ?? '').toContain('transid=R-1001');
  const chart = page.frame({ name: 'pat' });
  if (!chart) throw new Error('the OpenEMR chart frame is missing');
  await expect((await panel(page, chart)).locator('[data-field="patientName"]')).toHaveText(
    'Margaret Okafor',
  );
  await expect(panelHost(page)).toHaveCount(0);
});

test('a tracked referral still shows as tracked after the panel is collapsed and expanded', async ({
  page,
  ehrUrl,
}) => {
  const referral = referralById('R-1009');
  if (!referral) throw new Error('demo referral missing');
  await page.goto(ehrUrl + referralPath(referral));
  await (await panel(page)).getByRole('button', { name: 'Track referral' }).click();
  await expect((await panel(page)).getByRole('status')).toContainText('In the queue');
  await (await panel(page)).getByRole('button', { name: 'Collapse Handoff panel' }).click();
  await (await panel(page)).getByRole('button', { name: 'Expand Handoff panel' }).click();
  await expect((await panel(page)).getByRole('status')).toContainText('In the queue');
});

/**
 * Detection on its own in Chromium, where visibility is the browser's own answer
 * (`checkVisibility`) rather than jsdom's approximation of it.
 */
test.describe('detection in Chromium reads only what the user sees', () => {
  const referral = (rows: [string, string][]) =>
    `<table><tbody>${rows.map(([label, value]) => `<tr><td>${label}</td><td>${value}</td></tr>`).join('')}</tbody></table>`;

  async function detectOn(page: Page, body: string) {
    await page.setContent(`<!doctype html><title>Chart</title><body>${body}</body>`);
    await page.addScriptTag({ content: await bundleDetection('__handoffDetection') });
    return page.evaluate(() => {
      const api = (
        window as unknown as {
          __handoffDetection: typeof import('../../src/detection/detect-referral') &
            typeof import('../../src/detection/builtin-profiles');
        }
      ).__handoffDetection;
      return (
        api.detectReferral(document, 'https://ehr.example.test/chart', api.BUILTIN_PROFILES)?.fields ?? null
      );
    });
  }

  test('a hidden tab is skipped, but a block whose page style shows it despite `hidden` is read', async ({
    page,
  }) => {
    const fields = await detectOn(
      page,
      `<style>.always-open { display: block; }</style>
      <h2>Referral</h2>
      <div role="tabpanel" hidden>${referral([
        ['Refer To', 'Dr. Hidden Draft'],
        ['Priority', 'Stat'],
      ])}</div>
      <div class="always-open" hidden>${referral([
        ['Refer To', 'Dr. Jordan Example'],
        ['Specialty', 'Cardiology'],
      ])}</div>
      <details><summary>Raw</summary><p>Diagnosis: Z99.9</p></details>
      <div style="display: none">${referral([['Reason for Referral', 'Styled away']])}</div>`,
    );
    expect(fields).toEqual({ receivingProvider: 'Dr. Jordan Example', specialty: 'Cardiology' });
  });
});

test('the panel follows a referral swapped in place long after the page went quiet, and leaves with it', async ({
  page,
  ehrUrl,
}) => {
  const first = referralById('R-1001');
  const second = referralById('R-1012');
  if (!first || !second) throw new Error('demo referral missing');
  await page.goto(ehrUrl + referralPath(first));
  const patient = (await panel(page)).locator('[data-field="patientName"]');
  await expect(patient).toHaveText('Margaret Okafor');
  const order = (await panel(page)).locator('[data-field="orderNumber"]');
  await expect(order).toHaveText(first.orderNumber);
  // The page has been quiet long enough that the watch used to stop looking (three seconds).
  await expect.poll(async () => (await detectionSignal(page))?.settled ?? 0).toBeGreaterThan(0);

  // A single-page EHR shows another referral where the first one was: same address, no reload.
  const url = page.url();
  await page.evaluate(async (path) => {
    const html = await (await fetch(path)).text();
    const next = new DOMParser().parseFromString(html, 'text/html');
    document.body.replaceChildren(...next.body.childNodes);
  }, referralPath(second));
  expect(page.url()).toBe(url);
  await expect(order).toHaveText(second.orderNumber);
  await expect(patient).not.toHaveText('Margaret Okafor');

  // Quiet again, then the referral card is closed: no referral on screen, so no panel.
  await expect.poll(async () => (await detectionSignal(page))?.settled ?? 0).toBeGreaterThan(0);
  await page.evaluate(() => document.body.replaceChildren(document.createElement('main')));
  await expect.poll(async () => (await detectionSignal(page))?.outcome).toBe('none');
  await expect(panelHost(page)).toHaveCount(0);
});

test('a single-page EHR that names its values by aria-labelledby swaps in another patient: the panel shows the patient on screen', async ({
  page,
  ehrUrl,
}) => {
  // The next screen has as many labelled values under the same ids: only the patient differs.
  const screen = (patient: string, order: string) => `<main><h1>Referral</h1>
    <div><span id="patient-label">Patient</span><div aria-labelledby="patient-label">${patient}</div></div>
    <div><span id="order-label">Order #</span><div aria-labelledby="order-label">${order}</div></div>
    <div><span id="refer-label">Refer to</span><div aria-labelledby="refer-label">Dr. Amal Haddad</div></div>
    <div><span id="specialty-label">Specialty</span><div aria-labelledby="specialty-label">Cardiology</div></div></main>`;
  await page.goto(`${ehrUrl}/`);
  await page.evaluate(
    (html) => {
      document.body.innerHTML = html;
    },
    screen('Avery Quinlan', 'SPA-1'),
  );
  const patient = (await panel(page)).locator('[data-field="patientName"]');
  await expect(patient).toHaveText('Avery Quinlan');
  await page.evaluate(
    (html) => {
      document.body.innerHTML = html;
    },
    screen('Blake Ramirez', 'SPA-2'),
  );
  await expect((await panel(page)).locator('[data-field="orderNumber"]')).toHaveText('SPA-2');
  await expect(patient).toHaveText('Blake Ramirez');
});
