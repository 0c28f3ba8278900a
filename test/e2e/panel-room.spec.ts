import type { Frame, Page } from '@playwright/test';
import { referralById } from '../demo-ehr/data';
import { formReferralPath, referralPath } from '../demo-ehr/urls';
import { axeViolations, panel, panelFrame, panelHost } from './demo';
import { expect, test } from './fixtures';

/**
 * The panel never hides the EHR: on every demo screen style, at the window sizes coordinators
 * use, no text and no form control of the page lies under the open panel. The panel is fixed to
 * the side, so anything in its column is under it at some scroll position: the check looks at the
 * whole page, not only the part in view.
 */

const SIZES = [
  { width: 1024, height: 768 },
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
];

function demoReferral(id: string) {
  const referral = referralById(id);
  if (!referral) throw new Error(`demo referral ${id} missing`);
  return referral;
}

/** Every screen style of the demo EHR, with the STAT referral whose instructions the panel hid. */
const SCREENS: { name: string; path: string }[] = [
  { name: 'OpenEMR-style, urgent', path: referralPath(demoReferral('R-1001')) },
  { name: 'OpenEMR-style, STAT', path: referralPath(demoReferral('R-1012')) },
  { name: 'FHIR single-page app', path: referralPath(demoReferral('R-1003')) },
  { name: 'legacy tables with a fixed bar', path: referralPath(demoReferral('R-1009')) },
  { name: 'filled form', path: formReferralPath('R-1005') },
];

interface Covered {
  what: string;
  left: number;
  right: number;
  top: number;
}

/**
 * In the EHR page: every piece of text and every form control the user can see (clipped by the
 * boxes that clip it), whose box reaches into the panel's column. Runs in the page's own world.
 */
function coveredByPanel(): { covered: Covered[]; looked: number; column: [number, number] } {
  const host = document.querySelector('[data-handoff-panel]');
  if (!host) throw new Error('no panel on the page');
  const panelBox = host.getBoundingClientRect();
  const column: [number, number] = [panelBox.left, panelBox.right];
  const covered: Covered[] = [];
  let looked = 0;
  const clipOf = (element: Element | null) => {
    let clip = { left: -Infinity, right: Infinity, top: -Infinity, bottom: Infinity };
    for (let at = element; at && at !== document.documentElement; at = at.parentElement) {
      const style = getComputedStyle(at);
      if (style.overflowX !== 'visible' || style.overflowY !== 'visible' || style.clipPath !== 'none') {
        const box = at.getBoundingClientRect();
        clip = {
          left: Math.max(clip.left, box.left),
          right: Math.min(clip.right, box.right),
          top: Math.max(clip.top, box.top),
          bottom: Math.min(clip.bottom, box.bottom),
        };
      }
      if (style.position === 'fixed') break;
    }
    return clip;
  };
  const check = (what: string, element: Element, boxes: DOMRectList | DOMRect[]) => {
    const style = getComputedStyle(element);
    if (style.visibility !== 'visible' || Number(style.opacity) === 0) return;
    const clip = clipOf(element);
    for (const box of Array.from(boxes)) {
      const left = Math.max(box.left, clip.left);
      const right = Math.min(box.right, clip.right);
      const top = Math.max(box.top, clip.top);
      const bottom = Math.min(box.bottom, clip.bottom);
      // Screen-reader-only text is clipped to a pixel: nobody sees it.
      if (right - left < 2 || bottom - top < 2) continue;
      looked += 1;
      if (right > column[0] + 1 && left < column[1] - 1) {
        covered.push({ what: what.slice(0, 60), left: Math.round(left), right: Math.round(right), top });
        return;
      }
    }
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.nodeValue?.trim();
    const parent = node.parentElement;
    if (!text || !parent || ['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE'].includes(parent.tagName)) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    check(text, parent, range.getClientRects());
  }
  for (const control of Array.from(
    document.body.querySelectorAll('input:not([type=hidden]), select, textarea, button'),
  )) {
    check(`<${control.tagName.toLowerCase()} ${control.getAttribute('name') ?? ''}>`, control, [
      control.getBoundingClientRect(),
    ]);
  }
  return { covered, looked, column };
}

/** The page's own root margin on the panel's side, as it styles it. */
const rootMargin = (page: Page) =>
  page.evaluate(() => getComputedStyle(document.documentElement).marginRight);

async function openOn(page: Page, url: string): Promise<Frame> {
  await page.goto(url);
  const shown = await panel(page);
  await expect(shown.getByRole('tab', { name: 'Details' })).toBeVisible({ timeout: 30_000 });
  // The room is made once the panel has reported its layout.
  await expect.poll(() => panelHost(page).evaluate((host) => host.getBoundingClientRect().width)).toBe(320);
  await expect.poll(() => rootMargin(page)).toBe('320px');
  return panelFrame(page);
}

for (const size of SIZES) {
  test(`at ${size.width}×${size.height} the open panel covers no text or control of any demo screen`, async ({
    page,
    ehrUrl,
  }) => {
    test.setTimeout(300_000);
    await page.setViewportSize(size);
    for (const screen of SCREENS) {
      const frame = await openOn(page, ehrUrl + screen.path);
      // The single-page app renders its referral late: look once it is there.
      await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
      const { covered, looked, column } = await page.evaluate(coveredByPanel);
      expect(looked, `${screen.name}: text was looked at`).toBeGreaterThan(20);
      expect(covered, `${screen.name} at ${size.width}×${size.height}, panel column ${column}`).toEqual([]);
      // Docked full height, right edge: the header and state bar are in view, the panel on top.
      expect(column[1]).toBeLessThanOrEqual(size.width);
      await expect(frame.getByRole('heading', { name: 'Handoff', level: 1 })).toBeInViewport();
      await expect(frame.locator('.state-bar')).toBeInViewport();
      await expect(frame.getByRole('button', { name: 'Clinical question' })).toBeInViewport();
    }
  });
}

test('at 1024×768 "Mark packet sent" stays in view, collapsing gives the page its width back and still shows the state, and the panel passes axe', async ({
  page,
  ehrUrl,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1024, height: 768 });
  const frame = await openOn(page, ehrUrl + referralPath(demoReferral('R-1012')));
  await frame.getByRole('button', { name: 'Track referral' }).click();
  await expect(frame.locator('.status-chip')).toHaveText('New');
  const markSent = frame.getByRole('button', { name: 'Mark packet sent' });
  // Whatever section is open and however far it scrolls, the primary action is in view.
  for (const tab of ['Details', 'Packet', 'Scripts', 'Outreach']) {
    await frame.getByRole('tab', { name: new RegExp(`^${tab}`) }).click();
    await frame.locator('.body').evaluate((body) => body.scrollTo(0, body.scrollHeight));
    await expect(markSent).toBeInViewport();
    await expect(frame.locator('.status-chip')).toBeInViewport();
  }
  expect(await axeViolations(frame)).toEqual([]);

  // From the keyboard: the collapse button takes focus and Enter collapses the panel.
  const collapse = frame.getByRole('button', { name: 'Collapse Handoff panel' });
  await collapse.focus();
  await page.keyboard.press('Enter');
  await expect(frame.locator('.state-line')).toHaveText(/^New · next follow-up /);
  // Collapsed, the page has its whole width back and the panel is a small tab in the corner.
  await expect.poll(() => rootMargin(page)).toBe('0px');
  expect(await page.evaluate(() => document.documentElement.getAttribute('style'))).toBeNull();
  const tab = await panelHost(page).evaluate((host) => host.getBoundingClientRect().toJSON());
  expect(tab.height).toBeLessThan(100);
  expect(tab.bottom).toBeLessThanOrEqual(768);
  expect(await axeViolations(frame)).toEqual([]);

  await frame.getByRole('button', { name: 'Expand Handoff panel' }).click();
  await expect.poll(() => rootMargin(page)).toBe('320px');
  const { covered } = await page.evaluate(coveredByPanel);
  expect(covered).toEqual([]);
});

test('the page’s fixed bar is moved out of the panel’s column and put back when the panel goes', async ({
  page,
  ehrUrl,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const path = referralPath(demoReferral('R-1009'));
  await openOn(page, ehrUrl + path);
  const bar = page.locator('#sessionbar');
  // The bar is placed by the page's style sheet alone, with no inline style of its own.
  await expect
    .poll(() => bar.evaluate((element) => element.getBoundingClientRect().right))
    .toBeLessThanOrEqual(1280 - 320 + 1);
  // "Not a referral" takes the panel away: the page gets every style back as it was.
  const frame = panelFrame(page);
  await frame.getByRole('button', { name: 'Not a referral' }).click();
  await frame.getByRole('button', { name: 'Hide on this page' }).click();
  // The click removes the very frame it lands in: a dispatched click, as Playwright's input
  // pipeline can wait for that frame's acknowledgment until the test times out.
  await frame.getByRole('button', { name: 'Close the panel' }).dispatchEvent('click');
  await expect(panelHost(page)).toHaveCount(0);
  await expect.poll(() => rootMargin(page)).toBe('0px');
  expect(await bar.getAttribute('style')).toBeNull();
  expect(await bar.evaluate((element) => element.getBoundingClientRect().right)).toBeGreaterThan(1200);
});

/**
 * The referral page with one image the server answers `delayMs` late: the page is readable (and
 * its referral found) long before its `load` event.
 */
async function withSlowImage(page: Page, url: string, delayMs: number): Promise<void> {
  await page.unrouteAll();
  await page.route(url, async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace('</body>', '<img src="/slow-image.svg" alt=""></body>');
    await route.fulfill({ response, body: html });
  });
  await page.route('**/slow-image.svg', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    await route.fulfill({ contentType: 'image/svg+xml', body: '<svg xmlns="http://www.w3.org/2000/svg"/>' });
  });
}

/** When the panel's host joined the page, and when the page's own load event came (0: not yet). */
function recordHostAndLoad() {
  const times = { hostAt: 0, loadAt: 0 };
  Object.assign(window, { handoffTimes: times });
  new MutationObserver((_, observer) => {
    if (!document.querySelector('[data-handoff-panel]')) return;
    times.hostAt = performance.now();
    observer.disconnect();
  }).observe(document, { childList: true, subtree: true });
  addEventListener('load', () => {
    times.loadAt = performance.now();
  });
}

const handoffTimes = (page: Page) =>
  page.evaluate(
    () => (window as unknown as { handoffTimes: { hostAt: number; loadAt: number } }).handoffTimes,
  );

test('a page still loading its images gets its load event on time: the panel waits for it, up to a second', async ({
  page,
  ehrUrl,
}) => {
  const url = ehrUrl + referralPath(demoReferral('R-1001'));
  await page.addInitScript(recordHostAndLoad);
  const panelShown = async () =>
    expect((await panel(page)).getByRole('tab', { name: 'Details' })).toBeVisible({ timeout: 30_000 });

  // Once as it loads in a coordinator's day, so that the queue's answer comes as promptly as then.
  await page.goto(url);
  await panelShown();

  // Loaded within the wait: the panel comes after the page's load event, which did not wait for it.
  await withSlowImage(page, url, 700);
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await panelShown();
  const loaded = await handoffTimes(page);
  expect(loaded.loadAt).toBeGreaterThan(0);
  expect(loaded.hostAt).toBeGreaterThanOrEqual(loaded.loadAt);

  // Still loading after the wait: the panel comes anyway, before the page's load.
  await withSlowImage(page, url, 8000);
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await panelShown();
  expect(await handoffTimes(page)).toMatchObject({ loadAt: 0 });
});
