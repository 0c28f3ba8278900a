import type { Detection } from '../detection/detect-referral';
import type { PageStatus } from '../messages';

/**
 * The port between the content script in an EHR page and the panel it frames. The panel is an
 * extension page in an iframe: the page cannot read it, style it or type into it, and the code
 * that draws it is never parsed by EHR pages that show no referral.
 *
 * The content script opens the port (runtime.connect) under a name carrying a random token that
 * only it and its own iframe know; a page can neither open nor read such a port.
 */
export const PANEL_PORT_PREFIX = 'handoff-panel:';
export const PANEL_PAGE = '/panel.html';

/** What the content script tells its panel. */
export type ToPanel =
  | {
      type: 'show';
      detection: Detection;
      /** Opened from "Track this page as a referral": nothing was detected, fields are typed in. */
      manual: boolean;
      pageUrl: string;
      /** The queue's answer for this detection when the content script just asked. */
      known?: PageStatus;
    }
  | { type: 'toggle-collapsed' }
  /** Answer to `check-selectors`: which of the asked selectors match an element on the page. */
  | { type: 'selectors-checked'; matching: string[] };

/** The panel's size and side, so the frame on the page takes exactly the panel's room. */
export interface PanelLayout {
  side: 'left' | 'right';
  width: number;
  height: number;
}

/** What the panel asks of the content script. */
export type FromPanel =
  | ({ type: 'layout' } & PanelLayout)
  /** The coordinator said this page is not a referral: the panel leaves the page. */
  | { type: 'dismissed' }
  /** Checklist items confirmed by a selector on the page; bounded by the checklist schema. */
  | { type: 'check-selectors'; selectors: string[] };

/** Narrows what arrives on the port: the panel is ours, but the port carries unknown data. */
export function isFromPanel(message: unknown): message is FromPanel {
  const type = (message as { type?: unknown } | null)?.type;
  return type === 'layout' || type === 'dismissed' || type === 'check-selectors';
}
