import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from '@playwright/test';
import WebSocket from 'ws';
import { CHROME_EXTENSION_ID } from '../../src/extension-identity';

const EXTENSION_ORIGIN = `chrome-extension://${CHROME_EXTENSION_ID}`;

/** One request as Chromium's DevTools Network domain reported it, with the context that made it. */
export interface ObservedRequest {
  url: string;
  /** Which of the extension's contexts made it, or `ehr-page` for the EHR page's own loads. */
  context: string;
  /** The address of the target (page, frame or worker) the request was made in. */
  targetUrl: string;
}

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

interface CallFrame {
  url: string;
}
interface StackTrace {
  callFrames: CallFrame[];
  parent?: StackTrace;
}
interface Initiator {
  url?: string;
  stack?: StackTrace;
}

function stackUrls(stack: StackTrace | undefined): string[] {
  if (!stack) return [];
  return [...stack.callFrames.map((frame) => frame.url), ...stackUrls(stack.parent)];
}

/**
 * Which Handoff context a request belongs to. Extension pages and the service worker are told
 * apart by their own address. In an EHR tab the content script shares the page's network, so a
 * request there counts as the content script's when its initiator (the script or stack that
 * issued it) is one of the extension's files; anything else there is the EHR page loading itself.
 */
function contextOf(target: TargetInfo, initiator: Initiator | undefined): string {
  if (target.url.startsWith(`${EXTENSION_ORIGIN}/`)) {
    if (target.type === 'service_worker') return 'service-worker';
    const page = new URL(target.url).pathname.replace(/^\/|\.html$/g, '');
    return page === 'panel' ? 'panel-frame' : page;
  }
  const initiators = [initiator?.url ?? '', ...stackUrls(initiator?.stack)];
  if (initiators.some((url) => url.startsWith(EXTENSION_ORIGIN))) return 'content-script';
  return 'ehr-page';
}

/**
 * Records every network request in the browser over a second DevTools connection of its own
 * (beside Playwright's): it attaches to every target — tabs, out-of-process frames such as the
 * panel framed in an EHR page, the extension's service worker — and enables the Network domain in
 * each. The browser must be started with `--remote-debugging-port=0`; it names the port it chose
 * in its profile's DevToolsActivePort file.
 */
export class NetworkRecorder {
  readonly requests: ObservedRequest[] = [];
  private readonly targets = new Map<string, TargetInfo>();
  private readonly sessions = new Map<string, TargetInfo>();
  private nextId = 1;
  private readonly pending = new Map<number, (result: Record<string, unknown>) => void>();
  /** Extension (isolated) worlds per EHR page session, for the content-script control request. */
  readonly extensionWorlds = new Map<string, number>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => this.onMessage(JSON.parse(String(data))));
  }

  static async attach(userDataDir: string): Promise<NetworkRecorder> {
    const portFile = join(userDataDir, 'DevToolsActivePort');
    await expect
      .poll(() => existsSync(portFile), { message: 'the browser opens its DevTools port' })
      .toBe(true);
    const [port, path] = readFileSync(portFile, 'utf8').trim().split('\n');
    const socket = new WebSocket(`ws://127.0.0.1:${port}${path}`, { perMessageDeflate: false });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const recorder = new NetworkRecorder(socket);
    await recorder.send('Target.setDiscoverTargets', { discover: true });
    const { targetInfos } = (await recorder.send('Target.getTargets')) as { targetInfos: TargetInfo[] };
    await Promise.all(targetInfos.map((info) => recorder.attachTo(info)));
    return recorder;
  }

  send(method: string, params: object = {}, sessionId?: string): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    this.socket.send(JSON.stringify({ id, method, params, ...(sessionId && { sessionId }) }));
    return new Promise((resolve) => this.pending.set(id, resolve));
  }

  /** The DevTools session attached to the first target whose address starts with `prefix`. */
  sessionFor(prefix: string): string | undefined {
    return [...this.sessions].find(([, target]) =>
      (this.targets.get(target.targetId) ?? target).url.startsWith(prefix),
    )?.[0];
  }

  close(): void {
    this.socket.close();
  }

  private async attachTo(info: TargetInfo): Promise<void> {
    if (this.targets.has(info.targetId)) {
      this.targets.set(info.targetId, info);
      return;
    }
    if (!['page', 'iframe', 'service_worker', 'worker', 'shared_worker'].includes(info.type)) return;
    this.targets.set(info.targetId, info);
    const { sessionId } = (await this.send('Target.attachToTarget', {
      targetId: info.targetId,
      flatten: true,
    })) as { sessionId?: string };
    if (!sessionId) return;
    this.sessions.set(sessionId, info);
    await this.send('Network.enable', {}, sessionId);
    if (info.type === 'page' || info.type === 'iframe') await this.send('Runtime.enable', {}, sessionId);
  }

  private onMessage(message: {
    id?: number;
    result?: Record<string, unknown>;
    error?: unknown;
    method?: string;
    params?: Record<string, unknown>;
    sessionId?: string;
  }): void {
    if (message.id !== undefined) {
      this.pending.get(message.id)?.(message.result ?? {});
      this.pending.delete(message.id);
      return;
    }
    const params = message.params ?? {};
    switch (message.method) {
      case 'Target.targetCreated':
      case 'Target.targetInfoChanged':
        void this.attachTo(params.targetInfo as TargetInfo);
        return;
      case 'Network.requestWillBeSent': {
        const target = message.sessionId ? this.sessions.get(message.sessionId) : undefined;
        if (!target) return;
        const request = params.request as { url: string };
        // A target's address can change after it was attached (navigation): read it as it is now.
        const current = this.targets.get(target.targetId) ?? target;
        this.requests.push({
          url: request.url,
          context: contextOf(current, params.initiator as Initiator | undefined),
          targetUrl: current.url,
        });
        return;
      }
      case 'Runtime.executionContextCreated': {
        const context = params.context as { id: number; origin: string; auxData?: { type?: string } };
        if (message.sessionId && context.origin === EXTENSION_ORIGIN && context.auxData?.type === 'isolated')
          this.extensionWorlds.set(message.sessionId, context.id);
        return;
      }
    }
  }
}

/** Requests counted per context, for the report. */
export function countByContext(requests: readonly ObservedRequest[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { context } of requests) counts[context] = (counts[context] ?? 0) + 1;
  return counts;
}

/** A URL request Chromium's network stack started, and the origin that asked for it if any. */
export interface LoggedRequest {
  url: string;
  /** Absent for the browser's own requests (its update checks and the like). */
  initiator?: string;
}

/**
 * Chromium's own NetLog of the whole run, read after the browser closed: a second witness that
 * sees every URL request the network stack started, whoever started it, with its initiator.
 */
export function netLogRequests(file: string): LoggedRequest[] {
  const log = readNetLog(file);
  return log.events.flatMap(({ params }) =>
    typeof params?.url === 'string'
      ? [{ url: params.url, ...(typeof params.initiator === 'string' && { initiator: params.initiator }) }]
      : [],
  );
}

interface NetLog {
  constants: { logEventTypes: Record<string, number> };
  events: { type: number; params?: { url?: unknown; initiator?: unknown; headers?: unknown } }[];
}

function readNetLog(file: string): NetLog {
  let text = readFileSync(file, 'utf8').trim();
  // A log the browser did not finish (closed hard) lacks its closing brackets.
  if (!text.endsWith('}')) text = `${text.replace(/,\s*$/, '')}]}`;
  return JSON.parse(text) as NetLog;
}

/**
 * The request headers Chromium's network stack actually sent to `host` in the whole run (HTTP/1,
 * HTTP/2 or QUIC): a request started and cancelled before it was sent is not among them.
 */
export function netLogHeadersSentTo(file: string, host: string): string[][] {
  const log = readNetLog(file);
  const sending = new Set(
    [
      'HTTP_TRANSACTION_SEND_REQUEST_HEADERS',
      'HTTP_TRANSACTION_HTTP2_SEND_REQUEST_HEADERS',
      'HTTP_TRANSACTION_QUIC_SEND_REQUEST_HEADERS',
    ].map((name) => log.constants.logEventTypes[name]),
  );
  const names = [`host: ${host}`, `:authority: ${host}`];
  return log.events.flatMap(({ type, params }) => {
    if (!sending.has(type) || !Array.isArray(params?.headers)) return [];
    const headers = params.headers.map(String);
    return headers.some((header) => names.some((name) => header.toLowerCase().startsWith(name)))
      ? [headers]
      : [];
  });
}
