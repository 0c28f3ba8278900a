import { openDB } from 'idb';
import { referralFacts } from '../metrics/facts';
import { isOpen, type Referral, type ReferralStatus } from '../referral/referral';
import { withConflicts } from '../team-queue/sync-records';
import type { HandoffDatabase, HandoffSchema } from './database-schema';
import { saveFacts } from './facts-store';

export const DATABASE_NAME = 'handoff';
export const DATABASE_VERSION = 7;

/**
 * The receiving office as the queue's filter matches it: the same office typed in another case
 * or with stray spaces is one office. Stored on the referral, because an index can only use
 * what is stored.
 */
export function organizationKeyOf(referral: Pick<Referral, 'receiving'>): string | undefined {
  return referral.receiving.organization?.trim().toLowerCase() || undefined;
}

/**
 * When a closed referral that still holds patient details was closed: the retention sweep walks
 * this index, so it reads only the referrals it has work on, never the reduced ones.
 */
function identifiedClosedAtOf(referral: Referral): number | undefined {
  return isOpen(referral.status) || referral.reducedAt !== undefined ? undefined : referral.dates.closedAt;
}

/** A referral with the keys its indexes need, worked out from its fields. */
export function withIndexKeys(referral: Referral): Referral {
  return {
    ...referral,
    organizationKey: organizationKeyOf(referral),
    identifiedClosedAt: identifiedClosedAtOf(referral),
  };
}

/** A referral as version 1 of the database stored it. */
export interface ReferralV1
  extends Omit<
    Referral,
    'updatedAt' | 'version' | 'dates' | 'outreach' | 'records' | 'history' | 'unannouncedAt'
  > {
  nextFollowUpAt: number;
  notifiedFollowUpAt?: number;
  history: { at: number; from: ReferralStatus | null; to: ReferralStatus; note?: string }[];
}

function upgradeFromVersion1(old: ReferralV1): Referral {
  return {
    ...old,
    updatedAt: old.history.at(-1)?.at ?? old.createdAt,
    version: 1,
    dates: {},
    outreach: [],
    records: [],
    history: old.history.map(({ at, from, to, note }) => ({
      at,
      by: '',
      kind: from === null ? 'created' : 'status',
      ...(from !== null && { from }),
      to,
      ...(note !== undefined && { note }),
    })),
  };
}

/**
 * Opens (and migrates) the queue database. Each `oldVersion` step is a migration kept forever, so
 * a coordinator who skipped releases upgrades through every step in order.
 */
export function openHandoffDatabase(name = DATABASE_NAME): Promise<HandoffDatabase> {
  return openDB<HandoffSchema>(name, DATABASE_VERSION, {
    async upgrade(db, oldVersion, _newVersion, transaction) {
      if (oldVersion < 1) {
        const referrals = db.createObjectStore('referrals', { keyPath: 'id' });
        // Unique: the database itself refuses a second copy of one EHR referral, even when two
        // tabs ask to track it at the same moment.
        referrals.createIndex('byDedupeKey', 'dedupeKey', { unique: true });
        referrals.createIndex('byNextFollowUp', 'nextFollowUpAt');
        referrals.createIndex('byStatus', 'status');
        referrals.createIndex('byCreated', 'createdAt');
      }
      if (oldVersion < 2) {
        db.createObjectStore('dismissedPages', { keyPath: 'pageKey' });
        // Version 1 referrals predate versions, milestones, outreach and coded history.
        let cursor = await transaction.objectStore('referrals').openCursor();
        while (cursor) {
          await cursor.update(upgradeFromVersion1(cursor.value as unknown as ReferralV1));
          cursor = await cursor.continue();
        }
      }
      if (oldVersion < 3) {
        // Announcements move from "which due time was announced" to an index of what was not.
        const referrals = transaction.objectStore('referrals');
        referrals.createIndex('byUnannounced', 'unannouncedAt');
        let cursor = await referrals.openCursor();
        while (cursor) {
          const { notifiedFollowUpAt, ...referral } = cursor.value as Referral & {
            notifiedFollowUpAt?: number;
          };
          const announced =
            notifiedFollowUpAt !== undefined && notifiedFollowUpAt === referral.nextFollowUpAt;
          await cursor.update({
            ...referral,
            unannouncedAt: announced ? undefined : referral.nextFollowUpAt,
          });
          cursor = await cursor.continue();
        }
      }
      if (oldVersion < 4) {
        // Metrics read small facts instead of whole referrals; the queue filters by receiving
        // office through an index, in either of its orders (follow-up date, tracking date).
        const facts = db.createObjectStore('referralFacts', { keyPath: 'day' });
        const referrals = transaction.objectStore('referrals');
        referrals.createIndex('byOrganizationDue', ['organizationKey', 'nextFollowUpAt']);
        referrals.createIndex('byOrganizationCreated', ['organizationKey', 'createdAt']);
        const all = [];
        let cursor = await referrals.openCursor();
        while (cursor) {
          const referral = withIndexKeys(cursor.value);
          await cursor.update(referral);
          all.push(referralFacts(referral));
          cursor = await cursor.continue();
        }
        await saveFacts(facts, all);
      }
      if (oldVersion < 5) {
        // Retention walks closed referrals that still hold patient details by closing time; the
        // audit log records what happened to the queue as a whole.
        const audit = db.createObjectStore('auditLog', { keyPath: 'seq', autoIncrement: true });
        audit.createIndex('byAt', 'at');
        const referrals = transaction.objectStore('referrals');
        referrals.createIndex('byIdentifiedClosed', 'identifiedClosedAt');
        let cursor = await referrals.openCursor();
        while (cursor) {
          await cursor.update(withIndexKeys(cursor.value));
          cursor = await cursor.continue();
        }
      }
      if (oldVersion < 6) {
        // The team queue: changes waiting to be shared, and where each referral lives on the server.
        const outbox = db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
        outbox.createIndex('byReferral', 'referralId');
        const links = db.createObjectStore('teamLinks', { keyPath: 'referralId' });
        links.createIndex('byTaskId', 'taskId');
        db.createObjectStore('teamSync', { keyPath: 'target' });
      }
      if (oldVersion < 7) {
        // Referrals with a conflict kept for the coordinator, counted and listed without reading
        // every link (each holds a whole referral as the merge base).
        const links = transaction.objectStore('teamLinks');
        links.createIndex('byConflict', 'conflictedAt');
        let cursor = await links.openCursor();
        while (cursor) {
          const link = cursor.value;
          if (link.conflicts.length > 0) await cursor.update(withConflicts(link, []));
          cursor = await cursor.continue();
        }
      }
    },
  });
}
