import { browser } from 'wxt/browser';
import type { Detection } from '../detection/detect-referral';
import { t } from '../i18n';
import type { PageStatus } from '../messages';
import {
  type FromPanel,
  isFromPanel,
  PANEL_PAGE,
  PANEL_PORT_PREFIX,
  type PanelLayout,
  type ToPanel,
} from '../panel/panel-protocol';

export const PANEL_HOST_TAG = 'handoff-panel';
const TOP = 72;

type Port = ReturnType<typeof browser.runtime.connect>;
type Show = Extract<ToPanel, { type: 'show' }>;

/**
 * The host's own rules live inside its shadow root: for `!important` declarations the inner
 * context wins, so a page rule such as `handoff-panel { display: none !important }` cannot hide
 * or move the panel. `all` leaves the host's pseudo-elements to the page, which could lay one
 * over the panel and take its clicks: they are switched off here too.
 */
function hostCss(layout: PanelLayout | undefined): string {
  const size = (value: number, max: number) => Math.round(Math.min(Math.max(Number(value) || 0, 24), max));
  const place = layout
    ? `${layout.side === 'left' ? 'left' : 'right'}: 12px !important; width: ${size(layout.width, 640)}px !important; height: ${size(layout.height, 4000)}px !important;`
    : 'right: 12px !important; width: 1px !important; height: 1px !important; visibility: hidden !important;';
  return `:host { all: initial !important; display: block !important; position: fixed !important;
  top: ${TOP}px !important; z-index: 2147483646 !important; max-height: calc(100vh - ${TOP + 24}px) !important;
  ${place} }
:host::before, :host::after { content: none !important; display: none !important; }
iframe { display: block; width: 100%; height: 100%; border: 0; color-scheme: normal; }`;
}

function matchingSelectors(selectors: readonly string[]): string[] {
  return selectors.filter((selector) => {
    try {
      return document.querySelector(selector) !== null;
    } catch {
      return false;
    }
  });
}

/**
 * The panel on the page: an extension page framed inside a closed shadow root, so the page can
 * neither read nor restyle it and pays for drawing it only on referral screens. Mounted at most
 * once, mounted again if the page removes it, sized to the panel as it reports its layout.
 */
export class PanelFrame {
  private readonly host = document.createElement(PANEL_HOST_TAG);
  private readonly style = document.createElement('style');
  private readonly frame = document.createElement('iframe');
  private readonly token = crypto.randomUUID();
  private port?: Port;
  private shown?: Show;

  constructor(private readonly onDismissed: () => void) {
    const shadow = this.host.attachShadow({ mode: 'closed' });
    this.style.textContent = hostCss(undefined);
    this.frame.title = t('panelTitle');
    // Scripts are copied from the panel to the clipboard; a cross-origin frame needs the grant.
    this.frame.allow = 'clipboard-write';
    this.frame.src = `${browser.runtime.getURL(PANEL_PAGE)}#${this.token}`;
    // Every load of the frame (first mount, or again after the page removed it) opens a new port.
    this.frame.addEventListener('load', () => this.connect());
    shadow.append(this.style, this.frame);
  }

  get isShown(): boolean {
    return this.shown !== undefined;
  }

  /** False once the page has removed the panel's host element. */
  get isOnPage(): boolean {
    return this.host.isConnected;
  }

  show(detection: Detection, manual: boolean, pageUrl: string, known?: PageStatus): void {
    this.shown = { type: 'show', detection, manual, pageUrl, known };
    if (this.host.isConnected) this.post(this.shown);
    else {
      this.style.textContent = hostCss(undefined);
      document.documentElement.append(this.host);
    }
  }

  hide(): void {
    this.shown = undefined;
    this.port?.disconnect();
    this.port = undefined;
    this.host.remove();
  }

  toggleCollapsed(): void {
    this.post({ type: 'toggle-collapsed' });
  }

  private post(message: ToPanel): void {
    try {
      this.port?.postMessage(message);
    } catch {
      // The frame is reloading: its next load connects again and receives the latest state.
    }
  }

  private connect(): void {
    this.port?.disconnect();
    const port = browser.runtime.connect({ name: PANEL_PORT_PREFIX + this.token });
    this.port = port;
    port.onMessage.addListener((message: unknown) => {
      if (isFromPanel(message)) this.received(message);
    });
    port.onDisconnect.addListener(() => {
      if (this.port === port) this.port = undefined;
    });
    if (this.shown) this.post(this.shown);
  }

  private received(message: FromPanel): void {
    switch (message.type) {
      case 'layout':
        this.style.textContent = hostCss(message);
        return;
      case 'dismissed':
        this.hide();
        this.onDismissed();
        return;
      case 'check-selectors':
        this.post({
          type: 'selectors-checked',
          matching: matchingSelectors(message.selectors.slice(0, 100)),
        });
        return;
    }
  }
}
