/**
 * What detection last concluded on this page, kept in the content script's own isolated world so
 * that end-to-end tests (reading it over the DevTools protocol) can prove "no panel here" by
 * waiting until detection has looked at this very address, instead of waiting a while. The page's
 * scripts run in another world and cannot read it; nothing is written to the page.
 */
export const DETECTION_SIGNAL = '__handoffDetection';

export type DetectionOutcome = 'none' | 'shown' | 'dismissed';

export interface DetectionSignal {
  url: string;
  outcome: DetectionOutcome;
  /** How many conclusions this page has had: a test can wait for the next one. */
  looks: number;
  /**
   * How many times the page has gone quiet since the last conclusion: a test can prove the panel
   * follows a change made after a long quiet spell without sleeping through one.
   */
  settled: number;
}

export function noteDetection(outcome: DetectionOutcome, url: string): void {
  const world = globalThis as { [DETECTION_SIGNAL]?: DetectionSignal };
  world[DETECTION_SIGNAL] = { url, outcome, looks: (world[DETECTION_SIGNAL]?.looks ?? 0) + 1, settled: 0 };
}

export function noteSettled(url: string): void {
  const world = globalThis as { [DETECTION_SIGNAL]?: DetectionSignal };
  const signal = world[DETECTION_SIGNAL];
  if (signal?.url === url) signal.settled++;
}
