import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { expect } from '@playwright/test';
import type { Browser, Page } from 'puppeteer-core';
import { firefoxPolicies } from '../../../src/config/policy-files';
import type { Config } from '../../../src/config/schema';
import { FIREFOX_EXTENSION_ORIGIN, type FirefoxSession, launchFirefox } from '../../firefox/launch';
import {
  type Driver,
  type EhrTab,
  type ExtensionApi,
  findTargets,
  type Surface,
  type TabDocument,
  type Target,
} from '../driver';

/** Firefox's enterprise policy file on Linux: one file for every Firefox on the machine. */
const FIREFOX_POLICY_FILE = '/etc/firefox/policies/policies.json';

/**
 * Writes the policy file for one browser's life and gives back whatever file was there before.
 * Firefox reads it at start-up only, so it is written before the launch.
 */
function installPolicy(config: Record<string, unknown>): () => void {
  const before = existsSync(FIREFOX_POLICY_FILE) ? readFileSync(FIREFOX_POLICY_FILE, 'utf8') : undefined;
  mkdirSync(dirname(FIREFOX_POLICY_FILE), { recursive: true });
  // The file as the admin guide ships it (docs/policy/firefox/policies.json).
  writeFileSync(FIREFOX_POLICY_FILE, firefoxPolicies(config as Config));
  const restore = () => {
    if (before === undefined) rmSync(FIREFOX_POLICY_FILE, { force: true });
    else writeFileSync(FIREFOX_POLICY_FILE, before);
  };
  // Even a run killed between a test and its teardown leaves no policy behind for other browsers.
  process.once('exit', restore);
  return () => {
    process.off('exit', restore);
    restore();
  };
}

interface RemoteValue {
  type: string;
  value?: unknown;
  sharedId?: string;
}
type CallResult =
  | { type: 'success'; result: RemoteValue }
  | { type: 'exception'; exceptionDetails: { text: string } };

/** The raw WebDriver BiDi session Puppeteer holds: it reaches the moz-extension:// frames Puppeteer skips. */
class Bidi {
  constructor(private readonly session: FirefoxSession) {}

  send<T>(method: string, params: Record<string, unknown>): Promise<T> {
    return this.session.bidi(method, params) as Promise<T>;
  }

  /**
   * Calls `declaration` in the context's document with JSON arguments: in the document's own world,
   * or in a sandbox (an isolated world, as Playwright's queries use) where the page's tampered
   * globals cannot reach.
   */
  async call(
    context: string,
    declaration: string,
    args: unknown[],
    { awaitPromise = true, isolated = false } = {},
  ): Promise<RemoteValue> {
    const reply = await this.send<CallResult>('script.callFunction', {
      functionDeclaration: declaration,
      target: isolated ? { context, sandbox: 'handoff-scenarios' } : { context },
      arguments: args.map((arg) => ({ type: 'string', value: JSON.stringify(arg ?? null) })),
      awaitPromise,
      resultOwnership: 'none',
      serializationOptions: { maxDomDepth: 0 },
    });
    if (reply.type === 'exception') throw new Error(`in the browser: ${reply.exceptionDetails.text}`);
    return reply.result;
  }

  async json<T>(context: string, fn: string, args: unknown[], isolated = false): Promise<T> {
    const parsedArgs = args.map((_, index) => `JSON.parse(a${index})`).join(', ');
    const params = args.map((_, index) => `a${index}`).join(', ');
    const result = await this.call(
      context,
      `async (${params}) => JSON.stringify((await (${fn})(${parsedArgs})) ?? null)`,
      args,
      { isolated },
    );
    return JSON.parse(result.value as string) as T;
  }

  /** Every browsing context under `root`, itself first, each with its parent's index. */
  async tree(root: string): Promise<{ context: string; url: string; parent: number | null }[]> {
    interface Info {
      context: string;
      url: string;
      children?: Info[] | null;
    }
    const { contexts } = await this.send<{ contexts: Info[] }>('browsingContext.getTree', { root });
    const flat: { context: string; url: string; parent: number | null }[] = [];
    const walk = (info: Info, parent: number | null) => {
      flat.push({ context: info.context, url: info.url, parent });
      const index = flat.length - 1;
      for (const child of info.children ?? []) walk(child, index);
    };
    for (const top of contexts) walk(top, null);
    return flat;
  }

  async children(context: string): Promise<{ context: string; url: string }[]> {
    const { contexts } = await this.send<{
      contexts: { context: string; url: string; children?: unknown[] }[];
    }>('browsingContext.getTree', { root: context, maxDepth: 1 });
    return ((contexts[0]?.children ?? []) as { context: string; url: string }[]).map(
      ({ context: id, url }) => ({
        context: id,
        url,
      }),
    );
  }
}

/** A target as it crosses into the page: regular expressions as their source. */
function portable(target: Target): unknown {
  if ('role' in target && target.name instanceof RegExp)
    return { ...target, name: { source: target.name.source, flags: target.name.flags } };
  return target;
}

const FIND = findTargets.toString();

/**
 * Like Playwright's actionability check: the first match is enabled and has kept its box for two
 * frames, so that a click right after a section switch lands on what it was aimed at.
 */
const STABLE_AND_ENABLED = `(found) => new Promise((settle) => {
  const element = found[0];
  if (!element || element.disabled) return settle(false);
  const before = element.getBoundingClientRect();
  requestAnimationFrame(() => requestAnimationFrame(() => {
    const after = element.getBoundingClientRect();
    settle(after.width > 0 && ['x', 'y', 'width', 'height'].every((side) => before[side] === after[side]));
  }));
})`;

/**
 * A document reached through BiDi alone, framed or not. Clicks are real pointer input from the
 * browser (they carry user activation, which the clipboard needs), not `element.click()`.
 */
class BidiSurface implements Surface {
  constructor(
    protected readonly bidi: Bidi,
    readonly context: string,
    /** The tab the document is in (its top-level context). */
    private readonly tab: string = context,
  ) {}

  private query<T>(target: Target, pick: string): Promise<T> {
    return this.bidi.json<T>(
      this.context,
      `(target) => { const found = (${FIND})(target); return (${pick})(found); }`,
      [portable(target)],
      true,
    );
  }

  /** Waits, as Playwright does, for the target to be there and enabled before acting on it. */
  private async element(target: Target): Promise<string> {
    // A user acts in the tab in front; Firefox runs no animation frames in a tab behind others.
    await this.bidi.send('browsingContext.activate', { context: this.tab });
    await expect
      .poll(() => this.query<boolean>(target, STABLE_AND_ENABLED), {
        message: `${JSON.stringify(portable(target))} is on screen, enabled and still`,
      })
      .toBe(true);
    const node = await this.bidi.call(
      this.context,
      `(target) => { const element = (${FIND})(JSON.parse(target))[0]; element.scrollIntoView({ block: 'center' }); return element; }`,
      [portable(target)],
      { awaitPromise: false, isolated: true },
    );
    if (!node.sharedId) throw new Error('the target has no node reference');
    return node.sharedId;
  }

  async click(target: Target) {
    const sharedId = await this.element(target);
    await this.bidi.send('input.performActions', {
      context: this.context,
      actions: [
        {
          type: 'pointer',
          id: 'mouse',
          parameters: { pointerType: 'mouse' },
          actions: [
            { type: 'pointerMove', x: 0, y: 0, origin: { type: 'element', element: { sharedId } } },
            { type: 'pointerDown', button: 0 },
            { type: 'pointerUp', button: 0 },
          ],
        },
      ],
    });
  }

  /** Like Playwright's fill: focus, set the value, and let the page hear `input` and `change`. */
  async fill(target: Target, value: string) {
    await this.element(target);
    await this.query(
      target,
      `(found) => {
        const input = found[0];
        input.focus();
        const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(input), 'value').set;
        setter.call(input, ${JSON.stringify(value)});
        input.dispatchEvent(new Event('input', { bubbles: true }));
        input.dispatchEvent(new Event('change', { bubbles: true }));
      }`,
    );
  }

  text(target: Target) {
    return this.query<string>(target, `(found) => found[0] ? found[0].innerText : ''`);
  }
  count(target: Target) {
    return this.query<number>(target, '(found) => found.length');
  }
  attribute(target: Target, name: string) {
    return this.query<string | null>(
      target,
      `(found) => found[0] ? found[0].getAttribute(${JSON.stringify(name)}) : null`,
    );
  }
  checked(target: Target) {
    return this.query<boolean>(target, '(found) => found[0]?.checked === true');
  }
  value(target: Target) {
    return this.query<string>(target, `(found) => found[0] ? found[0].value : ''`);
  }
  evaluate<T, A>(fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T> {
    return this.bidi.json<T>(this.context, fn.toString(), [arg ?? null]);
  }
}

const contextOf = (page: Page): string => (page.mainFrame() as unknown as { _id: string })._id;

class FirefoxEhrTab extends BidiSurface implements EhrTab {
  constructor(
    bidi: Bidi,
    private readonly page: Page,
    private readonly driver: FirefoxDriver,
  ) {
    super(bidi, contextOf(page));
  }
  async goto(path: string) {
    await this.page.bringToFront();
    await this.page.goto(this.driver.ehrUrl + path);
  }
  async reload() {
    await this.page.reload();
  }
  async panel(): Promise<Surface> {
    // Puppeteer lists a moz-extension:// frame as about:blank and cannot run script in it.
    const find = async () =>
      (await this.bidi.children(this.context)).find((child) => child.url.includes('/panel.html'))?.context;
    await expect.poll(find, { message: 'the panel frame appears' }).toBeDefined();
    return new BidiSurface(this.bidi, (await find()) as string, this.context);
  }
  async documents(): Promise<TabDocument[]> {
    return (await this.bidi.tree(this.context)).map(({ context, url, parent }) => ({
      url,
      parent,
      surface: new BidiSurface(this.bidi, context, this.context),
    }));
  }
  clipboardText() {
    return this.driver.pasted();
  }
}

/**
 * Firefox ESR through puppeteer-core over WebDriver BiDi (no geckodriver): a fresh profile per
 * browser, the built add-on installed as a temporary add-on, an optional policy file in place
 * before start.
 */
export class FirefoxDriver implements Driver {
  readonly browserName = 'firefox';
  readonly extensionOrigin = FIREFOX_EXTENSION_ORIGIN;
  private readonly bidi: Bidi;
  private probe: BidiSurface | undefined;
  private tabs = 0;

  private readonly browser: Browser;

  private constructor(
    session: FirefoxSession,
    readonly ehrUrl: string,
  ) {
    this.browser = session.browser;
    this.bidi = new Bidi(session);
  }

  static async launch(
    ehrUrl: string,
    policy?: Record<string, unknown>,
  ): Promise<{ driver: FirefoxDriver; close: () => Promise<void> }> {
    const removePolicy = policy ? installPolicy(policy) : () => {};
    let session: FirefoxSession;
    try {
      session = await launchFirefox();
    } catch (error) {
      removePolicy();
      throw error;
    }
    const opened = session;
    return {
      driver: new FirefoxDriver(opened, ehrUrl),
      close: async () => {
        try {
          await opened.close();
        } finally {
          removePolicy();
        }
      },
    };
  }

  async openEhrTab(path: string): Promise<EhrTab> {
    const first = this.tabs === 0 ? (await this.browser.pages())[0] : undefined;
    this.tabs += 1;
    const tab = new FirefoxEhrTab(this.bidi, first ?? (await this.browser.newPage()), this);
    await tab.goto(path);
    return tab;
  }

  /**
   * Firefox refuses to navigate a tab to a moz-extension:// URL from outside. A web page may open
   * the one page Handoff lets pages load (panel.html); as a tab of its own that page is a full
   * extension page, and it goes on to the page asked for.
   */
  async openExtensionPage(path: string): Promise<BidiSurface> {
    const page = await this.browser.newPage();
    await page.goto(`${this.ehrUrl}/`);
    const surface = new BidiSurface(this.bidi, contextOf(page));
    for (const url of [`${FIREFOX_EXTENSION_ORIGIN}/panel.html`, `${FIREFOX_EXTENSION_ORIGIN}/${path}`]) {
      await surface.evaluate((to) => {
        location.href = to;
      }, url);
      await expect
        .poll(() =>
          surface
            .evaluate(() => location.href + (document.readyState === 'complete' ? '' : '#loading'))
            .catch(() => ''),
        )
        .toBe(url);
    }
    return surface;
  }

  /** An extension page kept open to ask the extension from, listening for its notifications. */
  private async extensionProbe(): Promise<BidiSurface> {
    if (!this.probe) {
      const probe = await this.openExtensionPage('popup.html');
      await probe.evaluate(() => {
        const seen: string[] = [];
        (window as unknown as { notificationsSeen: string[] }).notificationsSeen = seen;
        const api = (globalThis as unknown as { browser: ExtensionApi }).browser;
        api.notifications.onShown?.addListener((id: string) => seen.push(id));
        api.notifications.onClosed.addListener((id: string) => seen.push(id));
      });
      this.probe = probe;
    }
    return this.probe;
  }

  async inExtension<T, A>(fn: (ext: ExtensionApi, arg: A) => T | Promise<T>, arg?: A): Promise<T> {
    const probe = await this.extensionProbe();
    return this.bidi.json<T>(probe.context, `(arg) => (${fn})(browser, arg)`, [arg ?? null]);
  }

  /**
   * Firefox opens launchWebAuthFlow's page in a window of its own, a top-level browsing context
   * Puppeteer may not list as a page: it is found in the BiDi tree.
   */
  async signInWindow(origin: string): Promise<BidiSurface> {
    let found: string | undefined;
    await expect
      .poll(
        async () => {
          const { contexts } = await this.bidi.send<{ contexts: { context: string; url: string }[] }>(
            'browsingContext.getTree',
            { maxDepth: 0 },
          );
          found = contexts.find((info) => info.url.startsWith(origin))?.context;
          return found !== undefined;
        },
        { timeout: 30_000, message: `a sign-in window showing ${origin}` },
      )
      .toBe(true);
    return new BidiSurface(this.bidi, found as string);
  }

  /**
   * Headless Firefox has no system alert service: a notification is created and closed at once,
   * so it is counted from the shown and closed events as well as the list of open ones.
   */
  async notifications(): Promise<string[]> {
    const open = await this.inExtension(async (ext) => Object.keys(await ext.notifications.getAll()));
    const seen = await (await this.extensionProbe()).evaluate(
      () => (window as unknown as { notificationsSeen: string[] }).notificationsSeen,
    );
    return [...new Set([...open, ...seen])];
  }

  /** Pastes into a text box of an extension page with a real Ctrl+V and reads what arrived. */
  async pasted(): Promise<string> {
    const probe = await this.extensionProbe();
    await probe.evaluate(() => {
      const box = document.createElement('textarea');
      box.id = 'handoff-test-paste';
      document.body.append(box);
      box.focus();
    });
    await this.bidi.send('input.performActions', {
      context: probe.context,
      actions: [
        {
          type: 'key',
          id: 'keyboard',
          actions: [
            { type: 'keyDown', value: '\uE009' },
            { type: 'keyDown', value: 'v' },
            { type: 'keyUp', value: 'v' },
            { type: 'keyUp', value: '\uE009' },
          ],
        },
      ],
    });
    return probe.evaluate(() => {
      const box = document.getElementById('handoff-test-paste') as HTMLTextAreaElement;
      box.remove();
      return box.value;
    });
  }
}
