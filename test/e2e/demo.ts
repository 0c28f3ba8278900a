import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type BrowserContext, expect, type Frame, type Locator, type Page } from '@playwright/test';
import { DETECTION_SIGNAL, type DetectionSignal } from '../../src/content/detection-signal';
import { CHROME_EXTENSION_ID } from '../../src/extension-identity';
import { type DemoReferral, patientById, referralById } from '../demo-ehr/data';
import { referralPath } from '../demo-ehr/urls';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

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

/** The panel's own frame on an EHR page, once it is there. */
export const panelFrame = (page: Page) => {
  const frame = page
    .frames()
    .find((candidate) => candidate.url().includes('/panel.html') && !candidate.isDetached());
  if (!frame) throw new Error('no panel frame');
  return frame;
};

/** A demo patient's name as the panel shows it: first name, then last. */
export function patientName(referral: DemoReferral): string {
  const patient = patientById(referral.patientId);
  return `${patient?.firstName} ${patient?.lastName}`;
}

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

interface CdpFrame {
  frame: { id: string; name?: string; url: string };
  childFrames?: CdpFrame[];
}

function cdpFrameId(tree: CdpFrame, frame: Frame): string | undefined {
  if (!frame.parentFrame()) return tree.frame.id;
  const named = (node: CdpFrame): string | undefined =>
    node.frame.name === frame.name() && node.frame.url === frame.url()
      ? node.frame.id
      : node.childFrames?.map(named).find(Boolean);
  return named(tree);
}

/**
 * What the content script last concluded in `frame` (see src/content/detection-signal.ts), read
 * from its isolated world over the DevTools protocol; null while it has concluded nothing there.
 */
export async function detectionSignal(
  page: Page,
  frame: Frame = page.mainFrame(),
): Promise<DetectionSignal | null> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const worlds: { id: number; origin: string; auxData?: { frameId?: string; isDefault?: boolean } }[] = [];
    cdp.on('Runtime.executionContextCreated', ({ context }) => worlds.push(context));
    // Enabling the domain reports every context that already exists.
    await cdp.send('Runtime.enable');
    const { frameTree } = await cdp.send('Page.getFrameTree');
    const frameId = cdpFrameId(frameTree as CdpFrame, frame);
    const world = worlds.find(
      (w) =>
        w.auxData?.frameId === frameId &&
        w.auxData?.isDefault === false &&
        w.origin === `chrome-extension://${CHROME_EXTENSION_ID}`,
    );
    if (!world) return null;
    const { result } = await cdp.send('Runtime.evaluate', {
      expression: `globalThis.${DETECTION_SIGNAL} ?? null`,
      contextId: world.id,
      returnByValue: true,
    });
    return result.value as DetectionSignal | null;
  } catch {
    // The frame navigated while being asked: nothing concluded there yet.
    return null;
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/**
 * No panel on this page, proven: detection has concluded on this very address that there is no
 * referral to show (or that the coordinator dismissed it), and no panel host is on the page.
 */
export async function expectNoPanel(
  page: Page,
  frame: Frame = page.mainFrame(),
  outcome: DetectionSignal['outcome'] = 'none',
): Promise<void> {
  await expect
    .poll(async () => (await detectionSignal(page, frame))?.url, {
      message: `detection concludes on ${frame.url()}`,
    })
    .toBe(frame.url());
  expect((await detectionSignal(page, frame))?.outcome).toBe(outcome);
  await expect(panelHost(frame)).toHaveCount(0);
}

/** The newest referral as the queue holds it, asked the way the extension's own pages ask. */
export async function queued(extensionPage: Page) {
  const reply = await extensionPage.evaluate(async () => {
    const listed = await chrome.runtime.sendMessage({ type: 'list-referrals', limit: 1 });
    return chrome.runtime.sendMessage({ type: 'get-referral', id: listed.value.referrals[0].id });
  });
  return reply.value.referral;
}

/**
 * Tracks a demo referral from its EHR page in a tab of its own, closed after, and gives the
 * patient's name. The panel works whatever a team's server does: the queue here is the working copy.
 */
export async function trackInNewTab(context: BrowserContext, ehrUrl: string, id: string): Promise<string> {
  const referral = referralById(id);
  if (!referral) throw new Error(`demo referral ${id} missing`);
  const page = await context.newPage();
  await page.goto(ehrUrl + referralPath(referral));
  const shown = await panel(page);
  await shown.getByRole('button', { name: 'Track referral' }).click();
  await expect(shown.getByRole('status').first()).toContainText('In the queue');
  await page.close();
  return patientName(referral);
}
