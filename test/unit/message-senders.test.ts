import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../entrypoints/background';
import { fillBackgroundApis, sendRuntimeMessage as trigger } from './background-browser';

beforeEach(() => {
  fillBackgroundApis();
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

  it('listens to no window messages and no other extension, anywhere in the source', () => {
    const files = [...sourceFiles('src'), ...sourceFiles('entrypoints'), 'wxt.config.ts'];
    expect(files.length).toBeGreaterThan(50);
    const hits = files.flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return forbidden.filter((pattern) => pattern.test(text)).map((pattern) => `${file}: ${pattern}`);
    });
    expect(hits).toEqual([]);
  });
});
