import type { Detection } from '../detection/detect-referral';

export interface WatchOptions {
  root: Node;
  detect: () => Detection | null;
  onChange: (detection: Detection | null) => void;
  /**
   * Whether what `onChange` last showed is still on the page: a page that removes the panel
   * gets it back (while the page is being watched, a few times at most), without a second copy.
   */
  stillShown?: () => boolean;
  /**
   * Nodes Handoff itself adds to or removes from the page (the panel's host): a change made of
   * these alone is not the page changing, and is not worth another look at a heavy page.
   */
  ownChange?: (node: Node) => boolean;
  /** Re-detection runs at most this often while the page keeps changing. */
  throttleMs?: number;
  /** The observer lets go once the page has been quiet this long. */
  quietMs?: number;
  /** …and in any case this long after it started, so a page that never stops costs nothing later. */
  maxWatchMs?: number;
  /**
   * `restart()` runs at most this often (a later call waits for the interval, several collapse
   * into one): a page changing its address in a loop cannot make each change a question to the queue.
   */
  minRestartMs?: number;
}

const MAX_THROTTLE_MS = 2000;
/** A page that removes the panel every time it comes back gets it back only this often per watch. */
const MAX_REMOUNTS = 3;

function sameDetection(a: Detection | null, b: Detection | null): boolean {
  if (a === null || b === null) return a === b;
  return a.profile.id === b.profile.id && JSON.stringify(a.fields) === JSON.stringify(b.fields);
}

/**
 * Detects now, then again as late content arrives, through a throttled observer that disconnects
 * when the page goes quiet. `restart()` is for in-app navigation. The page pays one cheap callback
 * per mutation batch while watching, and nothing afterwards.
 */
export function watchReferralScreen({
  root,
  detect,
  onChange,
  stillShown = () => true,
  ownChange = () => false,
  throttleMs = 250,
  quietMs = 3000,
  maxWatchMs = 15000,
  minRestartMs = 1000,
}: WatchOptions) {
  let current: Detection | null = null;
  let pending: ReturnType<typeof setTimeout> | undefined;
  let quiet: ReturnType<typeof setTimeout> | undefined;
  let deadline: ReturnType<typeof setTimeout> | undefined;

  // A page that keeps changing without changing the answer is looked at less and less often.
  let delay = throttleMs;
  let remounts = 0;
  const run = () => {
    pending = undefined;
    const next = detect();
    const changed = !sameDetection(current, next);
    if (changed || (next !== null && !stillShown() && remounts++ < MAX_REMOUNTS)) {
      current = next;
      delay = throttleMs;
      onChange(next);
    } else {
      delay = Math.min(delay * 2, MAX_THROTTLE_MS);
    }
  };
  const stopObserving = () => {
    observer.disconnect();
    clearTimeout(quiet);
    clearTimeout(deadline);
  };
  const isOwn = (record: MutationRecord) =>
    [...record.addedNodes, ...record.removedNodes].every((node) => ownChange(node));
  const observer = new MutationObserver((records) => {
    if (records.every(isOwn)) return;
    pending ??= setTimeout(run, delay);
    clearTimeout(quiet);
    quiet = setTimeout(stopObserving, quietMs);
  });
  let startedAt = Number.NEGATIVE_INFINITY;
  let later: ReturnType<typeof setTimeout> | undefined;
  const start = () => {
    startedAt = Date.now();
    stopObserving();
    delay = throttleMs;
    remounts = 0;
    run();
    observer.observe(root, { childList: true, subtree: true });
    quiet = setTimeout(stopObserving, quietMs);
    deadline = setTimeout(stopObserving, maxWatchMs);
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
  return {
    restart,
    stop() {
      stopObserving();
      clearTimeout(pending);
      clearTimeout(later);
    },
  };
}
