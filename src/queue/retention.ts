import type { Referral } from '../referral/referral';
import type { AuditEntry, HandoffDatabase } from './database-schema';
import { forgetDismissedPages } from './dismissed-pages';

const DAY = 24 * 60 * 60 * 1000;
/** Referrals reduced per transaction: a sweep never holds the queue for long. */
const BATCH = 200;

/**
 * A closed referral past retention: the patient's identifying details and free text are removed;
 * what the metrics and the audit need stays (dates, states, coded reasons, priority, specialty,
 * receiving office, outreach channels and outcomes, who changed what and when). The name becomes
 * the referral's short id, so lists still have something to show.
 */
export function reduceReferral(referral: Referral, at: number): Referral {
  const {
    orderNumber: _order,
    reason: _reason,
    diagnosisCodes: _codes,
    recordsAttached: _attached,
    acknowledgmentNote: _ackNote,
    ...kept
  } = referral;
  return {
    ...kept,
    // The dedupe key holds the order number or the patient's MRN or name.
    dedupeKey: `reduced|${referral.id}`,
    source: { profileId: referral.source.profileId, pageUrl: `${new URL(referral.source.pageUrl).origin}/` },
    patient: { name: `#${referral.id.slice(0, 8)}` },
    insurance: referral.insurance.payer === undefined ? {} : { payer: referral.insurance.payer },
    outreach: referral.outreach.map(({ note: _note, ...attempt }) => attempt),
    history: referral.history.map(({ note: _note, ...entry }) => entry),
    ...(referral.packet && {
      packet: {
        ...referral.packet,
        ...(referral.packet.override && { override: { ...referral.packet.override, reason: '' } }),
      },
    }),
    identifiedClosedAt: undefined,
    reducedAt: at,
  };
}

/**
 * Reduces the closed referrals whose retention ran out, walking the index of closed referrals that
 * still hold patient details (reduced ones leave it, so a sweep with nothing to do reads nothing).
 * Only the referral changes: its metrics facts were written when it closed and stay as they are,
 * so the figures for past periods do not move. Each batch records its run in the audit log in the
 * same transaction. Pages marked "not a referral" are kept as long, then forgotten.
 */
export async function applyRetention(db: HandoffDatabase, now: number, days: number): Promise<number> {
  const cutoff = now - days * DAY;
  let reduced = 0;
  for (;;) {
    const tx = db.transaction(['referrals', 'auditLog'], 'readwrite');
    const store = tx.objectStore('referrals');
    const due = await store.index('byIdentifiedClosed').getAll(IDBKeyRange.upperBound(cutoff), BATCH);
    if (due.length > 0) {
      const entry: AuditEntry = { at: now, by: '', kind: 'retention', count: due.length, days };
      await Promise.all([
        ...due.map((referral) => store.put(reduceReferral(referral, now))),
        tx.objectStore('auditLog').add(entry),
      ]);
    }
    await tx.done;
    reduced += due.length;
    if (due.length < BATCH) {
      await forgetDismissedPages(db, cutoff);
      return reduced;
    }
  }
}
