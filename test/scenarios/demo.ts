import { type DemoReferral, patientById, referralById, referrals, type ScreenLayout } from '../demo-ehr/data';
import { referralPath } from '../demo-ehr/urls';
import type { Driver, Surface, Target } from './driver';
import { expect } from './fixtures';

/** The first demo referral shown in a screen style with a phone number on file. */
export function firstReferral(layout: ScreenLayout): DemoReferral {
  const referral = referrals.find((r) => r.layout === layout && patientById(r.patientId)?.phone);
  if (!referral) throw new Error(`no demo referral in the ${layout} layout`);
  return referral;
}

export const LAYOUTS: readonly ScreenLayout[] = ['openemr', 'fhir', 'legacy'];

export function demoReferral(id: string): DemoReferral {
  const referral = referralById(id);
  if (!referral) throw new Error(`demo referral ${id} missing`);
  return referral;
}

/** A demo patient's name as Handoff shows it: first name, then last. */
export function patientName(referral: DemoReferral): string {
  const patient = patientById(referral.patientId);
  return `${patient?.firstName} ${patient?.lastName}`;
}

export interface Queued {
  id: string;
  version: number;
  status: string;
  patient: { name: string };
}

/** The queue as the background answers it, through the extension's own message contract. */
export async function queue(driver: Driver): Promise<Queued[]> {
  return driver.inExtension(async (ext) => {
    const listed = await ext.runtime.sendMessage({ type: 'list-referrals', limit: 200 });
    return listed.value.referrals;
  });
}

/** One referral whole, as the extension's own pages ask for it. */
export async function queuedReferral(driver: Driver, id: string) {
  return driver.inExtension(
    async (ext, referralId) =>
      (await ext.runtime.sendMessage({ type: 'get-referral', id: referralId })).value.referral,
    id,
  );
}

/**
 * Puts demo referrals in the queue through the extension's message contract, as the panel's
 * Track button does: for scenarios about the queue's own views rather than the panel.
 */
export async function seedQueue(driver: Driver, seeded: DemoReferral[]): Promise<void> {
  for (const referral of seeded) {
    const patient = patientById(referral.patientId);
    const draft = {
      source: { profileId: referral.layout, pageUrl: driver.ehrUrl + referralPath(referral) },
      orderNumber: referral.orderNumber,
      patient: { name: patientName(referral), dateOfBirth: patient?.dateOfBirth, phone: patient?.phone },
      receiving: { specialty: referral.specialty, organization: referral.receivingOrganization },
      reason: referral.reason,
      priority: referral.priority,
    };
    const reply = await driver.inExtension((ext, message) => ext.runtime.sendMessage(message), {
      type: 'track-referral',
      draft,
    });
    if (!(reply as { ok: boolean }).ok)
      throw new Error(`tracking ${referral.id} failed: ${JSON.stringify(reply)}`);
  }
}

/** The element Handoff adds to an EHR page to hold its panel. */
export const PANEL_HOST = { css: '[data-handoff-panel]' };

export const PRIORITY_LABELS = { routine: 'Routine', urgent: 'Urgent', asap: 'ASAP', stat: 'STAT' };

/** A panel field by name (`patientName`, `specialty`…), as the panel marks it. */
export const panelField = (name: string) => ({ css: `[data-field="${name}"]` });

/**
 * Presses a panel button that writes to the queue, as a coordinator does. Where the browser cannot
 * tell whether something covers the panel (Firefox), the first press asks for a confirmation that
 * answers only after a short wait (src/panel/ActionGate.tsx): it must appear, and is confirmed.
 */
export async function act(driver: Driver, shown: Surface, target: Target): Promise<void> {
  await shown.click(target);
  if (driver.browserName === 'chromium') return;
  const confirm = { role: 'button', name: /^Confirm$/ };
  await expect.poll(() => shown.count(confirm), { message: 'the confirmation appears' }).toBe(1);
  await expect.poll(() => shown.attribute(confirm, 'aria-disabled')).toBeNull();
  await shown.click(confirm);
}

/** The panel's status line once the referral is in the queue (the panel has other live regions). */
export const inTheQueue = { css: '[role=status]', hasText: 'In the queue' };

/** Tracks the referral the panel shows, as the coordinator does, and waits until it is queued. */
export async function track(driver: Driver, shown: Surface, button = 'Track referral'): Promise<void> {
  await act(driver, shown, { role: 'button', name: button });
  await expect.poll(() => shown.count(inTheQueue)).toBeGreaterThan(0);
}

/** Every referral in the queue, whole, asked the way the extension's own pages ask. */
export function queueSnapshot(driver: Driver): Promise<unknown[]> {
  return driver.inExtension(async (ext) => {
    const listed = await ext.runtime.sendMessage({ type: 'list-referrals', limit: 200 });
    const ids = (listed.value.referrals as { id: string }[]).map((r) => r.id).sort();
    return Promise.all(
      ids.map(async (id) => (await ext.runtime.sendMessage({ type: 'get-referral', id })).value.referral),
    );
  });
}
