import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../entrypoints/background';
import { storageItems } from '../../src/storage-items';
import { fillBackgroundApis, sendRuntimeMessage } from './background-browser';
import { draft } from './fixtures';
import { DEFAULT_PLACEMENT } from './page-status-answer';

const QUEUE_CHANGED_KEY = storageItems.queueChangedAt.key;

/**
 * Open queue views (the side panel beside an EHR tab) refetch when the background bumps a key of
 * storage.session: after a change to the queue, and only then.
 */
beforeEach(() => {
  vi.stubGlobal('indexedDB', new IDBFactory());
  fillBackgroundApis();
});

const viewSignal = async () => (await fakeBrowser.storage.session.get(QUEUE_CHANGED_KEY))[QUEUE_CHANGED_KEY];
const fireAlarm = (name: string) =>
  (fakeBrowser.alarms.onAlarm.trigger as unknown as (alarm: { name: string }) => Promise<unknown>)({
    name,
    scheduledTime: Date.now(),
  } as never);

describe('the views signal', () => {
  it('moves after a change to the queue, not on a reminder alarm or a start with nothing to do', async () => {
    background.main();
    // The worker's own start (retention with nothing to reduce, reminders re-armed) changes nothing.
    await vi.waitFor(async () => expect(await fakeBrowser.alarms.get('handoff-sweep')).toBeDefined());
    expect(await viewSignal()).toBeUndefined();

    const [reply] = (await sendRuntimeMessage(
      { type: 'track-referral', draft: draft() },
      { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/dashboard.html') },
    )) as [{ ok: boolean }];
    expect(reply.ok).toBe(true);
    const afterTracking = await viewSignal();
    expect(afterTracking).toEqual(expect.any(Number));

    await fakeBrowser.storage.session.remove(QUEUE_CHANGED_KEY);
    const badge = vi.spyOn(fakeBrowser.action, 'setBadgeText');
    await fireAlarm('handoff-follow-up-due');
    await fireAlarm('handoff-sweep');
    // Each alarm's work has reached the badge: the reminders followed, the views were not told.
    await vi.waitFor(() => expect(badge).toHaveBeenCalledTimes(2));
    expect(await viewSignal()).toBeUndefined();
  });
});

describe('a worker woken while the browser has not answered for policy yet', () => {
  it('answers the page at once with the configuration in force at the last read', async () => {
    // Chromium answers storage.managed seconds after start-up, longer while a busy page runs.
    let answerPolicy: (policy: Record<string, unknown>) => void = () => {};
    vi.spyOn(fakeBrowser.storage.managed, 'get').mockReturnValue(
      new Promise((resolve) => {
        answerPolicy = resolve;
      }) as never,
    );
    await fakeBrowser.storage.local.set({
      [storageItems.configStatus.key]: {
        config: {},
        applied: { reminders: { sweepMinutes: 30 } },
        sources: {},
        errors: [],
        warnings: [],
        readAt: 1,
      },
    });
    background.main();
    const pageUrl = 'https://ehr.example.org/referrals/R-1001';
    const [reply] = (await sendRuntimeMessage({ type: 'page-status', pageUrl, draft: draft() }, {
      id: fakeBrowser.runtime.id,
      url: pageUrl,
      tab: { id: 1 },
    } as never)) as [{ ok: boolean; value: unknown }];
    expect(reply).toEqual({
      ok: true,
      value: { match: 'none', dismissed: false, placement: DEFAULT_PLACEMENT },
    });
    // The read, when it comes, still applies and is published.
    answerPolicy({ reminders: { sweepMinutes: 45 } });
    await vi.waitFor(async () => {
      const { [storageItems.configStatus.key]: status } = await fakeBrowser.storage.local.get(
        storageItems.configStatus.key,
      );
      expect(
        (status as { config: { reminders: { sweepMinutes: number } } }).config.reminders.sweepMinutes,
      ).toBe(45);
    });
  });
});
