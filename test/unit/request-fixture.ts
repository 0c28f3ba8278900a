import { createRequestHandler } from '../../src/background/request-handler';
import { DEFAULT_CONFIG } from '../../src/config/schema';
import { openHandoffDatabase } from '../../src/queue/database';
import { DismissedPages } from '../../src/queue/dismissed-pages';
import { ReferralQueue } from '../../src/queue/referral-queue';
import { freshDatabaseName } from './fixtures';

/** A queue in a fresh database and the background's request handler over it, with Jo Doe (JD) working. */
export async function queueWithHandler() {
  const db = await openHandoffDatabase(freshDatabaseName());
  const queue = new ReferralQueue(db);
  const handle = createRequestHandler({
    queue,
    dismissedPages: new DismissedPages(db),
    config: () => DEFAULT_CONFIG,
    coordinator: async () => ({ name: 'Jo Doe', initials: 'JD' }),
    queueChanged: async () => {},
  });
  return { queue, handle };
}
