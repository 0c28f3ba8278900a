import type { HandoffDatabase } from '../queue/database-schema';

/**
 * Sign-out on a shared workstation: the team queue's referrals leave this computer, so the next
 * person does not see the previous person's patients. A referral with a change still waiting in
 * the outbox stays, with its outbox entries: nothing a coordinator did is lost, and it is sent at
 * the next sign-in (its history still names who made it). The pull cursors go too, so the next
 * sign-in reads the team's queue afresh. Metrics facts (no patient details) stay.
 * Returns how many referrals were removed.
 */
export async function clearTeamData(db: HandoffDatabase): Promise<number> {
  const tx = db.transaction(['referrals', 'outbox', 'teamLinks', 'teamSync'], 'readwrite');
  const waiting = new Set((await tx.objectStore('outbox').getAll()).map((entry) => entry.referralId));
  let removed = 0;
  for (const link of await tx.objectStore('teamLinks').getAll()) {
    if (waiting.has(link.referralId)) continue;
    await tx.objectStore('teamLinks').delete(link.referralId);
    await tx.objectStore('referrals').delete(link.referralId);
    removed += 1;
  }
  await tx.objectStore('teamSync').clear();
  await tx.done;
  return removed;
}
