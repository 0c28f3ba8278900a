import type { VisibilityWatch } from '../../src/panel/ActionGate';
import { SETTLE_MS } from '../../src/panel/visibility-gate';

/**
 * A browser where the panel can be seen, driven by the test: `show()` and `cover()` report as
 * IntersectionObserver v2 would; `seenWhole` has the panel in full view since before it rendered.
 */
export function testVisibility(options: { tracksVisibility?: boolean; visibleFrom?: number } = {}) {
  let report: ((visible: boolean, at: number) => void) | undefined;
  const watch: VisibilityWatch = {
    tracksVisibility: options.tracksVisibility ?? true,
    observe(_target, deliver) {
      report = deliver;
      if (options.visibleFrom !== undefined) deliver(true, options.visibleFrom);
      return { stop: () => (report = undefined), flush: () => {} };
    },
  };
  return {
    watch,
    show: (at = performance.now()) => report?.(true, at),
    cover: (at = performance.now()) => report?.(false, at),
  };
}

/** The panel has been in full view for longer than the gate asks. */
export const seenWhole = (): VisibilityWatch =>
  testVisibility({ visibleFrom: performance.now() - SETTLE_MS - 1 }).watch;
