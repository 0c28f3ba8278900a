import { patientById, referralById } from '../demo-ehr/data';
import { formReferralPath } from '../demo-ehr/urls';
import { axeViolations, panel, panelFrame, patientName, queued } from './demo';
import { expect, test } from './fixtures';

test('a filled form with day-first dates: the panel flags the dates it cannot tell, and Track works once the coordinator corrects one', async ({
  page,
  ehrUrl,
  openExtensionPage,
}) => {
  // R-1001: born 12 March 1954, ordered 2 November 2026; the form shows 12/03/1954 and 02/11/2026.
  const referral = referralById('R-1001');
  if (!referral) throw new Error('demo referral R-1001 missing');
  await page.goto(ehrUrl + formReferralPath(referral.id));
  const shown = await panel(page);

  // Required marks and hidden "Mandatory field" text are not values; the radio group reads as its choice.
  await expect(shown.locator('[data-field="patientName"]')).toHaveText(patientName(referral));
  await expect(shown.locator('[data-field="mrn"]')).toHaveText(patientById(referral.patientId)?.mrn ?? '');
  await expect(shown.locator('[data-field="specialty"]')).toHaveText(referral.specialty);
  await expect(shown.locator('[data-field="priority"]')).toHaveText('Urgent');

  const birth = shown.locator('[data-field="dateOfBirth"]');
  await expect(birth).toHaveAttribute('data-check', 'true');
  await expect(birth).toContainText('Check this');
  await expect(birth).toContainText('The page shows “12/03/1954”.');
  await expect(shown.locator('[data-field="authoredOn"]')).toContainText('“02/11/2026”');
  expect(await axeViolations(panelFrame(page)), 'details with values to check').toEqual([]);

  await shown.getByRole('button', { name: 'Edit details' }).click();
  await expect(shown.getByLabel('Date of birth')).toHaveAccessibleDescription(/12\/03\/1954/);
  await shown.getByLabel('Date of birth').fill('1954-03-12');
  expect(await axeViolations(panelFrame(page)), 'editor').toEqual([]);
  await shown.getByRole('button', { name: 'Track referral' }).click();
  await expect(shown.getByRole('status').first()).toContainText('In the queue');
  await expect(shown.getByRole('alert')).toHaveCount(0);

  const stored = await queued(await openExtensionPage('popup.html'));
  expect(stored.patient.dateOfBirth).toBe('1954-03-12');
  // The referral date was left to check and not corrected: tracked without it, never as another day.
  expect(stored.authoredOn).toBeUndefined();
});
