import type { Page } from '@playwright/test';
import { type DemoReferral, patientById } from '../demo-ehr/data';

/** The Handoff panel on an EHR page (Playwright's CSS locators pierce its open shadow root). */
export const panel = (page: Page) => page.locator('handoff-panel');

/** A demo patient's name as the panel shows it: first name, then last. */
export function patientName(referral: DemoReferral): string {
  const patient = patientById(referral.patientId);
  return `${patient?.firstName} ${patient?.lastName}`;
}
