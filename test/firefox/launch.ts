import { resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { FIREFOX_EXTENSION_ID } from '../../src/extension-identity';

/**
 * Firefox ESR with the built add-on, for end-to-end tests: puppeteer-core over WebDriver BiDi,
 * headless, no geckodriver. Puppeteer does not track `moz-extension://` frames, so the panel's
 * frame is reached through raw BiDi: `browsingContext.getTree` finds it, `script.callFunction`
 * runs code in it.
 */
export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const FIREFOX_EXTENSION_DIR = resolve('.output/firefox-mv3');
/**
 * Firefox gives each install a random origin (`moz-extension://<uuid>`); this pref fixes it, so a
 * test knows the panel's address as it knows Chrome's fixed extension id.
 */
export const FIREFOX_EXTENSION_UUID = '5f0c4d2e-6a1b-4c8d-9e3f-7a2b1c0d4e5f';
export const FIREFOX_EXTENSION_ORIGIN = `moz-extension://${FIREFOX_EXTENSION_UUID}`;

interface ContextInfo {
  context: string;
  url: string;
  children: ContextInfo[] | null;
  parent?: string | null;
}

export interface FirefoxSession {
  browser: Browser;
  page: Page;
  /** A raw WebDriver BiDi command. */
  bidi(method: string, params: object): Promise<Record<string, unknown>>;
  /** Every browsing context, top-level tabs and all their frames, moz-extension frames included. */
  contexts(): Promise<ContextInfo[]>;
  /**
   * Runs `fn` (its source) in a browsing context and returns what it returns, through JSON.
   * `fn` may be async; it runs in the page's own world.
   */
  evaluate<T>(context: string, fn: string, ...args: unknown[]): Promise<T>;
  close(): Promise<void>;
}

function flatten(list: ContextInfo[], parent: string | null = null): ContextInfo[] {
  return list.flatMap((info) => [{ ...info, parent }, ...flatten(info.children ?? [], info.context)]);
}

export async function launchFirefox(extensionDir = FIREFOX_EXTENSION_DIR): Promise<FirefoxSession> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    defaultViewport: { width: 1400, height: 900 },
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [FIREFOX_EXTENSION_ID]: FIREFOX_EXTENSION_UUID }),
    },
  });
  try {
    await browser.installExtension(extensionDir);
    const page = (await browser.pages())[0] ?? (await browser.newPage());
    const connection = (
      browser as unknown as {
        connection: { send(method: string, params: object): Promise<{ result: Record<string, unknown> }> };
      }
    ).connection;
    const bidi = async (method: string, params: object) => (await connection.send(method, params)).result;
    const contexts = async () =>
      flatten((await bidi('browsingContext.getTree', {})).contexts as ContextInfo[]);
    const evaluate = async <T>(context: string, fn: string, ...args: unknown[]): Promise<T> => {
      const answer = (await bidi('script.callFunction', {
        functionDeclaration: `async (json) => JSON.stringify(await (${fn})(...JSON.parse(json)) ?? null)`,
        arguments: [{ type: 'string', value: JSON.stringify(args) }],
        target: { context },
        awaitPromise: true,
      })) as { type: string; result?: { value?: string }; exceptionDetails?: { text?: string } };
      if (answer.type === 'exception') throw new Error(answer.exceptionDetails?.text ?? 'script failed');
      return JSON.parse(answer.result?.value ?? 'null') as T;
    };
    return { browser, page, bidi, contexts, evaluate, close: () => browser.close() };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/** The context id of the frame under `parent` (a context id) whose address starts with `prefix`. */
export async function frameUnder(session: FirefoxSession, parent: string, prefix: string) {
  return (await session.contexts()).find((info) => info.parent === parent && info.url.startsWith(prefix))
    ?.context;
}

/** The top-level browsing context showing `page`. */
export async function topContext(session: FirefoxSession, page: Page): Promise<string> {
  const url = page.url();
  const top = (await session.contexts()).find((info) => !info.parent && info.url === url);
  if (!top) throw new Error(`no browsing context shows ${url}`);
  return top.context;
}
