import type { BrowserContext, Frame, Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';
import { CHROME_EXTENSION_ID } from '../../../src/extension-identity';
import { extensionWorker } from '../../e2e/fixtures';
import type { Driver, EhrTab, ExtensionApi, Surface, TabDocument, Target } from '../driver';

/** Every match of `target`, with Playwright's own queries. */
function locateAll(scope: Page | Frame, target: Target): Locator {
  if ('role' in target)
    return scope.getByRole(target.role as Parameters<Page['getByRole']>[0], { name: target.name });
  if ('label' in target) return scope.getByLabel(target.label);
  if ('testId' in target) return scope.getByTestId(target.testId);
  const all = scope.locator(target.css);
  return target.hasText === undefined ? all : all.filter({ hasText: target.hasText });
}

const locate = (scope: Page | Frame, target: Target) => locateAll(scope, target).first();

/** A document Playwright reaches directly: clicks and typing are Playwright's own. */
class PlaywrightSurface implements Surface {
  constructor(protected readonly scope: Page | Frame) {}

  async click(target: Target) {
    await locate(this.scope, target).click();
  }
  async fill(target: Target, value: string) {
    await locate(this.scope, target).fill(value);
  }
  async text(target: Target) {
    const found = locate(this.scope, target);
    // Rendered text, as a user reads it (and as the Firefox driver reads it).
    // biome-ignore lint/performance/useDomNodeTextContent: text hidden by CSS is not what a user sees.
    return this.unlessGone(async () => ((await found.count()) > 0 ? found.innerText() : ''), '');
  }
  count(target: Target) {
    return this.unlessGone(() => locateAll(this.scope, target).count(), 0);
  }
  /**
   * A frame the page removed while it was being read (the panel leaves while a single-page app
   * loads its next screen) shows nothing: a poll reads that and looks again, instead of failing.
   */
  private async unlessGone<T>(read: () => Promise<T>, nothing: T): Promise<T> {
    try {
      return await read();
    } catch (error) {
      if ('isDetached' in this.scope && this.scope.isDetached()) return nothing;
      throw error;
    }
  }
  async attribute(target: Target, name: string) {
    return locate(this.scope, target).getAttribute(name);
  }
  checked(target: Target) {
    return locate(this.scope, target).isChecked();
  }
  async value(target: Target) {
    return locate(this.scope, target).inputValue();
  }
  async evaluate<T, A>(fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T> {
    return (await this.scope.evaluate(`(${fn})(${JSON.stringify(arg ?? null)})`)) as T;
  }
}

class ChromiumEhrTab extends PlaywrightSurface implements EhrTab {
  constructor(
    private readonly page: Page,
    private readonly ehrUrl: string,
  ) {
    super(page);
  }
  async goto(path: string) {
    await this.page.bringToFront();
    await this.page.goto(this.ehrUrl + path);
  }
  async reload() {
    await this.page.reload();
  }
  async panel(): Promise<Surface> {
    const find = () =>
      this.page
        .frames()
        .find(
          (frame) =>
            !frame.isDetached() &&
            frame.parentFrame() === this.page.mainFrame() &&
            frame.url().includes('/panel.html'),
        );
    await expect.poll(() => find() !== undefined, { message: 'the panel frame appears' }).toBe(true);
    return new PlaywrightSurface(find() as Frame);
  }
  async documents(): Promise<TabDocument[]> {
    const frames = this.page.frames().filter((frame) => !frame.isDetached());
    return frames.map((frame) => {
      const parent = frame.parentFrame();
      return {
        url: frame.url(),
        parent: parent ? frames.indexOf(parent) : null,
        surface: new PlaywrightSurface(frame),
      };
    });
  }
  async clipboardText() {
    await this.page
      .context()
      .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(this.ehrUrl).origin });
    return this.page.evaluate(() => navigator.clipboard.readText());
  }
}

/** Chromium through Playwright, on a persistent context with the built extension loaded. */
export class ChromiumDriver implements Driver {
  readonly browserName = 'chromium';
  readonly extensionOrigin = `chrome-extension://${CHROME_EXTENSION_ID}`;
  private probe: Page | undefined;
  private tabs = 0;

  constructor(
    private readonly context: BrowserContext,
    readonly ehrUrl: string,
  ) {}

  async openEhrTab(path: string): Promise<EhrTab> {
    // A coordinator's browser has Handoff running before a referral opens (see test/e2e/fixtures.ts).
    await extensionWorker(this.context);
    const first = this.tabs === 0 ? this.context.pages()[0] : undefined;
    this.tabs += 1;
    const tab = new ChromiumEhrTab(first ?? (await this.context.newPage()), this.ehrUrl);
    await tab.goto(path);
    return tab;
  }

  async openExtensionPage(path: string): Promise<Surface> {
    const page = await this.context.newPage();
    await page.goto(`${this.extensionOrigin}/${path}`);
    return new PlaywrightSurface(page);
  }

  /** In an extension page, as the extension's own pages ask (the worker gets no messages of its own). */
  async inExtension<T, A>(fn: (ext: ExtensionApi, arg: A) => T | Promise<T>, arg?: A): Promise<T> {
    if (!this.probe) {
      this.probe = await this.context.newPage();
      await this.probe.goto(`${this.extensionOrigin}/popup.html`);
    }
    return (await this.probe.evaluate(`(${fn})(chrome, ${JSON.stringify(arg ?? null)})`)) as T;
  }

  async signInWindow(origin: string): Promise<Surface> {
    const window = await this.context.waitForEvent('page', {
      predicate: (page) => page.url().startsWith(origin),
      timeout: 30_000,
    });
    return new PlaywrightSurface(window);
  }

  /** Chromium keeps a notification listed until it is dismissed. */
  notifications(): Promise<string[]> {
    return this.inExtension(async (ext) => Object.keys(await ext.notifications.getAll()));
  }
}
