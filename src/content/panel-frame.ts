import { browser } from 'wxt/browser';
import { type Detection, isSameList } from '../detection/detect-referral';
import type { PageStatus } from '../messages';
import {
  type ChannelHandOver,
  type FromPanel,
  isFromPanel,
  type OfferAnswer,
  PANEL_OFFER_PORT,
  PANEL_PAGE,
  PANEL_WIDTH_PX,
  type PanelLayout,
  type ToPanel,
} from '../panel/panel-protocol';
import { PageRoom } from './page-room';

/**
 * The host is a built-in element: a page can define a custom element under any name we might
 * pick, and a custom element's class can call `attachInternals()` and so reach even a closed
 * shadow root. No page can make a `div` created here into anything but a `div`.
 */
const PANEL_HOST_ATTRIBUTE = 'data-handoff-panel';
/** Offers made again when the background stops before the panel claimed one. */
const MAX_OFFER_RETRIES = 2;
/**
 * How long a referral found on a page still loading (its images, say) waits for the page's `load`
 * before its panel is added anyway: a frame added earlier holds the page's `load`, and the EHR's
 * own scripts waiting for it, until the panel has loaded too.
 */
const PAGE_LOAD_WAIT_MS = 1000;

type Port = ReturnType<typeof browser.runtime.connect>;
const isOfferAnswer = (message: unknown): message is OfferAnswer =>
  ['offered', 'claimed'].includes((message as { type?: unknown } | null)?.type as string);
type Show = Extract<ToPanel, { type: 'show' }>;

/**
 * The host's own rules live inside its shadow root: for `!important` declarations the inner
 * context wins, so a page rule such as `[data-handoff-panel] { display: none !important }` cannot hide
 * or move the panel. `all` leaves the host's pseudo-elements to the page, which could lay one
 * over the panel and take its clicks: they are switched off here too.
 */
function hostCss(layout: PanelLayout | undefined): string {
  const size = (value: number, max: number) => Math.round(Math.min(Math.max(Number(value) || 0, 24), max));
  const side = layout?.side === 'left' ? 'left' : 'right';
  // Open, the panel is docked full height in the room the page made for it (see PageRoom);
  // collapsed, it is a small tab in the bottom corner and the page has all its width back.
  const place = !layout
    ? 'right: 0 !important; top: 0 !important; width: 1px !important; height: 1px !important; visibility: hidden !important;'
    : layout.collapsed
      ? `${side}: 12px !important; bottom: 12px !important; width: ${size(layout.width, 640)}px !important; height: ${size(layout.height, 400)}px !important; max-height: calc(100vh - 24px) !important;`
      : `${side}: 0 !important; top: 0 !important; width: ${size(layout.width, 640)}px !important; height: 100vh !important;`;
  return `:host { all: initial !important; display: block !important; position: fixed !important;
  z-index: 2147483646 !important; ${place} }
:host::before, :host::after { content: none !important; display: none !important; }
iframe { display: block; width: 100%; height: 100%; border: 0; color-scheme: normal; }`;
}

/**
 * Replaces the host's rules only when they change: the panel reports its layout again on every
 * resize, and each new style sheet makes the page recompute the host's style.
 */
function setHostCss(style: HTMLStyleElement, layout: PanelLayout | undefined): void {
  const css = hostCss(layout);
  if (style.textContent !== css) style.textContent = css;
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

/** The panel's elements, made the first time a referral is found on the page. */
interface Parts {
  host: HTMLDivElement;
  style: HTMLStyleElement;
  frame: HTMLIFrameElement;
  /** Where the panel's page comes from: the only origin the channel's hand-over is delivered to. */
  extensionOrigin: string;
}

/**
 * The panel on the page: an extension page framed inside a closed shadow root, so the page can
 * neither read nor restyle it and pays for drawing it only on referral screens. Nothing is built
 * until a referral is found: a page without one pays for no element, frame or message. Mounted at
 * most once, mounted again if the page removes it, sized to the panel as it reports its layout.
 */
export class PanelFrame {
  private parts?: Parts;
  /** This side of the channel the panel claimed, or is about to. */
  private channel?: MessagePort;
  private offer?: Port;
  /** The nonce of the offer made for the frame's load in progress, until it is handed over. */
  private nonce?: string;
  /** Whether the offer open now is for the frame's next hand-over (none has used it yet). */
  private offerUnused = false;
  private frameLoaded = false;
  /** The panel is to be added once the page has loaded (see PAGE_LOAD_WAIT_MS). */
  private mountPending = false;
  /** The frame is loading, hidden, for a referral the queue has not answered about yet. */
  private preparing = false;
  private shown?: Show;
  /** The room the page makes for the open panel, so the panel covers none of it. */
  private readonly room = new PageRoom(document, () => this.parts?.host);

  constructor(
    private readonly onDismissed: () => void,
    /**
     * Looks at the page again now: true when it still shows the referral last shown (with a row,
     * when its list still has a row with exactly those fields).
     */
    private readonly confirmOnScreen: (row?: unknown) => boolean,
  ) {}

  private build(): Parts {
    const host = document.createElement('div');
    const style = document.createElement('style');
    const frame = document.createElement('iframe');
    host.setAttribute(PANEL_HOST_ATTRIBUTE, '');
    const shadow = host.attachShadow({ mode: 'closed' });
    // Scripts are copied from the panel to the clipboard; a cross-origin frame needs the grant.
    frame.allow = 'clipboard-write';
    const page = browser.runtime.getURL(PANEL_PAGE);
    frame.src = page;
    // Every load of the frame (first mount, or again after the page removed it) gets a new channel:
    // the one offered while the frame was loading, or a new one.
    frame.addEventListener('load', () => {
      this.frameLoaded = true;
      if (this.offerUnused) this.handOverOnceLoaded();
      else this.offerChannel(0);
    });
    shadow.append(style, frame);
    return { host, style, frame, extensionOrigin: new URL(page).origin };
  }

  get isShown(): boolean {
    return this.shown !== undefined;
  }

  /** False once the page has removed the panel's host element. */
  get isOnPage(): boolean {
    return this.mountPending || this.parts?.host.isConnected === true;
  }

  /**
   * True for the panel's host where the panel means it to be (on the page while shown, off it
   * while hidden): adding or removing it then was the panel's doing, not the page changing.
   */
  placedItself(node: Node): boolean {
    return node === this.parts?.host && (this.isShown || this.preparing) === node.isConnected;
  }

  /**
   * Starts loading the panel, hidden and taking no room, for a referral the queue is being asked
   * about: the frame's load, the longest part of the panel's start, then overlaps the queue's
   * answer instead of following it. `show` places it; `hide` (the page was marked "not a
   * referral", or the referral went) removes it.
   */
  prepare(): void {
    if (this.shown || this.preparing) return;
    this.preparing = true;
    this.parts ??= this.build();
    if (document.readyState === 'complete') this.attach(this.parts);
    else this.mountOnceLoaded(this.parts);
  }

  show(detection: Detection, manual: boolean, pageUrl: string, known?: PageStatus): void {
    const before = this.shown?.detection;
    const prepared = this.preparing;
    this.preparing = false;
    this.shown = { type: 'show', detection, manual, pageUrl, known };
    this.parts ??= this.build();
    if (this.parts.host.isConnected) {
      if (prepared) this.place(this.parts);
      // Another referral on the page may come with bars of its own to move out of the panel's way;
      // a live list rewriting its rows does not, and each look for them would make the page lay
      // itself out again.
      else if (!isSameList(before ?? null, detection)) this.room.fitFixed();
      this.post(this.shown);
    } else if (manual || document.readyState === 'complete') {
      this.mount(this.parts);
    } else {
      this.mountOnceLoaded(this.parts);
    }
  }

  /**
   * Adds the panel when the page has loaded, or after PAGE_LOAD_WAIT_MS. A page may fire a `load`
   * of its own sooner: its panel then comes sooner, as it did before it waited at all.
   */
  private mountOnceLoaded(parts: Parts): void {
    if (this.mountPending) return;
    this.mountPending = true;
    const loaded = () => {
      removeEventListener('load', loaded);
      clearTimeout(timer);
      this.mountPending = false;
      if (parts.host.isConnected) return;
      if (this.shown) this.mount(parts);
      else if (this.preparing) this.attach(parts);
    };
    addEventListener('load', loaded);
    const timer = setTimeout(loaded, PAGE_LOAD_WAIT_MS);
  }

  private mount(parts: Parts): void {
    this.attach(parts);
    this.place(parts);
  }

  /** Adds the panel's frame to the page, hidden until it is placed, and starts its load. */
  private attach({ host, style }: Parts): void {
    setHostCss(style, undefined);
    document.documentElement.append(host);
    // The nonce is asked for while the frame loads, not after: one round trip to the background
    // less before the panel shows.
    this.frameLoaded = false;
    this.offerChannel(0);
  }

  /**
   * Open, the panel takes its room as soon as it is shown, while its frame loads in its own
   * process: the page lays out again at its new width then, not after the panel has drawn itself,
   * and the panel draws at its full width at once. Collapsed, it waits for the panel to report
   * its size.
   */
  private place({ style }: Parts): void {
    const placement = this.shown?.known?.placement;
    const docked = placement && !placement.collapsed ? placement.side : undefined;
    if (!docked) return;
    const layout = { side: docked, width: PANEL_WIDTH_PX, height: 0, collapsed: false };
    setHostCss(style, layout);
    this.room.reserve(layout.side, layout.width);
  }

  hide(): void {
    this.preparing = false;
    this.shown = undefined;
    this.room.release();
    this.release();
    this.parts?.host.remove();
  }

  toggleCollapsed(): void {
    this.post({ type: 'toggle-collapsed' });
  }

  private post(message: ToPanel): void {
    // Queued on the channel until the panel has claimed it; dropped if it never does.
    this.channel?.postMessage(message);
  }

  private release(): void {
    this.offer?.disconnect();
    this.offer = undefined;
    this.nonce = undefined;
    this.offerUnused = false;
    this.channel?.close();
    this.channel = undefined;
  }

  /**
   * Asks the background for a nonce; once it has come and the frame has loaded, hands the frame
   * a new channel under it.
   */
  private offerChannel(retries: number): void {
    this.release();
    const offer = browser.runtime.connect({ name: PANEL_OFFER_PORT });
    this.offer = offer;
    this.offerUnused = true;
    let claimed = false;
    offer.onMessage.addListener((message: unknown) => {
      if (this.offer !== offer || !isOfferAnswer(message)) return;
      if (message.type === 'offered') {
        this.nonce = message.nonce;
        return this.handOverOnceLoaded();
      }
      claimed = true;
      offer.disconnect();
      this.offer = undefined;
    });
    offer.onDisconnect.addListener(() => {
      if (this.offer !== offer) return;
      this.offer = undefined;
      this.nonce = undefined;
      this.offerUnused = false;
      // The service worker stopped before the panel claimed the nonce: offer a new one.
      if (!claimed && retries < MAX_OFFER_RETRIES && this.isOnPage) this.offerChannel(retries + 1);
    });
  }

  private handOverOnceLoaded(): void {
    const nonce = this.nonce;
    if (!this.frameLoaded || nonce === undefined) return;
    this.nonce = undefined;
    this.offerUnused = false;
    this.handOver(nonce);
  }

  private handOver(nonce: string): void {
    const { port1, port2 } = new MessageChannel();
    this.channel?.close();
    this.channel = port1;
    port1.addEventListener('message', (event) => {
      if (isFromPanel(event.data)) this.received(event.data);
    });
    port1.start();
    const handOver: ChannelHandOver = { type: 'handoff-panel-channel', nonce };
    // Delivered only while the frame holds an extension page: never to the EHR page, nor to
    // whatever the page may have navigated the frame to.
    this.parts?.frame.contentWindow?.postMessage(handOver, this.parts.extensionOrigin, [port2]);
    if (this.shown) this.post(this.shown);
  }

  private received(message: FromPanel): void {
    switch (message.type) {
      case 'layout': {
        if (!this.parts) return;
        setHostCss(this.parts.style, message);
        if (message.collapsed) this.room.release();
        else this.room.reserve(message.side, message.width);
        // The frame's accessible name comes from the panel, with the layout that makes it visible.
        const title = String(message.title).slice(0, 100);
        if (this.parts.frame.title !== title) this.parts.frame.title = title;
        return;
      }
      case 'dismissed':
        this.hide();
        this.onDismissed();
        return;
      case 'confirm-on-screen':
        // Answered before the new `show` a changed page brings: that one waits on the queue.
        this.post({ type: 'on-screen-confirmed', same: this.isShown && this.confirmOnScreen(message.row) });
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
