import { IDBFactory } from 'fake-indexeddb';
import type { Task } from 'fhir/r4';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../entrypoints/background';
import { storageItems } from '../../src/storage-items';
import { POLL_ALARM } from '../../src/team-queue/sync-engine';
import type { SyncStatus } from '../../src/team-queue/sync-status';
import { type FhirTestServer, startFhirServer } from '../fhir-server/server';
import { fillBackgroundApis, sendRuntimeMessage } from './background-browser';
import { draft } from './fixtures';

/** The background's team queue wiring: off without policy, syncing on its own with it. */

let server: FhirTestServer | undefined;
beforeEach(() => {
  vi.stubGlobal('indexedDB', new IDBFactory());
  fillBackgroundApis();
});
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

const fromDashboard = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/dashboard.html') };
const status = async () =>
  (await fakeBrowser.storage.local.get(storageItems.teamQueueStatus.key))[storageItems.teamQueueStatus.key] as
    | SyncStatus
    | undefined;

describe('team queue in the background', { timeout: 30_000 }, () => {
  it('without a teamQueue policy: no request, no poll alarm, no status', async () => {
    const fetches = vi.spyOn(globalThis, 'fetch');
    background.main();
    await vi.waitFor(async () => expect(await fakeBrowser.alarms.get('handoff-sweep')).toBeDefined());
    const [reply] = (await sendRuntimeMessage({ type: 'track-referral', draft: draft() }, fromDashboard)) as [
      { ok: boolean },
    ];
    expect(reply.ok).toBe(true);
    await fakeBrowser.storage.session.set({ [storageItems.queueViewOpenedAt.key]: Date.now() });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fetches).not.toHaveBeenCalled();
    expect(await fakeBrowser.alarms.get(POLL_ALARM)).toBeUndefined();
    expect(await status()).toBeUndefined();
  });

  it('with one: a tracked referral reaches the server by itself, polled every minute, status published', async () => {
    server = await startFhirServer();
    const fetches = vi.spyOn(globalThis, 'fetch');
    await fakeBrowser.storage.managed.set({
      teamQueue: { fhirBaseUrl: server.baseUrl, team: { code: 'north-desk' } },
    });
    background.main();
    await vi.waitFor(async () => expect((await fakeBrowser.alarms.get(POLL_ALARM))?.periodInMinutes).toBe(1));
    await sendRuntimeMessage({ type: 'track-referral', draft: draft() }, fromDashboard);
    await vi.waitFor(async () => {
      const response = await fetch(`${server?.baseUrl}/Task`);
      const tasks = ((await response.json()) as { entry?: { resource: Task }[] }).entry ?? [];
      expect(tasks).toHaveLength(1);
    });
    await vi.waitFor(async () => expect(await status()).toMatchObject({ waiting: 0, errors: [], lacks: [] }));
    // Every request went to the configured FHIR server and nowhere else.
    const origins = fetches.mock.calls.map(([input]) => new URL(String(input)).origin);
    expect(new Set(origins)).toEqual(new Set([new URL(server.baseUrl).origin]));
  });
});
