/**
 * `npm run bench`: builds, then measures what Handoff costs the pages it runs on, in Debian's
 * Chromium. Prints one JSON report on stdout (progress goes to stderr), writes it to
 * `bench-results/report-<timestamp>.json` and `bench-results/latest.json`, and exits 1 when any
 * figure is over its budget.
 *
 * `npm run -s bench > report.json` keeps npm's banner out of stdout (the build logs to stderr).
 *
 * A suite is a function returning `{ name, figures }`; add one to `suites` below. Environment:
 * `BENCH_SUITES` (comma-separated suite names) runs a subset; `BENCH_RUNS` sets the launches per
 * variant of the page-cost suite (default 5); `BENCH_PAGES` picks some of its pages (`liveWorklist`,
 * `chart`, `chartWithReferral`; all three by default); `BENCH_EXTENSION_DIR` measures another
 * Chrome build than `.output/chrome-mv3`. `bench/breakdown.ts` splits the page cost into phases.
 * The team-queue suite takes `BENCH_TEAM_REFERRALS` (20,000), `BENCH_TEAM_POLLS` (5) and
 * `BENCH_TEAM_CHANGES` (1,000); `BENCH_PROFILE_DIR` keeps the service worker's CPU profiles it
 * takes, which `npx tsx bench/profile-top.ts <file>` sums by function (build unminified to read
 * the names).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { CHROMIUM_PATH } from '../scripts/chromium';
import { removeBenchExtensions } from './browser';
import type { Suite, SuiteResult } from './report';
import { contentScriptSizeSuite } from './suites/content-script-size';
import { detectionSuite } from './suites/detection';
import { pageCostSuite } from './suites/page-cost';
import { queueScaleSuite } from './suites/queue-scale';
import { teamQueueSuite } from './suites/team-queue';

interface NamedSuite {
  name: string;
  run: Suite;
}

/** In the order they run: the cheap ones first, the ten-odd browser launches last. */
const suites: NamedSuite[] = [
  { name: 'content-script-size', run: contentScriptSizeSuite },
  { name: 'detection', run: detectionSuite },
  { name: 'page-cost', run: pageCostSuite },
  { name: 'queue-scale', run: queueScaleSuite },
  { name: 'team-queue', run: teamQueueSuite },
];

const RESULTS_DIR = resolve('bench-results');

function chromiumVersion(): string {
  try {
    return execFileSync(CHROMIUM_PATH, ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return 'unknown';
  }
}

function selectedSuites(): NamedSuite[] {
  const wanted = process.env.BENCH_SUITES?.split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (!wanted?.length) return suites;
  const unknown = wanted.filter((name) => !suites.some((suite) => suite.name === name));
  if (unknown.length)
    throw new Error(`Unknown suite(s) ${unknown.join(', ')}; known: ${suites.map((s) => s.name).join(', ')}`);
  return suites.filter((suite) => wanted.includes(suite.name));
}

async function main(): Promise<number> {
  const started = new Date();
  // Other work on the machine moves every timing; the load averages say how busy it was.
  const loadAtStart = loadavg().map((load) => Math.round(load * 100) / 100);
  const results: (SuiteResult & { durationMs: number; error?: string })[] = [];
  for (const suite of selectedSuites()) {
    process.stderr.write(`bench: ${suite.name}…\n`);
    const suiteStart = performance.now();
    try {
      const result = await suite.run();
      results.push({ ...result, durationMs: Math.round(performance.now() - suiteStart) });
    } catch (error) {
      // A suite that cannot measure fails the bench, but the others still report.
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      process.stderr.write(`bench: ${suite.name} failed: ${message}\n`);
      results.push({
        name: suite.name,
        figures: [],
        durationMs: Math.round(performance.now() - suiteStart),
        error: message,
      });
    }
  }

  const failures = results.flatMap((suite) => [
    ...(suite.error ? [`${suite.name}: did not complete`] : []),
    ...suite.figures
      .filter((figure) => !figure.holds)
      .map(
        (figure) =>
          `${suite.name}: ${figure.name}${figure.subject ? ` (${figure.subject})` : ''} = ${figure.value} ${figure.unit}, budget ${figure.budget.text}`,
      ),
  ]);
  const report = {
    startedAt: started.toISOString(),
    durationMs: Date.now() - started.getTime(),
    holds: failures.length === 0,
    failures,
    environment: {
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
      cpus: availableParallelism(),
      cpuModel: cpus()[0]?.model ?? 'unknown',
      chromium: chromiumVersion(),
      loadAverage: { atStart: loadAtStart, atEnd: loadavg().map((load) => Math.round(load * 100) / 100) },
    },
    suites: results,
  };

  const json = `${JSON.stringify(report, null, 2)}\n`;
  process.stdout.write(json);
  mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = started.toISOString().replace(/[:.]/g, '-');
  const file = join(RESULTS_DIR, `report-${stamp}.json`);
  writeFileSync(file, json);
  writeFileSync(join(RESULTS_DIR, 'latest.json'), json);

  for (const suite of results) {
    for (const figure of suite.figures) {
      const spread = figure.spread ? ` (min ${figure.spread.min}, max ${figure.spread.max})` : '';
      const note = figure.note ? `; ${figure.note}` : '';
      process.stderr.write(
        `${figure.holds ? 'ok  ' : 'FAIL'} ${suite.name} ${figure.name}${figure.subject ? ` [${figure.subject}]` : ''}: ${figure.value} ${figure.unit}${spread}${note} (budget ${figure.budget.text})\n`,
      );
    }
    if (suite.error) process.stderr.write(`FAIL ${suite.name}: did not complete\n`);
  }
  process.stderr.write(`bench: report written to ${file}\n`);
  return failures.length === 0 ? 0 : 1;
}

// Exit explicitly: a browser a failed suite could not close must not keep the bench alive.
main()
  .finally(removeBenchExtensions)
  .then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(
        `bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exit(1);
    },
  );
