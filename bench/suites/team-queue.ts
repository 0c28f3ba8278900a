import type { Page } from '@playwright/test';
import { DEFAULT_CONFIG } from '../../src/config/schema';
import { CHROME_EXTENSION_ID } from '../../src/extension-identity';
import type { Referral } from '../../src/referral/referral';
import { storageItems } from '../../src/storage-items';
import {
  referralFromTask,
  referralKeyOf,
  serviceRequestOf,
  taskOf,
  teamSearch,
} from '../../src/team-queue/fhir-mapping';
import { PULL_PAGE_SIZE } from '../../src/team-queue/pull';
import type { SyncStatus } from '../../src/team-queue/sync-status';
import { removePolicy, writePolicy } from '../../test/e2e/policy';
import {
  type FhirTestServer,
  indexedSearch,
  type ServedRequest,
  startFhirServer,
} from '../../test/fhir-server/server';
import { BUILD_DIR, launchWithExtension } from '../browser';
import { figure, median, round, type SuiteResult } from '../report';
import {
  type ServiceWorkerSession,
  serviceWorkerHeap,
  serviceWorkerSession,
  workerBusyMs,
} from '../service-worker';

/**
 * The team queue at scale, in real Chromium against the real test FHIR server: the initial sync
 * of 20,000 referrals (a Task and a ServiceRequest each) into an empty profile, a poll when
 * nothing changed, a poll after 10 changes, and draining an outbox of 1,000 changes (to 1,000
 * referrals) made while the server was down. The policy file is the real one (under the browser
 * lock, removed afterwards). `BENCH_TEAM_REFERRALS`, `BENCH_TEAM_POLLS` and
 * `BENCH_TEAM_CHANGES` make it smaller to find breakage quickly.
 *
 * Timings of the worker are its thread's busy time from V8's profiler (`workerBusyMs`); the
 * latencies beside them (a view opening to the sync's end, server time included) are reported
 * too, but the budgets of the issue ("under 50 ms of worker time") are on the worker's time.
 */

const REFERRALS = Number(process.env.BENCH_TEAM_REFERRALS ?? 20_000);
const TEAM = { system: 'urn:handoff:team', code: 'bench-desk' };
const POLL_ROUNDS = Number(process.env.BENCH_TEAM_POLLS ?? 5);
const CHANGES = Number(process.env.BENCH_TEAM_CHANGES ?? 1000);
const TRACKING_DAYS = 730;
const BUDGETS = {
  initialSyncMs: 60_000,
  idlePollRequests: 1,
  idlePollWorkerMs: 50,
  pollAfter10ChangesMs: 500,
  drainMs: 60_000,
};

function syntheticReferral(n: number, at: number): Referral {
  return {
    id: `bench-${n}`,
    dedupeKey: `https://ehr.example.org|order|bench-${n}`,
    source: { profileId: 'generic', pageUrl: `https://ehr.example.org/referral/${n}` },
    orderNumber: `BENCH-${n}`,
    patient: { name: `Patient ${n}`, dateOfBirth: '1970-01-15', mrn: `MRN-${n}` },
    receiving: { specialty: 'Cardiology', organization: 'Lakeside Cardiology' },
    referring: {},
    insurance: {},
    reason: 'Synthetic reason for referral.',
    priority: 'routine',
    status: 'new',
    createdAt: at,
    updatedAt: at,
    version: 1,
    dates: {},
    outreach: [],
    records: [],
    history: [{ at, by: 'JD', kind: 'created', to: 'new' }],
  };
}

/** Medplum types its resources itself (@medplum/fhirtypes); these are plain FHIR R4 JSON. */
const asMedplum = (resource: unknown) => resource as Parameters<FhirTestServer['repo']['createResource']>[0];

const status = (page: Page) =>
  page.evaluate(
    async (key) => (await chrome.storage.local.get(key))[key],
    storageItems.teamQueueStatus.key,
  ) as Promise<SyncStatus | undefined>;

async function waitFor<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const localCount = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const opening = indexedDB.open('handoff');
        opening.onerror = () => reject(opening.error);
        opening.onsuccess = () => {
          const counting = opening.result.transaction('referrals').objectStore('referrals').count();
          counting.onsuccess = () => {
            resolve(counting.result);
            opening.result.close();
          };
        };
      }),
  );

/** The first `count` referrals here, as the queue's change requests need them. */
const localReferrals = (page: Page, count: number) =>
  page.evaluate(
    (wanted) =>
      new Promise<{ id: string; version: number }[]>((resolve, reject) => {
        const opening = indexedDB.open('handoff');
        opening.onerror = () => reject(opening.error);
        opening.onsuccess = () => {
          const reading = opening.result
            .transaction('referrals')
            .objectStore('referrals')
            .getAll(null, wanted);
          reading.onsuccess = () => {
            resolve(reading.result.map(({ id, version }) => ({ id, version })));
            opening.result.close();
          };
        };
      }),
    count,
  );

/** How many of the team's Tasks the server changed since `since` (ISO time), read from its index. */
function tasksChangedSince(server: FhirTestServer, since: string): number {
  const url = new URL(
    `${server.baseUrl}/Task?${teamSearch(TEAM)}&_lastUpdated=ge${encodeURIComponent(since)}&_sort=_lastUpdated&_count=0`,
  );
  return indexedSearch(server.repo, url)?.total ?? Number.NaN;
}

/** The server's own time answering some requests: what of a timing is not the browser's. */
const serverMs = (requests: readonly ServedRequest[]) =>
  requests.reduce((sum, request) => sum + request.ms, 0);

/** Opening a queue view: the background reads the team's changes at once. When, by the page's clock. */
const openView = (page: Page) =>
  page.evaluate(async (key) => {
    const at = Date.now();
    await chrome.storage.session.set({ [key]: at });
    return at;
  }, storageItems.queueViewOpenedAt.key);

export async function teamQueueSuite(): Promise<SuiteResult> {
  // The server "down" while the outbox fills: every request refused with a 503, as a proxy
  // answers for a stopped server.
  let down = false;
  // A database-backed server answers the pull from an index; so does the test server here.
  const server = await startFhirServer({
    indexedTaskSearch: true,
    fault: () => (down ? { kind: 'status', status: 503 } : undefined),
  });
  const seededAt = Date.now() - 86_400_000;
  for (let n = 0; n < REFERRALS; n++) {
    // Tracked over the last two years, some thirty a day, as a desk's queue grows: the metrics
    // facts are filed by tracking day, and 20,000 referrals tracked in one instant would make one
    // day's file hold them all (each change then rewrites 20,000 facts, ~240 ms of worker time).
    const referral = syntheticReferral(n, seededAt - (n % TRACKING_DAYS) * 86_400_000);
    const key = await referralKeyOf(referral.dedupeKey);
    const serviceRequest = await server.repo.createResource(asMedplum(serviceRequestOf(referral, key, TEAM)));
    await server.repo.createResource(
      asMedplum(taskOf(referral, key, TEAM, { serviceRequestId: serviceRequest.id ?? '' }, DEFAULT_CONFIG)),
    );
  }
  process.stderr.write(`  team-queue: ${REFERRALS} referrals (Task + ServiceRequest) on the server\n`);
  writePolicy({ teamQueue: { fhirBaseUrl: server.baseUrl, team: TEAM, pollSeconds: 60 } });
  const launchedAt = Date.now();
  const browser = await launchWithExtension(BUILD_DIR);
  let worker: ServiceWorkerSession | undefined;
  try {
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${CHROME_EXTENSION_ID}/options.html`);
    const synced = await waitFor(
      () => localCount(page),
      (count) => count >= REFERRALS,
      120_000,
    );
    const syncedAt = Date.now();
    // The sync starts with the worker's first request (its read of the CapabilityStatement),
    // once Chromium has handed the worker its policy: browser start-up is not the sync's.
    const initial = server.requests.filter((request) => request.at <= syncedAt);
    const syncStart = initial[0]?.at ?? launchedAt;
    const initialSyncMs = syncedAt - syncStart;
    process.stderr.write(
      `  team-queue: ${synced} synced in ${initialSyncMs} ms (${syncedAt - launchedAt} ms from launch)\n`,
    );
    await waitFor(
      () => status(page),
      (s) => s?.lastSyncedAt !== undefined,
      10_000,
    );
    const heap = await serviceWorkerHeap(page);
    worker = await serviceWorkerSession(page);
    if (!worker) throw new Error("no DevTools session on Handoff's service worker");
    const profiled = worker;

    // A poll with nothing new: one search, answered with what was read already. Repeated, as
    // a single timing on a shared machine says little.
    const idles = [];
    for (let round = 0; round < POLL_ROUNDS; round++) idles.push(await pollOnce(page, server, profiled));
    const idle = summary(idles);

    // A poll after 10 colleagues' changes, each round other referrals.
    const tasks = await server.repo.searchResources({ resourceType: 'Task', count: 10 * POLL_ROUNDS });
    const changedPolls = [];
    for (let round = 0; round < POLL_ROUNDS; round++) {
      for (const task of tasks.slice(round * 10, round * 10 + 10)) {
        const read = referralFromTask(task);
        if (!read.ok) throw new Error(read.error);
        const shared = { ...read.remote.referral, status: 'ready-to-send' as const, updatedAt: Date.now() };
        await server.repo.updateResource(
          asMedplum({
            ...taskOf(
              { ...shared, id: 'x', version: 1 },
              read.remote.key,
              TEAM,
              { serviceRequestId: read.remote.serviceRequestId ?? '', taskId: task.id },
              DEFAULT_CONFIG,
            ),
            id: task.id,
          }),
        );
      }
      changedPolls.push(await pollOnce(page, server, profiled));
    }
    const tenChanges = summary(changedPolls);
    process.stderr.write(
      `  team-queue: idle polls ${idle.workerSamples.join(', ')} ms of worker time (latency ${idle.samples.join(', ')} ms); after 10 changes ${tenChanges.workerSamples.join(', ')} ms (latency ${tenChanges.samples.join(', ')} ms)\n`,
    );

    const drain = await drainOutbox(page, server, profiled, (value) => {
      down = value;
    });
    process.stderr.write(
      `  team-queue: ${drain.changes} changes made offline in ${drain.offline.makingMs} ms (${drain.offline.workerMs} ms of worker time), drained in ${drain.ms} ms, ${drain.requests} requests, ${drain.workerMs} ms of worker time\n`,
    );

    return {
      name: 'team-queue',
      figures: [
        figure({
          name: 'initialSyncMs',
          subject: `${synced} of ${REFERRALS} referrals into an empty profile`,
          value: initialSyncMs,
          unit: 'ms',
          comparison: '<',
          limit: BUDGETS.initialSyncMs,
          note: "from the worker's first request to every referral in IndexedDB",
          detail: {
            fromBrowserLaunchMs: syncedAt - launchedAt,
            requests: initial.length,
            serverMs: serverMs(initial),
          },
        }),
        figure({
          name: 'initialSyncRequests',
          subject: `${REFERRALS} referrals`,
          value: initial.length,
          unit: 'count',
          comparison: '<=',
          limit: Math.ceil(REFERRALS / 200) + 3,
          note: `pages of ${PULL_PAGE_SIZE} Tasks`,
        }),
        figure({
          name: 'serviceWorkerHeapAfterSyncMB',
          subject: `${REFERRALS} referrals`,
          value: heap / 1_048_576,
          unit: 'MB',
          comparison: '<',
          limit: 64,
        }),
        figure({
          name: 'idlePollRequests',
          subject: `most of ${POLL_ROUNDS} polls`,
          value: idle.requests,
          unit: 'count',
          comparison: '<=',
          limit: BUDGETS.idlePollRequests,
        }),
        figure({
          name: 'idlePollWorkerMs',
          subject: `median of ${POLL_ROUNDS} polls`,
          value: idle.workerMs,
          spread: idle.workerSpread,
          unit: 'ms',
          comparison: '<',
          limit: BUDGETS.idlePollWorkerMs,
          note: "the worker thread's busy time (V8 profiler), from the view opening to the sync's end",
          detail: { samples: idle.workerSamples },
        }),
        figure({
          name: 'idlePollLatencyMs',
          subject: `median of ${POLL_ROUNDS} polls`,
          value: idle.ms,
          spread: idle.spread,
          unit: 'ms',
          comparison: '<',
          limit: 500,
          note: 'from the view opening (in the page) to the sync done (in the worker), server time included',
          detail: { samples: idle.samples, serverMs: idle.serverSamples },
        }),
        figure({
          name: 'pollAfter10ChangesMs',
          subject: `median of ${POLL_ROUNDS} polls`,
          value: tenChanges.ms,
          spread: tenChanges.spread,
          unit: 'ms',
          comparison: '<',
          limit: BUDGETS.pollAfter10ChangesMs,
          note: 'latency, as idlePollLatencyMs; the worker time in detail',
          detail: {
            requests: tenChanges.requests,
            samples: tenChanges.samples,
            workerMs: tenChanges.workerSamples,
            serverMs: tenChanges.serverSamples,
          },
        }),
        figure({
          name: 'drainOutboxMs',
          subject: `${drain.changes} changes to ${drain.changes} referrals`,
          value: drain.ms,
          unit: 'ms',
          comparison: '<',
          limit: BUDGETS.drainMs,
          note: 'from the server back and a view opening to an empty outbox',
          detail: {
            requests: drain.requests,
            serverMs: drain.serverMs,
            workerMs: drain.workerMs,
            tasksChangedOnServer: drain.tasksChanged,
            waitingAfter: drain.waitingAfter,
          },
        }),
        figure({
          name: 'changeWhileOfflineWorkerMs',
          subject: `mean of ${drain.changes} changes with the server down`,
          value: drain.offline.workerMs / drain.changes,
          unit: 'ms',
          comparison: '<',
          limit: 50,
          note: "the worker's busy time per change (its write, reminders, the retry it starts), from V8's profiler",
          detail: { madeInMs: drain.offline.makingMs, workerMs: drain.offline.workerMs },
        }),
      ],
    };
  } finally {
    await worker?.detach().catch(() => undefined);
    await browser.close();
    removePolicy();
    await server.stop();
  }
}

/**
 * `CHANGES` snoozes, one to each of as many referrals, made while the server refuses everything
 * (the outbox fills, the worker backs off); then the server comes back, a view opens, and the
 * outbox drains. The server must then hold every change (its Tasks changed since), or the
 * figure would time nothing.
 */
async function drainOutbox(
  page: Page,
  server: FhirTestServer,
  worker: ServiceWorkerSession,
  setDown: (down: boolean) => void,
) {
  setDown(true);
  const referrals = await localReferrals(page, CHANGES);
  let refused: string[] = [];
  const makingStart = Date.now();
  // What each change costs the worker while the server is away (its retries included).
  const offlineWorkerMs = await workerBusyMs(
    worker,
    async () => {
      // Twenty at a time: setting up 1,000 changes one by one takes minutes on a busy machine.
      refused = await page.evaluate(async (targets) => {
        const failures: string[] = [];
        for (let first = 0; first < targets.length; first += 20)
          await Promise.all(
            targets.slice(first, first + 20).map(async ({ id, version }, index) => {
              const reply = (await chrome.runtime.sendMessage({
                type: 'snooze',
                id,
                version,
                until: Date.now() + 86_400_000 + first + index,
              })) as { ok: boolean; error?: string };
              if (!reply.ok) failures.push(reply.error ?? 'refused');
            }),
          );
        return failures;
      }, referrals);
    },
    1000,
  );
  const makingMs = Date.now() - makingStart;
  if (refused.length > 0) throw new Error(`${refused.length} changes refused: ${refused[0]}`);
  const filled = await waitFor(
    () => status(page),
    (s) => (s?.waiting ?? 0) >= referrals.length,
    30_000,
  );
  if ((filled?.waiting ?? 0) < referrals.length)
    throw new Error(`the outbox holds ${filled?.waiting} changes, not ${referrals.length}`);
  setDown(false);
  const before = server.requests.length;
  const since = new Date().toISOString();
  let start = 0;
  let drained: SyncStatus | undefined;
  const workerMs = await workerBusyMs(
    worker,
    async () => {
      start = await openView(page);
      drained = await waitFor(
        () => status(page),
        (s) => s?.waiting === 0 && (s.lastSyncedAt ?? 0) > start,
        180_000,
      );
    },
    1000,
  );
  const synced = drained?.lastSyncedAt ?? 0;
  const requests = server.requests.slice(before);
  return {
    changes: referrals.length,
    ms: drained?.waiting === 0 && synced > start ? synced - start : Number.NaN,
    requests: requests.length,
    serverMs: serverMs(requests),
    workerMs: round(workerMs),
    tasksChanged: tasksChangedSince(server, since),
    waitingAfter: drained?.waiting,
    offline: { makingMs, workerMs: round(offlineWorkerMs) },
  };
}

/** Opens a view and waits for the sync it starts: its requests, latency and the worker's busy time. */
async function pollOnce(page: Page, server: FhirTestServer, worker: ServiceWorkerSession) {
  const before = server.requests.length;
  const previous = (await status(page))?.lastSyncedAt ?? 0;
  let start = 0;
  let after: SyncStatus | undefined;
  const workerMs = await workerBusyMs(worker, async () => {
    start = await openView(page);
    after = await waitFor(
      () => status(page),
      (s) => (s?.lastSyncedAt ?? 0) > previous,
      10_000,
    );
  });
  // Both clocks are this machine's; the sync stamps its end, so the 20 ms wait loop adds nothing.
  // No sync within 10 s is no figure at all (NaN fails its budget), not a 10 s poll.
  const synced = after?.lastSyncedAt ?? 0;
  const requests = server.requests.slice(before);
  return {
    ms: synced > previous ? synced - start : Number.NaN,
    workerMs: synced > previous ? workerMs : Number.NaN,
    requests: requests.length,
    serverMs: serverMs(requests),
  };
}

/** The median of several polls with their spread; requests as most polls made them. */
function summary(polls: { ms: number; workerMs: number; requests: number; serverMs: number }[]) {
  const samples = polls.map((poll) => poll.ms);
  const workerSamples = polls.map((poll) => round(poll.workerMs, 1));
  // A poll that never ended (NaN) fails the figure: a median over the others would hide it.
  const settled = (values: number[]) => (values.some(Number.isNaN) ? Number.NaN : median(values));
  const finite = (values: number[]) => values.filter(Number.isFinite);
  return {
    ms: settled(samples),
    spread: { min: Math.min(...finite(samples)), max: Math.max(...finite(samples)) },
    workerMs: settled(workerSamples),
    workerSpread: { min: Math.min(...finite(workerSamples)), max: Math.max(...finite(workerSamples)) },
    requests: median(polls.map((poll) => poll.requests)),
    samples,
    workerSamples,
    serverSamples: polls.map((poll) => poll.serverMs),
  };
}
