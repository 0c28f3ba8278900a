import { browser } from 'wxt/browser';
import {
  type ClaimAnswer,
  type FromPanel,
  handOverNonce,
  PANEL_CLAIM_PORT,
  type ToPanel,
} from './panel-protocol';

type Port = ReturnType<typeof browser.runtime.connect>;

/** Hand-overs waiting for the background's answer; a page posting forged ones cannot grow this. */
const MAX_WAITING = 16;

/**
 * The content script that framed this panel, reached over the MessageChannel it hands this frame
 * (see panel-protocol.ts). Any window can post this frame a port; only one whose nonce the
 * background confirms is used. Listening starts before the first render: the hand-over comes as
 * soon as the frame has loaded.
 */
export class HostConnection {
  private channel?: MessagePort;
  private claims?: Port;
  private readonly waiting = new Map<string, MessagePort>();
  private listener?: (message: ToPanel) => void;
  /** The latest "show", replayed to a listener that arrives after it. */
  private shown?: ToPanel;

  constructor() {
    window.addEventListener('message', (event) => {
      const nonce = handOverNonce(event.data);
      const [port] = event.ports;
      // The content script posts from the window that frames this panel, with exactly one port.
      if (event.source !== window.parent || !nonce || !port || event.ports.length !== 1) return;
      if (this.waiting.size >= MAX_WAITING) return port.close();
      this.waiting.set(nonce, port);
      this.claimPort().postMessage({ nonce });
    });
    // Opened now, while the content script's hand-over is on its way: the claim then waits for
    // the background's answer only, not for the port to open as well.
    this.claimPort();
  }

  listen(listener: (message: ToPanel) => void): void {
    this.listener = listener;
    if (this.shown) listener(this.shown);
  }

  post(message: FromPanel): void {
    this.channel?.postMessage(message);
  }

  /** Opened as the panel starts, again on a hand-over if the background stopped since. */
  private claimPort(): Port {
    if (this.claims) return this.claims;
    const claims = browser.runtime.connect({ name: PANEL_CLAIM_PORT });
    claims.onMessage.addListener((answer: unknown) => this.answered(answer as ClaimAnswer));
    claims.onDisconnect.addListener(() => {
      if (this.claims === claims) this.claims = undefined;
      // Unanswered hand-overs are dead: the content script offers again when its offer drops.
      for (const port of this.waiting.values()) port.close();
      this.waiting.clear();
    });
    this.claims = claims;
    return claims;
  }

  private answered({ nonce, paired }: ClaimAnswer): void {
    const port = this.waiting.get(nonce);
    if (!port) return;
    this.waiting.delete(nonce);
    if (!paired) {
      port.close();
      return;
    }
    this.channel?.close();
    this.channel = port;
    port.addEventListener('message', (event) => this.receive(event.data as ToPanel));
    port.start();
  }

  private receive(message: ToPanel): void {
    if (message.type === 'show') this.shown = message;
    this.listener?.(message);
  }
}
