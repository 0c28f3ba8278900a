/**
 * Bundled into an extension page by the queue-scale suite: the queue's own code, run against
 * the extension's own IndexedDB in real Chromium. Exposed on one global for page.evaluate.
 */
import { DEFAULT_CONFIG } from '../src/config/schema';
import { QueueQuery } from '../src/message-schema';
import { computeMetrics } from '../src/metrics/compute-metrics';
import { openHandoffDatabase } from '../src/queue/database';
import { queryQueue } from '../src/queue/queue-query';
import { ReferralQueue, saveReferrals, writeReferrals } from '../src/queue/referral-queue';
import { REFERRAL_STATUSES, type Referral } from '../src/referral/referral';

const DAY = 86_400_000;
const SPECIALTIES = ['Cardiology', 'Dermatology', 'Neurology', 'Orthopedics', 'Pulmonology', 'ENT'];
const ORGANIZATIONS = [
  'Riverbend Heart',
  'Lakeside Skin',
  'Prairie Neuro',
  'Capital Ortho',
  'Springfield Lung',
];

/** A synthetic referral, deterministic per index, spread over the last year. */
function syntheticReferral(index: number, now: number): Referral {
  const createdAt = now - (index % 365) * DAY - (index % 1000) * 1000;
  const status = REFERRAL_STATUSES[index % REFERRAL_STATUSES.length] ?? 'new';
  const open = status !== 'closed-completed' && status !== 'closed-not-completed';
  return {
    id: `bench-${index}`,
    dedupeKey: `bench|order|${index}`,
    source: { profileId: 'generic', pageUrl: `http://127.0.0.1/ehr/referral?id=${index}` },
    orderNumber: `ORD-${index}`,
    patient: { name: `Synthetic Patient ${index}`, mrn: `MRN-${index}` },
    receiving: {
      specialty: SPECIALTIES[index % SPECIALTIES.length],
      organization: ORGANIZATIONS[index % ORGANIZATIONS.length],
    },
    referring: {},
    insurance: {},
    priority: index % 7 === 0 ? 'urgent' : 'routine',
    status,
    createdAt,
    updatedAt: createdAt,
    version: 1,
    // About one open referral in twenty is overdue, the rest come due over the next weeks.
    ...(open && {
      nextFollowUpAt: index % 20 === 0 ? now - (index % 50) * 60_000 : now + (index % 30) * DAY,
    }),
    // Most overdue referrals were announced by earlier sweeps; a few came due since the last one.
    ...(open && index % 400 === 0 && { unannouncedAt: now - 60_000 }),
    dates: { ...(index % 3 === 0 && { firstOutreachAt: createdAt + DAY }) },
    outreach: [],
    records: [],
    history: [{ at: createdAt, by: 'BN', kind: 'created', to: 'new' }],
  };
}

const api = {
  async seed(count: number, batch: number): Promise<number> {
    const db = await openHandoffDatabase();
    const now = Date.now();
    for (let start = 0; start < count; start += batch) {
      const tx = writeReferrals(db);
      const referrals = [];
      for (let index = start; index < Math.min(count, start + batch); index++) {
        referrals.push(syntheticReferral(index, now));
      }
      await saveReferrals(tx, referrals);
      await tx.done;
    }
    const total = await db.count('referrals');
    db.close();
    return total;
  },
  /** The queue work of one overdue sweep (what `sweepOverdue` asks of it): count, then the news. */
  async sweep(): Promise<{ ms: number; overdue: number; announced: number }> {
    const db = await openHandoffDatabase();
    const queue = new ReferralQueue(db);
    const start = performance.now();
    const overdue = await queue.overdueCount();
    const fresh = await queue.unannouncedOverdue();
    const ms = performance.now() - start;
    db.close();
    return { ms, overdue, announced: fresh.length };
  },
  /** The metrics page for the last year: every referral ordered in it, streamed through the accumulator. */
  async metrics(): Promise<{ ms: number; ordered: number }> {
    const db = await openHandoffDatabase();
    const now = Date.now();
    const start = performance.now();
    const report = await computeMetrics(db, { from: now - 365 * DAY, to: now + 1 }, now, DEFAULT_CONFIG);
    const ms = performance.now() - start;
    db.close();
    return { ms, ordered: report.referrals.ordered };
  },
  /** The first page of the queue view, soonest follow-up first. */
  async firstPage(): Promise<{ ms: number; rows: number }> {
    const db = await openHandoffDatabase();
    const start = performance.now();
    const page = await queryQueue(db, QueueQuery.parse({ limit: 25 }), Date.now(), DEFAULT_CONFIG);
    const ms = performance.now() - start;
    db.close();
    return { ms, rows: page.referrals.length };
  },
};

(globalThis as unknown as { __handoffScale: typeof api }).__handoffScale = api;
