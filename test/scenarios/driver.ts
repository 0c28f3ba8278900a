/**
 * What a scenario may do in a browser, written once and implemented for Chromium (Playwright) and
 * Firefox (puppeteer-core over WebDriver BiDi). A scenario names what a user sees (a role and its
 * name, a label, a test id); each driver finds it its own way and clicks like a user.
 */

/** Something on screen, found the way a user or a screen reader would find it. */
export type Target =
  | { role: string; name?: string | RegExp }
  | { label: string }
  | { testId: string }
  | { css: string; hasText?: string };

/** The browser's name for the extension API (`browser` in Firefox, `chrome` in Chromium). */
// biome-ignore lint/suspicious/noExplicitAny: the WebExtension API of either browser, typed by neither.
export type ExtensionApi = any;

/** One document: an EHR tab, the panel framed in it, or an extension page. */
export interface Surface {
  click(target: Target): Promise<void>;
  /** Replaces an input's value, as typing or a date picker would. */
  fill(target: Target, value: string): Promise<void>;
  /** The rendered text of the first match (`innerText`), '' when there is none. */
  text(target: Target): Promise<string>;
  count(target: Target): Promise<number>;
  attribute(target: Target, name: string): Promise<string | null>;
  value(target: Target): Promise<string>;
  checked(target: Target): Promise<boolean>;
  /** Runs `fn` in the document's own world (the page's, the panel's or the extension page's). */
  evaluate<T, A = undefined>(fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T>;
}

/** One document of a tab: the page, a frame of the page, a frame in a frame. */
export interface TabDocument {
  url: string;
  /** The index, in the same list, of the document that frames this one (null for the page). */
  parent: number | null;
  surface: Surface;
}

export interface EhrTab extends Surface {
  goto(path: string): Promise<void>;
  reload(): Promise<void>;
  /** The Handoff panel framed in this tab (waits for its frame to appear). */
  panel(): Promise<Surface>;
  /** Every document in the tab, extension frames included, the page first. */
  documents(): Promise<TabDocument[]>;
  /** What the clipboard holds, read as a user pasting it would. */
  clipboardText(): Promise<string>;
}

export interface Driver {
  readonly browserName: 'chromium' | 'firefox';
  readonly ehrUrl: string;
  /** Where the extension's own pages are: `chrome-extension://<id>`, `moz-extension://<uuid>`. */
  readonly extensionOrigin: string;
  /** The first call uses the tab the browser opened with; later calls open new tabs. */
  openEhrTab(path: string): Promise<EhrTab>;
  /** An extension page (`dashboard.html`, `options.html`) in a tab of its own. */
  openExtensionPage(path: string): Promise<Surface>;
  /** Runs `fn` in an extension context with the extension API as its first argument. */
  inExtension<T, A = undefined>(fn: (ext: ExtensionApi, arg: A) => T | Promise<T>, arg?: A): Promise<T>;
  /** The ids of the extension's notifications put on screen since the extension was first asked. */
  notifications(): Promise<string[]>;
  /**
   * The browser's own sign-in window (`identity.launchWebAuthFlow`) once it shows a page of
   * `origin`: call it before the sign-in starts, await it after.
   */
  signInWindow(origin: string): Promise<Surface>;
}

/**
 * Finds a target in the document it runs in: the Firefox driver sends it into documents that
 * Puppeteer does not track. It mirrors the Playwright queries the Chromium driver uses: a name or
 * label matches as a case-insensitive substring, only elements on screen count.
 */
export function findTargets(target: Target): Element[] {
  const text = (element: Element) => (element.textContent ?? '').replace(/\s+/g, ' ').trim();
  const matches = (actual: string, expected: string | { source: string; flags: string }) =>
    typeof expected === 'string'
      ? actual.toLowerCase().includes(expected.toLowerCase())
      : new RegExp(expected.source, expected.flags).test(actual);
  const shown = (element: Element) =>
    !element.closest('[hidden],[aria-hidden=true]') &&
    (element as HTMLElement).checkVisibility?.({ visibilityProperty: true } as CheckVisibilityOptions) !==
      false;
  const implicitRoles: Record<string, string> = {
    button: 'button,input[type=button],input[type=submit],summary',
    link: 'a[href]',
    heading: 'h1,h2,h3,h4,h5,h6',
    listitem: 'li',
    list: 'ul,ol',
    table: 'table',
    row: 'tr',
    checkbox: 'input[type=checkbox]',
    textbox: 'input:not([type]),input[type=text],textarea',
    searchbox: 'input[type=search]',
    combobox: 'select',
  };
  const nameOf = (element: Element): string => {
    const labelledBy = element.getAttribute('aria-labelledby');
    if (labelledBy)
      return labelledBy
        .split(/\s+/)
        .map((id) => text(document.getElementById(id) ?? document.createElement('i')))
        .join(' ');
    const label = element.getAttribute('aria-label');
    if (label) return label;
    const labels = (element as HTMLInputElement).labels;
    if (labels && labels.length > 0) return Array.from(labels, text).join(' ');
    return text(element);
  };
  let found: Element[];
  if ('role' in target) {
    const implicit = implicitRoles[target.role];
    const selector = `[role="${target.role}"]${implicit ? `,${implicit}` : ''}`;
    found = Array.from(document.querySelectorAll(selector)).filter((element) => {
      const role = element.getAttribute('role');
      return (
        (role === null || role === target.role) &&
        (target.name === undefined || matches(nameOf(element), target.name))
      );
    });
  } else if ('label' in target) {
    const byLabel = Array.from(document.querySelectorAll('label'))
      .filter((label) => matches(text(label), target.label))
      .map((label) => label.control)
      .filter((control): control is HTMLElement => control !== null);
    const byAria = Array.from(document.querySelectorAll('[aria-label]')).filter((element) =>
      matches(element.getAttribute('aria-label') ?? '', target.label),
    );
    found = [...byLabel, ...byAria];
  } else if ('testId' in target) {
    found = Array.from(document.querySelectorAll(`[data-testid="${target.testId}"]`));
  } else {
    found = Array.from(document.querySelectorAll(target.css)).filter(
      (element) => target.hasText === undefined || matches(text(element), target.hasText),
    );
  }
  return found.filter(shown);
}
