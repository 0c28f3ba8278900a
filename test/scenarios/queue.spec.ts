import { ONE_PER_LAYOUT, patientName, queue, seedQueue } from './demo';
import { expect, test } from './fixtures';

const rows = { css: '[data-row-main]' };

test('the dashboard lists the queue and filters it to what is overdue', async ({ driver }) => {
  await seedQueue(driver, ONE_PER_LAYOUT);
  const [late] = await queue(driver).then((all) =>
    all.filter((r) => r.patient.name === patientName(ONE_PER_LAYOUT[0]!)),
  );
  const moved = await driver.inExtension(
    (ext, id) => ext.runtime.sendMessage({ type: 'call-back-at', id, at: Date.now() - 60_000 }),
    late?.id,
  );
  expect(moved).toMatchObject({ ok: true });

  const dashboard = await driver.openExtensionPage('dashboard.html');
  await expect.poll(() => dashboard.count(rows)).toBe(3);
  const names = await dashboard.evaluate(() =>
    Array.from(document.querySelectorAll('[data-row-main]'), (row) => row.textContent ?? '').sort(),
  );
  expect(names).toEqual(ONE_PER_LAYOUT.map(patientName).sort());
  expect(
    await dashboard.text({ css: '.qv-row, .qv-card', hasText: patientName(ONE_PER_LAYOUT[0]!) }),
  ).toContain('Overdue');

  await dashboard.click({ label: 'Overdue only' });
  await expect.poll(() => dashboard.count(rows)).toBe(1);
  expect(await dashboard.text(rows)).toBe(patientName(ONE_PER_LAYOUT[0]!));
});

test('a follow-up coming due fires the alarm, one notification and the badge', async ({ driver }) => {
  await seedQueue(driver, [ONE_PER_LAYOUT[2]!]);
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

  await expect
    .poll(() => driver.notifications(), { timeout: 15_000 })
    .toEqual(['handoff-overdue']);
  expect(await driver.inExtension((ext) => ext.action.getBadgeText({}))).toBe('1');
});
