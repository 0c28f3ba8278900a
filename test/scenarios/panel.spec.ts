import { referralPath } from '../demo-ehr/urls';
import {
  act,
  demoReferral,
  firstReferral,
  inTheQueue,
  LAYOUTS,
  PANEL_HOST,
  PRIORITY_LABELS,
  panelField,
  patientName,
  queue,
  queuedReferral,
  track,
} from './demo';
import type { Driver, EhrTab, Surface } from './driver';
import { expect, test } from './fixtures';

async function openPanel(driver: Driver, path: string): Promise<{ tab: EhrTab; shown: Surface }> {
  const tab = await driver.openEhrTab(path);
  const shown = await tab.panel();
  await expect.poll(() => shown.count({ role: 'tab', name: 'Details' })).toBe(1);
  return { tab, shown };
}

/** The one referral in the queue, whole. */
async function theQueued(driver: Driver) {
  const [listed] = await queue(driver);
  if (!listed) throw new Error('the queue is empty');
  return queuedReferral(driver, listed.id);
}

for (const layout of LAYOUTS) {
  test(`the panel shows the referral read from the ${layout} screen`, async ({ driver }) => {
    const referral = firstReferral(layout);
    const { tab, shown } = await openPanel(driver, referralPath(referral));
    await expect.poll(() => shown.text(panelField('patientName'))).toBe(patientName(referral));
    // One host, on screen once the panel has reported its size (until then it is kept hidden).
    await expect.poll(() => tab.count(PANEL_HOST)).toBe(1);
    expect(await shown.text(panelField('specialty'))).toContain(referral.specialty);
    expect(await shown.text(panelField('reason'))).toContain(referral.reason.slice(0, 30));
    expect(await shown.text(panelField('priority'))).toBe(PRIORITY_LABELS[referral.priority]);
  });
}

test('tracking a referral puts it in the queue once, whatever the tab', async ({ driver }) => {
  const referral = firstReferral('openemr');
  const path = referralPath(referral);
  const { tab, shown } = await openPanel(driver, path);
  await track(driver, shown);

  await tab.reload();
  await expect.poll(async () => (await tab.panel()).count(inTheQueue)).toBeGreaterThan(0);
  const second = await openPanel(driver, path);
  await expect.poll(() => second.shown.count(inTheQueue)).toBeGreaterThan(0);
  expect(await second.shown.count({ role: 'button', name: 'Track referral' })).toBe(0);

  // The queue itself, on the dashboard (the popup is the day's view, where a new referral may
  // show in more than one group).
  const dashboard = await driver.openExtensionPage('dashboard.html');
  const row = { css: '.qv-table tbody tr.qv-row' };
  await expect.poll(() => dashboard.count(row)).toBe(1);
  expect(await dashboard.text(row)).toContain(patientName(referral));
  expect(await dashboard.text(row)).toContain(referral.specialty);
  expect(await dashboard.attribute({ role: 'link', name: 'Open in EHR' }, 'href')).toBe(driver.ehrUrl + path);
});

test('the single-page app’s list shows its referrals; in-app navigation to a referral shows that one', async ({
  driver,
}) => {
  const referral = firstReferral('fhir');
  const tab = await driver.openEhrTab('/fhir-app/');
  await expect.poll(() => tab.count({ css: '[aria-busy=true]' })).toBe(0);
  await expect
    .poll(async () => (await tab.panel()).text({ css: 'body' }))
    .toContain('Referrals on this page');
  await tab.click({ css: `a[href$="/ServiceRequest/${referral.id}"]` });
  await expect
    .poll(async () => (await tab.panel()).text(panelField('patientName')))
    .toBe(patientName(referral));
});

test('the packet checklist shows its evidence, blocks "sent" with a required item missing, and records an override', async ({
  driver,
}) => {
  // R-1007's insurance shows no member ID: a required item missing on the OpenEMR-style screen.
  const { shown } = await openPanel(driver, referralPath(demoReferral('R-1007'), 'openemr'));
  await shown.click({ role: 'tab', name: /Packet/ });
  await expect
    .poll(() => shown.text({ css: '[data-item="patient-phone"]' }))
    .toContain('phone found: (217) 555-0175');
  const missing = await shown.count({ css: '.checklist .item.is-missing:not(.is-optional)' });
  expect(missing).toBeGreaterThan(0);
  // Missing required items come first, where the coordinator looks.
  expect(await shown.attribute({ css: '.checklist .item' }, 'class')).toContain('is-missing');
  expect(await shown.text({ css: 'body' })).toContain(
    missing === 1 ? '1 required item missing.' : `${missing} required items missing.`,
  );

  await shown.click({ role: 'tab', name: 'Details' });
  await track(driver, shown);
  await shown.click({ role: 'tab', name: /Packet/ });
  await act(driver, shown, { role: 'button', name: 'Mark packet sent' });
  await expect
    .poll(() => shown.text({ role: 'alert' }))
    .toContain('Cannot mark sent: required items are missing');
  const sendAnyway = { role: 'button', name: 'Send anyway' };
  expect(await shown.attribute(sendAnyway, 'disabled')).not.toBeNull();
  await shown.fill({ label: 'Reason to send anyway' }, 'Records go by courier this afternoon');
  await act(driver, shown, sendAnyway);
  await expect.poll(() => shown.text({ css: '.status-chip' })).toBe('Sent');

  const stored = await theQueued(driver);
  expect(stored.status).toBe('sent');
  expect(stored.packet.override.reason).toBe('Records go by courier this afternoon');
  expect(stored.history.at(-1).note).toContain('Records go by courier this afternoon');
});

test('scripts fill in the referral, pass the 3-second check, copy in one click and default to the patient’s language', async ({
  driver,
}) => {
  const { tab, shown } = await openPanel(driver, referralPath(demoReferral('R-1002')));
  await shown.click({ role: 'tab', name: 'Scripts' });
  await expect.poll(() => shown.value({ label: 'Language' })).toBe('es');
  const call = { css: '[data-script="patient-call-es"]' };
  const text = await shown.text(call);
  expect(text).toContain('Luis');
  expect(text).toContain('Sangamon Dermatology Clinic');
  expect(text).toContain('Passes the 3-second check');
  expect(text).not.toContain('undefined');

  await shown.click({ css: '[data-script="patient-call-es"] button', hasText: 'Copy' });
  await expect.poll(() => shown.text(call)).toContain('Copied to the clipboard.');
  const copied = await tab.clipboardText();
  expect(copied).toContain('Luis');
  expect(copied).not.toContain('{');
});

test('an outreach outcome is logged in one click, sets the next follow-up and shows in the queue at once; scheduled asks for the date', async ({
  driver,
}) => {
  const { shown } = await openPanel(driver, referralPath(demoReferral('R-1003')));
  await shown.click({ role: 'tab', name: 'Outreach' });
  await expect.poll(() => shown.text({ css: 'body' })).toContain('Track this referral to log outreach');
  await shown.click({ role: 'tab', name: 'Details' });
  await track(driver, shown);
  // The side panel (Firefox: the sidebar) stays open beside the EHR tab and follows by itself.
  const sidePanel = await driver.openExtensionPage('sidepanel.html');
  const sideList = { role: 'list', name: /Referrals, page 1/ };
  await expect.poll(() => sidePanel.count(sideList)).toBe(1);

  await shown.click({ role: 'tab', name: 'Outreach' });
  await shown.click({ label: 'Transportation' });
  await shown.fill({ label: 'Note' }, 'Left a message with her daughter.');
  await act(driver, shown, { role: 'button', name: 'No answer' });
  await expect.poll(() => shown.text({ css: 'body' })).toMatch(/Logged: No answer\. Follow up/);
  expect(await shown.text({ testId: 'attempts' })).toContain('1 attempt. Last: No answer');
  await expect.poll(() => sidePanel.text(sideList)).toContain('No answer');

  const dashboard = await driver.openExtensionPage('dashboard.html');
  await expect.poll(() => dashboard.text({ role: 'table' })).toContain('No answer');
  expect((await theQueued(driver)).outreach[0]).toMatchObject({
    outcome: 'no-answer',
    barriers: ['transportation'],
    party: 'patient',
  });

  await shown.click({ role: 'button', name: 'Scheduled' });
  const save = { role: 'button', name: 'Save as scheduled' };
  expect(await shown.attribute(save, 'disabled')).not.toBeNull();
  await shown.fill({ label: 'Appointment' }, '2026-12-14T09:30');
  await act(driver, shown, save);
  await expect.poll(() => shown.text({ css: '.status-chip' })).toBe('Scheduled');
  expect((await theQueued(driver)).dates.appointmentAt).toBe(new Date('2026-12-14T09:30').getTime());
});

test('a clinical question typed in a note prompts an escalation, a red flag shows the emergency instruction, and the Clinical question action hands off', async ({
  driver,
}) => {
  const { shown } = await openPanel(driver, referralPath(demoReferral('R-1005')));
  await shown.click({ role: 'button', name: 'Clinical question' });
  await expect.poll(() => shown.text({ css: '.clinical-box blockquote' })).toContain('clinical staff');
  await act(driver, shown, { role: 'button', name: /Track and record escalation for/ });
  await expect
    .poll(() => shown.text({ css: 'body' }))
    .toMatch(/Escalation recorded — nothing was sent\. Contact /);

  await shown.click({ role: 'tab', name: 'Outreach' });
  await shown.fill(
    { label: 'Note' },
    'Patient asked whether she should stop taking her medication before the visit.',
  );
  const prompt = { css: '.note-alert.clinical' };
  await expect.poll(() => shown.text(prompt)).toContain('This note reads like a clinical question');
  await act(driver, shown, { css: '.note-alert.clinical button', hasText: 'Record escalation for' });
  await expect.poll(() => shown.text(prompt)).toContain('Escalation recorded — nothing was sent');

  await shown.fill({ label: 'Note' }, 'She says she has chest pain right now.');
  await expect
    .poll(() => shown.text({ role: 'alert' }))
    .toContain('If this is an emergency, hang up and call 911.');

  const stored = await theQueued(driver);
  expect(stored.escalations).toHaveLength(2);
  expect(stored.escalations[0].trigger).toBe('clinical-question');
  expect(stored.escalations[1]).toMatchObject({ trigger: 'note', redFlag: false });
  expect(stored.escalations[1].matched).toContain('stop taking');
  expect(JSON.stringify(stored.escalations)).not.toContain('before the visit');
});
