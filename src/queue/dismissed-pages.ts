import { pageKeyOf, separateKeyOf } from '../referral/referral';
import { ReferralDraft } from '../referral/referral-draft';
import { sha256Hex } from '../sha256-hex';
import type { HandoffDatabase } from './database-schema';

/**
 * The key a list row's "not a referral" is kept under: the page's key (which never holds a `#`),
 * then a hex SHA-256 of the row's referral identity, so the store holds no patient name in clear.
 * The identity is the queue's own for that referral with its patient (`separateKeyOf`); a row
 * the queue could not take (no patient name) is known by everything read off it.
 */
export async function rowKeyOf(pageUrl: string, row: unknown): Promise<string> {
  const draft = ReferralDraft.safeParse(row);
  const identity = draft.success ? separateKeyOf(draft.data) : `row|${JSON.stringify(row ?? null)}`;
  return `${pageKeyOf(pageUrl)}#row:${await sha256Hex(identity)}`;
}

/**
 * The pages coordinators marked "not a referral", remembered per page; and the rows of a list
 * marked so one by one, remembered per page and referral (the rest of the list stays).
 */
export class DismissedPages {
  constructor(
    private readonly db: HandoffDatabase,
    private readonly now: () => number = Date.now,
  ) {}

  async isDismissed(pageUrl: string): Promise<boolean> {
    return (await this.db.getKey('dismissedPages', pageKeyOf(pageUrl))) !== undefined;
  }

  async set(pageUrl: string, dismissed: boolean): Promise<void> {
    const pageKey = pageKeyOf(pageUrl);
    if (dismissed) await this.db.put('dismissedPages', { pageKey, at: this.now() });
    else await this.db.delete('dismissedPages', pageKey);
  }

  async isRowDismissed(pageUrl: string, row: unknown): Promise<boolean> {
    return (await this.db.getKey('dismissedPages', await rowKeyOf(pageUrl, row))) !== undefined;
  }

  async setRow(pageUrl: string, row: unknown, dismissed: boolean): Promise<void> {
    const pageKey = await rowKeyOf(pageUrl, row);
    if (dismissed) await this.db.put('dismissedPages', { pageKey, at: this.now() });
    else await this.db.delete('dismissedPages', pageKey);
  }
}

/**
 * Forgets "not a referral" answers given up to `cutoff`, that moment included: their addresses
 * often hold patient ids in the query string, so they are kept no longer than a closed referral's
 * patient details (retention reduces those closed up to the same moment). Few pages are
 * dismissed, so the walk needs no index.
 */
export async function forgetDismissedPages(db: HandoffDatabase, cutoff: number): Promise<void> {
  const tx = db.transaction('dismissedPages', 'readwrite');
  for (let cursor = await tx.store.openCursor(); cursor; cursor = await cursor.continue())
    if (cursor.value.at <= cutoff) await cursor.delete();
  await tx.done;
}
