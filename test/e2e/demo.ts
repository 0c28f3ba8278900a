import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, type Frame, type Locator, type Page } from '@playwright/test';
import { type DemoReferral, patientById } from '../demo-ehr/data';

/** The `<handoff-panel>` host on an EHR page: present while the panel is shown. */
export const panelHost = (page: Page | Frame) => page.locator('handoff-panel');

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

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core run inside the panel's own document (its frame is out of reach of page-level axe). */
export async function axeViolations(frame: Frame) {
  await frame.evaluate(AXE_SOURCE);
  return frame.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (context: Document) => Promise<{ violations: unknown[] }> } }
    ).axe;
    const { violations } = await axe.run(document);
    return violations.map((v) => (v as { id: string; nodes: { target: unknown }[] }).id);
  });
}

/** The panel's own frame on the page, once it is there. */
export const panelFrame = (page: Page) => {
  const frame = page
    .frames()
    .find((candidate) => candidate.url().includes('/panel.html') && !candidate.isDetached());
  if (!frame) throw new Error('no panel frame');
  return frame;
};
