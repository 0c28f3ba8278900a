import { inTheQueue, panelField, queueSnapshot, track } from './demo';
import type { EhrTab, Surface } from './driver';
import { expect, test } from './fixtures';

/**
 * Hostile pages about whose referral the panel acts on (test/demo-ehr/pages/hostile.ts, groups
 * wrong-patient and queue-probe), in every browser: another patient's referral is never shown as
 * this page's nor changed from it, and a page cannot learn what the queue holds from the panel's size.
 */

interface Queued {
  patient: { name: string; dateOfBirth?: string };
}

/** The panel on a hostile page, once it shows the page's patient. */
async function panelOn(tab: EhrTab, name: string, patient: string): Promise<Surface> {
  if (!(await tab.evaluate(() => location.pathname)).endsWith(`/hostile/${name}`))
    await tab.goto(`/hostile/${name}`);
  const shown = await tab.panel();
  await expect.poll(() => shown.text(panelField('patientName'))).toBe(patient);
  return shown;
}

test('two patients of one name, with the same referral and no order number or MRN, are two referrals', async ({
  driver,
}) => {
  const tab = await driver.openEhrTab('/hostile/same-name-born-1961');
  await track(driver, await panelOn(tab, 'same-name-born-1961', 'Dana Sample'));
  const second = await panelOn(tab, 'same-name-born-1984', 'Dana Sample');
  // The second patient's page is not "in the queue": it can be tracked, and is, on its own.
  expect(await second.attribute({ role: 'button', name: 'Track referral' }, 'disabled')).toBeNull();
  expect(await second.count(inTheQueue)).toBe(0);
  // 07/02/1984 could be either day with no date order set: the coordinator checks it first.
  expect(await second.text({ css: '[data-field="dateOfBirth"][data-check]' })).toContain('07/02/1984');
  await second.click({ role: 'button', name: 'Edit details' });
  await second.fill({ label: 'Date of birth' }, '1984-07-02');
  await track(driver, second);
  expect(await second.text(inTheQueue)).toContain('Dana Sample (1984-07-02)');
  const queue = (await queueSnapshot(driver)) as Queued[];
  expect(queue.map((referral) => referral.patient.dateOfBirth).sort()).toEqual(['1961-03-14', '1984-07-02']);
});

test("a reused order number on another patient's page: a warning, nothing tracked, nothing written", async ({
  driver,
}) => {
  const tab = await driver.openEhrTab('/hostile/dana-sample');
  const original = await panelOn(tab, 'dana-sample', 'Dana Sample');
  await track(driver, original);
  expect(await original.text(inTheQueue)).toContain('Dana Sample (1961-03-14 · HX100001)');
  const before = await queueSnapshot(driver);

  const other = await panelOn(tab, 'reused-order-number', 'Robin Other');
  await expect.poll(() => other.text({ role: 'alert' })).toContain("Another patient's referral");
  expect(await other.count(inTheQueue)).toBe(0);
  // The packet is checked on screen (which, for a tracked referral, is written at once)...
  await other.click({ role: 'tab', name: /Packet/ });
  await expect.poll(() => other.text({ role: 'tabpanel' })).not.toContain('Checking the packet');
  expect(await other.count({ role: 'button', name: 'Mark packet sent' })).toBe(0);
  await other.click({ role: 'tab', name: 'Outreach' });
  await expect.poll(() => other.text({ role: 'tabpanel' })).toContain('Track this referral');
  // ...and nothing of it reached the other patient's referral.
  expect(await queueSnapshot(driver)).toEqual(before);

  await other.click({ role: 'tab', name: 'Details' });
  await track(driver, other, 'Track separately');
  expect(await other.text(inTheQueue)).toContain('Robin Other (1990-01-20 · HX200002)');
  const after = await queueSnapshot(driver);
  expect(after).toHaveLength(2);
  expect(after).toContainEqual(before[0]);
});

/** The height of the panel's host as the page measures it, once it has stopped changing. */
async function settledHeight(tab: EhrTab): Promise<number> {
  let last = -1;
  await expect
    .poll(async () => {
      const height = await tab.evaluate(
        () => document.querySelector('[data-handoff-panel]')?.getBoundingClientRect().height ?? 0,
      );
      const settled = height > 100 && height === last;
      last = height;
      return settled;
    })
    .toBe(true);
  return last;
}

test('the panel takes the same room on the page whether its referral is in the queue or not', async ({
  driver,
}) => {
  const tab = await driver.openEhrTab('/hostile/queue-probe');
  const shown = await panelOn(tab, 'queue-probe', 'Dana Sample');
  const untracked = await settledHeight(tab);
  await track(driver, shown);
  const tracked = await settledHeight(tab);
  test.info().annotations.push({ type: 'host height', description: `${untracked} / ${tracked}` });
  expect(tracked).toBe(untracked);
});
