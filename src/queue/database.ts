import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { Referral, ReferralStatus } from '../referral/referral';

export interface HandoffSchema extends DBSchema {
  referrals: {
    key: string;
    value: Referral;
    indexes: {
      byDedupeKey: string;
      byNextFollowUp: number;
      byStatus: string;
      byCreated: number;
      byUnannounced: number;
    };
  };
  /** Pages a coordinator said are not referrals, so the panel stays away from them. */
  dismissedPages: {
    key: string;
    value: { pageKey: string; at: number };
  };
}

export type HandoffDatabase = IDBPDatabase<HandoffSchema>;

export const DATABASE_NAME = 'handoff';
export const DATABASE_VERSION = 3;

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
    },
  });
}
