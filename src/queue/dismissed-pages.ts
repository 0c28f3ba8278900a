import { pageKeyOf } from '../referral/referral';
import type { HandoffDatabase } from './database-schema';

/** The pages coordinators marked "not a referral", remembered per page. */
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
