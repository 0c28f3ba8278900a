import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../entrypoints/background';
import { fillBackgroundApis, sendRuntimeMessage } from './background-browser';
import { draft } from './fixtures';

/**
 * Clicking the overdue notification, delivered through the listener the background itself
 * registers: the single overdue referral opens in its EHR, several open the dashboard's overdue list.
 */
let events: ReturnType<typeof fillBackgroundApis>;
beforeEach(() => {
  // A queue of its own for each test: the background opens the default database.
  vi.stubGlobal('indexedDB', new IDBFactory());
  events = fillBackgroundApis();
});

const ask = async (message: unknown) => {
  const [reply] = (await sendRuntimeMessage(message, {
    id: fakeBrowser.runtime.id,
    url: fakeBrowser.runtime.getURL('/dashboard.html'),
  })) as [{ ok: boolean; value: { referral: { id: string; version: number } } }];
  expect(reply).toMatchObject({ ok: true });
  return reply.value;
};

/** Tracks a referral from `pageUrl` and makes it overdue (a callback agreed for a minute ago). */
async function overdueReferral(order: string) {
  const pageUrl = `http://127.0.0.1:8765/legacy/referral.asp?id=${order}`;
  const { referral } = await ask({
    type: 'track-referral',
    draft: draft({ orderNumber: order, source: { profileId: 'generic', pageUrl } }),
  });
  await ask({ type: 'call-back-at', id: referral.id, version: referral.version, at: Date.now() - 60_000 });
  return pageUrl;
}

async function openedTabs() {
  return (await fakeBrowser.tabs.query({})).map((tab) => tab.url);
}

describe('clicking the overdue notification', () => {
  it('opens the one overdue referral in its EHR', async () => {
    background.main();
    const pageUrl = await overdueReferral('A');
    await ask({
      type: 'track-referral',
      // No order date on the screen: its first deadline counts from tracking, days ahead.
      draft: draft({
        orderNumber: 'B',
        authoredOn: undefined,
        source: { profileId: 'generic', pageUrl: 'http://127.0.0.1:8765/b' },
      }),
    });
    events.notificationClicked.fire('handoff-overdue');
    await vi.waitFor(async () => expect(await openedTabs()).toContain(pageUrl));
    expect(await openedTabs()).not.toContain('http://127.0.0.1:8765/b');
  });

  it("opens the dashboard's overdue list when several are overdue", async () => {
    background.main();
    const pages = [await overdueReferral('A'), await overdueReferral('B')];
    events.notificationClicked.fire('handoff-overdue');
    await vi.waitFor(async () =>
      expect(await openedTabs()).toContain(fakeBrowser.runtime.getURL('/dashboard.html?overdue=1')),
    );
    for (const page of pages) expect(await openedTabs()).not.toContain(page);
  });

  it('opens nothing for a click on any other notification', async () => {
    background.main();
    const pageUrl = await overdueReferral('A');
    const before = await openedTabs();
    events.notificationClicked.fire('some-other-notification');
    // A click on the overdue notice afterwards opens its tab; had the first click opened one too,
    // there would be two.
    events.notificationClicked.fire('handoff-overdue');
    await vi.waitFor(async () => expect(await openedTabs()).toContain(pageUrl));
    expect(await openedTabs()).toEqual([...before, pageUrl]);
  });
});
