import type { BrowserContext } from '@playwright/test';
import { benchExtensions, launchWithExtension } from '../browser';
import { benchPages, LIVE_WORKLIST, PAGE_PATHS } from '../pages';
import { type Figure, figure, median, round, type SuiteResult } from '../report';
import { serveBenchPages } from '../server';

/** Launches per variant; the two variants alternate (AB BA AB …) so drift hits both alike. */
const RUNS = Math.max(1, Math.round(Number(process.env.BENCH_RUNS ?? 5)) || 5);
/** The heavy chart is measured from navigation to this long after its load event. */
export const CHART_SETTLE_MS = 3000;
/** Handoff may add at most this share to the page's main-thread time. */
const MAX_MAIN_THREAD_RATIO = 1.1;
/** Long tasks (> 50 ms) the extension may add to a page. */
const MAX_EXTRA_LONG_TASKS = 0;

type Variant = 'handoff' | 'baseline';

interface PageSpec {
  key: 'chart' | 'liveWorklist' | 'chartWithReferral';
  subject: string;
  path: string;
  window: string;
}

/**
 * In the order each launch measures them: the ten-second worklist first, so the browser's own
 * start-up work is diluted in it rather than landing on the short chart measurement.
 */
const PAGES: PageSpec[] = [
  {
    key: 'liveWorklist',
    subject: 'live referral worklist (SPA)',
    path: PAGE_PATHS.liveWorklist,
    window: `navigation to the end of ${LIVE_WORKLIST.seconds} s of mutations every ${LIVE_WORKLIST.intervalMs} ms`,
  },
  {
    key: 'chart',
    subject: 'heavy chart',
    path: PAGE_PATHS.chart,
    window: `navigation to load + ${CHART_SETTLE_MS} ms`,
  },
  {
    key: 'chartWithReferral',
    subject: 'heavy chart with a referral',
    path: PAGE_PATHS.chartWithReferral,
    window: `navigation to load + ${CHART_SETTLE_MS} ms`,
  },
];
/** Measured unless `BENCH_PAGES` names others; the chart with a referral (panel shown) is opt-in. */
const DEFAULT_PAGES: readonly PageSpec['key'][] = ['liveWorklist', 'chart'];
/**
 * A fresh browser is busy for a moment after its extension's service worker starts, and a closed
 * tab's renderer takes a moment to go away: each measurement starts after this pause.
 */
export const SETTLE_MS = 500;

/** `BENCH_PAGES=chart,chartWithReferral` measures those pages instead of the default two. */
function selectedPages(): PageSpec[] {
  const listed = process.env.BENCH_PAGES?.split(',')
    .map((key) => key.trim())
    .filter(Boolean);
  const wanted: readonly string[] = listed?.length ? listed : DEFAULT_PAGES;
  const pages = PAGES.filter((spec) => wanted.includes(spec.key));
  if (pages.length !== wanted.length) {
    throw new Error(`BENCH_PAGES: known pages are ${PAGES.map((spec) => spec.key).join(', ')}`);
  }
  return pages;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

interface PageRun {
  variant: Variant;
  /** Main-thread task time (CDP Performance TaskDuration, thread CPU time), ms. */
  taskMs: number;
  scriptMs: number;
  styleMs: number;
  layoutMs: number;
  longTaskMs: number[];
  contentScriptStarted: boolean;
  elements: number;
  mutationsPerSecond?: number;
}

interface BenchWindow extends Window {
  __benchLongTasks?: number[];
  __benchContentScript?: boolean;
  __benchDone?: boolean;
  __benchMutations?: number;
  __benchMutatingMs?: number;
}

/**
 * Runs in every page before its own scripts: counts long tasks and notes whether Handoff's
 * content script announced itself (WXT posts `<extension id>:content:wxt:content-script-started`).
 */
function observePage(): void {
  const page = window as BenchWindow;
  page.__benchLongTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) page.__benchLongTasks?.push(entry.duration);
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No Long Tasks API: the count stays empty and both variants read zero.
  }
  window.addEventListener('message', (event: MessageEvent) => {
    const type = (event.data as { type?: unknown } | null)?.type;
    if (typeof type === 'string' && type.endsWith(':content:wxt:content-script-started')) {
      page.__benchContentScript = true;
    }
  });
}

async function measurePage(
  context: BrowserContext,
  origin: string,
  spec: PageSpec,
  variant: Variant,
): Promise<PageRun> {
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    // Thread CPU time: what the page's main thread spent, not how long it waited for a core.
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    // The agent starts counting afresh with each navigation's new document.
    await page.goto(`${origin}${spec.path}`, { waitUntil: 'load' });
    if (spec.key !== 'liveWorklist') {
      await page.waitForTimeout(CHART_SETTLE_MS);
    } else {
      await page.waitForFunction(() => (window as BenchWindow).__benchDone === true, undefined, {
        polling: 200,
        timeout: (LIVE_WORKLIST.seconds + 20) * 1000,
      });
    }
    const { metrics } = await cdp.send('Performance.getMetrics');
    const metric = (name: string) => (metrics.find((m) => m.name === name)?.value ?? Number.NaN) * 1000;
    const seen = await page.evaluate(() => {
      const w = window as BenchWindow;
      return {
        longTaskMs: w.__benchLongTasks ?? [],
        contentScriptStarted: w.__benchContentScript === true,
        elements: document.getElementsByTagName('*').length,
        mutations: w.__benchMutations,
        mutatingMs: w.__benchMutatingMs,
      };
    });
    await cdp.detach();
    return {
      variant,
      taskMs: metric('TaskDuration'),
      scriptMs: metric('ScriptDuration'),
      styleMs: metric('RecalcStyleDuration'),
      layoutMs: metric('LayoutDuration'),
      longTaskMs: seen.longTaskMs.map((ms) => round(ms, 1)),
      contentScriptStarted: seen.contentScriptStarted,
      elements: seen.elements,
      ...(seen.mutations !== undefined && seen.mutatingMs
        ? { mutationsPerSecond: Math.round(seen.mutations / (seen.mutatingMs / 1000)) }
        : {}),
    };
  } finally {
    await page.close();
  }
}

async function measureLaunch(
  extensionDir: string,
  variant: Variant,
  origin: string,
  pages: readonly PageSpec[],
): Promise<Map<PageSpec['key'], PageRun>> {
  const browser = await launchWithExtension(extensionDir);
  try {
    await browser.context.addInitScript(observePage);
    const runs = new Map<PageSpec['key'], PageRun>();
    for (const spec of pages) {
      await settle();
      const run = await measurePage(browser.context, origin, spec, variant);
      if (run.contentScriptStarted !== (variant === 'handoff')) {
        throw new Error(
          `${variant} run on the ${spec.subject}: Handoff's content script ${run.contentScriptStarted ? 'ran' : 'did not run'}`,
        );
      }
      runs.set(spec.key, run);
    }
    return runs;
  } finally {
    await browser.close();
  }
}

/** One throw-away launch so disk caches and the server are warm before the first counted run. */
async function warmUp(extensionDir: string, origin: string): Promise<void> {
  const browser = await launchWithExtension(extensionDir);
  try {
    const page = await browser.context.newPage();
    for (const spec of selectedPages()) await page.goto(`${origin}${spec.path}`, { waitUntil: 'load' });
  } finally {
    await browser.close();
  }
}

function pageFigures(spec: PageSpec, runs: readonly PageRun[], order: string): Figure[] {
  const of = (variant: Variant) => runs.filter((run) => run.variant === variant);
  const handoff = of('handoff');
  const baseline = of('baseline');
  const medianOf = (list: readonly PageRun[], pick: (run: PageRun) => number) =>
    round(median(list.map(pick)), 1);
  const summary = (list: readonly PageRun[]) => ({
    medianTaskMs: medianOf(list, (run) => run.taskMs),
    medianScriptMs: medianOf(list, (run) => run.scriptMs),
    medianStyleMs: medianOf(list, (run) => run.styleMs),
    medianLayoutMs: medianOf(list, (run) => run.layoutMs),
    taskMsPerRun: list.map((run) => round(run.taskMs, 1)),
  });
  const handoffMedian = median(handoff.map((run) => run.taskMs));
  const baselineMedian = median(baseline.map((run) => run.taskMs));
  const longTaskCounts = (list: readonly PageRun[]) => list.map((run) => run.longTaskMs.length);
  const extraLongTasks = Math.max(0, median(longTaskCounts(handoff)) - median(longTaskCounts(baseline)));
  const pageDetail = {
    window: spec.window,
    elements: handoff[0]?.elements ?? baseline[0]?.elements,
    // The page mutates on a timer: a busier main thread does fewer operations, so compare these
    // before trusting a ratio near 1.
    ...(handoff[0]?.mutationsPerSecond === undefined
      ? {}
      : {
          domOperationsPerSecond: {
            handoff: handoff.map((run) => run.mutationsPerSecond),
            baseline: baseline.map((run) => run.mutationsPerSecond),
          },
        }),
  };
  return [
    figure({
      name: 'mainThreadRatio',
      subject: spec.subject,
      value: handoffMedian / baselineMedian,
      unit: 'ratio',
      comparison: '<=',
      limit: MAX_MAIN_THREAD_RATIO,
      detail: {
        ...pageDetail,
        extraMs: round(handoffMedian - baselineMedian, 1),
        // Each Handoff launch over the baseline launch next to it (AB BA …): less sensitive to the
        // machine getting busier or quieter during the bench than the ratio of medians.
        // (max − min) / median of the baseline runs: how much the page's own cost moved between
        // launches; a ratio budget is only as sharp as this.
        baselineSpread: round(
          (Math.max(...baseline.map((run) => run.taskMs)) - Math.min(...baseline.map((run) => run.taskMs))) /
            baselineMedian,
        ),
        medianPairedRatio: round(
          median(handoff.map((run, i) => run.taskMs / (baseline[i]?.taskMs ?? Number.NaN))),
        ),
        runsPerVariant: handoff.length,
        order,
        metric: 'CDP Performance.getMetrics TaskDuration (threadTicks)',
        handoff: summary(handoff),
        baseline: summary(baseline),
      },
    }),
    figure({
      name: 'longTasks',
      subject: spec.subject,
      value: extraLongTasks,
      unit: 'count',
      comparison: '<=',
      limit: MAX_EXTRA_LONG_TASKS,
      detail: {
        window: spec.window,
        rule: 'median handoff count − median baseline count, at least 0',
        handoffCounts: longTaskCounts(handoff),
        baselineCounts: longTaskCounts(baseline),
        handoffLongTaskMs: handoff.map((run) => run.longTaskMs),
        baselineLongTaskMs: baseline.map((run) => run.longTaskMs),
      },
    }),
  ];
}

/**
 * What Handoff's content script costs the page: main-thread time and long tasks with Handoff
 * loaded against the same extension with an empty content script, one extension per launch.
 */
export async function pageCostSuite(): Promise<SuiteResult> {
  const server = await serveBenchPages(benchPages());
  const dirs: Record<Variant, string> = await benchExtensions();
  try {
    await warmUp(dirs.handoff, server.origin);
    const pages = selectedPages();
    const runs = new Map<PageSpec['key'], PageRun[]>(pages.map((spec) => [spec.key, []]));
    const order: Variant[] = [];
    for (let i = 0; i < RUNS; i++) {
      const pair: Variant[] = i % 2 === 0 ? ['handoff', 'baseline'] : ['baseline', 'handoff'];
      for (const variant of pair) {
        process.stderr.write(`  page cost: run ${i + 1}/${RUNS}, ${variant}\n`);
        const measured = await measureLaunch(dirs[variant], variant, server.origin, pages);
        for (const [key, run] of measured) runs.get(key)?.push(run);
        order.push(variant);
      }
    }
    // A = Handoff, B = baseline, in launch order.
    const letters = order.map((variant) => (variant === 'handoff' ? 'A' : 'B')).join('');
    // Reported charts first, whatever order they were measured in.
    const reported = [
      ...pages.filter((spec) => spec.key !== 'liveWorklist'),
      ...pages.filter((spec) => spec.key === 'liveWorklist'),
    ];
    return {
      name: 'page-cost',
      figures: reported.flatMap((spec) => pageFigures(spec, runs.get(spec.key) ?? [], letters)),
    };
  } finally {
    await server.close();
  }
}
