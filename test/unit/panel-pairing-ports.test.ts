import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { installPanelPairing } from '../../src/background/panel-pairing';
import { PANEL_CLAIM_PORT, PANEL_OFFER_PORT, PANEL_PAGE } from '../../src/panel/panel-protocol';
import { browserEvent, fillBackgroundApis } from './background-browser';

/**
 * The panel channel's ports as the background's real listener sees them: who may offer a channel
 * and who may claim one is decided by what the browser says of the sender (extension, tab, page
 * address), never by anything in the message. Each check below fails without its sender check.
 */
type Sender = { id?: string; url?: string; tab?: { id: number } };

interface FakePort {
  sent: unknown[];
  disconnected: boolean;
  say: (message: unknown) => void;
}

let connect: (name: string, sender: Sender) => FakePort;

beforeEach(() => {
  fillBackgroundApis();
  const onConnect = fakeBrowser.runtime.onConnect as unknown as ReturnType<typeof browserEvent<[unknown]>>;
  installPanelPairing();
  connect = (name, sender) => {
    const onMessage = browserEvent<[unknown]>();
    const fake: FakePort = { sent: [], disconnected: false, say: (message) => onMessage.fire(message) };
    onConnect.fire({
      name,
      sender,
      postMessage: (message: unknown) => fake.sent.push(message),
      disconnect: () => {
        fake.disconnected = true;
      },
      onMessage,
      onDisconnect: browserEvent<[]>(),
    });
    return fake;
  };
});

const ownId = () => fakeBrowser.runtime.id;
const ehrPage = 'https://ehr.example.org/referral?id=R-1001';
const panelPage = () => `${fakeBrowser.runtime.getURL(PANEL_PAGE)}#tab`;
const contentScript = (tab: number): Sender => ({ id: ownId(), url: ehrPage, tab: { id: tab } });
const panelFrame = (tab: number): Sender => ({ id: ownId(), url: panelPage(), tab: { id: tab } });

function offer(sender: Sender): { port: FakePort; nonce: string | undefined } {
  const port = connect(PANEL_OFFER_PORT, sender);
  const answer = port.sent[0] as { type?: string; nonce?: string } | undefined;
  return { port, nonce: answer?.type === 'offered' ? answer.nonce : undefined };
}

function claim(sender: Sender, nonce: string | undefined): FakePort {
  const port = connect(PANEL_CLAIM_PORT, sender);
  port.say({ nonce });
  return port;
}

describe('the panel channel, through the background listener', () => {
  it('pairs the panel with the content script of its own tab, once', () => {
    const { port: offered, nonce } = offer(contentScript(7));
    expect(nonce).toEqual(expect.any(String));
    expect(claim(panelFrame(7), nonce).sent).toEqual([{ nonce, paired: true }]);
    expect(offered.sent).toContainEqual({ type: 'claimed' });
    expect(claim(panelFrame(7), nonce).sent).toEqual([{ nonce, paired: false }]);
  });

  it('makes no nonce for another extension, or for a sender outside any tab', () => {
    // Another extension's script in the tab must not get a nonce it could hand to Handoff's panel.
    expect(offer({ id: 'abcdefghijklmnopabcdefghijklmnop', url: ehrPage, tab: { id: 7 } })).toMatchObject({
      nonce: undefined,
      port: { sent: [] },
    });
    expect(offer({ id: ownId(), url: ehrPage })).toMatchObject({ nonce: undefined, port: { sent: [] } });
  });

  it("refuses a claim from anything but the panel page, and leaves the offer to Handoff's panel", () => {
    const { nonce } = offer(contentScript(7));
    // The EHR page's content script knows the nonce (it was offered it) but may not claim it.
    const fromPage = claim(contentScript(7), nonce);
    expect(fromPage).toMatchObject({ sent: [], disconnected: true });
    // Another extension's page in the tab, and a claim from outside any tab, get no answer either.
    const otherExtension = `chrome-extension://abcdefghijklmnopabcdefghijklmnop${PANEL_PAGE}`;
    expect(
      claim({ id: 'abcdefghijklmnopabcdefghijklmnop', url: otherExtension, tab: { id: 7 } }, nonce).sent,
    ).toEqual([]);
    expect(claim({ id: ownId(), url: panelPage() }, nonce).sent).toEqual([]);
    // The nonce was not spent by those: the panel in the tab still pairs.
    expect(claim(panelFrame(7), nonce).sent).toEqual([{ nonce, paired: true }]);
  });

  it('refuses a claim from the panel in another tab', () => {
    const { nonce } = offer(contentScript(7));
    expect(claim(panelFrame(8), nonce).sent).toEqual([{ nonce, paired: false }]);
    expect(claim(panelFrame(7), nonce).sent).toEqual([{ nonce, paired: true }]);
  });
});
