import { type Detection, isSameList } from '../detection/detect-referral';
import type { PageStatus } from '../messages';
import type { DetectionOutcome } from './detection-signal';

export interface PageStatusFlowOptions {
  /**
   * A referral was found and the queue is being asked about it: the panel may start loading, so
   * the answer and the panel's own start overlap.
   */
  prepare: () => void;
  /** Asks the queue whether the page's referral is tracked and the page marked "not a referral". */
  ask: (detection: Detection, pageUrl: string) => Promise<PageStatus | undefined>;
  show: (detection: Detection, pageUrl: string, status: PageStatus | undefined) => void;
  /** The page was marked "not a referral". */
  hide: () => void;
  /** The page shows no referral (any more). */
  gone: () => void;
  /** What detection concluded, once the queue has answered. */
  conclude: (outcome: DetectionOutcome, pageUrl: string) => void;
}

/**
 * From what detection saw to what the panel shows: each referral the page shows is a question to
 * the queue, and only the newest answer counts. An answer that arrives after the page showed
 * another referral is dropped, so the panel never shows one that has gone. A list whose rows keep
 * changing (a live worklist) is the exception: an answer about the list is still the list's, so
 * the newest rows are shown with it instead of waiting for an answer that the next change would
 * overtake again (which kept the panel away for as long as the list kept changing).
 */
export function pageStatusFlow({ prepare, ask, show, hide, gone, conclude }: PageStatusFlowOptions) {
  let latest: { turn: number; detection: Detection | null; pageUrl: string } = {
    turn: 0,
    detection: null,
    pageUrl: '',
  };
  /** The referral detected here when the coordinator had marked the page "not a referral". */
  let dismissedHere: { detection: Detection; status: PageStatus; pageUrl: string } | undefined;

  const detected = async (detection: Detection | null, pageUrl: string) => {
    const turn = latest.turn + 1;
    latest = { turn, detection, pageUrl };
    if (!detection) {
      gone();
      return;
    }
    prepare();
    const status = await ask(detection, pageUrl).catch(() => undefined);
    const newest = latest;
    if (newest.turn !== turn) {
      const stillThisList =
        newest.detection !== null && newest.pageUrl === pageUrl && isSameList(detection, newest.detection);
      if (!stillThisList) return;
    }
    const shown = newest.detection ?? detection;
    dismissedHere = status?.dismissed ? { detection: shown, status, pageUrl } : undefined;
    // The same answer says whether it is already tracked: the panel need not ask again.
    if (status?.dismissed) hide();
    else show(shown, pageUrl, status);
    conclude(status?.dismissed ? 'dismissed' : 'shown', pageUrl);
  };

  return {
    detected,
    /** The page's own referral, when it was marked "not a referral" at this address. */
    dismissedAt: (pageUrl: string) => (dismissedHere?.pageUrl === pageUrl ? dismissedHere : undefined),
  };
}
