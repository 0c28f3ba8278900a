import { z } from '../zod';

/**
 * The team queue's only way to the network: HTTP to the configured FHIR base URL and nowhere
 * else (a `next` link pointing at another origin is refused). Every answer is untrusted: bounded
 * in time and size, parsed as JSON, and checked by the caller's zod schema before use.
 */

export type SyncErrorKind = 'sign-in' | 'unreachable' | 'server-error' | 'refused' | 'malformed' | 'lacks';

export class SyncError extends Error {
  override readonly name = 'SyncError';
  constructor(
    readonly kind: SyncErrorKind,
    /** The server's own words (OperationOutcome text) or ours; plain text, bounded. */
    readonly detail: string,
    readonly status?: number,
  ) {
    super(`${kind}: ${detail}`);
  }
}

export const MAX_RESPONSE_BYTES = 20 * 1024 * 1024;
export const REQUEST_TIMEOUT_MS = 20_000;
/** A batch does up to a hundred requests' work (conditional creates search first): more time. */
export const BATCH_TIMEOUT_MS = 60_000;
const MAX_DETAIL = 300;

export interface FhirClientOptions {
  baseUrl: string;
  fetch: typeof fetch;
  /** The sign-in's bearer token, when there is one; the request goes without otherwise. */
  accessToken: () => Promise<string | undefined>;
  timeoutMs?: number;
  /** Entries per batch request; MAX_BATCH_ENTRIES unless a test asks for fewer. */
  batchEntries?: number;
}

export interface FhirAnswer<T> {
  status: number;
  body: T;
}

/** One entry of a batch: a request as the FHIR `Bundle.entry.request` spells it. */
export interface BatchRequest {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  resource?: unknown;
  ifMatch?: string;
  ifNoneExist?: string;
}

/** One entry's answer: its status, the resource when the server sent it, its refusal text otherwise. */
export interface BatchAnswer {
  status: number;
  resource: unknown;
  /** The entry's OperationOutcome text, bounded; for a failed entry. */
  detail?: string;
}

/** Entries per batch request, and the size a batch stays under (servers cap request bodies). */
export const MAX_BATCH_ENTRIES = 100;
export const MAX_BATCH_BYTES = 2 * 1024 * 1024;

const BatchResponse = z.object({
  resourceType: z.literal('Bundle'),
  type: z.literal('batch-response'),
  entry: z
    .array(
      z.object({
        resource: z.unknown().optional(),
        response: z.object({ status: z.string().max(100), outcome: z.unknown().optional() }),
      }),
    )
    .max(MAX_BATCH_ENTRIES),
});

/** The failure kind of a status, as for a whole request. */
export function errorOfStatus(status: number, detail: string | undefined): SyncError {
  if (status === 401 || status === 403)
    return new SyncError('sign-in', detail ?? 'the server asks for sign-in', status);
  if (status >= 500) return new SyncError('server-error', detail ?? `server error ${status}`, status);
  return new SyncError('refused', detail ?? `refused with ${status}`, status);
}

const OperationOutcome = z.object({
  resourceType: z.literal('OperationOutcome'),
  issue: z
    .array(
      z.object({
        diagnostics: z.string().optional(),
        details: z.object({ text: z.string().optional() }).optional(),
      }),
    )
    .max(100),
});

/** What a server said in its OperationOutcome, as plain bounded text. */
export function outcomeText(body: unknown): string | undefined {
  const outcome = OperationOutcome.safeParse(body);
  if (!outcome.success) return undefined;
  const text = outcome.data.issue
    .map((issue) => issue.details?.text ?? issue.diagnostics ?? '')
    .filter(Boolean)
    .join('; ');
  return text ? bounded(text) : undefined;
}

const bounded = (text: string) =>
  // Control characters out, length capped: this text is shown to coordinators and admins.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  text.replace(/[\u0000-\u001f\u007f]+/g, ' ').slice(0, MAX_DETAIL);

async function readBounded(response: Response): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > MAX_RESPONSE_BYTES)
    throw new SyncError('malformed', `answer larger than ${MAX_RESPONSE_BYTES} bytes`);
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_RESPONSE_BYTES) {
      await reader.cancel();
      throw new SyncError('malformed', `answer larger than ${MAX_RESPONSE_BYTES} bytes`);
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(all);
}

export class FhirClient {
  readonly origin: string;
  constructor(private readonly options: FhirClientOptions) {
    this.origin = new URL(options.baseUrl).origin;
  }

  /** A path under the base URL, or an absolute URL the server gave (a `next` link) on its origin. */
  urlOf(pathOrUrl: string): string {
    if (!/^https?:/i.test(pathOrUrl)) return `${this.options.baseUrl}/${pathOrUrl}`;
    const url = new URL(pathOrUrl);
    if (url.origin !== this.origin) throw new SyncError('malformed', 'a link to another server');
    return url.toString();
  }

  /**
   * Sends one request. Statuses in `accept` come back as answers (412 for a stale version);
   * every other failure is a SyncError of its kind.
   */
  async request<T>(
    method: 'GET' | 'POST' | 'PUT',
    pathOrUrl: string,
    schema: z.ZodType<T>,
    init: { body?: unknown; headers?: Record<string, string>; accept?: number[]; timeoutMs?: number } = {},
  ): Promise<FhirAnswer<T | undefined>> {
    const token = await this.options.accessToken();
    const headers: Record<string, string> = {
      accept: 'application/fhir+json',
      ...(init.body === undefined ? {} : { 'content-type': 'application/fhir+json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...init.headers,
    };
    let response: Response;
    try {
      response = await this.options.fetch(this.urlOf(pathOrUrl), {
        method,
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        signal: AbortSignal.timeout(init.timeoutMs ?? this.options.timeoutMs ?? REQUEST_TIMEOUT_MS),
        // The FHIR server is not a web page: no cookies of the browser's sessions, no redirects off it.
        credentials: 'omit',
        redirect: 'error',
        cache: 'no-store',
      });
    } catch (error) {
      if (error instanceof SyncError) throw error;
      const timedOut = (error as { name?: string } | null)?.name === 'TimeoutError';
      throw new SyncError('unreachable', timedOut ? 'no answer in time' : 'could not reach the server');
    }
    let text: string;
    try {
      text = await readBounded(response);
    } catch (error) {
      if (error instanceof SyncError) throw error;
      throw new SyncError('unreachable', 'the answer was cut off');
    }
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
      if (response.ok) throw new SyncError('malformed', 'the answer is not JSON', response.status);
    }
    if (init.accept?.includes(response.status)) return { status: response.status, body: undefined };
    if (!response.ok) throw errorOfStatus(response.status, outcomeText(json));
    const parsed = schema.safeParse(json);
    if (!parsed.success)
      throw new SyncError('malformed', 'the answer does not fit what was asked', response.status);
    return { status: response.status, body: parsed.data };
  }

  /**
   * Sends requests as FHIR `batch` Bundles (a hundred entries or 2 MB at most each, in order),
   * and answers entry by entry: one entry's refusal or stale version does not fail the others.
   * Entries are independent, as a batch requires: none refers to another.
   */
  async batch(requests: readonly BatchRequest[]): Promise<BatchAnswer[]> {
    const answers: BatchAnswer[] = [];
    let chunk: object[] = [];
    let bytes = 0;
    const send = async () => {
      if (chunk.length === 0) return;
      const sent = chunk.length;
      const { body } = await this.request('POST', '', BatchResponse, {
        body: { resourceType: 'Bundle', type: 'batch', entry: chunk },
        headers: { prefer: 'return=representation' },
        timeoutMs: Math.max(BATCH_TIMEOUT_MS, this.options.timeoutMs ?? 0),
      });
      const entries = body?.entry ?? [];
      if (entries.length !== sent)
        throw new SyncError('malformed', 'the batch answer does not match what was sent');
      for (const entry of entries) {
        const status = Number.parseInt(entry.response.status, 10);
        if (!Number.isInteger(status)) throw new SyncError('malformed', 'a batch entry without a status');
        answers.push({
          status,
          resource: entry.resource,
          ...(status >= 300 && { detail: outcomeText(entry.response.outcome ?? entry.resource) }),
        });
      }
      chunk = [];
      bytes = 0;
    };
    for (const request of requests) {
      const entry = {
        ...(request.resource === undefined ? {} : { resource: request.resource }),
        request: {
          method: request.method,
          url: request.url,
          ...(request.ifMatch && { ifMatch: request.ifMatch }),
          ...(request.ifNoneExist && { ifNoneExist: request.ifNoneExist }),
        },
      };
      const size = JSON.stringify(entry).length;
      const full =
        chunk.length >= Math.min(this.options.batchEntries ?? MAX_BATCH_ENTRIES, MAX_BATCH_ENTRIES);
      if (full || (chunk.length > 0 && bytes + size > MAX_BATCH_BYTES)) await send();
      chunk.push(entry);
      bytes += size;
    }
    await send();
    return answers;
  }
}
