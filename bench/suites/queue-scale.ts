import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page, Worker } from '@playwright/test';
import { build } from 'esbuild';
import { CHROME_EXTENSION_ID } from '../../src/extension-identity';
import { BUILD_DIR, launchWithExtension } from '../browser';
import { figure, median, round, type SuiteResult } from '../report';
import { serviceWorkerHeap } from '../service-worker';

const REFERRALS = Number(process.env.BENCH_REFERRALS ?? 50_000);
const RUNS = 7;
const BUDGETS = { sweepMs: 50, firstPageMs: 150, metricsMs: 300 };

async function harnessSource(): Promise<string> {
  const result = await build({
    entryPoints: [resolve('bench/scale-harness.ts')],
    bundle: true,
    format: 'iife',
    write: false,
    minify: true,
    logLevel: 'error',
  });
  return result.outputFiles[0]?.text ?? '';
}

type Scale = {
  seed(count: number, batch: number): Promise<number>;
  sweep(): Promise<{ ms: number; overdue: number; announced: number }>;
  firstPage(): Promise<{ ms: number; rows: number }>;
  metrics(): Promise<{ ms: number; ordered: number }>;
};

type Step = 'sweep' | 'firstPage' | 'metrics';

/** Runs a step RUNS times: its timings, and what the last run answered besides. */
async function timed<S extends Step>(page: Page, step: S) {
  const samples: number[] = [];
  let last: Awaited<ReturnType<Scale[S]>> | undefined;
  for (let run = 0; run < RUNS; run++) {
    last = (await page.evaluate(
      async (name) => (globalThis as unknown as { __handoffScale: Scale }).__handoffScale[name](),
      step as Step,
    )) as Awaited<ReturnType<Scale[S]>>;
    samples.push(last.ms);
  }
  return { samples, last };
}

/** The service worker's used JS heap, after it has run a real sweep over the whole queue. */
async function workerHeapAfterSweep(page: Page, worker: Worker): Promise<number> {
  await worker.evaluate(() =>
    chrome.alarms.create('handoff-sweep', { when: Date.now(), periodInMinutes: 15 }),
  );
  await worker.evaluate(() => new Promise((done) => setTimeout(done, 3000)));
  return serviceWorkerHeap(page);
}

/**
 * The queue at scale: 50,000 referrals in the extension's IndexedDB in real Chromium; the
 * overdue sweep and the first page of the queue view, each with its budget, and the service
 * worker's heap after a real sweep.
 */
export async function queueScaleSuite(): Promise<SuiteResult> {
  // A copy of the build with the harness as a page of its own: the extension's CSP allows only
  // its own files, and the harness must run with the extension's origin to reach its database.
  const dir = mkdtempSync(join(tmpdir(), 'handoff-bench-scale-'));
  cpSync(BUILD_DIR, dir, { recursive: true });
  writeFileSync(join(dir, 'bench-scale.js'), await harnessSource());
  writeFileSync(
    join(dir, 'bench-scale.html'),
    '<!doctype html><title>scale</title><script src="bench-scale.js"></script>',
  );
  const browser = await launchWithExtension(dir);
  try {
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${CHROME_EXTENSION_ID}/bench-scale.html`);
    const seeded: number = await page.evaluate(
      ([count, batch]) =>
        (globalThis as unknown as { __handoffScale: Scale }).__handoffScale.seed(count, batch),
      [REFERRALS, 5000] as const,
    );
    const { samples: sweep } = await timed(page, 'sweep');
    const { samples: firstPage } = await timed(page, 'firstPage');
    const { samples: metrics, last: metricsRun } = await timed(page, 'metrics');
    const overdue: { overdue: number; announced: number } = await page.evaluate(() =>
      (globalThis as unknown as { __handoffScale: Scale }).__handoffScale.sweep(),
    );
    const worker = browser.context.serviceWorkers().find((w) => w.url().includes(CHROME_EXTENSION_ID));
    const heap = worker ? await workerHeapAfterSweep(page, worker) : Number.NaN;
    return {
      name: 'queue-scale',
      figures: [
        figure({
          name: 'overdueSweepMs',
          subject: `${seeded} referrals`,
          value: median(sweep),
          unit: 'ms',
          comparison: '<',
          limit: BUDGETS.sweepMs,
          detail: {
            samples: sweep.map((ms) => round(ms)),
            overdue: overdue.overdue,
            newlyOverdue: overdue.announced,
          },
        }),
        figure({
          name: 'queueFirstPageMs',
          subject: `${seeded} referrals`,
          value: median(firstPage),
          unit: 'ms',
          comparison: '<',
          limit: BUDGETS.firstPageMs,
          detail: { samples: firstPage.map((ms) => round(ms)), pageSize: 25 },
        }),
        figure({
          name: 'metricsForAYearMs',
          subject: `${seeded} referrals`,
          value: median(metrics),
          unit: 'ms',
          comparison: '<',
          limit: BUDGETS.metricsMs,
          detail: { samples: metrics.map((ms) => round(ms)), orderedInPeriod: metricsRun?.ordered },
        }),
        figure({
          name: 'serviceWorkerHeapAfterSweepMB',
          subject: `${seeded} referrals`,
          value: heap / 1_048_576,
          unit: 'MB',
          comparison: '<',
          limit: 64,
          detail: { bytes: heap },
        }),
      ],
    };
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
