/**
 * The background's answers about the team (src/background/handlers/team.ts) and the sign-in
 * (handlers/sign-in.ts), on a real queue database: whom a referral can be handed to, and what
 * settling a conflict leaves, including when there is nothing to settle or "mine" cannot stand.
 */
import { describe, expect, it } from 'vitest';
import { signInHandlers } from '../../src/background/handlers/sign-in';
import { teamHandlers } from '../../src/background/handlers/team';
import { type Config, DEFAULT_CONFIG } from '../../src/config/schema';
import { openHandoffDatabase } from '../../src/queue/database';
import { ReferralQueue } from '../../src/queue/referral-queue';
import type { FieldConflict } from '../../src/team-queue/sync-records';
import { draft, freshDatabaseName } from './fixtures';

const TEAM = { system: 'https://example.org/teams', code: 'referral-desk' };
const SHARING: Config = {
  ...DEFAULT_CONFIG,
  teamQueue: { ...DEFAULT_CONFIG.teamQueue, fhirBaseUrl: 'https://fhir.example.org/R4', team: TEAM },
};
const JO = { name: 'Jo Doe', initials: 'JD' };
const NOW = Date.UTC(2026, 11, 2, 15);

async function world(config: Config, me: typeof JO | null = JO) {
  const db = await openHandoffDatabase(freshDatabaseName());
  const queue = new ReferralQueue(db, () => NOW);
  const changed: number[] = [];
  const handlers = teamHandlers({
    queue,
    config: () => config,
    now: () => NOW,
    newId: () => crypto.randomUUID(),
    coordinator: async () => me ?? undefined,
    queueChanged: async () => {
      changed.push(1);
    },
    dismissedPages: undefined as never,
    settings: undefined as never,
  });
  return { db, queue, handlers, changed };
}

describe('team members', () => {
  it('without a team queue: nobody to hand to', async () => {
    const { handlers } = await world(DEFAULT_CONFIG);
    expect(await handlers['team-members']({ type: 'team-members' })).toEqual({
      sharing: false,
      me: JO,
      colleagues: [],
    });
  });

  it('on a team queue: the owners the pull has seen, and whoever works here', async () => {
    const { db, handlers } = await world(SHARING);
    expect(await handlers['team-members']({ type: 'team-members' })).toEqual({
      sharing: true,
      me: JO,
      colleagues: [JO],
    });
    const blake = { name: 'Blake Morgan', initials: 'BM' };
    await db.put('teamSync', {
      target: `${SHARING.teamQueue.fhirBaseUrl}|${TEAM.system}|${TEAM.code}`,
      colleagues: [blake],
    });
    expect(await handlers['team-members']({ type: 'team-members' })).toEqual({
      sharing: true,
      me: JO,
      colleagues: [blake, JO],
    });
  });

  it('on a team queue, before Handoff knows who works here', async () => {
    const { handlers } = await world(SHARING, null);
    expect(await handlers['team-members']({ type: 'team-members' })).toEqual({
      sharing: true,
      me: null,
      colleagues: [],
    });
  });
});

describe('settling a conflict', () => {
  async function conflicted(conflict: FieldConflict) {
    const w = await world(SHARING);
    const { referral } = await w.queue.track(draft({ orderNumber: 'ORD-1' }), SHARING);
    await w.db.put('teamLinks', {
      referralId: referral.id,
      key: 'key',
      sharedAttempts: [],
      conflicts: [conflict],
      conflictedAt: conflict.at,
    });
    return { ...w, referral };
  }
  /** The coordinator's pick for the priority conflict of that moment, as the views send it. */
  const settle = (
    { handlers, referral }: Awaited<ReturnType<typeof conflicted>>,
    keep: 'mine' | 'theirs',
    at: number,
  ) => handlers['settle-conflict']({ type: 'settle-conflict', id: referral.id, field: 'priority', at, keep });
  const priority: FieldConflict = { field: 'priority', mine: 'urgent', theirs: 'routine', at: NOW - 1000 };

  it('"theirs" settles it and leaves the referral as it stands', async () => {
    const desk = await conflicted(priority);
    const { referral, db, changed } = desk;
    const reply = await settle(desk, 'theirs', priority.at);
    expect(reply).toEqual({ referral, settled: true });
    expect((await db.get('teamLinks', referral.id))?.conflicts).toEqual([]);
    expect(changed).toHaveLength(1);
  });

  it('"mine" puts my value back as a change of my own, then settles it', async () => {
    const desk = await conflicted(priority);
    const { referral } = desk;
    const reply = await settle(desk, 'mine', priority.at);
    expect(reply.settled).toBe(true);
    expect(reply.referral).toMatchObject({ priority: 'urgent', version: referral.version + 1 });
    expect(reply.referral?.history.at(-1)).toMatchObject({ kind: 'edit', note: 'priority', by: 'JD' });
  });

  it('a conflict already settled elsewhere: nothing settled, the referral as it stands', async () => {
    const desk = await conflicted(priority);
    const { referral, changed } = desk;
    const reply = await settle(desk, 'theirs', priority.at + 1);
    expect(reply).toEqual({ referral, settled: false });
    expect(changed).toHaveLength(0);
  });

  it('a referral with no link: nothing settled, and no referral when there is none', async () => {
    const { handlers } = await world(SHARING);
    expect(
      await handlers['settle-conflict']({
        type: 'settle-conflict',
        id: 'gone',
        field: 'priority',
        at: 1,
        keep: 'mine',
      }),
    ).toEqual({ referral: null, settled: false });
  });

  it('"mine" that a colleague’s copy would not pass is refused: nothing changed, the conflict kept', async () => {
    const broken: FieldConflict = { field: 'priority', mine: 'whenever', theirs: 'routine', at: NOW - 1000 };
    const desk = await conflicted(broken);
    const { referral, db, changed } = desk;
    const reply = await settle(desk, 'mine', broken.at);
    expect(reply).toEqual({ referral, settled: false });
    expect((await db.get('teamLinks', referral.id))?.conflicts).toHaveLength(1);
    expect(changed).toHaveLength(0);
  });
});

describe('sign-in requests', () => {
  const status = (state: 'signed-in' | 'signed-out') => ({ state, faults: [] }) as never;
  const context = (signIn?: Parameters<typeof signInHandlers>[0]['signIn']) =>
    signInHandlers({ coordinator: async () => undefined, signIn } as unknown as Parameters<
      typeof signInHandlers
    >[0]);

  it('without a sign-in configured, every request answers "signed out"', async () => {
    const handlers = context();
    expect(await handlers['sign-in']({ type: 'sign-in' })).toEqual({ state: 'signed-out', faults: [] });
    expect(await handlers['sign-out']({ type: 'sign-out' })).toEqual({ state: 'signed-out', faults: [] });
  });

  it('with one, signs in and out through it', async () => {
    const handlers = context({
      status: async () => status('signed-out'),
      signIn: async () => status('signed-in'),
      signOut: async () => status('signed-out'),
    });
    expect(await handlers['sign-in']({ type: 'sign-in' })).toEqual({ state: 'signed-in', faults: [] });
    expect(await handlers['sign-out']({ type: 'sign-out' })).toEqual({ state: 'signed-out', faults: [] });
  });
});
