/**
 * `npx tsx bench/breakdown.ts` (hold the browser lock): where the content script's cost on a page
 * goes, phase by phase, from Chromium's own trace of the page's main thread. For each page, Handoff
 * and the empty-content-script baseline load it in alternating fresh launches (`BENCH_RUNS`
 * rounds, default 3); each load is traced from navigation to load + the page-cost window.
 *
 * Phases come from V8's CPU samples (every 100 µs) of the content script, scaled to the CPU time
 * of the task each fell in and mapped to Handoff's sources through a source map of the same build
 * (made here with `wxt build`, sources unchanged); style, layout and paint come from the trace's
 * own events, compared with the baseline. Tracing slows
 * the page: read the phases against each other, and the bench's ratios for the real cost.
 * Prints JSON on stdout and a table on stderr.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'wxt';
import { CONTENT_SCRIPT_FILE } from '../src/background/ehr-sites';
import { CHROME_EXTENSION_ID } from '../src/extension-identity';
import { BUILD_DIR, benchExtensions, launchWithExtension, removeBenchExtensions } from './browser';
import { benchPages, PAGE_PATHS } from './pages';
import { median, round } from './report';
import { serveBenchPages } from './server';
import { CHART_SETTLE_MS, SETTLE_MS } from './suites/page-cost';
import {
  completeEvents,
  cpuSamples,
  forcingStack,
  inCpuTime,
  pageMainThread,
  recordTrace,
  type Sample,
  type SourceMap,
  SourceMapLookup,
  type TraceEvent,
  threadMs,
  topLevel,
} from './trace';

const ROUNDS = Math.max(1, Math.round(Number(process.env.BENCH_RUNS ?? 3)) || 3);
const PAGES = [
  { key: 'chartWithReferral', path: PAGE_PATHS.chartWithReferral },
  { key: 'chart', path: PAGE_PATHS.chart },
] as const;
type Variant = 'handoff' | 'baseline';

const SCRIPT_URL = `chrome-extension://${CHROME_EXTENSION_ID}/${CONTENT_SCRIPT_FILE}`;

/**
 * The functions that start each phase, by name, with the source file they are declared in. A
 * sample counts for the phase of the innermost of these on its stack.
 */
const PHASE_ENTRIES: { file: RegExp; names: string[]; phase: string }[] = [
  {
    file: /src\/content\/detection-settings\.ts$/,
    names: ['readDetectionSettings'],
    phase: 'storage reads',
  },
  {
    file: /src\/detection\/detect-referral\.ts$/,
    names: ['detectReferral', 'readFieldsAnyway'],
    phase: 'detection',
  },
  {
    file: /src\/content\/referral-watch\.ts$/,
    names: ['run', 'start', 'watchReferralScreen'],
    phase: 'detection',
  },
  {
    file: /src\/content\/panel-frame\.ts$/,
    names: ['constructor', 'show', 'hide', 'hostCss', 'mount'],
    phase: 'panel host, shadow root, frame',
  },
  {
    file: /src\/content\/panel-frame\.ts$/,
    names: ['offerChannel', 'handOver', 'received', 'post', 'release'],
    phase: 'channel handshake',
  },
  { file: /src\/detection\/to-draft\.ts$/, names: ['draftFromDetection'], phase: 'page-status message' },
  { file: /entrypoints\/content-script\.ts$/, names: ['detected'], phase: 'page-status message' },
  { file: /src\/messages\.ts$/, names: ['typedSender'], phase: 'page-status message' },
];
const POLYFILL = /webextension-polyfill/;
/** Everything else the script runs: its own evaluation (module set-up, built-in profiles). */
const EVALUATION = 'evaluation and set-up';

const STYLE_LAYOUT = new Set(['UpdateLayoutTree', 'Layout']);
const PAINT = new Set(['PrePaint', 'Paint', 'Layerize', 'UpdateLayer', 'Commit', 'PaintImage']);
const GC = new Set(['MinorGC', 'MajorGC', 'V8.GC_SCAVENGER', 'V8.GC_MARK_COMPACTOR']);

interface LoadBreakdown {
  variant: Variant;
  mainThreadMs: number;
  /** The main thread's own time by trace event name (time in nested events not counted twice). */
  selfMsByEvent: Record<string, number>;
  styleLayoutMs: number;
  /** Style and layout updates a content-script call forced, inside the figure above. */
  forcedStyleLayoutMs: number;
  paintMs: number;
  gcMs: number;
  compileMs: number;
  phasesMs: Record<string, number>;
  /** Time by phase and the function at the top of the stack (often a DOM or extension API call). */
  leavesMs: Record<string, number>;
}

async function sourceMapOfBuild(): Promise<SourceMapLookup | undefined> {
  const outDir = mkdtempSync(join(tmpdir(), 'handoff-breakdown-build-'));
  try {
    // WXT logs to stdout, which carries the report: its progress goes to stderr meanwhile.
    const write = process.stdout.write;
    process.stdout.write = process.stderr.write.bind(process.stderr);
    try {
      await build({ outDir, browser: 'chrome', vite: () => ({ build: { sourcemap: true } }) });
    } finally {
      process.stdout.write = write;
    }
    const dir = join(outDir, 'chrome-mv3');
    // The same bytes but for the comment that names the map.
    const mapped = readFileSync(join(dir, CONTENT_SCRIPT_FILE), 'utf8').replace(
      /\n\/\/# sourceMappingURL=[^\n]*/,
      '',
    );
    const measured = readFileSync(join((await benchExtensions()).handoff, CONTENT_SCRIPT_FILE), 'utf8');
    if (mapped !== measured) {
      process.stderr.write('breakdown: the sources changed since the build; phases are not mapped\n');
      return undefined;
    }
    return new SourceMapLookup(
      JSON.parse(readFileSync(join(dir, `${CONTENT_SCRIPT_FILE}.map`), 'utf8')) as SourceMap,
    );
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

function phaseOf(sample: Sample, lookup: SourceMapLookup | undefined): string | undefined {
  const ours = sample.stack.filter((frame) => frame.url === SCRIPT_URL);
  if (ours.length === 0) return undefined;
  if (!lookup) return 'content script (unmapped)';
  const mapped = ours.map((frame) => lookup.find(frame.lineNumber ?? 0, frame.columnNumber ?? 0));
  for (let i = mapped.length - 1; i >= 0; i--) {
    const position = mapped[i];
    if (!position?.functionName) continue;
    const entry = PHASE_ENTRIES.find(
      (candidate) =>
        candidate.file.test(position.source) && candidate.names.includes(position.functionName ?? ''),
    );
    if (entry) return entry.phase;
  }
  const leaf = mapped[mapped.length - 1];
  return leaf && POLYFILL.test(leaf.source) ? 'extension API polyfill' : EVALUATION;
}

function breakdown(
  events: TraceEvent[],
  path: string,
  variant: Variant,
  lookup?: SourceMapLookup,
): LoadBreakdown {
  const thread = pageMainThread(events, path);
  const onThread = completeEvents(events).filter(
    (event) => event.pid === thread.pid && event.tid === thread.tid,
  );
  const sum = (list: readonly TraceEvent[]) => list.reduce((total, event) => total + threadMs(event), 0);
  const named = (names: ReadonlySet<string>) => onThread.filter((event) => names.has(event.name));
  const styleLayout = named(STYLE_LAYOUT);
  const phasesMs: Record<string, number> = {};
  const leavesMs: Record<string, number> = {};
  const tasks = topLevel(onThread.filter((event) => event.name === 'RunTask'));
  for (const sample of inCpuTime(cpuSamples(events, thread), tasks)) {
    const phase = phaseOf(sample, lookup);
    if (!phase) continue;
    phasesMs[phase] = (phasesMs[phase] ?? 0) + sample.ms;
    const leaf = sample.stack[sample.stack.length - 1];
    const mapped =
      leaf?.url === SCRIPT_URL ? lookup?.find(leaf.lineNumber ?? 0, leaf.columnNumber ?? 0) : undefined;
    const where = mapped ? mapped.source.replace(/^(\.\.\/)+/, '') : leaf?.url || 'native';
    const key = `${phase} <- ${mapped?.functionName ?? (leaf?.functionName || '(anonymous)')} (${where})`;
    leavesMs[key] = (leavesMs[key] ?? 0) + sample.ms;
  }
  return {
    variant,
    mainThreadMs: sum(tasks),
    selfMsByEvent: selfTimeByName(onThread),
    styleLayoutMs: sum(styleLayout),
    forcedStyleLayoutMs: sum(
      styleLayout.filter((event) => forcingStack(event).some((frame) => frame.url === SCRIPT_URL)),
    ),
    paintMs: sum(named(PAINT)),
    gcMs: sum(named(GC)),
    compileMs: sum(
      onThread.filter(
        (event) =>
          event.name === 'v8.compile' &&
          (event.args?.data as { url?: string } | undefined)?.url === SCRIPT_URL,
      ),
    ),
    phasesMs,
    leavesMs,
  };
}

/**
 * Each event's thread time less that of the events nested in it, summed by name: what the page's
 * main thread did, JavaScript or not (frame set-up, IPC, painting), so that Handoff's extra time
 * that no CPU sample of the content script covers is named too.
 */
function selfTimeByName(onThread: readonly TraceEvent[]): Record<string, number> {
  const byName: Record<string, number> = {};
  const open: { event: TraceEvent; end: number }[] = [];
  for (const event of [...onThread].sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0))) {
    while (open.length > 0 && (open.at(-1)?.end ?? 0) <= event.ts) open.pop();
    const ms = threadMs(event);
    byName[event.name] = (byName[event.name] ?? 0) + ms;
    const parent = open.at(-1)?.event;
    if (parent) byName[parent.name] = (byName[parent.name] ?? 0) - ms;
    open.push({ event, end: event.ts + (event.dur ?? 0) });
  }
  return byName;
}

/** The event names whose self time Handoff adds most to, median over the loads of each variant. */
function extraByEvent(handoff: readonly LoadBreakdown[], baseline: readonly LoadBreakdown[], count = 12) {
  const names = new Set([...handoff, ...baseline].flatMap((load) => Object.keys(load.selfMsByEvent)));
  const med = (loads: readonly LoadBreakdown[], name: string) =>
    median(loads.map((load) => load.selfMsByEvent[name] ?? 0));
  return Object.fromEntries(
    [...names]
      .map((name) => [name, med(handoff, name) - med(baseline, name)] as const)
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([name, ms]) => [name, round(ms, 2)]),
  );
}

/** The leaves that took the most time, averaged over the loads. */
function hottest(loads: readonly LoadBreakdown[], count = 15): Record<string, number> {
  const totals = new Map<string, number>();
  for (const load of loads)
    for (const [key, ms] of Object.entries(load.leavesMs)) totals.set(key, (totals.get(key) ?? 0) + ms);
  return Object.fromEntries(
    [...totals]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([key, ms]) => [key, round(ms / Math.max(loads.length, 1), 2)]),
  );
}

async function main(): Promise<void> {
  const dirs = await benchExtensions();
  const lookup = await sourceMapOfBuild();
  const server = await serveBenchPages(benchPages());
  const loads = new Map<string, LoadBreakdown[]>(PAGES.map((page) => [page.key, []]));
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const pair: Variant[] = round % 2 === 0 ? ['handoff', 'baseline'] : ['baseline', 'handoff'];
      for (const variant of pair) {
        process.stderr.write(`  breakdown: round ${round + 1}/${ROUNDS}, ${variant}\n`);
        const browser = await launchWithExtension(dirs[variant]);
        try {
          for (const spec of PAGES) {
            await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
            const page = await browser.context.newPage();
            const cdp = await browser.context.newCDPSession(page);
            const events = await recordTrace(cdp, async () => {
              await page.goto(`${server.origin}${spec.path}`, { waitUntil: 'load' });
              await page.waitForTimeout(CHART_SETTLE_MS);
            });
            await cdp.detach();
            await page.close();
            loads.get(spec.key)?.push(breakdown(events, spec.path, variant, lookup));
          }
        } finally {
          await browser.close();
        }
      }
    }
  } finally {
    await server.close();
    removeBenchExtensions();
  }

  const report = PAGES.map((spec) => {
    const all = loads.get(spec.key) ?? [];
    const of = (variant: Variant) => all.filter((load) => load.variant === variant);
    const med = (variant: Variant, pick: (load: LoadBreakdown) => number) =>
      round(median(of(variant).map(pick)), 2);
    const phases = [...new Set(all.flatMap((load) => Object.keys(load.phasesMs)))];
    const row = (pick: (load: LoadBreakdown) => number) => ({
      handoff: med('handoff', pick),
      baseline: med('baseline', pick),
      extra: round(med('handoff', pick) - med('baseline', pick), 2),
    });
    return {
      page: spec.key,
      runsPerVariant: of('handoff').length,
      mainThreadMs: row((load) => load.mainThreadMs),
      styleLayoutMs: row((load) => load.styleLayoutMs),
      forcedStyleLayoutMs: row((load) => load.forcedStyleLayoutMs),
      paintMs: row((load) => load.paintMs),
      gcMs: row((load) => load.gcMs),
      contentScriptCompileMs: med('handoff', (load) => load.compileMs),
      contentScriptJsMs: Object.fromEntries(
        phases.map((phase) => [phase, med('handoff', (load) => load.phasesMs[phase] ?? 0)]),
      ),
      hottestLeavesMs: hottest(of('handoff')),
      extraSelfMsByEvent: extraByEvent(of('handoff'), of('baseline')),
      loads: all,
    };
  });
  process.stdout.write(`${JSON.stringify({ build: BUILD_DIR, rounds: ROUNDS, pages: report }, null, 2)}\n`);
  for (const page of report) {
    process.stderr.write(`\n${page.page} (median of ${page.runsPerVariant} traced loads per variant, ms)\n`);
    for (const [name, value] of Object.entries(page)) {
      if (typeof value === 'object' && value !== null && 'extra' in value)
        process.stderr.write(
          `  ${name}: handoff ${value.handoff}, baseline ${value.baseline}, extra ${value.extra}\n`,
        );
    }
    process.stderr.write(`  content-script compile: ${page.contentScriptCompileMs}\n`);
    for (const [phase, ms] of Object.entries(page.contentScriptJsMs))
      process.stderr.write(`  JS ${phase}: ${ms}\n`);
    for (const [leaf, ms] of Object.entries(page.hottestLeavesMs))
      process.stderr.write(`    ${ms}  ${leaf}\n`);
    process.stderr.write('  extra main-thread self time by trace event:\n');
    for (const [name, ms] of Object.entries(page.extraSelfMsByEvent))
      process.stderr.write(`    ${ms}  ${name}\n`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `breakdown: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
