import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { Referral } from '../referral/referral';

export interface HandoffSchema extends DBSchema {
  referrals: {
    key: string;
    value: Referral;
    indexes: { byDedupeKey: string; byNextFollowUp: number; byStatus: string; byCreated: number };
  };
  /** Pages a coordinator said are not referrals, so the panel stays away from them. */
  dismissedPages: {
    key: string;
    value: { pageKey: string; at: number };
  };
}

export type HandoffDatabase = IDBPDatabase<HandoffSchema>;

export const DATABASE_NAME = 'handoff';
export const DATABASE_VERSION = 2;

/**
 * Opens (and migrates) the queue database. Each `oldVersion` step is a migration kept forever, so
 * a coordinator who skipped releases upgrades through every step in order.
 */
export function openHandoffDatabase(name = DATABASE_NAME): Promise<HandoffDatabase> {
  return openDB<HandoffSchema>(name, DATABASE_VERSION, {
    upgrade(db, oldVersion) {
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
      }
    },
  });
}
