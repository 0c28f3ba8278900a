import type { Bundle, Task } from 'fhir/r4';
import { afterEach, describe, expect, it } from 'vitest';
import { type FhirTestServer, startFhirServer } from '../fhir-server/server';

/**
 * The test FHIR server the team-queue tests rely on really does what a FHIR server does: these
 * are the four behaviours the sync engine is built on, checked over HTTP.
 */

let server: FhirTestServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

const task = (order: string, extra: Partial<Task> = {}): Task => ({
  resourceType: 'Task',
  identifier: [{ system: 'urn:test:order', value: order }],
  status: 'requested',
  intent: 'order',
  ...extra,
});

async function fhir(path: string, init: RequestInit & { headers?: Record<string, string> } = {}) {
  const response = await fetch(`${server?.baseUrl}/${path}`, {
    ...init,
    headers: { 'content-type': 'application/fhir+json', ...init.headers },
  });
  return { status: response.status, etag: response.headers.get('etag'), body: await response.json() };
}

describe('the FHIR test server (Medplum fhir-router, MemoryRepository)', { timeout: 30_000 }, () => {
  it('creates once on If-None-Exist: a retried create returns the first resource', async () => {
    server = await startFhirServer();
    const ifNoneExist = { 'if-none-exist': 'identifier=urn:test:order|A-1' };
    const first = await fhir('Task', {
      method: 'POST',
      body: JSON.stringify(task('A-1')),
      headers: ifNoneExist,
    });
    const retry = await fhir('Task', {
      method: 'POST',
      body: JSON.stringify(task('A-1')),
      headers: ifNoneExist,
    });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(200);
    expect(retry.body.id).toBe(first.body.id);
    const all = await fhir('Task?identifier=urn:test:order|A-1');
    expect(all.body.total).toBe(1);
  });

  it('refuses an update carrying a stale version with 412 and keeps the newer one', async () => {
    server = await startFhirServer();
    const created = await fhir('Task', { method: 'POST', body: JSON.stringify(task('B-1')) });
    expect(created.etag).toBe(`W/"${created.body.meta.versionId}"`);
    const first = await fhir(`Task/${created.body.id}`, {
      method: 'PUT',
      body: JSON.stringify({ ...created.body, status: 'in-progress' }),
      headers: { 'if-match': created.etag ?? '' },
    });
    expect(first.status).toBe(200);
    const stale = await fhir(`Task/${created.body.id}`, {
      method: 'PUT',
      body: JSON.stringify({ ...created.body, status: 'cancelled' }),
      headers: { 'if-match': created.etag ?? '' },
    });
    expect(stale.status).toBe(412);
    expect(stale.body.resourceType).toBe('OperationOutcome');
    const now = await fhir(`Task/${created.body.id}`);
    expect(now.body.status).toBe('in-progress');
  });

  it('pages a _lastUpdated search through next links, oldest change first', async () => {
    server = await startFhirServer();
    for (let n = 0; n < 5; n++) await fhir('Task', { method: 'POST', body: JSON.stringify(task(`C-${n}`)) });
    const since = new Date(Date.now() - 60_000).toISOString();
    let next: string | undefined = `Task?_lastUpdated=ge${since}&_sort=_lastUpdated&_count=2`;
    const orders: string[] = [];
    let pages = 0;
    while (next) {
      const page: { body: Bundle } = await fhir(next.replace(`${server.baseUrl}/`, ''));
      pages++;
      for (const entry of page.body.entry ?? [])
        orders.push((entry.resource as Task).identifier?.[0]?.value ?? '');
      next = page.body.link?.find((link) => link.relation === 'next')?.url;
    }
    expect(pages).toBe(3);
    expect(orders).toEqual(['C-0', 'C-1', 'C-2', 'C-3', 'C-4']);
    const future = new Date(Date.now() + 60_000).toISOString();
    const none = await fhir(`Task?_lastUpdated=gt${future}`);
    expect(none.body.entry).toBeUndefined();
  });

  it('keeps every version in _history, newest first, and survives a restart with its data', async () => {
    server = await startFhirServer();
    const created = await fhir('Task', { method: 'POST', body: JSON.stringify(task('D-1')) });
    const updated = await fhir(`Task/${created.body.id}`, {
      method: 'PUT',
      body: JSON.stringify({ ...created.body, status: 'ready' }),
    });
    await server.restart();
    for (let read = 0; read < 2; read++) {
      const history = await fhir(`Task/${created.body.id}/_history`);
      expect(history.body.type).toBe('history');
      expect(history.body.entry.map((entry: { resource: Task }) => entry.resource.meta?.versionId)).toEqual([
        updated.body.meta.versionId,
        created.body.meta.versionId,
      ]);
    }
  });

  it('answers /metadata with a CapabilityStatement naming what it supports', async () => {
    server = await startFhirServer({ lacks: ['conditional-create'] });
    const metadata = await fhir('metadata');
    const taskCapability = metadata.body.rest[0].resource.find((r: { type: string }) => r.type === 'Task');
    expect(taskCapability.conditionalCreate).toBe(false);
    expect(taskCapability.versioning).toBe('versioned-update');
  });
});
