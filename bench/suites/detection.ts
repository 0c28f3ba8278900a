import { resolve } from 'node:path';
import type { CDPSession, Page } from '@playwright/test';
import { build } from 'esbuild';
import { benchExtensions, launchWithExtension } from '../browser';
import { benchPages, PAGE_PATHS } from '../pages';
import { figure, median, quantile, round, type SuiteResult } from '../report';
import { serveBenchPages } from '../server';

const WARM_UPS = 5;
const ITERATIONS = 50;
/** Calls of an empty function, to learn what timing one call costs by itself. */
const CALIBRATION_CALLS = 20;
/** What one detection may cost the page's main thread, loaded chart or not. */
const MAX_MEDIAN_MS = 3;
/**
 * A page built to make patterns backtrack (bench/pages.ts): about half a megabyte of text, whose
 * reading alone costs several times an ordinary page. Every input is cut before a pattern runs,
 * so detection stays within tens of milliseconds; unbounded, the same page took seconds.
 */
const MAX_ADVERSARIAL_MEDIAN_MS = 50;
const GLOBAL_NAME = '__handoffBenchDetection';

/**
 * In-page helpers, plain JavaScript injected after the bundle (tsx would wrap functions passed to
 * page.evaluate in helpers the page does not have). Each call is its own task, as the content
 * script's throttled observer runs detections, and returns its wall-clock time.
 */
const HARNESS = `
window.__handoffBenchDetect = () => {
  const api = window.${GLOBAL_NAME};
  const start = performance.now();
  const detection = api.detectReferral(document, location.href, api.BUILTIN_PROFILES);
  const ms = performance.now() - start;
  return {
    ms,
    detected: detection
      ? { profile: detection.profile.id, score: detection.score, fields: Object.keys(detection.fields) }
      : null,
  };
};
window.__handoffBenchNothing = () => {
  const start = performance.now();
  return { ms: performance.now() - start, detected: null };
};
`;

/**
 * Detection and extraction exactly as the content script runs them, bundled on their own (no
 * panel, no browser APIs) so they can be timed, or tested, inside a page: a script defining
 * `window[globalName]` with `detectReferral` and `BUILTIN_PROFILES`.
 */
export async function bundleDetection(globalName = GLOBAL_NAME): Promise<string> {
  const result = await build({
    stdin: {
      contents: [
        "export { detectReferral } from './src/detection/detect-referral';",
        "export { BUILTIN_PROFILES } from './src/detection/builtin-profiles';",
      ].join('\n'),
      resolveDir: resolve('.'),
      sourcefile: 'bench-detection-entry.ts',
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    globalName,
    platform: 'browser',
    target: 'chrome120',
    minify: true,
    write: false,
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('esbuild produced no detection bundle');
  return output.text;
}

interface Detected {
  profile: string;
  score: number;
  fields: string[];
}

interface Call {
  /** performance.now() around the call, in the page. */
  wallMs: number;
  /** Main-thread CPU time of the task that made the call (CDP TaskDuration, thread ticks). */
  cpuMs: number;
  detected: Detected | null;
}

async function mainThreadSeconds(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((metric) => metric.name === 'TaskDuration')?.value ?? Number.NaN;
}

/** One call of an in-page helper in a task of its own, timed by the page's clock and by CDP. */
async function timedCall(page: Page, cdp: CDPSession, helper: string): Promise<Call> {
  const before = await mainThreadSeconds(cdp);
  const result = (await page.evaluate(`window.${helper}()`)) as { ms: number; detected: Detected | null };
  const after = await mainThreadSeconds(cdp);
  return { wallMs: result.ms, cpuMs: (after - before) * 1000, detected: result.detected };
}

export async function detectionSuite(): Promise<SuiteResult> {
  const bundle = await bundleDetection();
  const server = await serveBenchPages(benchPages());
  // The baseline extension: the same browser set-up as the page-cost runs, with nothing injected.
  const browser = await launchWithExtension((await benchExtensions()).baseline);
  const cases = [
    { subject: 'heavy chart', path: PAGE_PATHS.chart, expectReferral: false },
    { subject: 'heavy chart with a referral', path: PAGE_PATHS.chartWithReferral, expectReferral: true },
    {
      subject: 'adversarial service request',
      path: PAGE_PATHS.adversarial,
      expectReferral: true,
      limit: MAX_ADVERSARIAL_MEDIAN_MS,
    },
  ];
  try {
    const figures = [];
    for (const { subject, path, expectReferral, limit = MAX_MEDIAN_MS } of cases) {
      const page = await browser.context.newPage();
      const cdp = await browser.context.newCDPSession(page);
      await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
      await page.goto(`${server.origin}${path}`, { waitUntil: 'load' });
      await page.addScriptTag({ content: `${bundle}\n${HARNESS}` });

      // Calibrate first (it also warms up page.evaluate itself), then the content script's first
      // look, with nothing of detection compiled yet.
      const calibration: Call[] = [];
      for (let i = 0; i < CALIBRATION_CALLS; i++) {
        calibration.push(await timedCall(page, cdp, '__handoffBenchNothing'));
      }
      const overheadMs = median(calibration.map((call) => call.cpuMs));
      const first = await timedCall(page, cdp, '__handoffBenchDetect');
      const calls: Call[] = [];
      for (let i = 0; i < WARM_UPS + ITERATIONS; i++) {
        const call = await timedCall(page, cdp, '__handoffBenchDetect');
        if (i >= WARM_UPS) calls.push(call);
      }
      const elements = await page.evaluate(() => document.getElementsByTagName('*').length);
      await page.close();

      if ((first.detected !== null) !== expectReferral) {
        throw new Error(
          `detection on the ${subject} returned ${JSON.stringify(first.detected)}; the bench page no longer ` +
            `${expectReferral ? 'reads as a referral' : 'reads as a non-referral'}, so the timing would measure the wrong path`,
        );
      }
      const cpu = calls.map((call) => Math.max(0, call.cpuMs - overheadMs));
      const wall = calls.map((call) => call.wallMs);
      figures.push(
        figure({
          name: 'detectionMedianMs',
          subject,
          value: median(cpu),
          unit: 'ms',
          comparison: '<',
          limit,
          detail: {
            measure:
              'main-thread CPU time per call (CDP TaskDuration, thread ticks, less the cost of timing an empty call)',
            p95Ms: round(quantile(cpu, 0.95)),
            minMs: round(Math.min(...cpu)),
            firstCallMs: round(Math.max(0, first.cpuMs - overheadMs)),
            // Wall clock in the page: the same when the machine is quiet, more when it is busy.
            wallMedianMs: round(median(wall)),
            wallP95Ms: round(quantile(wall, 0.95)),
            wallFirstCallMs: round(first.wallMs),
            timingOverheadMs: round(overheadMs),
            iterations: ITERATIONS,
            warmUps: WARM_UPS,
            elements,
            detected: first.detected,
          },
        }),
      );
    }
    return { name: 'detection', figures };
  } finally {
    await browser.close();
    await server.close();
  }
}
