/**
 * The background bumps this key of `storage.session` after every change to the queue, so open
 * queue views (the side panel beside an EHR tab) refresh at once. Session storage is never written
 * to disk and content scripts cannot see it: EHR pages are not woken by it.
 */
export const QUEUE_CHANGED_KEY = 'queueChangedAt';

/** A queue view opened: with a team queue, colleagues' changes are read at once, not at the next poll. */
export const QUEUE_VIEW_OPENED_KEY = 'queueViewOpenedAt';
