/**
 * When the panel's write actions ("Track referral", "Not a referral", "Mark packet sent",
 * "Escalate", outreach outcomes) may answer a click. The EHR page draws over its own frame, so it
 * can lay something over the panel (a top-layer popover, an overlay that lets clicks through, an
 * ancestor made nearly transparent) and turn a click on a decoy into an action on a referral it
 * made up. Actions answer only once the panel has been seen whole, as IntersectionObserver v2
 * reports it, for SETTLE_MS without a break. Pure: times come from the caller's clock.
 */

/**
 * How long the panel must have been seen whole before its actions answer. Half a second is the
 * usual double-click interval (Windows' default), so a "double-click here" decoy that uncovers the
 * panel on its first click cannot land the second; Chromium guards its own permission prompts
 * with the same delay. A coordinator reads the panel for longer than that before acting.
 */
export const SETTLE_MS = 500;

/** How often IntersectionObserver v2 may report (its minimum for `trackVisibility`). */
export const REPORT_DELAY_MS = 100;

/** What has been seen of the panel: since when it has been whole, or that it is covered now. */
export interface Sightings {
  visibleSince?: number;
  covered: boolean;
}

/** Nothing reported yet: the panel has just been drawn. */
export const UNSEEN: Sightings = { covered: false };

/** One report: the panel is whole (visible) or not (covered, faded, transformed, off screen). */
export function sighted(before: Sightings, visible: boolean, at: number): Sightings {
  if (!visible) return { covered: true };
  return { covered: false, visibleSince: before.visibleSince ?? at };
}

/** Why actions do not answer: the page covers the panel, or it has not been seen long enough. */
export type ClosedReason = 'covered' | 'settling';

export type Gate = { open: true } | { open: false; reason: ClosedReason; opensAt?: number };

export function gateAt(sightings: Sightings, now: number): Gate {
  const { visibleSince, covered } = sightings;
  if (visibleSince === undefined) return { open: false, reason: covered ? 'covered' : 'settling' };
  const opensAt = visibleSince + SETTLE_MS;
  return now >= opensAt ? { open: true } : { open: false, reason: 'settling', opensAt };
}

/**
 * Where the browser cannot say whether the panel is visible (Firefox has no IntersectionObserver
 * v2), an action takes two steps: the first shows a confirmation below the button, whose own
 * button answers only SETTLE_MS after it appeared. A single click on a decoy, or a double click
 * at one spot, cannot complete both.
 */
export function confirmationOpensAt(armedAt: number): number {
  return armedAt + SETTLE_MS;
}

export function canConfirm(armedAt: number | undefined, now: number): boolean {
  return armedAt !== undefined && now >= confirmationOpensAt(armedAt);
}
