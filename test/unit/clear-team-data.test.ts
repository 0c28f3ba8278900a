import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/schema';
import { openHandoffDatabase } from '../../src/queue/database';
import { ReferralQueue } from '../../src/queue/referral-queue';
import { clearTeamData } from '../../src/team-queue/clear-local';
import { draft, freshDatabaseName } from './fixtures';

describe('sign-out on a shared workstation', () => {
  it("removes the team queue's referrals, but keeps one whose change is still waiting to be sent", async () => {
    const db = await openHandoffDatabase(freshDatabaseName());
    // Sharing on: every change is queued in the outbox.
    const queue = new ReferralQueue(db, undefined, undefined, () => true);
    const sent = await queue.track(draft({ orderNumber: 'ORD-1' }), DEFAULT_CONFIG, 'DR');
    const waiting = await queue.track(
      draft({ orderNumber: 'ORD-2', patient: { name: 'Rowan Ellery' } }),
      DEFAULT_CONFIG,
      'DR',
    );
    const link = (referralId: string) => ({ referralId, key: referralId, sharedAttempts: [], conflicts: [] });
    await db.put('teamLinks', link(sent.referral.id));
    await db.put('teamLinks', link(waiting.referral.id));
    // The first one reached the server: its outbox entry is gone.
    for (const entry of await db.getAll('outbox'))
      if (entry.referralId === sent.referral.id && entry.seq !== undefined)
        await db.delete('outbox', entry.seq);
    await db.put('teamSync', {
      target: 'https://fhir.example.org|urn:handoff:team|desk-a',
      watermark: 'x',
    } as never);

    expect(await clearTeamData(db)).toBe(1);
    expect(await db.get('referrals', sent.referral.id)).toBeUndefined();
    expect(await db.get('teamLinks', sent.referral.id)).toBeUndefined();
    expect((await db.get('referrals', waiting.referral.id))?.patient.name).toBe('Rowan Ellery');
    expect(await db.count('outbox')).toBeGreaterThan(0);
    expect(await db.count('teamSync')).toBe(0);
  });
});
