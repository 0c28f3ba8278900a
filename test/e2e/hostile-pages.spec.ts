import type { Frame, Page } from '@playwright/test';
import { CHROME_EXTENSION_ID } from '../../src/extension-identity';
import { referralById } from '../demo-ehr/data';
import { HOSTILE_PAGES, type HostileGroup, type HostilePage } from '../demo-ehr/pages/hostile';
import { referralPath } from '../demo-ehr/urls';
import { axeViolations, detectionSignal, panel, panelHost } from './demo';
import { expect, test } from './fixtures';

/**
 * The hostile-page corpus (test/demo-ehr/pages/hostile.ts), walked group by group in one browser
 * each. On every page: nothing from the page runs in the panel or through it, the panel shows the
 * page's values as text or stays away, and the queue tracked before is exactly as it was.
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

async function childFrame(page: Page, name: string): Promise<Frame> {
  await expect.poll(() => page.frame({ name })?.url() ?? '').toContain('/hostile/');
  return page.frame({ name }) as Frame;
}

/** Whether a payload ran: its flag on a window, its marker in a document. */
async function assertNothingRan(page: Page, c: HostilePage) {
  for (const frame of page.frames().filter((f) => !f.isDetached())) {
    await expect(frame.locator('[data-pwned]'), `${c.name}: marker in ${frame.url()}`).toHaveCount(0);
  }
  for (const frame of page.frames().filter((f) => !f.isDetached() && f.url().includes('/panel.html'))) {
    const seen = await frame.evaluate(() => ({
      flag: (window as { __pwned?: unknown }).__pwned ?? null,
      polluted: ({} as { polluted?: unknown }).polluted ?? null,
      scripts: document.querySelectorAll('script:not([src])').length,
    }));
    expect(seen, `${c.name}: the panel's own world`).toEqual({ flag: null, polluted: null, scripts: 0 });
  }
  // Pages that tamper with their own globals are not asked through their world.
  if (c.group === 'payloads' || c.group === 'documents') {
    const flag = await page.mainFrame().evaluate('window.__pwned === undefined');
    expect(flag, `${c.name}: the page's world`).toBe(true);
  }
}

/** Opens one hostile page and checks what Handoff must do there. */
async function visit(page: Page, ehrUrl: string, c: HostilePage): Promise<void> {
  await page.goto(`${ehrUrl}/hostile/${c.name}?ext=${CHROME_EXTENSION_ID}`);
  const parent = c.frame ? await childFrame(page, c.frame) : page.mainFrame();
  if (c.panel === 'shows') {
    await expect.poll(() => ownPanelFrame(page, parent) !== undefined, { message: c.name }).toBe(true);
    const shown = ownPanelFrame(page, parent) as Frame;
    const [field, text] = c.shows ?? ['patientName', 'Dana Sample'];
    await expect(shown.locator(`[data-field="${field}"]`), c.name).toContainText(text);
  } else {
    // The content script has concluded on this very page (its own signal, not a pause), and
    // no panel of Handoff's shows anything there: none at all, or (in a sandboxed document,
    // whose sandbox binds the frames inside it) a panel page that cannot run.
    await expect
      .poll(async () => (await detectionSignal(page, parent))?.url, {
        message: `${c.name}: detection concludes`,
      })
      .toBe(parent.url());
    const inert = ownPanelFrame(page, parent);
    if (inert) await expect(inert.locator('[data-field]'), c.name).toHaveCount(0);
  }
  await assertNothingRan(page, c);
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

/** A referral the coordinator tracked before any hostile page was opened. */
async function trackBaseline(page: Page, ehrUrl: string) {
  const referral = referralById('R-1001');
  if (!referral) throw new Error('demo referral missing');
  await page.goto(ehrUrl + referralPath(referral));
  const shown = await panel(page);
  await shown.getByRole('button', { name: 'Track referral' }).click();
  await expect(shown.getByRole('status').first()).toContainText('In the queue');
}

/**
 * Waits until the page has run its attack `rounds` more times from now (each hostile page that
 * attacks on a timer counts its rounds in `window.__rounds`): a condition the page reports, not a pause.
 */
async function afterRounds(page: Page, rounds: number) {
  const at = Number(await page.evaluate('window.__rounds ?? 0'));
  await expect
    .poll(async () => Number(await page.evaluate('window.__rounds ?? 0')), { message: 'attack rounds' })
    .toBeGreaterThanOrEqual(at + rounds);
}

/** Checks that only the panel-host and page-world groups need beyond `visit`. */
const EXTRA: Record<string, (page: Page, frame: Frame | undefined) => Promise<void>> = {
  async 'host-display-none'(page, frame) {
    await usable(page, frame);
  },
  async 'host-restyled'(page, frame) {
    await usable(page, frame);
  },
  async 'host-removed-once'(page) {
    expect(await page.evaluate('window.__removals')).toBe(1);
    await expect(panelHost(page)).toHaveCount(1);
  },
  async 'host-removed-always'(page) {
    // This case is about how often Handoff comes back. It stops after a few returns; the page then
    // goes quiet, which the content script signals once nothing has changed for its quiet time.
    await expect
      .poll(async () => (await detectionSignal(page))?.settled ?? 0, { timeout: 20_000 })
      .toBeGreaterThan(0);
    const removals = Number(await page.evaluate('window.__removals'));
    test
      .info()
      .annotations.push({ type: 'removals until the page went quiet', description: String(removals) });
    // The first mount and a few returns, not a new panel frame every quarter second.
    expect(removals).toBeGreaterThanOrEqual(2);
    expect(removals).toBeLessThanOrEqual(4);
    await expect(panelHost(page)).toHaveCount(0);
  },
  async 'own-handoff-panel'(page, frame) {
    await expect(panelHost(page)).toHaveCount(2);
    await usable(page, frame);
  },
  async 'custom-element-handoff-panel'(page, frame) {
    // The page's element class owns the tag, but the panel's host is a built-in element.
    const reach = await page.evaluate(() => {
      const host = document.querySelector('handoff-panel');
      return host?.shadowRoot?.querySelector('iframe')?.src ?? null;
    });
    expect(reach).toBeNull();
    await usable(page, frame);
  },
  async 'attach-internals-handoff-panel'(page, frame) {
    // Ten sweeps of every element and recorded root, the panel on the page all along.
    await afterRounds(page, 10);
    expect(await page.evaluate('window.__reach'), 'panel frames the page reached').toEqual([]);
    await usable(page, frame);
  },
  async 'steal-panel-channel'(page, frame) {
    if (!frame) throw new Error('no panel');
    // The page has framed its copy of the panel, which has loaded, and has forged channels for a
    // second after that (five rounds).
    await expect
      .poll(() => page.frames().some((f) => f.name() === PAGE_PANEL), {
        message: "the page's own panel frame",
      })
      .toBe(true);
    const copy = page.frames().find((f) => f.name() === PAGE_PANEL);
    await copy?.waitForLoadState('load');
    await afterRounds(page, 5);
    // The page's own copy of the panel is never fed: no patient, no action.
    await expect(copy?.locator('body') ?? page.locator('nothing')).not.toContainText('Dana');
    await expect(
      copy?.getByRole('button', { name: 'Track referral' }) ?? page.locator('nothing'),
    ).toHaveCount(0);
    // Every window message the page heard was its own: never a hand-over or a nonce.
    const heard = (await page.evaluate('window.__heard')) as string[];
    expect(heard.filter((message) => /nonce|handoff|Dana|content-script/.test(message))).toEqual([]);
    await expect(frame.locator('[data-field="patientName"]')).toHaveText('Dana Sample');
    await expect(frame.locator('body')).not.toContainText('Mallory');
    await usable(page, frame);
  },
  async 'content-script-started'(page, frame) {
    // The page has dispatched the "started" events ten times (a second of them).
    await afterRounds(page, 10);
    expect(await page.evaluate('window.__started'), 'announcements the page saw').toEqual([]);
    await expect(panelHost(page)).toHaveCount(1);
    await usable(page, frame);
  },
  async 'fake-postmessage'(page, frame) {
    // Twenty rounds of every faked message shape to every frame (a second of them).
    await afterRounds(page, 20);
    await expect(frame?.locator('[data-field="patientName"]') ?? page.locator('nothing')).toHaveText(
      'Dana Sample',
    );
    await expect(frame?.locator('body') ?? page.locator('nothing')).not.toContainText('Mallory');
  },
  async 'frame-panel-page'(page) {
    const own = page.frames().find((f) => f.name() === PAGE_PANEL);
    if (!own) throw new Error('the page could not frame the panel page: the case tests nothing');
    await own.waitForLoadState('load');
    // Twenty rounds of forged channels and messages into the page's own panel frame.
    await afterRounds(page, 20);
    await expect(own.locator('body')).not.toContainText('Mallory');
    await expect(own.locator('body')).not.toContainText('Dana');
    await expect(own.getByRole('button', { name: 'Track referral' })).toHaveCount(0);
  },
  async placeholders(_page, frame) {
    // The scripts fill placeholders once, from the values: a value that looks like a placeholder
    // or a replacement pattern is said as written.
    if (!frame) throw new Error('no panel');
    await frame.getByRole('tab', { name: /script/i }).click();
    await expect(frame.locator('body')).toContainText('{practicePhone} $1 $&');
  },
};

/** The panel is on screen at a usable size and answers a click. */
async function usable(page: Page, frame: Frame | undefined) {
  if (!frame) throw new Error('no panel');
  const box = await page.locator('[data-handoff-panel]:not(#impostor)').boundingBox();
  expect(box && box.width >= 200 && box.height >= 100).toBe(true);
  await frame.getByRole('button', { name: 'Collapse Handoff panel' }).click();
  await frame.getByRole('button', { name: 'Expand Handoff panel' }).click();
  await expect(frame.locator('[data-field="patientName"]')).toHaveText('Dana Sample');
}

const GROUPS: HostileGroup[] = ['payloads', 'panel-host', 'page-world', 'fake-messages', 'documents'];

test('the hostile-page corpus has at least 30 pages, each with a distinct name', () => {
  expect(HOSTILE_PAGES.length).toBeGreaterThanOrEqual(30);
  expect(new Set(HOSTILE_PAGES.map((c) => c.name)).size).toBe(HOSTILE_PAGES.length);
});

for (const group of GROUPS) {
  test(`hostile pages (${group}): nothing runs, the panel holds, the queue is intact`, async ({
    page,
    ehrUrl,
    openExtensionPage,
  }) => {
    const cases = HOSTILE_PAGES.filter((c) => c.group === group);
    test.setTimeout(30_000 + cases.length * 12_000);
    await trackBaseline(page, ehrUrl);
    const extensionPage = await openExtensionPage('popup.html');
    const before = await queueSnapshot(extensionPage);
    expect(before).toHaveLength(1);

    for (const c of cases) {
      await visit(page, ehrUrl, c);
      const parent = c.frame ? await childFrame(page, c.frame) : page.mainFrame();
      await EXTRA[c.name]?.(page, ownPanelFrame(page, parent));
    }

    expect(await queueSnapshot(extensionPage)).toEqual(before);
  });
}

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
