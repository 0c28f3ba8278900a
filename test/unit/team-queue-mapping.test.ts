import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/schema';
import { REFERRAL_STATUSES } from '../../src/referral/referral';
import {
  COORDINATION_EXTENSION,
  communicationOf,
  REFERRAL_KEY_SYSTEM,
  referralFromTask,
  referralKeyOf,
  serviceRequestOf,
  sharedPartOf,
  taskOf,
} from '../../src/team-queue/fhir-mapping';
import { fhirR4Errors } from '../fhir-validator';
import { at, attempt, novemberReferrals, referral, status } from './metrics-referrals';

const TEAM = { system: 'urn:handoff:team', code: 'north-desk' };
const LINKS = { serviceRequestId: 'sr-1', taskId: 'task-1' };
const served = (task: object) => ({
  ...task,
  id: 'task-1',
  meta: { versionId: 'v1', lastUpdated: '2026-11-03T10:00:00Z' },
});

describe('referral ⇄ FHIR mapping for the team queue', () => {
  // Compiling HL7's JSON Schema and indexing the StructureDefinitions takes a while, once.
  beforeAll(() => void fhirR4Errors({ resourceType: 'Bundle', type: 'collection' }), 90_000);

  it('produces valid FHIR R4 for every referral of the metrics fixtures, in every state', async () => {
    const referrals = [
      ...novemberReferrals(),
      ...REFERRAL_STATUSES.map((state) =>
        referral(`S-${state}`, {
          status: state,
          statusReason:
            state === 'declined' ? 'no-capacity' : state.startsWith('closed-not') ? 'duplicate' : undefined,
          nextFollowUpAt: at(9, 9),
          outreach: [attempt(at(3, 10), 'phone', 'reached', 'patient', '<b>call back</b>')],
          history: [{ at: at(2, 9), by: 'JD', kind: 'created', to: 'new' }, status(at(3, 10), 'new', state)],
        }),
      ),
    ];
    for (const item of referrals) {
      const key = await referralKeyOf(item.dedupeKey);
      const resources = [
        serviceRequestOf(item, key, TEAM),
        taskOf(item, key, TEAM, LINKS, DEFAULT_CONFIG),
        ...item.outreach.map((one) => communicationOf(one, item, TEAM, LINKS)),
      ];
      for (const resource of resources)
        expect(fhirR4Errors(resource), `${item.id} ${resource.resourceType}`).toEqual([]);
    }
  });

  it('names who logged each attempt: the signed-in Practitioner as the sender, the initials as display', () => {
    const item = referral('C-1');
    const logged = attempt(at(3, 10), 'phone', 'reached', 'patient');
    const signedIn = { ...logged, by: 'DR', byFhirUser: 'Practitioner/coordinator-dana' };
    expect(communicationOf(signedIn, item, TEAM, LINKS).sender).toEqual({
      reference: 'Practitioner/coordinator-dana',
      display: 'DR',
    });
    expect(fhirR4Errors(communicationOf(signedIn, item, TEAM, LINKS))).toEqual([]);
    // Named in options only: the initials alone. A claim that is no Practitioner is not sent.
    expect(communicationOf({ ...logged, by: 'JD' }, item, TEAM, LINKS).sender).toEqual({ display: 'JD' });
    expect(
      communicationOf({ ...logged, by: 'JD', byFhirUser: 'Patient/1"><x' }, item, TEAM, LINKS).sender,
    ).toEqual({ display: 'JD' });
  });

  it('names the owner on Task.owner: the signed-in Practitioner, or the name alone; none while unassigned', () => {
    const item = referral('O-1');
    const signedIn = {
      ...item,
      owner: { name: 'Dana Reyes', initials: 'DR', fhirUser: 'Practitioner/dana' },
    };
    expect(taskOf(signedIn, 'k', TEAM, LINKS, DEFAULT_CONFIG).owner).toEqual({
      reference: 'Practitioner/dana',
      display: 'Dana Reyes',
    });
    expect(fhirR4Errors(taskOf(signedIn, 'k', TEAM, LINKS, DEFAULT_CONFIG))).toEqual([]);
    const named = { ...item, owner: { name: 'Jo Doe', initials: 'JD' } };
    expect(taskOf(named, 'k', TEAM, LINKS, DEFAULT_CONFIG).owner).toEqual({ display: 'Jo Doe' });
    expect(taskOf(item, 'k', TEAM, LINKS, DEFAULT_CONFIG)).not.toHaveProperty('owner');
    // Read back with the referral: the owner is shared, like every other field of the work.
    const back = referralFromTask(served(taskOf(signedIn, 'k', TEAM, LINKS, DEFAULT_CONFIG)));
    expect(back.ok && back.remote.referral.owner).toEqual(signedIn.owner);
  });

  it('puts the ten states on Task.status and a businessStatus code that reads back exactly', async () => {
    for (const state of REFERRAL_STATUSES) {
      const item = referral('B', { status: state });
      const task = taskOf(item, await referralKeyOf(item.dedupeKey), TEAM, LINKS, DEFAULT_CONFIG);
      expect(task.businessStatus?.coding?.[0]?.code).toBe(state);
      const back = referralFromTask(served(task));
      expect(back.ok && back.remote.referral.status).toBe(state);
    }
    const scheduled = taskOf(referral('C', { status: 'scheduled' }), 'k', TEAM, LINKS, DEFAULT_CONFIG);
    expect(scheduled.status).toBe('in-progress');
    expect(scheduled.businessStatus?.text).toBe('Event scheduled');
  });

  it('codes the delay reason in statusReason with the organisation label, and the next follow-up as the due date', () => {
    const waiting = referral('W', {
      status: 'waiting-on-info',
      statusReason: 'missing-insurance',
      nextFollowUpAt: at(9, 9),
    });
    const task = taskOf(waiting, 'k', TEAM, LINKS, DEFAULT_CONFIG);
    expect(task.status).toBe('on-hold');
    expect(task.statusReason).toEqual({
      coding: [{ system: 'urn:handoff:reason', code: 'missing-insurance' }],
      text: 'Missing insurance information',
    });
    expect(task.restriction?.period?.end).toBe(new Date(at(9, 9)).toISOString());
  });

  it('gives the same EHR order the same key whoever tracks it, and keeps names out of the key', async () => {
    const mine = referral('K', { id: 'local-a', createdAt: at(3) });
    const theirs = referral('K', { id: 'local-b', createdAt: at(4) });
    const key = await referralKeyOf(mine.dedupeKey);
    expect(await referralKeyOf(theirs.dedupeKey)).toBe(key);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(await referralKeyOf(referral('L').dedupeKey)).not.toBe(key);
    const task = taskOf(mine, key, TEAM, LINKS, DEFAULT_CONFIG);
    expect(task.identifier).toEqual([{ system: REFERRAL_KEY_SYSTEM, value: key }]);
    expect(serviceRequestOf(mine, key, TEAM).identifier?.[0]).toEqual({
      system: REFERRAL_KEY_SYSTEM,
      value: key,
    });
    expect(task.meta?.tag).toEqual([TEAM]);
  });

  it('reads a referral back from its Task with everything shared and nothing of this device', () => {
    const [first] = novemberReferrals();
    if (!first) throw new Error('fixture');
    const local = { ...first, snoozedUntil: at(20), unannouncedAt: at(20), version: 7 };
    const back = referralFromTask(served(taskOf(local, 'k', TEAM, LINKS, DEFAULT_CONFIG)));
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.remote).toMatchObject({
      key: 'k',
      taskId: 'task-1',
      versionId: 'v1',
      serviceRequestId: 'sr-1',
    });
    expect(back.remote.referral).toEqual(sharedPartOf(local));
    expect(back.remote.referral).not.toHaveProperty('snoozedUntil');
    expect(back.remote.referral).not.toHaveProperty('version');
  });

  it('refuses a Task whose coordination data is broken, oversized or carries unknown fields', () => {
    const task = taskOf(referral('X'), 'k', TEAM, LINKS, DEFAULT_CONFIG);
    const withData = (valueString: string) =>
      served({ ...task, extension: [{ url: COORDINATION_EXTENSION, valueString }] });
    const shared = sharedPartOf(referral('X'));
    expect(referralFromTask(withData('{not json')).ok).toBe(false);
    expect(referralFromTask(withData(JSON.stringify({ ...shared, script: '<script>x</script>' }))).ok).toBe(
      false,
    );
    expect(referralFromTask(withData(JSON.stringify({ ...shared, reason: 'x'.repeat(5000) }))).ok).toBe(
      false,
    );
    expect(referralFromTask(withData('x'.repeat(1_000_001))).ok).toBe(false);
    expect(referralFromTask({ resourceType: 'Patient' }).ok).toBe(false);
    // Markup in a value is text: it reads back unchanged, for the views to render as text.
    const marked = referralFromTask(
      withData(JSON.stringify({ ...shared, reason: '<img src=x onerror=alert(1)>' })),
    );
    expect(marked.ok && marked.remote.referral.reason).toBe('<img src=x onerror=alert(1)>');
  });
});
