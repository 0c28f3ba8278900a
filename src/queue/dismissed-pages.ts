import { pageKeyOf } from '../referral/referral';
import type { HandoffDatabase } from './database';

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
