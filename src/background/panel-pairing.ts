import { browser } from 'wxt/browser';
import {
  type ClaimAnswer,
  claimedNonce,
  type OfferAnswer,
  PANEL_CLAIM_PORT,
  PANEL_OFFER_PORT,
  PANEL_PAGE,
} from '../panel/panel-protocol';

/** Offers a tab may hold at once: one per panel frame load, with room for frames in frames. */
const MAX_OFFERS_PER_TAB = 8;

interface Offer {
  tabId: number;
  claimed: () => void;
}

/**
 * The background's side of the panel channel (see panel-protocol.ts): it makes the nonces and
 * says which claim matches which offer. A nonce is single-use, lives only while its offer port is
 * open, and pairs only a panel and a content script in the same tab.
 */
export class PanelPairing {
  private readonly offers = new Map<string, Offer>();

  constructor(private readonly newNonce: () => string = () => crypto.randomUUID()) {}

  /** A content script in `tabId` offers a channel; undefined when the tab holds too many offers. */
  offer(tabId: number, claimed: () => void): string | undefined {
    const held = [...this.offers.values()].filter((offer) => offer.tabId === tabId).length;
    if (held >= MAX_OFFERS_PER_TAB) return undefined;
    const nonce = this.newNonce();
    this.offers.set(nonce, { tabId, claimed });
    return nonce;
  }

  withdraw(nonce: string): void {
    this.offers.delete(nonce);
  }

  /** The panel in `tabId` claims `nonce`: true once, for a live offer from the same tab. */
  claim(nonce: string, tabId: number): boolean {
    const offer = this.offers.get(nonce);
    if (!offer || offer.tabId !== tabId) return false;
    this.offers.delete(nonce);
    offer.claimed();
    return true;
  }
}

type Port = ReturnType<typeof browser.runtime.connect>;

/** Registers the offer and claim ports; every other port name is left alone. */
export function installPanelPairing(pairing = new PanelPairing()): void {
  const panelUrl = browser.runtime.getURL(PANEL_PAGE);
  browser.runtime.onConnect.addListener((port: Port) => {
    const sender = port.sender;
    const tabId = sender?.tab?.id;
    if (sender?.id !== browser.runtime.id || tabId === undefined) return;
    if (port.name === PANEL_OFFER_PORT) {
      const nonce = pairing.offer(tabId, () => port.postMessage({ type: 'claimed' } satisfies OfferAnswer));
      if (nonce === undefined) return port.disconnect();
      port.onDisconnect.addListener(() => pairing.withdraw(nonce));
      port.postMessage({ type: 'offered', nonce } satisfies OfferAnswer);
    } else if (port.name === PANEL_CLAIM_PORT) {
      // Only the panel page itself may claim; an EHR page's content script may not.
      if (sender.url?.split(/[?#]/)[0] !== panelUrl) return port.disconnect();
      port.onMessage.addListener((message: unknown) => {
        const nonce = claimedNonce(message);
        if (nonce === undefined) return;
        port.postMessage({ nonce, paired: pairing.claim(nonce, tabId) } satisfies ClaimAnswer);
      });
    }
  });
}
