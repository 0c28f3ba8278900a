import type { HandoffRequest } from '../message-schema';
import { PANEL_PAGE } from '../panel/panel-protocol';

/**
 * Who sent a request, as far as the background trusts it:
 * - a content script runs in the EHR's process, which a hostile page may have compromised: it
 *   learns only whether its page is tracked;
 * - the panel is an extension page framed in the EHR tab (its own process): it works on the one
 *   referral on screen, and names that patient in every change;
 * - the extension's other pages (popup, dashboard, side panel, metrics, options) may ask anything.
 */
export type Caller = 'content-script' | 'panel' | 'extension-page';

interface Sender {
  id?: string;
  url?: string;
}

/**
 * Classifies a sender by the address the browser reports for it, not by anything in the message.
 * Undefined: not this extension at all (another extension, a web page), which is never answered.
 * `base` is the extension's own root address (`runtime.getURL('/')`).
 */
export function callerOf(sender: Sender, ownId: string, base: string): Caller | undefined {
  if (sender.id !== ownId) return undefined;
  // A content script's sender address is its page's; a missing one gets the least trust.
  if (!sender.url?.startsWith(base)) return 'content-script';
  const path = sender.url.slice(base.length - 1).split(/[?#]/, 1)[0];
  return path === PANEL_PAGE ? 'panel' : 'extension-page';
}

type RequestType = HandoffRequest['type'];

const CONTENT_SCRIPT_MAY: ReadonlySet<RequestType> = new Set(['page-status']);

/** The panel's work on the referral on screen; exports, backups, restores and the queue are not. */
const PANEL_MAY: ReadonlySet<RequestType> = new Set([
  'page-status',
  'track-referral',
  'set-page-dismissed',
  'get-referral',
  'change-status',
  'log-outreach',
  'record-packet',
  'escalate',
  'resolve-escalation',
  // Who is working (the panel's frame has no storage.session in Firefox), and "sign in again"
  // where the coordinator sees that it is needed; sign-out is on the other pages.
  'who-is-working',
  'sign-in',
]);

/** Whether this caller may make this request; the panel's changes must name the patient on screen. */
export function mayAsk(caller: Caller, request: HandoffRequest): boolean {
  if (caller === 'extension-page') return true;
  if (caller === 'content-script') return CONTENT_SCRIPT_MAY.has(request.type);
  if (!PANEL_MAY.has(request.type)) return false;
  return !('version' in request) || ('onScreen' in request && request.onScreen !== undefined);
}
