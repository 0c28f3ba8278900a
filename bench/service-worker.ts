import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { CHROME_EXTENSION_ID } from '../src/extension-identity';

/**
 * Handoff's service worker over DevTools, reached from one of the browser's pages (Playwright
 * hands out DevTools sessions for pages only): commands are sent to the worker's own target.
 */
export interface ServiceWorkerSession {
  send<T = Record<string, unknown>>(method: string, params?: object, timeoutMs?: number): Promise<T>;
  detach(): Promise<void>;
}

export async function serviceWorkerSession(page: Page): Promise<ServiceWorkerSession | undefined> {
  const cdp = await page.context().newCDPSession(page);
  const { targetInfos } = await cdp.send('Target.getTargets');
  const target = targetInfos.find(
    (info) => info.type === 'service_worker' && info.url.includes(CHROME_EXTENSION_ID),
  );
  if (!target) {
    await cdp.detach();
    return undefined;
  }
  const { sessionId } = await cdp.send('Target.attachToTarget', {
    targetId: target.targetId,
    flatten: false,
  });
  const waiting = new Map<number, (message: { result?: unknown; error?: { message: string } }) => void>();
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    const message = JSON.parse(event.message) as {
      id?: number;
      result?: unknown;
      error?: { message: string };
    };
    if (message.id !== undefined) waiting.get(message.id)?.(message);
  });
  let nextId = 1;
  return {
    async send<T>(method: string, params: object = {}, timeoutMs = 10_000): Promise<T> {
      const id = nextId++;
      const reply = new Promise<{ result?: unknown; error?: { message: string } }>((done) =>
        waiting.set(id, done),
      );
      await cdp.send('Target.sendMessageToTarget', {
        sessionId,
        message: JSON.stringify({ id, method, params }),
      });
      const message = await Promise.race([
        reply,
        new Promise<never>((_, fail) =>
          setTimeout(() => fail(new Error(`${method}: no answer from the worker`)), timeoutMs),
        ),
      ]);
      waiting.delete(id);
      if (message.error) throw new Error(`${method}: ${message.error.message}`);
      return message.result as T;
    },
    detach: () => cdp.detach(),
  };
}

/** Handoff's service worker's used JS heap. */
export async function serviceWorkerHeap(page: Page): Promise<number> {
  const worker = await serviceWorkerSession(page);
  if (!worker) return Number.NaN;
  try {
    return (await worker.send<{ usedSize: number }>('Runtime.getHeapUsage', {}, 5000)).usedSize;
  } catch {
    return Number.NaN;
  } finally {
    await worker.detach();
  }
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url?: string; lineNumber?: number } }[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * The milliseconds the worker's thread was busy (running script, the engine's own work, garbage
 * collection: every profiler sample but `(idle)`) while `during` ran, from V8's sampling profiler
 * on the worker itself (every 100 µs unless `intervalMicros` says otherwise; a long run needs fewer). Time the worker spent waiting (for the server, for
 * IndexedDB, for the browser) is not in it.
 */
export async function workerBusyMs(
  worker: ServiceWorkerSession,
  during: () => Promise<void>,
  intervalMicros = 100,
): Promise<number> {
  let stopped: Promise<{ profile: CpuProfile }>;
  await worker.send('Profiler.enable');
  await worker.send('Profiler.setSamplingInterval', { interval: intervalMicros });
  await worker.send('Profiler.start');
  try {
    await during();
  } finally {
    stopped = worker.send<{ profile: CpuProfile }>('Profiler.stop');
  }
  const { profile } = await stopped;
  await worker.send('Profiler.disable');
  // `BENCH_PROFILE_DIR`: each profile kept, to open in DevTools' Performance panel or read with
  // bench/profile-top.ts.
  const keep = process.env.BENCH_PROFILE_DIR;
  if (keep) {
    mkdirSync(keep, { recursive: true });
    writeFileSync(join(keep, `worker-${Date.now()}.cpuprofile`), JSON.stringify(profile));
  }
  const idle = new Set(
    profile.nodes.filter((node) => node.callFrame.functionName === '(idle)').map((node) => node.id),
  );
  // A sample's delta is the time since the one before: the thread was doing what this sample shows.
  let busyMicros = 0;
  profile.samples.forEach((node, index) => {
    if (!idle.has(node)) busyMicros += profile.timeDeltas[index] ?? 0;
  });
  return busyMicros / 1000;
}
