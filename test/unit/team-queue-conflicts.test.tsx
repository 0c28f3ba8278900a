// @vitest-environment jsdom
import type { Task } from 'fhir/r4';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { teamHandlers } from '../../src/background/handlers/team';
import { DEFAULT_CONFIG } from '../../src/config/schema';
import type { Send } from '../../src/messages';
import { changeStatus } from '../../src/referral/operations';
import { handOff } from '../../src/referral/ownership';
import type { Referral } from '../../src/referral/referral';
import { referralFromTask } from '../../src/team-queue/fhir-mapping';
import { TeamConflicts } from '../../src/ui/TeamConflicts';
import { type FhirTestServer, startFhirServer } from '../fhir-server/server';
import { draft } from './fixtures';
import { now, syncingQueue } from './team-queue-world';
import { until } from './until';

vi.mock('wxt/browser', async () => ({ browser: (await import('wxt/testing/fake-browser')).fakeBrowser }));

/**
 * A conflict kept by a merge, seen and settled by the coordinator: two coordinators on one real
 * FHIR server change a referral's state at once; B is shown both values and picks.
 */

let server: FhirTestServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

async function coordinator(initials: string) {
  if (!server) throw new Error('start the server first');
  const { queue, sync, statuses, db } = await syncingQueue(server.baseUrl);
  const handlers = teamHandlers({
    queue,
    config: () => DEFAULT_CONFIG,
    now,
    newId: () => crypto.randomUUID(),
    coordinator: async () => ({ name: initials, initials }),
    queueChanged: async () => {},
    dismissedPages: undefined as never,
    settings: undefined as never,
  });
  // What the views send, answered by the background's own handlers.
  const send = (async (request: { type: string }) => {
    if (request.type === 'list-conflicts') return handlers['list-conflicts']({ type: 'list-conflicts' });
    if (request.type === 'settle-conflict')
      return handlers['settle-conflict'](request as Parameters<(typeof handlers)['settle-conflict']>[0]);
    throw new Error(`unexpected ${request.type}`);
  }) as Send;
  return { queue, sync, statuses, send, db };
}

/** A change made once both have the referral (so its moment comes after the tracking). */
type Change = () => (referral: Referral) => Referral;

/**
 * A and B track one referral, then change it at once: by default its state, to different states.
 */
async function conflictingEdits(
  changeInA: Change = () => changeStatus({ to: 'sent', at: now(), by: 'AB' }, DEFAULT_CONFIG),
  changeInB: Change = () =>
    changeStatus({ to: 'waiting-on-info', reason: 'missing-insurance', at: now(), by: 'CD' }, DEFAULT_CONFIG),
) {
  server = await startFhirServer();
  const a = await coordinator('AB');
  const b = await coordinator('CD');
  const { referral } = await a.queue.track(draft(), DEFAULT_CONFIG, 'AB');
  await a.sync.sync();
  await b.sync.sync();
  const inB = await b.queue.findForPage(draft());
  if (inB.match !== 'tracked') throw new Error('not tracked in B');
  await a.queue.update(referral.id, undefined, changeInA(), DEFAULT_CONFIG);
  await b.queue.update(inB.referral.id, undefined, changeInB(), DEFAULT_CONFIG);
  await a.sync.sync();
  await b.sync.sync();
  return { a, b, id: inB.referral.id };
}

async function serverState(): Promise<string | undefined> {
  const response = await fetch(`${server?.baseUrl}/Task`);
  const [task] = ((await response.json()) as { entry?: { resource: Task }[] }).entry ?? [];
  const read = referralFromTask(task?.resource);
  return read.ok ? read.remote.referral.status : undefined;
}

function mount(send: Send) {
  const root = document.createElement('div');
  document.body.append(root);
  const settled: string[] = [];
  render(<TeamConflicts send={send} refreshes={0} onSettled={(message) => settled.push(message)} />, root);
  return { root, settled };
}

const button = (root: HTMLElement, name: string) =>
  [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === name);

describe('team queue conflicts, seen and settled', { timeout: 30_000 }, () => {
  it('shows both values, and "Use mine" puts mine back and shares it with the team', async () => {
    const { a, b, id } = await conflictingEdits();
    expect(b.statuses.at(-1)?.conflicts).toBe(1);
    const { root, settled } = mount(b.send);
    await until(() => root.querySelector('[data-testid="team-conflicts"]') !== null);
    const item = root.querySelector('li[data-field="status"]');
    expect(item?.textContent).toContain('Avery Quinlan: State');
    expect(item?.textContent).toContain("Colleague's (kept now): Sent");
    expect(item?.textContent).toContain('Yours: Waiting on info (missing-insurance)');

    await act(async () => button(root, 'Use mine')?.click());
    await until(() => settled.length === 1);
    expect(root.querySelector('[data-testid="team-conflicts"]')).toBeNull();
    const mine = await b.queue.get(id);
    expect(mine).toMatchObject({ status: 'waiting-on-info', statusReason: 'missing-insurance' });
    expect(mine?.history.at(-1)).toMatchObject({ kind: 'edit', by: 'CD', note: 'status' });
    // Mine is a change like any other: it goes to the server and reaches A.
    await b.sync.sync(true);
    expect(b.statuses.at(-1)).toMatchObject({ waiting: 0, conflicts: 0 });
    expect(await serverState()).toBe('waiting-on-info');
    await a.sync.sync(true);
    const inA = await a.queue.findForPage(draft());
    expect(inA.match === 'tracked' && inA.referral.status).toBe('waiting-on-info');
    render(null, root);
  });

  it('"Keep theirs" leaves the server\'s value and settles the conflict, sending nothing', async () => {
    const { b, id } = await conflictingEdits();
    const { root } = mount(b.send);
    await until(() => button(root, 'Keep theirs') !== undefined);
    await act(async () => button(root, 'Keep theirs')?.click());
    await until(() => root.querySelector('[data-testid="team-conflicts"]') === null);
    expect((await b.queue.get(id))?.status).toBe('sent');
    expect(await b.db.count('outbox')).toBe(0);
    expect(await b.db.countFromIndex('teamLinks', 'byConflict')).toBe(0);
    render(null, root);
  });

  it('two hand-offs of one referral at once: the owner is a conflict, shown by name, nothing lost', async () => {
    const dana = { name: 'Dana Reyes', initials: 'DR' };
    const eli = { name: 'Eli Park', initials: 'EP' };
    const { b, id } = await conflictingEdits(
      () => handOff(dana, now(), 'AB', 'For Dana'),
      () => handOff(eli, now(), 'CD', 'For Eli'),
    );
    const { root } = mount(b.send);
    await until(() => root.querySelector('li[data-field="owner"]') !== null);
    const shown = root.querySelector('li[data-field="owner"]')?.textContent ?? '';
    expect(shown).toContain('Owner');
    expect(shown).toContain('Dana Reyes (DR)');
    expect(shown).toContain('Eli Park (EP)');
    // Both notes stay in the history, whichever owner is kept.
    const stored = await b.queue.get(id);
    expect(stored?.history.filter((entry) => entry.kind === 'hand-off').map((entry) => entry.note)).toEqual([
      'For Dana',
      'For Eli',
    ]);
    render(null, root);
  });

  it('shows a value with markup as text', async () => {
    const send = (async () => ({
      conflicts: [
        {
          referralId: 'r1',
          patientName: '<b>Avery</b>',
          version: 2,
          conflicts: [
            { field: 'reason', mine: '<img src=x onerror=alert(1)>', theirs: 'Palpitations', at: 1 },
          ],
        },
      ],
    })) as unknown as Send;
    const { root } = mount(send);
    await until(() => root.querySelector('li') !== null);
    expect(root.querySelector('img, b')).toBeNull();
    expect(root.textContent).toContain('Yours: <img src=x onerror=alert(1)>');
    render(null, root);
  });
});
