import { resolve } from 'node:path';
import { build } from 'esbuild';
import { benchExtensions, launchWithExtension } from '../browser';
import { benchPages, PAGE_PATHS } from '../pages';
import { figure, median, quantile, round, type SuiteResult } from '../report';
import { serveBenchPages } from '../server';

const WARM_UPS = 5;
const ITERATIONS = 50;
/** What one detection may cost the page's main thread, loaded chart or not. */
const MAX_MEDIAN_MS = 3;
const GLOBAL_NAME = '__handoffBenchDetection';

/**
 * The in-page timing loop, plain JavaScript injected after the bundle (tsx would wrap a function
 * passed to page.evaluate in helpers the page does not have). One detection per task, as the
 * content script's throttled observer runs them; the first call, cold, is kept apart.
 */
const TIMING_HARNESS = `
window.__handoffBenchTime = async (warmUps, iterations) => {
  const api = window.${GLOBAL_NAME};
  const detect = () => api.detectReferral(document, location.href, api.BUILTIN_PROFILES);
  const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));
  const coldStart = performance.now();
  const first = detect();
  const coldMs = performance.now() - coldStart;
  for (let i = 0; i < warmUps; i++) {
    detect();
    await nextTask();
  }
  const samples = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    detect();
    samples.push(performance.now() - start);
    await nextTask();
  }
  return {
    elements: document.getElementsByTagName('*').length,
    coldMs,
    samples,
    detected: first ? { profile: first.profile.id, score: first.score, fields: Object.keys(first.fields) } : null,
  };
};
`;

/**
 * Detection and extraction exactly as the content script runs them, bundled on their own (no
 * panel, no browser APIs) so they can be timed inside the page.
 */
async function bundleDetection(): Promise<string> {
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
    globalName: GLOBAL_NAME,
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

interface PageTiming {
  elements: number;
  coldMs: number;
  samples: number[];
  detected: { profile: string; score: number; fields: string[] } | null;
}

export async function detectionSuite(): Promise<SuiteResult> {
  const bundle = await bundleDetection();
  const server = await serveBenchPages(benchPages());
  // The baseline extension: the same browser set-up as the page-cost runs, with nothing injected.
  const browser = await launchWithExtension(benchExtensions().baseline);
  const cases = [
    { subject: 'heavy chart', path: PAGE_PATHS.chart, expectReferral: false },
    { subject: 'heavy chart with a referral', path: PAGE_PATHS.chartWithReferral, expectReferral: true },
  ];
  try {
    const figures = [];
    for (const { subject, path, expectReferral } of cases) {
      const page = await browser.context.newPage();
      await page.goto(`${server.origin}${path}`, { waitUntil: 'load' });
      await page.addScriptTag({ content: `${bundle}\n${TIMING_HARNESS}` });
      const timing = (await page.evaluate(
        ({ warmUps, iterations }) =>
          (
            window as unknown as { __handoffBenchTime: (w: number, i: number) => Promise<unknown> }
          ).__handoffBenchTime(warmUps, iterations),
        { warmUps: WARM_UPS, iterations: ITERATIONS },
      )) as PageTiming;
      await page.close();
      if ((timing.detected !== null) !== expectReferral) {
        throw new Error(
          `detection on the ${subject} returned ${JSON.stringify(timing.detected)}; the bench page no longer ` +
            `${expectReferral ? 'reads as a referral' : 'reads as a non-referral'}, so the timing would measure the wrong path`,
        );
      }
      figures.push(
        figure({
          name: 'detectionMedianMs',
          subject,
          value: median(timing.samples),
          unit: 'ms',
          comparison: '<',
          limit: MAX_MEDIAN_MS,
          detail: {
            p95Ms: round(quantile(timing.samples, 0.95)),
            minMs: round(Math.min(...timing.samples)),
            maxMs: round(Math.max(...timing.samples)),
            firstCallMs: round(timing.coldMs),
            iterations: ITERATIONS,
            warmUps: WARM_UPS,
            elements: timing.elements,
            detected: timing.detected,
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
