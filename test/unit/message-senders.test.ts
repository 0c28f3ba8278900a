import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../entrypoints/background';

type Sender = { id?: string; url?: string };
const trigger = (message: unknown, sender: Sender) =>
  (fakeBrowser.runtime.onMessage.trigger as unknown as (m: unknown, s: Sender) => Promise<unknown[]>)(
    message,
    sender,
  );

// What the fake browser leaves out and the background touches at start: none of it is under test.
const listens = { addListener: () => {} };
beforeEach(() => {
  Object.assign(fakeBrowser.contextMenus, { onClicked: listens, create: () => {}, update: async () => {} });
  Object.assign(fakeBrowser.action, {
    setBadgeText: async () => {},
    setBadgeBackgroundColor: async () => {},
  });
  Object.assign(fakeBrowser.notifications, {
    onClicked: listens,
    create: async () => '',
    clear: async () => true,
    getAll: async () => ({}),
  });
  Object.assign(fakeBrowser.commands, { onCommand: listens });
  Object.assign(fakeBrowser.runtime, { onConnect: listens });
  Object.assign(fakeBrowser.permissions, {
    onAdded: listens,
    onRemoved: listens,
    getAll: async () => ({ origins: [], permissions: [] }),
    contains: async () => true,
  });
  Object.assign(fakeBrowser.scripting, {
    getRegisteredContentScripts: async () => [],
    registerContentScripts: async () => {},
    unregisterContentScripts: async () => {},
  });
});

describe('the background accepts messages only from the extension itself', () => {
  it('answers its own pages, and no one else', async () => {
    background.main();
    const ownId = fakeBrowser.runtime.id;
    const own = await trigger({ type: 'list-referrals', limit: 1 }, { id: ownId });
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
      { id: fakeBrowser.runtime.id },
    );
    expect(reply).toMatchObject({ ok: false });
    expect((reply as { error: string }).error).toMatch(/^Handoff refused a malformed request/);
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
      /this\.frame\.contentWindow\?\.postMessage\(handOver, this\.extensionOrigin, \[port2\]\)/,
    );
    expect(post).not.toMatch(/postMessage\([^)]*['"]\*['"]/);
    // The window listener only collects hand-overs; the channel is adopted on the background's answer.
    const listener = readFileSync(HAND_OVER_LISTENER, 'utf8');
    expect(listener).toMatch(/event\.source !== window\.parent/);
    expect(listener).toMatch(/handOverNonce\(event\.data\)/);
    expect(listener).toMatch(/if \(!paired\) \{\s*port\.close\(\);\s*return;/);
  });
});
