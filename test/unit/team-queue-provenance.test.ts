import type { Provenance, Task } from 'fhir/r4';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/schema';
import { type Coordinator, withAuthorIdentity } from '../../src/identity/coordinator';
import { changeStatus, escalate, logOutreach } from '../../src/referral/operations';
import { HISTORY_KINDS, type HistoryEntry, type Referral } from '../../src/referral/referral';
import { Capability, serverLacks } from '../../src/team-queue/capability';
import { sharedPartOf } from '../../src/team-queue/fhir-mapping';
import {
  entriesAdded,
  HISTORY_KIND_SYSTEM,
  PROVENANCE_TAG_SYSTEM,
  provenanceOf,
} from '../../src/team-queue/provenance';
import { capabilityStatement, type FhirTestServer, startFhirServer } from '../fhir-server/server';
import { fhirR4Errors } from '../fhir-validator';
import { draft } from './fixtures';
import { at, referral } from './metrics-referrals';
import { now, syncingQueue, TEAM } from './team-queue-world';

const DANA: Coordinator = { name: 'Dana Reyes', initials: 'DR', fhirUser: 'Practitioner/coordinator-dana' };
const LEE: Coordinator = {
  name: 'Lee Okoro',
  initials: 'LO',
  fhirUser: 'https://fhir.example.org/r4/PractitionerRole/lee-desk',
};

const entry = (kind: HistoryEntry['kind'], extra: Partial<HistoryEntry> = {}): HistoryEntry => ({
  at: at(4, 10),
  by: 'DR',
  kind,
  ...extra,
});

describe('Provenance mapping', () => {
  // Compiling HL7's JSON Schema and indexing the StructureDefinitions takes a while, once.
  beforeAll(() => void fhirR4Errors({ resourceType: 'Bundle', type: 'collection' }), 90_000);

  it('is valid FHIR R4 for every kind of history entry, its target the Task version written', () => {
    const kinds = HISTORY_KINDS;
    const made = provenanceOf(
      kinds.map((kind) => entry(kind, { byFhirUser: DANA.fhirUser })),
      { taskId: 'task-1', versionId: '7' },
      TEAM,
      at(4, 11),
    );
    expect(made).toHaveLength(kinds.length);
    for (const [index, resource] of made.entries()) {
      expect(fhirR4Errors(resource)).toEqual([]);
      expect(resource.target).toEqual([{ reference: 'Task/task-1/_history/7', type: 'Task' }]);
      expect(resource.activity?.coding?.[0]).toMatchObject({
        system: HISTORY_KIND_SYSTEM,
        code: kinds[index],
      });
      expect(resource.occurredDateTime).toBe(new Date(at(4, 10)).toISOString());
      expect(resource.recorded).toBe(new Date(at(4, 11)).toISOString());
      // The team's tag, as every resource of the queue has, and one naming this Provenance alone.
      expect(resource.meta?.tag).toEqual([
        TEAM,
        { system: PROVENANCE_TAG_SYSTEM, code: `task-1.7.${index}` },
      ]);
    }
  });

  it('names the author by their fhirUser when it is a Practitioner or PractitionerRole, else by initials only', () => {
    const who = (fhirUser: string | undefined, by = 'DR') =>
      provenanceOf(
        [entry('status', { by, byFhirUser: fhirUser, from: 'new', to: 'sent' })],
        {
          taskId: 't',
          versionId: '2',
        },
        TEAM,
        at(4, 11),
      )[0]?.agent[0]?.who;
    expect(who(DANA.fhirUser)).toEqual({ reference: 'Practitioner/coordinator-dana', display: 'DR' });
    expect(who(LEE.fhirUser, 'LO')).toEqual({ reference: LEE.fhirUser, display: 'LO' });
    // Not a person the server can take as an author: the initials stand alone.
    for (const odd of ['Patient/p-1', 'javascript:alert(1)', 'Practitioner/../../x', ' Practitioner/a'])
      expect(who(odd)).toEqual({ display: 'DR' });
    expect(who(undefined, '')).toEqual({ display: 'Coordinator not named' });
    const [changed] = provenanceOf(
      [entry('status', { from: 'new', to: 'sent' })],
      { taskId: 't', versionId: '2' },
      TEAM,
      0,
    );
    expect(changed?.activity?.text).toBe('Status changed: new → sent');
    const handOffs = provenanceOf(
      [entry('hand-off', { owner: 'Lee Okoro' }), entry('hand-off')],
      { taskId: 't', versionId: '3' },
      TEAM,
      0,
    );
    expect(handOffs.map((p) => p.activity?.text)).toEqual([
      'Handed off: to Lee Okoro',
      'Handed off: to the team',
    ]);
  });

  it("takes only the history entries the server's last copy lacks: what this write changes", () => {
    const base = referral('R-1', { history: [{ at: at(2, 9), by: 'JD', kind: 'created', to: 'new' }] });
    const sent = changeStatus({ to: 'ready-to-send', at: at(3, 9), by: 'DR' }, DEFAULT_CONFIG)(base);
    expect(entriesAdded(sharedPartOf(base), sharedPartOf(sent))).toEqual([
      { at: at(3, 9), by: 'DR', kind: 'status', from: 'new', to: 'ready-to-send' },
    ]);
    // The first write of a referral: every entry it has.
    expect(entriesAdded(undefined, sharedPartOf(sent))).toHaveLength(2);
  });
});

describe('what the server must support', () => {
  it('a server that cannot create a Provenance conditionally is named as lacking conditional create', () => {
    const statement = (provenance: boolean) => ({
      ...capabilityStatement(),
      rest: capabilityStatement().rest?.map((rest) => ({
        ...rest,
        resource: rest.resource?.map((resource) =>
          resource.type === 'Provenance' ? { ...resource, conditionalCreate: provenance } : resource,
        ),
      })),
    });
    expect(serverLacks(Capability.parse(statement(true)))).toEqual([]);
    expect(serverLacks(Capability.parse(statement(false)))).toEqual(['conditional-create']);
  });
});

let server: FhirTestServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

const coordinatorAt = (baseUrl: string) => syncingQueue(baseUrl, { pageSize: 10, batchSize: 10 });

/** A change as the background makes it: its history entries carry who made it. */
const by =
  (who: Coordinator, change: (referral: Referral) => Referral) =>
  (referral: Referral): Referral =>
    withAuthorIdentity(change(referral), referral.history.length, who);

async function onServer<T>(type: string): Promise<T[]> {
  const response = await fetch(`${server?.baseUrl}/${type}?_count=1000`);
  const bundle = (await response.json()) as { entry?: { resource: T }[] };
  return (bundle.entry ?? []).map((item) => item.resource);
}

describe('Provenance on the team server (a real FHIR server)', { timeout: 30_000 }, () => {
  it('one per change, authored by who made it (even after they signed out), targeting the Task version that carries it', async () => {
    server = await startFhirServer();
    const a = await coordinatorAt(server.baseUrl);
    const { referral: tracked } = await a.queue.track(draft(), DEFAULT_CONFIG, 'DR', false, (r) =>
      withAuthorIdentity(r, 0, DANA),
    );
    await a.sync.sync();
    const attempt = {
      id: crypto.randomUUID(),
      at: now(),
      by: 'DR',
      byFhirUser: DANA.fhirUser,
      party: 'patient' as const,
      channel: 'phone' as const,
      outcome: 'no-answer' as const,
      barriers: [],
    };
    await a.queue.update(
      tracked.id,
      undefined,
      by(DANA, logOutreach(attempt, DEFAULT_CONFIG)),
      DEFAULT_CONFIG,
    );
    // Dana signs out; Lee signs in at the same computer and escalates before the next sync.
    const contact = { name: 'Nurse line', reach: 'ext. 4400', responseTime: 'same day' };
    await a.queue.update(
      tracked.id,
      undefined,
      by(
        LEE,
        escalate({ at: now(), by: 'LO', trigger: 'clinical-question', redFlag: false, matched: [], contact }),
      ),
      DEFAULT_CONFIG,
    );
    await a.sync.sync();
    expect(a.statuses.at(-1)).toMatchObject({ waiting: 0, errors: [] });

    const [task] = await onServer<Task>('Task');
    const provenance = (await onServer<Provenance>('Provenance')).sort((x, y) =>
      String(x.occurredDateTime).localeCompare(String(y.occurredDateTime)),
    );
    expect(
      provenance.map((p) => [
        p.activity?.coding?.[0]?.code,
        p.agent[0]?.who.reference,
        p.agent[0]?.who.display,
      ]),
    ).toEqual([
      ['created', DANA.fhirUser, 'DR'],
      ['outreach', DANA.fhirUser, 'DR'],
      ['escalation', LEE.fhirUser, 'LO'],
    ]);
    // The creation on the Task's first version; both later changes on the version the second push wrote.
    const versions = await fetch(`${server.baseUrl}/Task/${task?.id}/_history`);
    const history = ((await versions.json()) as { entry: { resource: Task }[] }).entry;
    const first = history.at(-1)?.resource.meta?.versionId;
    expect(history).toHaveLength(2);
    expect(provenance.map((p) => p.target[0]?.reference)).toEqual([
      `Task/${task?.id}/_history/${first}`,
      `Task/${task?.id}/_history/${task?.meta?.versionId}`,
      `Task/${task?.id}/_history/${task?.meta?.versionId}`,
    ]);
    for (const resource of provenance) {
      expect(resource.meta?.tag).toContainEqual(TEAM);
      // The version named is one the server kept.
      const version = await fetch(`${server.baseUrl}/${resource.target[0]?.reference}`);
      expect(version.status).toBe(200);
    }
  });

  it('refused the first time: the change waits and its Provenance is created once on the retry, even if the refused try had arrived', async () => {
    let refuseProvenance = true;
    let posts = 0;
    server = await startFhirServer({
      // The third batch of the push: ServiceRequests, Tasks, then (no outreach attempts) the Provenance.
      fault: (method) => {
        if (method !== 'POST') return undefined;
        posts += 1;
        return refuseProvenance && posts === 3 ? { kind: 'status', status: 503 } : undefined;
      },
    });
    const a = await coordinatorAt(server.baseUrl);
    await a.queue.track(draft(), DEFAULT_CONFIG, 'DR', false, (r) => withAuthorIdentity(r, 0, DANA));
    await a.sync.sync();
    expect(a.statuses.at(-1)?.errors[0]?.kind).toBeDefined();
    expect(a.statuses.at(-1)?.waiting).toBe(1);
    expect(await onServer<Task>('Task')).toHaveLength(1);
    expect(await onServer<Provenance>('Provenance')).toHaveLength(0);

    // As if the refused try had reached the server after all (its answer lost on the way back).
    const [link] = await a.db.getAll('teamLinks');
    const [kept] = link?.unrecorded ?? [];
    const [task] = await onServer<Task>('Task');
    expect(kept?.target[0]?.reference).toBe(`Task/${task?.id}/_history/${task?.meta?.versionId}`);
    const arrived = await fetch(`${server.baseUrl}/Provenance`, {
      method: 'POST',
      headers: { 'content-type': 'application/fhir+json' },
      body: JSON.stringify(kept),
    });
    expect(arrived.status).toBe(201);

    refuseProvenance = false;
    await a.sync.sync(true);
    expect(a.statuses.at(-1)).toMatchObject({ waiting: 0, errors: [] });
    const provenance = await onServer<Provenance>('Provenance');
    expect(provenance).toHaveLength(1);
    expect(provenance[0]?.agent[0]?.who.reference).toBe(DANA.fhirUser);
    expect((await a.db.getAll('teamLinks'))[0]?.unrecorded).toBeUndefined();
  });

  it.each([
    ['the next push', false],
    ['a look-up of the referral before the next push', true],
  ])(
    'a Task write that reached the server, its answer lost, found by %s: its change still gets its Provenance, once',
    async (_name, lookUpFirst) => {
      server = await startFhirServer();
      let loseNextAnswer = false;
      const a = await syncingQueue(server.baseUrl, {
        // The request arrives and is carried out; the answer never comes back.
        fetch: async (...args) => {
          const answer = await fetch(...args);
          if (loseNextAnswer && args[1]?.method === 'POST') {
            loseNextAnswer = false;
            throw new TypeError('network connection lost');
          }
          return answer;
        },
      });
      const { referral } = await a.queue.track(draft(), DEFAULT_CONFIG, 'DR', false, (r) =>
        withAuthorIdentity(r, 0, DANA),
      );
      await a.sync.sync();
      await a.queue.update(
        referral.id,
        undefined,
        by(DANA, changeStatus({ to: 'ready-to-send', at: now(), by: 'DR' }, DEFAULT_CONFIG)),
        DEFAULT_CONFIG,
      );
      loseNextAnswer = true; // the Task batch (the ServiceRequest is there already)
      await a.sync.sync();
      expect(a.statuses.at(-1)?.errors[0]?.kind).toBe('unreachable');
      // A screen of the referral opened: the server's copy is read in, with the change already there.
      if (lookUpFirst) expect(await a.sync.lookUp(referral.dedupeKey)).toBe(true);
      // The retry's If-Match names the version before: refused (412), the server's copy read, and
      // the change found there already.
      await a.sync.sync(true);
      expect(a.statuses.at(-1)).toMatchObject({ waiting: 0, errors: [] });
      const [task] = await onServer<Task>('Task');
      const provenance = await onServer<Provenance>('Provenance');
      expect(provenance.map((p) => p.activity?.coding?.[0]?.code).sort()).toEqual(['created', 'status']);
      const status = provenance.find((p) => p.activity?.coding?.[0]?.code === 'status');
      // Its target: a version of this Task that carries the change.
      expect(status?.target[0]?.reference).toMatch(new RegExp(`^Task/${task?.id}/_history/`));
      const carried = await fetch(`${server.baseUrl}/${status?.target[0]?.reference}`);
      expect(((await carried.json()) as Task).businessStatus?.coding?.[0]?.code).toBe('ready-to-send');
      expect(status?.agent[0]?.who.reference).toBe(DANA.fhirUser);
      // The copy read back merges into the same two entries, none twice.
      expect((await a.queue.get(referral.id))?.history.map((entry) => entry.kind)).toEqual([
        'created',
        'status',
      ]);
    },
  );

  it('a refused Communications batch: the outreach attempt waits, then arrives once with its Provenance', async () => {
    let refuse = true;
    let posts = 0;
    server = await startFhirServer({
      // The third batch of the push: ServiceRequests, Tasks, then the Communications.
      fault: (method) => {
        if (method === 'POST') posts += 1;
        return refuse && method === 'POST' && posts === 3 ? { kind: 'status', status: 503 } : undefined;
      },
    });
    const a = await coordinatorAt(server.baseUrl);
    const { referral: tracked } = await a.queue.track(draft(), DEFAULT_CONFIG, 'DR');
    const attempt = {
      ...{ id: crypto.randomUUID(), at: now(), by: 'DR', byFhirUser: DANA.fhirUser, barriers: [] },
      ...({ party: 'patient', channel: 'phone', outcome: 'reached' } as const),
    };
    await a.queue.update(tracked.id, 1, by(DANA, logOutreach(attempt, DEFAULT_CONFIG)), DEFAULT_CONFIG);
    await a.sync.sync();
    expect(a.statuses.at(-1)).toMatchObject({ waiting: 2, errors: [{ kind: 'server-error' }] });
    refuse = false;
    await a.sync.sync(true);
    expect(a.statuses.at(-1)).toMatchObject({ waiting: 0, errors: [] });
    expect(await onServer('Communication')).toHaveLength(1);
    const provenance = await onServer<Provenance>('Provenance');
    expect(provenance.map((p) => p.activity?.coding?.[0]?.code).sort()).toEqual(['created', 'outreach']);
  });
});
