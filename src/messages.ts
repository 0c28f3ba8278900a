import type { RestoreSummary } from './backup/backup';
import type { Config } from './config/schema';
import type { ExportFile } from './export/run-export';
import { t } from './i18n';
import type { Coordinator } from './identity/coordinator';
import type { HandoffRequest, HandoffRequestInput } from './message-schema';
import type { MetricsReport } from './metrics/report';
import type { PanelPlacement } from './panel/panel-placement';
import type { AuditEntry } from './queue/database-schema';
import type { QueuePage } from './queue/queue-query';
import type { TodayView } from './queue/today';
import type { Person, Referral } from './referral/referral';
import type { SignInStatus } from './sign-in/session';
import type { ReferralConflicts } from './team-queue/conflicts';

export type { HandoffRequest, HandoffRequestInput };

/**
 * The typed contract between the extension's pages, content scripts and the background, which
 * is the only writer of the queue. Requests are described in `message-schema.ts` and validated
 * there on arrival; this side carries no validator, to keep the content script small.
 */
export interface HandoffResponses {
  'track-referral': { referral: Referral; created: boolean };
  /** Only what a page needs (content scripts live in the EHR's process): never the referral itself. */
  'page-status': PageStatus;
  'set-page-dismissed': { dismissed: boolean };
  'list-referrals': { referrals: Referral[] };
  'query-queue': QueuePage;
  'get-referral': { referral: Referral | null };
  today: TodayView;
  'compute-metrics': { metrics: MetricsReport };
  /** A file for the page to save (Blob + <a download>): its text and a suggested name. */
  export: ExportFile;
  /** The configured delay, decline and close reasons, for the views that change a state. */
  'get-reasons': Config['reasons'];
  /**
   * Who is working and the sign-in as it stands, for the panel: Firefox gives an extension frame
   * in a web page no `storage.session`, so the panel asks the background, which keeps both.
   */
  'who-is-working': { coordinator: Coordinator | null; signIn: SignInStatus };
  /** The sign-in as it stands after trying: signed in, or the fault that stopped it. */
  'sign-in': SignInStatus;
  'sign-out': SignInStatus;
  /** The audit history of the queue as a whole, newest first. */
  'list-audit': { entries: AuditEntry[] };
  /**
   * Whether the queue is shared with a team, who is working here, and the colleagues seen on the
   * team's queue (a referral's owners), to hand a referral to.
   */
  'team-members': { sharing: boolean; me: Coordinator | null; colleagues: Person[] };
  'hand-off': { referral: Referral };
  /** The team queue's conflicts kept for the coordinator, newest first. */
  'list-conflicts': { conflicts: ReferralConflicts[] };
  /** The referral as it stands after the pick; settled: false when it was settled elsewhere. */
  'settle-conflict': { referral: Referral | null; settled: boolean };
  'backup-export': ExportFile;
  'backup-restore': RestoreSummary;
  'change-status': { referral: Referral };
  'log-outreach': { referral: Referral };
  snooze: { referral: Referral };
  'call-back-at': { referral: Referral };
  acknowledge: { referral: Referral };
  'track-record': { referral: Referral };
  'record-packet': { referral: Referral };
  escalate: { referral: Referral };
  'resolve-escalation': { referral: Referral };
}

/**
 * The queue's answer for a page: its patient's referral is tracked (by id, fetched by the panel),
 * the referral under its key is another patient's, or nothing is tracked.
 */
export interface PageStatus {
  match: 'tracked' | 'other-patient' | 'none';
  id?: string;
  dismissed: boolean;
  /** Asked about one row of a list: whether that row's referral was marked "not a referral". */
  rowDismissed?: boolean;
  /**
   * Where the coordinator keeps the panel, so that the page makes its room while the panel loads
   * rather than after. The same for every page: it says nothing about the referral.
   */
  placement?: Pick<PanelPlacement, 'side' | 'collapsed'>;
}

/** What the background answers: the result, or a message a coordinator can act on. */
export type HandoffReply<T extends HandoffRequest['type']> =
  | { ok: true; value: HandoffResponses[T] }
  | { ok: false; error: string };

export type Send = <T extends HandoffRequest['type']>(
  request: Extract<HandoffRequestInput, { type: T }>,
) => Promise<HandoffResponses[T]>;

/** Wraps a transport (`runtime.sendMessage`) into a typed sender that throws the background's error. */
export function typedSender(transport: (message: unknown) => Promise<unknown>): Send {
  return async <T extends HandoffRequest['type']>(request: Extract<HandoffRequestInput, { type: T }>) => {
    // The background stopped before answering (the browser ended the worker mid-request): the
    // channel closes with no reply. Nothing half-done is stored, so trying again is safe.
    const reply = (await transport(request).catch(() => undefined)) as HandoffReply<T> | undefined;
    if (!reply) throw new Error(t('refusalNoAnswer'));
    if (!reply.ok) throw new Error(reply.error);
    return reply.value;
  };
}

/** What the background asks of the content script in a tab (context menu, keyboard shortcut). */
export type PanelCommand = { type: 'open-panel-manually' } | { type: 'toggle-panel' };

const PANEL_COMMANDS: readonly PanelCommand['type'][] = ['open-panel-manually', 'toggle-panel'];

export function isPanelCommand(message: unknown): message is PanelCommand {
  return (
    typeof message === 'object' &&
    message !== null &&
    PANEL_COMMANDS.includes((message as { type?: unknown }).type as PanelCommand['type'])
  );
}
