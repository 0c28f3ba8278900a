import { type Detection, isSameList } from '../detection/detect-referral';
import { finish, inSlices, type Steps } from '../steps';

export interface WatchOptions {
  root: Node;
  /**
   * One look at the page, in steps (see `detectionSteps`): looks the page's changes call for are
   * spread over several tasks when a long list makes them long; `confirm()` takes one at once.
   */
  detect: () => Steps<Detection | null>;
  onChange: (detection: Detection | null) => void;
  /**
   * Whether what `onChange` last showed is still on the page: a page that removes the panel
   * gets it back (a few times at most per address), without a second copy.
   */
  stillShown?: () => boolean;
  /**
   * Nodes Handoff itself adds to or removes from the page (the panel's host): a change made of
   * these alone is not the page changing, and is not worth another look at a heavy page.
   */
  ownChange?: (node: Node) => boolean;
  /** Re-detection runs at most this often while the page keeps changing. */
  throttleMs?: number;
  /**
   * Once the page has been quiet this long, its next change is looked at as promptly as the
   * first: after a quiet spell, a change is most likely the coordinator opening another referral.
   */
  quietMs?: number;
  /** Called each time the page has been quiet for `quietMs` (a signal for end-to-end tests). */
  onSettled?: () => void;
  /**
   * `restart()` runs at most this often (a later call waits for the interval, several collapse
   * into one): a page changing its address in a loop cannot make each change a question to the queue.
   */
  minRestartMs?: number;
}

/**
 * The longest a page that keeps changing waits for its next look: the most a referral swapped in
 * place can stay unnoticed on a busy page, and still only one detection (a few milliseconds) in
 * that time. Track never relies on it: `confirm()` looks again at once.
 */
const MAX_THROTTLE_MS = 2000;
/** A page that removes the panel every time it comes back gets it back only this often per watch. */
const MAX_REMOUNTS = 3;

function sameDetection(a: Detection | null, b: Detection | null): boolean {
  if (a === null || b === null) return a === b;
  // A list's rows are what it shows: a row removed or changed in place is a change.
  const shown = (detection: Detection) =>
    JSON.stringify([detection.fields, detection.rows?.map((row) => row.fields)]);
  return a.profile.id === b.profile.id && shown(a) === shown(b);
}

/**
 * Detects now, then again whenever the page changes, for as long as the page is open: EHRs
 * expand rows, switch tabs and collapse cards long after they loaded, with no new address. The
 * page pays one cheap callback per mutation batch, and at most one detection per throttle
 * interval while it keeps changing; a page that does not change pays nothing.
 */
export function watchReferralScreen({
  root,
  detect,
  onChange,
  stillShown = () => true,
  ownChange = () => false,
  throttleMs = 250,
  quietMs = 3000,
  onSettled = () => {},
  minRestartMs = 1000,
}: WatchOptions) {
  let current: Detection | null = null;
  let pending: ReturnType<typeof setTimeout> | undefined;
  let quiet: ReturnType<typeof setTimeout> | undefined;
  /** Drops the look still under way, when there is one. */
  let looking: (() => void) | undefined;

  // A page that keeps changing without changing the answer is looked at less and less often.
  let delay = throttleMs;
  let remounts = 0;
  const stopLooking = () => {
    clearTimeout(pending);
    pending = undefined;
    looking?.();
    looking = undefined;
  };
  /** What one look saw; true when the answer is the one already shown. */
  const seen = (next: Detection | null): boolean => {
    const changed = !sameDetection(current, next);
    if (changed || (next !== null && !stillShown() && remounts++ < MAX_REMOUNTS)) {
      // A list whose rows changed is still the same list: a live worklist rewriting its rows many
      // times a second is looked at less and less often, like a page whose answer stays the same.
      delay = changed && isSameList(current, next) ? Math.min(delay * 2, MAX_THROTTLE_MS) : throttleMs;
      current = next;
      onChange(next);
    } else {
      delay = Math.min(delay * 2, MAX_THROTTLE_MS);
    }
    return !changed;
  };
  /** Looks now, all at once. */
  const run = (): boolean => {
    stopLooking();
    return seen(finish(detect()));
  };
  /** Looks now, in slices; a newer look replaces one still under way. */
  const look = () => {
    stopLooking();
    looking = inSlices(detect(), (next) => {
      looking = undefined;
      seen(next);
    });
  };
  const settle = () => {
    delay = throttleMs;
    onSettled();
  };
  const isOwn = (record: MutationRecord) =>
    [...record.addedNodes, ...record.removedNodes].every((node) => ownChange(node));
  const observer = new MutationObserver((records) => {
    if (records.every(isOwn)) return;
    pending ??= setTimeout(look, delay);
    clearTimeout(quiet);
    quiet = setTimeout(settle, quietMs);
  });
  let startedAt = Number.NEGATIVE_INFINITY;
  let later: ReturnType<typeof setTimeout> | undefined;
  const start = () => {
    startedAt = Date.now();
    delay = throttleMs;
    remounts = 0;
    look();
    clearTimeout(quiet);
    quiet = setTimeout(settle, quietMs);
  };

  const restart = () => {
    const wait = startedAt + minRestartMs - Date.now();
    if (wait <= 0) start();
    else
      later ??= setTimeout(() => {
        later = undefined;
        start();
      }, wait);
  };

  start();
  observer.observe(root, { childList: true, subtree: true });
  return {
    restart,
    /**
     * Looks again now, before the coordinator acts on what the panel shows: true when the page
     * still shows that referral; otherwise `onChange` has been told what it shows instead.
     */
    confirm: run,
    /** What the page showed at the last look. */
    current: () => current,
    stop() {
      observer.disconnect();
      clearTimeout(quiet);
      stopLooking();
      clearTimeout(later);
    },
  };
}
