import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../entrypoints/background';
import { fillBackgroundApis, sendRuntimeMessage as trigger } from './background-browser';
import { DEFAULT_PLACEMENT } from './page-status-answer';

const TEST_ID = fakeBrowser.runtime.id;
/** An extension page's address, as the browser reports it for that page's messages. */
const page = (path: string) => fakeBrowser.runtime.getURL(`/${path}`);

beforeEach(() => {
  fillBackgroundApis();
});

describe('the background accepts messages only from the extension itself', () => {
  it('answers its own pages, and no one else', async () => {
    background.main();
    const ownId = fakeBrowser.runtime.id;
    const own = await trigger({ type: 'list-referrals', limit: 1 }, { id: ownId, url: page('popup.html') });
    expect(own[0]).toMatchObject({ ok: true, value: { referrals: [] } });

    // Another extension (a different id) and a sender with no id are not answered at all.
    expect(
      await trigger({ type: 'list-referrals', limit: 1 }, { id: 'abcdefghijklmnopabcdefghijklmnop' }),
    ).toEqual([undefined]);
    expect(await trigger({ type: 'list-referrals', limit: 1 }, { url: 'https://ehr.example.org/' })).toEqual([
      undefined,
    ]);
  });

  it('refuses a malformed message from its own pages with a message, not an exception', async () => {
    background.main();
    const [reply] = await trigger(
      { type: 'change-status', id: 42, to: 'closed-completed' },
      { id: fakeBrowser.runtime.id, url: page('dashboard.html') },
    );
    expect(reply).toMatchObject({ ok: false });
    expect((reply as { error: string }).error).toMatch(/^Handoff refused a malformed request/);
  });
});

describe('each part of the extension may ask only what it needs', () => {
  const ehrDraft = {
    source: { profileId: 'generic', pageUrl: 'https://ehr.example.org/referral?id=1' },
    orderNumber: 'ORD-1',
    patient: { name: 'Avery Quinlan', dateOfBirth: '1961-03-14' },
    receiving: { specialty: 'Cardiology' },
  };
  // What would let a compromised EHR renderer read or replace the queue.
  const wholeQueue = [
    { type: 'backup-export' },
    { type: 'backup-restore', text: '{}' },
    { type: 'export', what: 'queue-csv' },
    { type: 'list-referrals', limit: 200 },
    { type: 'query-queue', query: {} },
    { type: 'list-audit', limit: 10 },
    { type: 'compute-metrics', from: 0, to: 1 },
  ];
  const refused = (reply: unknown) => {
    expect(reply).toMatchObject({ ok: false });
    expect((reply as { error: string }).error).toMatch(/may not make/);
  };
  const asContentScript = { id: TEST_ID, url: 'https://ehr.example.org/referral?id=1' };
  const asPanel = { id: TEST_ID, url: page('panel.html') };

  it('answers a content script whether its page is tracked, and nothing of the referral', async () => {
    background.main();
    await trigger({ type: 'track-referral', draft: ehrDraft }, asPanel);
    const [reply] = await trigger(
      { type: 'page-status', pageUrl: ehrDraft.source.pageUrl, draft: ehrDraft },
      asContentScript,
    );
    expect(reply).toEqual({
      ok: true,
      value: { match: 'tracked', id: expect.any(String), dismissed: false, placement: DEFAULT_PLACEMENT },
    });
  });

  it.each([
    ...wholeQueue,
    { type: 'get-referral', id: 'x' },
    { type: 'track-referral', draft: ehrDraft },
    { type: 'set-page-dismissed', pageUrl: 'https://ehr.example.org/', dismissed: true },
  ])('refuses a content script $type', async (request) => {
    background.main();
    const [reply] = await trigger(request, asContentScript);
    refused(reply);
    // Even a page whose address looks like the panel's is a content script's page.
    refused((await trigger(request, { ...asContentScript, url: 'https://ehr.example.org/panel.html' }))[0]);
  });

  it.each(wholeQueue)('refuses the panel framed in an EHR tab $type', async (request) => {
    background.main();
    refused((await trigger(request, asPanel))[0]);
  });

  it("lets the extension's own pages read the whole queue", async () => {
    background.main();
    const [reply] = await trigger(
      { type: 'query-queue', query: {} },
      { id: TEST_ID, url: page('dashboard.html') },
    );
    expect(reply).toMatchObject({ ok: true, value: { referrals: expect.any(Array) } });
  });
});

describe('no handler is reachable from a web page', () => {
  // Window messages can come from any page or frame; runtime ports and messages cannot.
  const forbidden = [
    /addEventListener\(\s*['"]message['"]/,
    /\bonmessage\s*=/,
    /\b(?:window|parent|top|opener|contentWindow)\??\.postMessage\(/,
    /\bonMessageExternal\b/,
    /\bonConnectExternal\b/,
    /externally_connectable/,
  ];
  const sourceFiles = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory()
        ? sourceFiles(join(dir, entry.name))
        : /\.(ts|tsx)$/.test(entry.name)
          ? [join(dir, entry.name)]
          : [],
    );

  // The panel channel's hand-over (see panel-protocol.ts) is the one window message, and narrow.
  const HAND_OVER_POST = 'src/content/panel-frame.ts';
  const HAND_OVER_LISTENER = 'src/panel/host-connection.ts';

  it('listens to no window messages and no other extension, anywhere in the source', () => {
    const files = [...sourceFiles('src'), ...sourceFiles('entrypoints'), 'wxt.config.ts'];
    expect(files.length).toBeGreaterThan(50);
    const hits = files.flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return forbidden.filter((pattern) => pattern.test(text)).map((pattern) => `${file}: ${pattern}`);
    });
    expect(hits).toEqual([
      `${HAND_OVER_POST}: ${forbidden[0]}`,
      `${HAND_OVER_POST}: ${forbidden[2]}`,
      `${HAND_OVER_LISTENER}: ${forbidden[0]}`,
    ]);
  });

  it('posts the hand-over only to its own frame at the extension origin, and uses it only once confirmed', () => {
    const post = readFileSync(HAND_OVER_POST, 'utf8');
    expect(post).toMatch(
      /this\.parts\?\.frame\.contentWindow\?\.postMessage\(handOver, this\.parts\.extensionOrigin, \[port2\]\)/,
    );
    expect(post).not.toMatch(/postMessage\([^)]*['"]\*['"]/);
    // The window listener only collects hand-overs; the channel is adopted on the background's answer.
    const listener = readFileSync(HAND_OVER_LISTENER, 'utf8');
    expect(listener).toMatch(/event\.source !== window\.parent/);
    expect(listener).toMatch(/handOverNonce\(event\.data\)/);
    expect(listener).toMatch(/if \(!paired\) \{\s*port\.close\(\);\s*return;/);
  });
});
