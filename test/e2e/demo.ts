import { expect, type Frame, type Locator, type Page } from '@playwright/test';
import { type DemoReferral, patientById } from '../demo-ehr/data';

/** The panel's host element on an EHR page: present while the panel is shown. */
export const panelHost = (page: Page | Frame) => page.locator('[data-handoff-panel]');

function panelFrameIn(page: Page, parent: Frame): Frame | undefined {
  return page
    .frames()
    .find(
      (frame) => !frame.isDetached() && frame.parentFrame() === parent && frame.url().includes('/panel.html'),
    );
}

/**
 * The Handoff panel on an EHR page (or in one of its frames). The panel is an extension page framed
 * inside a closed shadow root, which CSS locators cannot pierce, so it is found among the page's frames.
 */
export async function panel(page: Page, parent: Frame = page.mainFrame()): Promise<Locator> {
  await expect
    .poll(() => panelFrameIn(page, parent) !== undefined, { message: 'the panel frame appears' })
    .toBe(true);
  return (panelFrameIn(page, parent) as Frame).locator('body');
}

/** A demo patient's name as the panel shows it: first name, then last. */
export function patientName(referral: DemoReferral): string {
  const patient = patientById(referral.patientId);
  return `${patient?.firstName} ${patient?.lastName}`;
}
