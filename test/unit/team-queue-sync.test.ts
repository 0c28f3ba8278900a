import type { Communication, ServiceRequest, Task } from 'fhir/r4';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/schema';
import type { TeamQueueTarget } from '../../src/config/team-queue';
import { openHandoffDatabase } from '../../src/queue/database';
import { ReferralQueue } from '../../src/queue/referral-queue';
import { callBackAt, changeStatus, logOutreach } from '../../src/referral/operations';
import { handOff } from '../../src/referral/ownership';
import type { OutreachAttempt, Referral } from '../../src/referral/referral';
import { dedupeKeyOf } from '../../src/referral/referral';
import { TeamQueueSync } from '../../src/team-queue/sync-engine';
import { teamSyncKey } from '../../src/team-queue/sync-records';
import type { SyncStatus } from '../../src/team-queue/sync-status';
import { type Fault, type FhirTestServer, startFhirServer } from '../fhir-server/server';
import { draft, freshDatabaseName } from './fixtures';

/**
 * The sync engine against a real FHIR server (Medplum's router, see test/fhir-server): two
 * coordinators are two queue databases sharing one server.
 */

let server: FhirTestServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

const TEAM = { system: 'urn:handoff:team', code: 'north-desk' };
let clock = Date.UTC(2026, 10, 3, 9);
const now = () => (clock += 1000);

interface Coordinator {
  queue: ReferralQueue;
  sync: TeamQueueSync;
  statuses: SyncStatus[];
  changes: number;
  /** Referrals each pull reported with a new owner. */
  reassigned: Referral[];
}

async function coordinator(
  options: { accessToken?: () => Promise<string | undefined>; target?: Partial<TeamQueueTarget> } = {},
): Promise<Coordinator> {
  if (!server) throw new Error('start the server first');
  const db = await openHandoffDatabase(freshDatabaseName());
  const statuses: SyncStatus[] = [];
  const me: Coordinator = {
    queue: new ReferralQueue(
      db,
      now,
      () => crypto.randomUUID(),
      () => true,
    ),
    statuses,
    changes: 0,
    reassigned: [],
    sync: new TeamQueueSync({
      db,
      target: { fhirBaseUrl: server.baseUrl, team: TEAM, pollSeconds: 60, ...options.target },
      config: () => DEFAULT_CONFIG,
      fetch: (...args) => fetch(...args),
      accessToken: options.accessToken ?? (async () => undefined),
      now,
      newId: () => crypto.randomUUID(),
      publish: async (status) => void statuses.push(status),
      changed: async (reassigned) => {
        me.changes += 1;
        me.reassigned.push(...reassigned);
      },
      pageSize: 10,
      // The test server's conditional create searches its whole store: small batches stay quick.
      batchSize: 10,
    }),
  };
  return me;
}

const last = (c: Coordinator) => c.statuses.at(-1);
const attempt = (outcome: OutreachAttempt['outcome'], note?: string, by = 'AB'): OutreachAttempt => ({
  id: crypto.randomUUID(),
  at: now(),
  by,
  party: 'patient',
  channel: 'phone',
  outcome,
  barriers: [],
  ...(note && { note }),
});

async function onServer<T>(type: string, query = ''): Promise<T[]> {
  const response = await fetch(`${server?.baseUrl}/${type}?_count=1000${query}`);
  const bundle = (await response.json()) as { entry?: { resource: T }[] };
  return (bundle.entry ?? []).map((entry) => entry.resource);
}

// Each test makes dozens of HTTP round trips; a loaded machine (the full suite) needs more than 5 s.
describe('team queue sync with a real FHIR server', { timeout: 30_000 }, () => {
  it('A tracks a referral and B sees it after one pull: one ServiceRequest, one Task', async () => {
    server = await startFhirServer();
    const a = await coordinator();
    const b = await coordinator();
    const { referral } = await a.queue.track(draft(), DEFAULT_CONFIG, 'AB');
    await a.sync.sync();
    expect(last(a)).toMatchObject({ waiting: 0, errors: [], lacks: [] });
    await b.sync.sync();
    const seen = await b.queue.findForPage(draft());
    expect(seen.match).toBe('tracked');
    if (seen.match !== 'tracked') return;
    expect(seen.referral).toMatchObject({
      status: 'new',
      patient: referral.patient,
      history: referral.history,
    });
    expect(b.changes).toBe(1);
    expect(await onServer<Task>('Task')).toHaveLength(1);
    expect(await onServer<ServiceRequest>('ServiceRequest')).toHaveLength(1);
  });

  it('a hand-off reaches the colleague as a new owner, and the owners seen become the colleagues to hand to', async () => {
    server = await startFhirServer();
    const a = await coordinator();
    const b = await coordinator();
    const alex = { name: 'Alex Kim', initials: 'AK' };
    const blake = { name: 'Blake Morgan', initials: 'BM' };
    const { referral } = await a.queue.track(draft(), DEFAULT_CONFIG, 'AK', false, (tracked) => ({
      ...tracked,
      owner: alex,
    }));
    await a.sync.sync();
    await b.sync.sync();
    // B sees A's referral as A's: not a reassignment (it was A's from the start, before B saw it)…
    expect(b.reassigned.map((item) => item.owner)).toEqual([alex]);
    const cursor = await b.queue.database.get(
      'teamSync',
      teamSyncKey({ fhirBaseUrl: server.baseUrl, team: TEAM }),
    );
    expect(cursor?.colleagues).toEqual([alex]);
    // …and A hands it to B with a note: B's next pull reports it, the note in its history.
    await a.queue.update(
      referral.id,
      undefined,
      handOff(blake, now(), 'AK', 'Call after 3 pm'),
      DEFAULT_CONFIG,
    );
    await a.sync.sync();
    b.reassigned.length = 0;
    await b.sync.sync();
    expect(b.reassigned).toHaveLength(1);
    expect(b.reassigned[0]?.owner).toEqual(blake);
    expect(b.reassigned[0]?.history.at(-1)).toMatchObject({
      kind: 'hand-off',
      by: 'AK',
      note: 'Call after 3 pm',
    });
    const [task] = await onServer<Task>('Task');
    expect(task?.owner).toEqual({ display: 'Blake Morgan' });
    // A pull with nothing new reports nobody again.
    b.reassigned.length = 0;
    await b.sync.sync();
    expect(b.reassigned).toEqual([]);
  });

  it('a screen a colleague tracks is looked up at once by its key, once a minute at most, and a server away costs nothing', async () => {
    server = await startFhirServer();
    const a = await coordinator();
    const b = await coordinator();
    await a.queue.track(draft(), DEFAULT_CONFIG, 'AK', false, (tracked) => ({
      ...tracked,
      owner: { name: 'Alex Kim', initials: 'AK' },
    }));
    await a.sync.sync();
    // B has never pulled: one search by the referral's key brings A's referral in.
    const before = server.requests.length;
    expect(await b.sync.lookUp(dedupeKeyOf(draft()))).toBe(true);
    expect(server.requests.length - before).toBe(1);
    const seen = await b.queue.findForPage(draft());
    expect(seen.match === 'tracked' && seen.referral.owner).toEqual({ name: 'Alex Kim', initials: 'AK' });
    expect(await b.sync.lookUp(dedupeKeyOf(draft()))).toBe(false);
    expect(server.requests.length - before).toBe(1);
    // A referral nobody tracks: nothing brought in. The server away: false, never thrown.
    const other = draft({ orderNumber: 'ORD-OTHER' });
    expect(await b.sync.lookUp(dedupeKeyOf(other))).toBe(false);
    await server.stop();
    server = undefined;
    expect(await b.sync.lookUp(dedupeKeyOf(draft({ orderNumber: 'ORD-THIRD' })))).toBe(false);
  });

  it('a referral that arrives already overdue is not announced as news; one due later is, when it falls due', async () => {
    server = await startFhirServer();
    const a = await coordinator();
    const b = await coordinator();
    const late = await a.queue.track(draft({ orderNumber: 'ORD-LATE' }), DEFAULT_CONFIG, 'AK');
    await a.queue.update(
      late.referral.id,
      undefined,
      callBackAt(clock - 3_600_000, now(), 'AK'),
      DEFAULT_CONFIG,
    );
    await a.queue.track(draft({ orderNumber: 'ORD-LATER' }), DEFAULT_CONFIG, 'AK');
    await a.sync.sync();
    await b.sync.sync();
    const [lateInB, laterInB] = await Promise.all(
      ['ORD-LATE', 'ORD-LATER'].map(async (order) => {
        const found = await b.queue.findForPage(draft({ orderNumber: order }));
        if (found.match !== 'tracked') throw new Error(`${order} not in B`);
        return found.referral;
      }),
    );
    expect(lateInB?.nextFollowUpAt).toBeLessThan(clock);
    expect(lateInB?.unannouncedAt).toBeUndefined();
    expect(laterInB?.unannouncedAt).toBe(laterInB?.nextFollowUpAt);
    expect(await b.queue.unannouncedOverdue(clock)).toEqual([]);
  });

  it('the same EHR order tracked by two coordinators is one referral on the server, with both histories', async () => {
    server = await startFhirServer();
    const a = await coordinator();
    const b = await coordinator();
    await a.queue.track(draft(), DEFAULT_CONFIG, 'AB');
    const mine = await b.queue.track(draft(), DEFAULT_CONFIG, 'CD');
    await b.queue.update(
      mine.referral.id,
      1,
      logOutreach(attempt('left-voicemail', undefined, 'CD'), DEFAULT_CONFIG),
      DEFAULT_CONFIG,
    );
    await a.sync.sync();
    await b.sync.sync();
    await a.sync.sync();
    expect(await onServer<Task>('Task')).toHaveLength(1);
    expect(await onServer<ServiceRequest>('ServiceRequest')).toHaveLength(1);
    const [inA, inB] = await Promise.all([a.queue.findForPage(draft()), b.queue.findForPage(draft())]);
    if (inA.match !== 'tracked' || inB.match !== 'tracked') throw new Error('not tracked');
    expect(inA.referral.outreach).toHaveLength(1);
    expect(inA.referral.history.map((entry) => entry.by).sort()).toEqual(['AB', 'CD', 'CD']);
    expect(inB.referral.outreach).toEqual(inA.referral.outreach);
  });

  it('merges edits to different fields made at once (412 re-read), and keeps a real conflict with both values', async () => {
    server = await startFhirServer();
    const a = await coordinator();
    const b = await coordinator();
    const { referral } = await a.queue.track(draft(), DEFAULT_CONFIG, 'AB');
    await a.sync.sync();
    await b.sync.sync();
    const found = await b.queue.findForPage(draft());
    if (found.match !== 'tracked') throw new Error('not tracked');
    // A moves the referral on; B, not having seen it, logs a call: different fields.
    await a.queue.update(
      referral.id,
      undefined,
      changeStatus({ to: 'ready-to-send', at: now(), by: 'AB' }, DEFAULT_CONFIG),
      DEFAULT_CONFIG,
    );
    await b.queue.update(
      found.referral.id,
      undefined,
      logOutreach(attempt('reached'), DEFAULT_CONFIG),
      DEFAULT_CONFIG,
    );
    await a.sync.sync();
    await b.sync.sync();
    await a.sync.sync();
    for (const who of [a, b]) {
      const now = await who.queue.findForPage(draft());
      if (now.match !== 'tracked') throw new Error('not tracked');
      expect(now.referral.status).toBe('ready-to-send');
      expect(now.referral.outreach).toHaveLength(1);
      expect(last(who)?.waiting).toBe(0);
    }
    expect(last(b)?.conflicts).toBe(0);

    // Now both change the state, to different ones: a real conflict.
    await a.queue.update(
      referral.id,
      undefined,
      changeStatus({ to: 'sent', at: now(), by: 'AB' }, DEFAULT_CONFIG),
      DEFAULT_CONFIG,
    );
    await b.queue.update(
      found.referral.id,
      undefined,
      changeStatus(
        { to: 'waiting-on-info', reason: 'missing-insurance', at: now(), by: 'CD' },
        DEFAULT_CONFIG,
      ),
      DEFAULT_CONFIG,
    );
    await a.sync.sync();
    const toldBefore = b.changes;
    await b.sync.sync();
    expect(last(b)?.conflicts).toBe(1);
    // The merge came from B's own push (a 412), the pull brought nothing new: the views are told.
    expect(b.changes).toBe(toldBefore + 1);
    const link = await b.queue.database.get('teamLinks', found.referral.id);
    expect(link?.conflicts).toEqual([
      {
        field: 'status',
        mine: { status: 'waiting-on-info', statusReason: 'missing-insurance' },
        theirs: { status: 'sent' },
        at: expect.any(Number),
      },
    ]);
    const inB = await b.queue.get(found.referral.id);
    expect(inB?.status).toBe('sent');
    // Both transitions stay in the history: nothing is lost.
    expect(inB?.history.filter((entry) => entry.kind === 'status').map((entry) => entry.to)).toEqual([
      'ready-to-send',
      'sent',
      'waiting-on-info',
    ]);
  });

  it('server stopped in the middle of a burst: status says offline with changes waiting, then every change arrives once', async () => {
    let served = 0;
    let stopAfter = Number.POSITIVE_INFINITY;
    server = await startFhirServer({
      fault: () => {
        served += 1;
        if (served === stopAfter) void server?.stop();
        return served >= stopAfter ? ({ kind: 'hang' } satisfies Fault) : undefined;
      },
    });
    const a = await coordinator();
    const ids: string[] = [];
    for (let n = 0; n < 5; n++) {
      const { referral } = await a.queue.track(draft({ orderNumber: `ORD-${n}` }), DEFAULT_CONFIG, 'AB');
      ids.push(referral.id);
    }
    const attempts: string[] = [];
    for (const id of ids)
      for (let n = 0; n < 3; n++) {
        const one = attempt('no-answer', `try ${n}`);
        attempts.push(one.id);
        await a.queue.update(id, undefined, logOutreach(one, DEFAULT_CONFIG), DEFAULT_CONFIG);
      }
    stopAfter = served + 3; // metadata, the ServiceRequests, then the Tasks cut off
    await a.sync.sync();
    expect(last(a)?.errors[0]?.kind).toBe('unreachable');
    expect(last(a)?.waiting).toBeGreaterThan(0);
    expect(last(a)?.nextTryAt).toBeGreaterThan(clock);
    stopAfter = Number.POSITIVE_INFINITY;
    await server.restart();
    await a.sync.sync(true);
    expect(last(a)).toMatchObject({ waiting: 0, errors: [] });
    const tasks = await onServer<Task>('Task');
    expect(tasks).toHaveLength(5);
    const communications = await onServer<Communication>('Communication');
    expect(communications.map((c) => c.identifier?.[0]?.value).sort()).toEqual([...attempts].sort());
    expect(await onServer<ServiceRequest>('ServiceRequest')).toHaveLength(5);
  });

  it('pages through more referrals than one page holds', async () => {
    server = await startFhirServer();
    const a = await coordinator();
    const b = await coordinator();
    for (let n = 0; n < 25; n++) await a.queue.track(draft({ orderNumber: `P-${n}` }), DEFAULT_CONFIG, 'AB');
    await a.sync.sync();
    await b.sync.sync();
    expect(await b.queue.newest(100)).toHaveLength(25);
    const requests = server.requests.length;
    await b.sync.sync();
    // Nothing changed: one search, answered with only what was read already.
    expect(server.requests.slice(requests).map((request) => request.method)).toEqual(['GET']);
  });

  it('sends many referrals in a few batch requests, each step a batch at a time, and nothing twice', {
    timeout: 120_000,
  }, async () => {
    server = await startFhirServer();
    const a = await coordinator();
    for (let n = 0; n < 25; n++) await a.queue.track(draft({ orderNumber: `B-${n}` }), DEFAULT_CONFIG, 'AB');
    await a.sync.sync();
    expect(last(a)).toMatchObject({ waiting: 0, errors: [] });
    // metadata; ServiceRequests in three batches of at most 10, Tasks in three, their Provenance
    // in three; then the pull's pages.
    const writes = server.requests.filter((request) => request.method !== 'GET');
    expect(writes.map((request) => `${request.method} ${request.url} ${request.status}`)).toEqual(
      Array(9).fill('POST /fhir/R4/ 200'),
    );
    expect(await onServer<Task>('Task')).toHaveLength(25);
    expect(await onServer<ServiceRequest>('ServiceRequest')).toHaveLength(25);
    // A second run has nothing to send: the outbox was emptied only of what arrived.
    const before = server.requests.length;
    await a.sync.sync(true);
    expect(server.requests.slice(before).map((request) => request.method)).toEqual(['GET']);
  });

  it('says plainly what the server lacks, and then pushes nothing', async () => {
    server = await startFhirServer({ lacks: ['conditional-create', 'versioned-update'] });
    const a = await coordinator();
    await a.queue.track(draft(), DEFAULT_CONFIG, 'AB');
    await a.sync.sync();
    expect(last(a)).toMatchObject({ lacks: ['conditional-create', 'versioned-update'], waiting: 1 });
    expect(last(a)?.errors[0]?.kind).toBe('lacks');
    expect(await onServer<Task>('Task')).toHaveLength(0);
  });

  it('sends the bearer token only when sign-in gives one', async () => {
    server = await startFhirServer();
    const without = await coordinator();
    await without.sync.sync();
    const signedIn = await coordinator({ accessToken: async () => 'token-123' });
    await signedIn.sync.sync();
    const headers = server.requests.map((request) => request.headers.authorization);
    expect(headers).toContain(undefined);
    expect(headers).toContain('Bearer token-123');
  });

  it.each<[string, Fault, string]>([
    ['a 500', { kind: 'status', status: 500 }, 'server-error'],
    ['a 401', { kind: 'status', status: 401 }, 'sign-in'],
    ['a body that is not JSON', { kind: 'status', status: 200, body: '<html>oops</html>' }, 'malformed'],
    [
      'a refusal with markup in its text',
      {
        kind: 'status',
        status: 422,
        body: JSON.stringify({
          resourceType: 'OperationOutcome',
          issue: [{ diagnostics: `<img src=x onerror=alert(1)>${'x'.repeat(1000)}` }],
        }),
      },
      'refused',
    ],
  ])('on %s: status names the kind, changes wait, nothing lost', async (_name, fault, kind) => {
    let failing = true;
    server = await startFhirServer({ fault: (method) => (failing && method !== 'GET' ? fault : undefined) });
    const a = await coordinator();
    await a.queue.track(draft(), DEFAULT_CONFIG, 'AB');
    await a.sync.sync();
    const error = last(a)?.errors[0];
    expect(error?.kind).toBe(kind);
    expect(error?.detail.length).toBeLessThanOrEqual(300);
    expect(last(a)?.waiting).toBe(1);
    failing = false;
    await a.sync.sync(true);
    expect(last(a)).toMatchObject({ waiting: 0, errors: [] });
    expect(await onServer<Task>('Task')).toHaveLength(1);
  });

  it('queues nothing to share when no team queue is configured', async () => {
    const db = await openHandoffDatabase(freshDatabaseName());
    const local = new ReferralQueue(db);
    await local.track(draft(), DEFAULT_CONFIG, 'AB');
    expect(await db.count('outbox')).toBe(0);
  });
});

describe('turning the team queue on', () => {
  it('shares the referrals tracked before, once', async () => {
    server = await startFhirServer();
    const db = await openHandoffDatabase(freshDatabaseName());
    const before = new ReferralQueue(db);
    await before.track(draft({ orderNumber: 'OLD-1' }), DEFAULT_CONFIG, 'AB');
    await before.track(draft({ orderNumber: 'OLD-2' }), DEFAULT_CONFIG, 'AB');
    const sync = new TeamQueueSync({
      db,
      target: { fhirBaseUrl: server.baseUrl, team: TEAM, pollSeconds: 60 },
      config: () => DEFAULT_CONFIG,
      fetch: (...args) => fetch(...args),
      accessToken: async () => undefined,
      now,
      newId: () => crypto.randomUUID(),
      publish: async () => {},
      changed: async () => {},
    });
    await sync.sync();
    await sync.sync();
    expect(await onServer<Task>('Task')).toHaveLength(2);
    expect(await db.count('outbox')).toBe(0);
  });
});
