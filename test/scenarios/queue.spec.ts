import { firstReferral, LAYOUTS, patientName, queue, seedQueue } from './demo';
import { expect, test } from './fixtures';

const rows = { css: '[data-row-main]' };
const seeded = LAYOUTS.map(firstReferral);
const late = firstReferral('openemr');

test('the dashboard lists the queue and filters it to what is overdue', async ({ driver }) => {
  await seedQueue(driver, seeded);
  const overdue = (await queue(driver)).find((r) => r.patient.name === patientName(late));
  const moved = await driver.inExtension(
    (ext, id) => ext.runtime.sendMessage({ type: 'call-back-at', id, at: Date.now() - 60_000 }),
    overdue?.id,
  );
  expect(moved).toMatchObject({ ok: true });

  const dashboard = await driver.openExtensionPage('dashboard.html');
  await expect.poll(() => dashboard.count(rows)).toBe(3);
  const names = await dashboard.evaluate(() =>
    Array.from(document.querySelectorAll('[data-row-main]'), (row) => row.textContent ?? '').sort(),
  );
  expect(names).toEqual(seeded.map(patientName).sort());
  expect(await dashboard.text({ css: '.qv-row, .qv-card', hasText: patientName(late) })).toContain('Overdue');

  await dashboard.click({ label: 'Overdue only' });
  await expect.poll(() => dashboard.count(rows)).toBe(1);
  expect(await dashboard.text(rows)).toBe(patientName(late));
});

test('a follow-up coming due fires the alarm, one notification and the badge', async ({ driver }) => {
  await seedQueue(driver, [firstReferral('legacy')]);
  const [tracked] = await queue(driver);
  // Bring the follow-up two seconds ahead through the extension's own message contract.
  const rescheduled = await driver.inExtension(
    (ext, referral) =>
      ext.runtime.sendMessage({
        type: 'call-back-at',
        id: referral.id,
        version: referral.version,
        at: Date.now() + 2000,
      }),
    tracked,
  );
  expect(rescheduled).toMatchObject({ ok: true });
  const alarms = await driver.inExtension(async (ext) =>
    (await ext.alarms.getAll()).map((alarm: { name: string }) => alarm.name).sort(),
  );
  expect(alarms).toEqual(['handoff-follow-up-due', 'handoff-sweep']);

  await expect.poll(() => driver.notifications(), { timeout: 15_000 }).toEqual(['handoff-overdue']);
  expect(await driver.inExtension((ext) => ext.action.getBadgeText({}))).toBe('1');
});
