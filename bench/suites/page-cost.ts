import type { BrowserContext, CDPSession, Frame, Page } from '@playwright/test';
import { DETECTION_SIGNAL, type DetectionOutcome } from '../../src/content/detection-signal';
import { CHROME_EXTENSION_ID } from '../../src/extension-identity';
import { PANEL_PAGE } from '../../src/panel/panel-protocol';
import { benchExtensions, launchWithExtension } from '../browser';
import { benchPages, LIVE_WORKLIST, PAGE_PATHS, REFERRAL_ORDER_NUMBER } from '../pages';
import { type Figure, figure, median, round, type SuiteResult } from '../report';
import { serveBenchPages } from '../server';

/** Launches per variant; the two variants alternate (AB BA AB …) so drift hits both alike. */
const RUNS = Math.max(1, Math.round(Number(process.env.BENCH_RUNS ?? 5)) || 5);
/** The heavy chart is measured from navigation to this long after its load event. */
export const CHART_SETTLE_MS = 3000;
/** Long tasks (> 50 ms) the extension may add to a page. */
const MAX_EXTRA_LONG_TASKS = 0;
/** From the page's load event to the panel showing its referral, on the heavy chart. */
const MAX_TIME_TO_PANEL_MS = 300;

type Variant = 'handoff' | 'baseline';

interface PageSpec {
  key: 'chart' | 'liveWorklist' | 'chartWithReferral';
  subject: string;
  path: string;
  window: string;
  /**
   * What Handoff may add to the page's main-thread time, as a ratio to the baseline: a page
   * without a referral pays for detection only, a referral screen for the panel too.
   */
  maxRatio: number;
  /** What Handoff's detection must conclude there: a coordinator sees a panel, or nothing. */
  concludes: Extract<DetectionOutcome, 'shown' | 'none'>;
  /** The panel shows this page's referral: time it from the page's load event. */
  panelShown?: true;
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
    maxRatio: 1.05,
    // A worklist of referrals: the panel lists them ("Referrals on this page").
    concludes: 'shown',
  },
  {
    key: 'chart',
    subject: 'heavy chart',
    path: PAGE_PATHS.chart,
    window: `navigation to load + ${CHART_SETTLE_MS} ms`,
    maxRatio: 1.05,
    concludes: 'none',
  },
  {
    key: 'chartWithReferral',
    subject: 'heavy chart with a referral (panel shown)',
    path: PAGE_PATHS.chartWithReferral,
    window: `navigation to load + ${CHART_SETTLE_MS} ms`,
    maxRatio: 1.1,
    concludes: 'shown',
    panelShown: true,
  },
];
/**
 * A fresh browser is busy for a moment after its extension's service worker starts, and a closed
 * tab's renderer takes a moment to go away: each measurement starts after this pause.
 */
export const SETTLE_MS = 500;

/** `BENCH_PAGES=chart,chartWithReferral` measures those pages instead of all three. */
function selectedPages(): PageSpec[] {
  const listed = process.env.BENCH_PAGES?.split(',')
    .map((key) => key.trim())
    .filter(Boolean);
  const wanted: readonly string[] = listed?.length ? listed : PAGES.map((spec) => spec.key);
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
  /** What Handoff's content script last concluded on the page; undefined when it did not run. */
  detection?: DetectionOutcome;
  /** From the page's load event to the panel showing the referral, ms (negative: before it). */
  timeToPanelMs?: number;
  elements: number;
  mutationsPerSecond?: number;
}

interface BenchWindow extends Window {
  __benchLongTasks?: number[];
  __benchDone?: boolean;
  __benchMutations?: number;
  __benchMutatingMs?: number;
  __benchPanelShownAt?: number;
}

/** Runs in every page before its own scripts: counts long tasks. */
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
}

const PANEL_URL = `chrome-extension://${CHROME_EXTENSION_ID}${PANEL_PAGE}`;

/**
 * Runs in Handoff's panel frame (an extension page, in its own process: nothing here costs the
 * EHR page). The panel shows the referral once its frame has the panel's width (the content
 * script keeps the frame 1 px wide and hidden until the panel reports its layout) and its text
 * holds the referral's order number; the time is taken at the next animation frame, when that is
 * drawn, as epoch milliseconds comparable with the page's own clock. Plain JavaScript: tsx would
 * wrap a named function in helpers this frame does not have.
 */
const WATCH_PANEL = `
if (location.href.startsWith(${JSON.stringify(PANEL_URL)})) {
  const observer = new MutationObserver(() => check());
  const check = () => {
    if (innerWidth <= 24 || !(document.body?.textContent ?? '').includes(${JSON.stringify(REFERRAL_ORDER_NUMBER)})) return;
    observer.disconnect();
    removeEventListener('resize', check);
    requestAnimationFrame(() => { window.__benchPanelShownAt = performance.timeOrigin + performance.now(); });
  };
  observer.observe(document, { childList: true, subtree: true, characterData: true });
  addEventListener('resize', check);
}`;

/** What the content script concluded in the page's main frame, read from its isolated world. */
async function detectionOutcome(cdp: CDPSession): Promise<DetectionOutcome | undefined> {
  const worlds: { id: number; origin: string; auxData?: { frameId?: string; isDefault?: boolean } }[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => worlds.push(context));
  await cdp.send('Runtime.enable');
  const { frameTree } = await cdp.send('Page.getFrameTree');
  const world = worlds.find(
    (w) =>
      w.auxData?.frameId === frameTree.frame.id &&
      w.auxData?.isDefault === false &&
      w.origin === `chrome-extension://${CHROME_EXTENSION_ID}`,
  );
  if (!world) return undefined;
  const { result } = await cdp.send('Runtime.evaluate', {
    expression: `globalThis.${DETECTION_SIGNAL}?.outcome`,
    contextId: world.id,
    returnByValue: true,
  });
  return result.value as DetectionOutcome | undefined;
}

/** The panel frame's time of showing the referral, less the page's load event, both epoch ms. */
async function timeToPanel(page: Page): Promise<number | undefined> {
  const frame: Frame | undefined = page.frames().find((candidate) => candidate.url().startsWith(PANEL_URL));
  const shownAt = await frame?.evaluate(() => (window as BenchWindow).__benchPanelShownAt);
  if (shownAt === undefined) return undefined;
  const loadAt = await page.evaluate(() => {
    const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
    return performance.timeOrigin + (navigation?.loadEventStart ?? Number.NaN);
  });
  return shownAt - loadAt;
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
        elements: document.getElementsByTagName('*').length,
        mutations: w.__benchMutations,
        mutatingMs: w.__benchMutatingMs,
      };
    });
    const detection = await detectionOutcome(cdp);
    const panelMs = spec.panelShown && variant === 'handoff' ? await timeToPanel(page) : undefined;
    await cdp.detach();
    return {
      variant,
      taskMs: metric('TaskDuration'),
      scriptMs: metric('ScriptDuration'),
      styleMs: metric('RecalcStyleDuration'),
      layoutMs: metric('LayoutDuration'),
      longTaskMs: seen.longTaskMs.map((ms) => round(ms, 1)),
      ...(detection === undefined ? {} : { detection }),
      ...(panelMs === undefined ? {} : { timeToPanelMs: panelMs }),
      elements: seen.elements,
      ...(seen.mutations !== undefined && seen.mutatingMs
        ? { mutationsPerSecond: Math.round(seen.mutations / (seen.mutatingMs / 1000)) }
        : {}),
    };
  } finally {
    await page.close();
  }
}

/**
 * Handoff's runs must have looked at the page and concluded what a coordinator would see (the
 * panel on the referral, nothing elsewhere) and timed its panel; the baseline's must not have
 * run Handoff at all. Otherwise the figures would measure something else.
 */
function checkRun(spec: PageSpec, run: PageRun): void {
  const expected = run.variant === 'baseline' ? undefined : spec.concludes;
  const problem =
    run.detection !== expected
      ? `Handoff's detection concluded ${run.detection ?? 'nothing'}, expected ${expected ?? 'nothing'}`
      : spec.panelShown && run.variant === 'handoff' && run.timeToPanelMs === undefined
        ? 'the panel never showed the referral'
        : undefined;
  if (problem) throw new Error(`${run.variant} run on the ${spec.subject}: ${problem}`);
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
    await browser.context.addInitScript(WATCH_PANEL);
    const runs = new Map<PageSpec['key'], PageRun>();
    for (const spec of pages) {
      await settle();
      const run = await measurePage(browser.context, origin, spec, variant);
      checkRun(spec, run);
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

/** Median, lowest and highest of a figure taken once per round. */
function overRounds(values: readonly number[]): { median: number; min: number; max: number } {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

function pageFigures(spec: PageSpec, runs: readonly PageRun[], order: string): Figure[] {
  const of = (variant: Variant) => runs.filter((run) => run.variant === variant);
  // Round i is the i-th Handoff launch and the baseline launch beside it (AB BA …).
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
  const baselineOf = (i: number) => baseline[i]?.taskMs ?? Number.NaN;
  // Each Handoff launch against the baseline launch next to it: less sensitive to the machine
  // getting busier or quieter during the bench than a ratio of medians.
  const ratio = overRounds(handoff.map((run, i) => run.taskMs / baselineOf(i)));
  const extra = overRounds(handoff.map((run, i) => run.taskMs - baselineOf(i)));
  const baselineMedian = median(baseline.map((run) => run.taskMs));
  const longTaskCounts = (list: readonly PageRun[]) => list.map((run) => run.longTaskMs.length);
  const extraLongTasks = Math.max(0, median(longTaskCounts(handoff)) - median(longTaskCounts(baseline)));
  const ms = (value: number) => `${value >= 0 ? '+' : ''}${round(value, 1)} ms`;
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
  const figures = [
    figure({
      name: 'mainThreadRatio',
      subject: spec.subject,
      value: ratio.median,
      unit: 'ratio',
      comparison: '<=',
      limit: spec.maxRatio,
      spread: ratio,
      note: `${ms(extra.median)} (min ${ms(extra.min)}, max ${ms(extra.max)}) over the baseline's ${round(baselineMedian, 1)} ms`,
      detail: {
        ...pageDetail,
        rule: 'median over rounds of Handoff launch ÷ the baseline launch beside it',
        extraMs: { median: round(extra.median, 1), min: round(extra.min, 1), max: round(extra.max, 1) },
        ratioPerRound: handoff.map((run, i) => round(run.taskMs / baselineOf(i))),
        ratioOfMedians: round(median(handoff.map((run) => run.taskMs)) / baselineMedian),
        // (max − min) / median of the baseline runs: how much the page's own cost moved between
        // launches; a ratio budget is only as sharp as this.
        baselineSpread: round(
          (Math.max(...baseline.map((run) => run.taskMs)) - Math.min(...baseline.map((run) => run.taskMs))) /
            baselineMedian,
        ),
        rounds: handoff.length,
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
  if (!spec.panelShown) return figures;
  const panelMs = handoff.map((run) => run.timeToPanelMs ?? Number.NaN);
  const panel = overRounds(panelMs);
  return [
    ...figures,
    figure({
      name: 'timeToPanel',
      subject: spec.subject,
      value: panel.median,
      unit: 'ms',
      comparison: '<=',
      limit: MAX_TIME_TO_PANEL_MS,
      spread: panel,
      detail: {
        window: "the page's load event to the panel frame drawing the referral at its full width",
        msPerRun: panelMs.map((value) => round(value, 1)),
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
