/**
 * Chromium traces for the page-cost breakdown: recording one over the DevTools protocol, and
 * reading the page's main thread out of it (its tasks, style and layout, and CPU samples of the
 * content script, mapped back to Handoff's sources through the build's source map).
 */
import type { CDPSession } from '@playwright/test';

/** One event of Chromium's trace event format; only the fields read here. */
export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** Thread (CPU) time, µs. */
  tdur?: number;
  tts?: number;
  id?: string;
  args?: Record<string, unknown>;
}

/**
 * The page's tasks, style and layout with the stacks that forced them, and V8's CPU samples every
 * 100 µs (the `.hires` category) so that a few milliseconds of content script split into phases.
 */
const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.stack',
  'v8',
  'v8.execute',
  'disabled-by-default-v8.cpu_profiler',
  'disabled-by-default-v8.cpu_profiler.hires',
  '__metadata',
];

/** Traces the whole browser while `during` runs. */
export async function recordTrace(cdp: CDPSession, during: () => Promise<void>): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) => {
    events.push(...(value as unknown as TraceEvent[]));
  });
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: CATEGORIES, recordMode: 'recordAsMuchAsPossible' },
  });
  await during();
  await cdp.send('Tracing.end');
  await complete;
  return events;
}

/** Complete events (`X`) as they are, begin/end pairs (`B`/`E`) joined into one per thread. */
export function completeEvents(events: readonly TraceEvent[]): TraceEvent[] {
  const out: TraceEvent[] = [];
  const open = new Map<string, TraceEvent[]>();
  for (const event of [...events].sort((a, b) => a.ts - b.ts)) {
    if (event.ph === 'X') out.push(event);
    else if (event.ph === 'B') {
      const key = `${event.pid}:${event.tid}`;
      const stack = open.get(key) ?? [];
      stack.push(event);
      open.set(key, stack);
    } else if (event.ph === 'E') {
      const begin = open.get(`${event.pid}:${event.tid}`)?.pop();
      if (!begin) continue;
      out.push({
        ...begin,
        ph: 'X',
        dur: event.ts - begin.ts,
        ...(begin.tts !== undefined && event.tts !== undefined ? { tdur: event.tts - begin.tts } : {}),
        args: { ...begin.args, endData: event.args?.endData },
      });
    }
  }
  return out;
}

/**
 * The renderer main thread that parsed the page at `path`: the page's own thread, whatever
 * process the navigation ended in.
 */
export function pageMainThread(events: readonly TraceEvent[], path: string): { pid: number; tid: number } {
  const parse = events.find((event) => {
    if (event.name !== 'ParseHTML') return false;
    const url = (event.args?.beginData as { url?: string } | undefined)?.url;
    return typeof url === 'string' && URL.canParse(url) && new URL(url).pathname === path;
  });
  if (!parse) throw new Error(`trace: no ParseHTML of ${path}`);
  return { pid: parse.pid, tid: parse.tid };
}

/** Thread time of an event in ms: CPU time where the trace has it, else wall time. */
export function threadMs(event: TraceEvent): number {
  return (event.tdur ?? event.dur ?? 0) / 1000;
}

/** Top-level tasks only: events nested inside an earlier one on the same thread are left out. */
export function topLevel(events: readonly TraceEvent[]): TraceEvent[] {
  const sorted = [...events].sort((a, b) => a.ts - b.ts);
  const out: TraceEvent[] = [];
  let end = Number.NEGATIVE_INFINITY;
  for (const event of sorted) {
    if (event.ts < end) continue;
    out.push(event);
    end = event.ts + (event.dur ?? 0);
  }
  return out;
}

export interface StackFrame {
  url?: string;
  functionName?: string;
  lineNumber?: number;
  columnNumber?: number;
}

/** The JavaScript stack that forced a style or layout update, when the trace recorded one. */
export function forcingStack(event: TraceEvent): StackFrame[] {
  const begin = event.args?.beginData as { stackTrace?: StackFrame[] } | undefined;
  const data = event.args?.data as { stackTrace?: StackFrame[] } | undefined;
  return begin?.stackTrace ?? data?.stackTrace ?? [];
}

interface ProfileNode {
  id: number;
  parent?: number;
  callFrame: StackFrame & { codeType?: string };
}

/** One CPU sample: the stack from the root down to the leaf, and the time it stands for, ms. */
export interface Sample {
  stack: ProfileNode['callFrame'][];
  ms: number;
  /** When it was taken, on the trace's clock (µs). */
  ts: number;
}

/**
 * V8's samples of one thread. A sample stands for the time until the next one, capped at twice
 * the usual interval: a thread the machine did not run meanwhile spent no CPU on anything.
 */
export function cpuSamples(events: readonly TraceEvent[], thread: { pid: number; tid: number }): Sample[] {
  const profiles = events.filter(
    (event) => event.name === 'Profile' && event.pid === thread.pid && event.tid === thread.tid,
  );
  const samples: Sample[] = [];
  for (const profile of profiles) {
    const nodes = new Map<number, ProfileNode>();
    const ids: number[] = [];
    const deltas: number[] = [];
    for (const chunk of events) {
      if (chunk.name !== 'ProfileChunk' || chunk.pid !== thread.pid || chunk.id !== profile.id) continue;
      const data = chunk.args?.data as
        | { cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] }; timeDeltas?: number[] }
        | undefined;
      for (const node of data?.cpuProfile?.nodes ?? []) nodes.set(node.id, node);
      ids.push(...(data?.cpuProfile?.samples ?? []));
      deltas.push(...(data?.timeDeltas ?? []));
    }
    const positive = deltas.filter((delta) => delta > 0).sort((a, b) => a - b);
    const usual = positive[Math.floor(positive.length / 2)] ?? 100;
    let ts = (profile.args?.data as { startTime?: number } | undefined)?.startTime ?? 0;
    for (let i = 0; i < ids.length; i++) {
      ts += deltas[i] ?? 0;
      const stack: ProfileNode['callFrame'][] = [];
      for (let node = nodes.get(ids[i] ?? -1); node; node = nodes.get(node.parent ?? -1))
        stack.unshift(node.callFrame);
      const next = deltas[i + 1] ?? usual;
      samples.push({ stack, ms: Math.min(Math.max(next, 0), 2 * usual) / 1000, ts });
    }
  }
  return samples;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function decodeVlq(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

export interface SourceMap {
  sources: string[];
  sourcesContent?: (string | null)[];
  mappings: string;
}

export interface OriginalPosition {
  source: string;
  /** 0-based, as in the generated position asked for. */
  line: number;
  /** The name of the function declared on that line of the source, when one is. */
  functionName?: string;
}

/** A function's name from the source line that declares it (method, function, or arrow constant). */
function declaredName(line: string): string | undefined {
  const match =
    /(?:function\s*\*?\s*(\w+)|(?:const|let)\s+(\w+)\s*=|^\s*(?:(?:private|public|static|async|get|set)\s+)*(\w+)\s*\(|(\w+)\s*[:=]\s*(?:async\s*)?\()/.exec(
      line,
    );
  return match?.slice(1).find((name) => name !== undefined);
}

/** Looks up generated positions (0-based line and column) in a version 3 source map. */
export class SourceMapLookup {
  private readonly lines: { column: number; source: number; line: number }[][] = [];

  constructor(private readonly map: SourceMap) {
    let source = 0;
    let line = 0;
    for (const generated of map.mappings.split(';')) {
      let column = 0;
      const segments: { column: number; source: number; line: number }[] = [];
      for (const text of generated.split(',')) {
        if (!text) continue;
        const [dColumn = 0, dSource, dLine] = decodeVlq(text);
        column += dColumn;
        if (dSource === undefined || dLine === undefined) continue;
        source += dSource;
        line += dLine;
        segments.push({ column, source, line });
      }
      this.lines.push(segments);
    }
  }

  find(line: number, column: number): OriginalPosition | undefined {
    const segments = this.lines[line] ?? [];
    let found: (typeof segments)[number] | undefined;
    for (const segment of segments) {
      if (segment.column > column) break;
      found = segment;
    }
    // A function's start is often just before its first mapped token.
    found ??= segments[0];
    if (!found) return undefined;
    const source = this.map.sources[found.source] ?? '?';
    const text = this.map.sourcesContent?.[found.source]?.split('\n')[found.line];
    return { source, line: found.line, functionName: text === undefined ? undefined : declaredName(text) };
  }
}

/**
 * Scales each sample to the CPU time of the task it fell in (thread time ÷ wall time of that
 * task): a main thread blocked on the browser, or waiting for a core on a busy machine, is still
 * sampled, but spends no CPU meanwhile. What Chromium's TaskDuration counts is CPU time.
 */
export function inCpuTime(samples: readonly Sample[], tasks: readonly TraceEvent[]): Sample[] {
  const sorted = [...tasks].sort((a, b) => a.ts - b.ts);
  return samples.map((sample) => {
    let low = 0;
    let high = sorted.length - 1;
    let found: TraceEvent | undefined;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const task = sorted[middle];
      if (!task) break;
      if (task.ts > sample.ts) high = middle - 1;
      else {
        if (sample.ts <= task.ts + (task.dur ?? 0)) found = task;
        low = middle + 1;
      }
    }
    const share = found?.dur && found.tdur !== undefined ? Math.min(found.tdur / found.dur, 1) : 1;
    return { ...sample, ms: sample.ms * share };
  });
}
