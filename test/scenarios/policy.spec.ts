import { readFileSync } from 'node:fs';
import { referrals } from '../demo-ehr/data';
import { transferTicketPath } from '../demo-ehr/urls';
import { PANEL_HOST, panelField, patientName } from './demo';
import type { Driver } from './driver';
import { expect, test } from './fixtures';

/**
 * The admin guide's example configuration in the browser's real policy file (Chromium's managed
 * policy directory, Firefox's policies.json), in place before the browser starts: Firefox reads it
 * at start-up only.
 */
const example = JSON.parse(readFileSync('docs/policy/handoff-config.json', 'utf8')) as Record<
  string,
  unknown
>;
const [referral] = referrals;
if (!referral) throw new Error('no demo referral');

test.use({ policy: example });

const settingRow = (path: string) => ({ css: `[data-testid="effective-config"] tr[data-path="${path}"]` });

/** Waits until the background has read the policy (Chromium delivers a fresh file after a settle). */
async function policyRead(driver: Driver) {
  await expect
    .poll(
      () =>
        driver.inExtension(
          async (ext) =>
            (await ext.storage.local.get('configStatus')).configStatus?.sources?.checklists ?? null,
        ),
      { timeout: 15_000 },
    )
    .toBe('policy');
}

test('the policy file sets the organisation, an EHR profile and a checklist, as the options page shows', async ({
  driver,
}) => {
  await policyRead(driver);
  const options = await driver.openExtensionPage('options.html');
  await expect
    .poll(() => options.text(settingRow('organization.name')))
    .toContain('Lakeside Family Medicine');
  expect(await options.attribute(settingRow('organization.name'), 'data-source')).toBe('policy');
  expect(await options.attribute(settingRow('organization.phone'), 'data-source')).toBe('policy');
  expect(await options.attribute(settingRow('checklists'), 'data-source')).toBe('policy');
  await options.click({ css: `${settingRow('checklists').css} summary` });
  await expect
    .poll(() => options.text(settingRow('checklists')))
    .toContain('Signed release of information on file');
  await options.click({ css: `${settingRow('ehrProfiles').css} summary` });
  await expect.poll(() => options.text(settingRow('ehrProfiles'))).toContain('nimbus-transfer');
  expect(await options.count({ testId: 'policy-ok' })).toBe(1);

  // The policy's profile recognises a screen the built-in profiles do not.
  const tab = await driver.openEhrTab(transferTicketPath(referral.id));
  await expect.poll(() => tab.count(PANEL_HOST)).toBe(1);
});

test('the policy’s profile and checklist reach the panel: its hand-ticked item counts once ticked', async ({
  driver,
}) => {
  await policyRead(driver);
  const tab = await driver.openEhrTab(transferTicketPath(referral.id));
  const shown = await tab.panel();
  await expect.poll(() => shown.text(panelField('patientName'))).toBe(patientName(referral));
  expect(await shown.text(panelField('specialty'))).toContain(referral.specialty);

  await shown.click({ role: 'tab', name: /Packet/ });
  const release = { role: 'checkbox', name: 'Signed release of information on file' };
  await expect.poll(() => shown.count(release)).toBe(1);
  expect(await shown.checked(release)).toBe(false);
  const item = { css: '[data-item="release-of-information"]' };
  expect(await shown.attribute(item, 'class')).not.toContain('is-found');
  await shown.click(release);
  await expect.poll(() => shown.attribute(item, 'class')).toContain('is-found');
  expect(await shown.checked(release)).toBe(true);
});
