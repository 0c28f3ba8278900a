import type { Detection, ExtractedFields } from '../detection/detect-referral';
import type { PageStatus } from '../messages';

/**
 * The channel between the content script in an EHR page and the panel it frames. The panel is an
 * extension page in an iframe: the page cannot read it, style it or type into it, and the code
 * that draws it is never parsed by EHR pages that show no referral.
 *
 * One design for Chromium and Firefox. Firefox gives an extension page framed in a web page only
 * content-script-level messaging (w3c/webextensions#35): it never receives a content script's
 * `runtime.connect` port, so the two cannot talk through `runtime` directly. Instead:
 *
 * 1. On every load of its frame, the content script opens an offer port to the background
 *    (`PANEL_OFFER_PORT`); the background answers with a fresh random nonce tied to that tab.
 * 2. The content script makes a `MessageChannel` and hands one end, with the nonce, to its own
 *    frame, posted to the frame's window with the extension's origin as the target. With that
 *    target origin the browser delivers it only if the frame still holds an extension page;
 *    nothing else on the page receives it, and the frame's address carries no secret.
 * 3. The panel sends each nonce it is handed to the background over its claim port
 *    (`PANEL_CLAIM_PORT`) and uses a channel end only once the background confirms that nonce:
 *    offered, never claimed before, by a content script in the panel's own tab. A page can post
 *    the frame a port of its own, but it cannot know a nonce the background made.
 *
 * After that the two talk over the MessageChannel alone: no window messages, and no dependence on
 * the background staying awake. (A relay through the background, `tabs.connect` to the frame,
 * would work too but would break each time the service worker stops.)
 */
export const PANEL_PAGE = '/panel.html';
export const PANEL_OFFER_PORT = 'handoff-panel-offer';
export const PANEL_CLAIM_PORT = 'handoff-panel-claim';

/** The one window message Handoff posts: to its own frame, targeted at the extension origin. */
export interface ChannelHandOver {
  type: 'handoff-panel-channel';
  nonce: string;
}

/** Background → content script on the offer port. */
export type OfferAnswer = { type: 'offered'; nonce: string } | { type: 'claimed' };
/** Panel → background on the claim port, and the background's answer. */
export interface Claim {
  nonce: string;
}
export interface ClaimAnswer {
  nonce: string;
  paired: boolean;
}

const NONCE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The nonce of a hand-over, when `data` is one; anything else a page posts is ignored. */
export function handOverNonce(data: unknown): string | undefined {
  const candidate = data as Partial<ChannelHandOver> | null;
  return candidate?.type === 'handoff-panel-channel' &&
    typeof candidate.nonce === 'string' &&
    NONCE.test(candidate.nonce)
    ? candidate.nonce
    : undefined;
}

/** The nonce a claim names, when it is shaped like one of ours. */
export function claimedNonce(data: unknown): string | undefined {
  const nonce = (data as Partial<Claim> | null)?.nonce;
  return typeof nonce === 'string' && NONCE.test(nonce) ? nonce : undefined;
}

/** What the content script tells its panel. */
export type ToPanel =
  | {
      type: 'show';
      detection: Detection;
      /** Opened from "Track this page as a referral": nothing was detected, fields are typed in. */
      manual: boolean;
      pageUrl: string;
      /** The queue's answer for this detection when the content script just asked. */
      known?: PageStatus;
    }
  | { type: 'toggle-collapsed' }
  /**
   * Answer to `confirm-on-screen`: whether the page still shows the referral last shown. When it
   * does not, a new `show` (or the panel's removal) follows.
   */
  | { type: 'on-screen-confirmed'; same: boolean }
  /** Answer to `check-selectors`: which of the asked selectors match an element on the page. */
  | { type: 'selectors-checked'; matching: string[] };

/**
 * The panel's width on the page, in CSS pixels: the panel's shell is this wide, and the content
 * script makes this much room for the open panel before the panel has loaded.
 */
export const PANEL_WIDTH_PX = 320;

/** The panel's size and side, so the frame on the page takes exactly the panel's room. */
export interface PanelLayout {
  side: 'left' | 'right';
  width: number;
  height: number;
  /** Open, the panel is docked full height and the page makes room for it; collapsed, it is a small tab. */
  collapsed: boolean;
}

/** What the panel asks of the content script. */
export type FromPanel =
  /**
   * Its layout, with the panel's name for the frame that holds it: the content script reads no
   * string catalogue of its own (a blocking round trip to the browser on the EHR page's thread).
   */
  | ({ type: 'layout'; title: string } & PanelLayout)
  /** The coordinator said this page is not a referral: the panel leaves the page. */
  | { type: 'dismissed' }
  /** Checklist items confirmed by a selector on the page; bounded by the checklist schema. */
  | { type: 'check-selectors'; selectors: string[] }
  /**
   * Before Track: look at the page again now, so the referral tracked is the one on screen; with
   * `row`, that the page's list still has a row with exactly these fields.
   */
  | { type: 'confirm-on-screen'; row?: ExtractedFields };

/** Narrows what arrives on the channel: the panel is ours, but the channel carries unknown data. */
export function isFromPanel(message: unknown): message is FromPanel {
  const type = (message as { type?: unknown } | null)?.type;
  return (
    type === 'layout' || type === 'dismissed' || type === 'check-selectors' || type === 'confirm-on-screen'
  );
}
