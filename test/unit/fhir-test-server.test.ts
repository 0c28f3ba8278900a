import type { Bundle, Task } from 'fhir/r4';
import { afterEach, describe, expect, it } from 'vitest';
import { type FhirTestServer, indexedSearch, startFhirServer } from '../fhir-server/server';

/** The bench's index-backed answer to the pull's search is the router's answer, page for page. */

let server: FhirTestServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

const ids = (bundle: Bundle) => (bundle.entry ?? []).map((entry) => entry.resource?.id);

describe('test FHIR server: indexed Task search', { timeout: 30_000 }, () => {
  it('answers the pull as the router does: same Tasks, same order, same total', async () => {
    server = await startFhirServer();
    const made: Task[] = [];
    for (let n = 0; n < 30; n++) {
      const task = await server.repo.createResource({
        resourceType: 'Task',
        status: 'requested',
        intent: 'order',
        meta: { tag: [{ system: 'urn:handoff:team', code: n % 3 === 0 ? 'other-desk' : 'north-desk' }] },
      } as never);
      made.push(task as unknown as Task);
      if (n % 4 === 0) await new Promise((resolve) => setTimeout(resolve, 2));
    }
    // Some change later: they move to the end of the order.
    for (const task of made.slice(0, 5))
      await server.repo.updateResource({ ...task, status: 'ready' } as never);
    const middle = made[12]?.meta?.lastUpdated ?? '';
    for (const query of [
      '_tag=urn:handoff:team|north-desk&_sort=_lastUpdated&_count=7',
      '_tag=urn:handoff:team|north-desk&_sort=_lastUpdated&_count=7&_offset=7',
      `_tag=urn:handoff:team|north-desk&_lastUpdated=ge${encodeURIComponent(middle)}&_sort=_lastUpdated&_count=50`,
    ]) {
      const url = new URL(`${server.baseUrl}/Task?${query}`);
      const routed = (await (await fetch(url)).json()) as Bundle;
      const indexed = indexedSearch(server.repo, url);
      expect(indexed && ids(indexed)).toEqual(ids(routed));
      expect(indexed?.total).toBe(routed.total);
    }
    expect(indexedSearch(server.repo, new URL(`${server.baseUrl}/Task?identifier=x`))).toBeUndefined();
  });
});
