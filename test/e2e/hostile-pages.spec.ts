import type { Frame, Page } from '@playwright/test';
import { HOSTILE_PAGES } from '../demo-ehr/pages/hostile';
import { axeViolations } from './demo';
import { expect, test } from './fixtures';

/**
 * The hostile-page corpus (test/demo-ehr/pages/hostile.ts) is walked group by group in both
 * browsers by test/scenarios/hostile.spec.ts. Here, what needs Chromium's real mouse: clickjacking.
 */

/** The name of the panel page a page frames itself (see the `frame-panel-page` case). */
const PAGE_PANEL = 'page-panel';

/** Handoff's own panel frame under `parent`, never a panel page the page framed itself. */
function ownPanelFrame(page: Page, parent: Frame): Frame | undefined {
  return page
    .frames()
    .find(
      (frame) =>
        !frame.isDetached() &&
        frame.parentFrame() === parent &&
        frame.url().includes('/panel.html') &&
        frame.name() !== PAGE_PANEL,
    );
}

/** Every referral in the queue, whole, asked the way the extension's own pages ask. */
async function queueSnapshot(extensionPage: Page): Promise<unknown[]> {
  return extensionPage.evaluate(async () => {
    const listed = await chrome.runtime.sendMessage({ type: 'list-referrals', limit: 200 });
    const ids = (listed.value.referrals as { id: string }[]).map((r) => r.id).sort();
    return Promise.all(
      ids.map(async (id) => (await chrome.runtime.sendMessage({ type: 'get-referral', id })).value.referral),
    );
  });
}

test('the hostile-page corpus has at least 30 pages, each with a distinct name', () => {
  expect(HOSTILE_PAGES.length).toBeGreaterThanOrEqual(30);
  expect(new Set(HOSTILE_PAGES.map((c) => c.name)).size).toBe(HOSTILE_PAGES.length);
});

/**
 * Clickjacking: each page lays a decoy over the panel once it is on screen (see `clickjack` in the
 * hostile table) and the coordinator clicks the decoy with a real mouse, where the panel's "Track
 * referral" lies beneath. The queue must stay empty. The control is the same page without the
 * decoy: the same click tracks the referral.
 */
test.describe('clickjacking', () => {
  /** Opens the page, waits until its trap is set (or not), and returns the panel and the button's centre. */
  async function armed(page: Page, ehrUrl: string, name: string, cover: boolean) {
    await page.goto(`${ehrUrl}/hostile/${name}${cover ? '' : '?no-cover'}`);
    await expect(page.locator('html')).toHaveAttribute('data-cover', cover ? 'set' : 'none');
    // Moving the panel reloads its frame: find it after the trap is set.
    await expect.poll(() => ownPanelFrame(page, page.mainFrame()) !== undefined).toBe(true);
    const frame = ownPanelFrame(page, page.mainFrame()) as Frame;
    const track = frame.getByRole('button', { name: 'Track referral' });
    await expect(track).toBeVisible();
    // The gate has judged the panel: covered by the decoy, or (without it) seen whole long enough
    // to answer. The decoy, not haste, is what stops the click.
    if (cover) await expect(frame.getByText("Handoff's panel is covered by the page")).toBeVisible();
    else await expect(track).not.toHaveAttribute('aria-disabled', 'true');
    const box = await track.boundingBox();
    if (!box) throw new Error('no Track referral button');
    return { frame, x: box.x + box.width / 2, y: box.y + box.height / 2 };
  }

  async function queued(openExtensionPage: (path: string) => Promise<Page>) {
    return (await queueSnapshot(await openExtensionPage('popup.html'))).length;
  }

  for (const name of [
    'clickjack-top-layer-popover',
    'clickjack-faded-panel',
    'clickjack-pass-through-overlay',
  ]) {
    test(`${name}: a click on the decoy does not track, and the panel says it is covered`, async ({
      page,
      ehrUrl,
      openExtensionPage,
    }) => {
      const { frame, x, y } = await armed(page, ehrUrl, name, true);
      await page.mouse.click(x, y);
      await page.waitForTimeout(1000);
      expect(await queued(openExtensionPage)).toBe(0);
      await expect(frame.getByText("Handoff's panel is covered by the page")).toBeVisible();
      await expect(frame.getByRole('button', { name: 'Track referral' })).toHaveAttribute(
        'aria-disabled',
        'true',
      );
      // Paused, the button keeps its place in the tab order and names its reason.
      await expect(frame.getByRole('button', { name: 'Track referral' })).toHaveAccessibleDescription(
        /covered by the page/,
      );
      expect(await axeViolations(frame)).toEqual([]);
    });
  }

  test('clickjack-reveal-on-click: a double click whose first half uncovers the panel does not track', async ({
    page,
    ehrUrl,
    openExtensionPage,
  }) => {
    const { frame, x, y } = await armed(page, ehrUrl, 'clickjack-reveal-on-click', true);
    await page.mouse.dblclick(x, y);
    await page.waitForTimeout(1000);
    expect(await queued(openExtensionPage)).toBe(0);
    await expect(frame.getByRole('button', { name: 'Track referral' })).toBeVisible();
  });

  test('control: the same page without the decoy, and the same click, tracks the referral', async ({
    page,
    ehrUrl,
    openExtensionPage,
  }) => {
    const { frame, x, y } = await armed(page, ehrUrl, 'clickjack-top-layer-popover', false);
    await page.mouse.click(x, y);
    await expect(frame.getByRole('status').first()).toContainText('In the queue');
    expect(await queued(openExtensionPage)).toBe(1);
  });
});
