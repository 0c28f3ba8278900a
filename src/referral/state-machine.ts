import type { Config } from '../config/schema';
import type { HistoryEntry, Referral, ReferralStatus } from './referral';
import { isOpen } from './referral';

/** The shortest reason a coordinator may give for sending a packet with required items missing. */
export const OVERRIDE_REASON_MIN = 5;

/**
 * Where each state may go next: the only place transitions are decided. A referral is not done
 * when it is sent; it is done when the loop closes. Closed-not-completed may be reopened (a
 * duplicate closed by mistake); closed-completed is final.
 */
export const TRANSITIONS: Record<ReferralStatus, readonly ReferralStatus[]> = {
  new: [
    'waiting-on-info',
    'ready-to-send',
    'sent',
    'needs-patient-action',
    'scheduled',
    'closed-not-completed',
  ],
  'waiting-on-info': ['ready-to-send', 'sent', 'needs-patient-action', 'closed-not-completed'],
  'ready-to-send': ['sent', 'waiting-on-info', 'closed-not-completed'],
  sent: ['declined', 'needs-patient-action', 'scheduled', 'waiting-on-info', 'closed-not-completed'],
  declined: ['ready-to-send', 'waiting-on-info', 'closed-not-completed'],
  'needs-patient-action': ['scheduled', 'waiting-on-info', 'sent', 'closed-not-completed'],
  scheduled: ['no-show', 'closed-completed', 'needs-patient-action', 'closed-not-completed'],
  'no-show': ['needs-patient-action', 'scheduled', 'closed-not-completed'],
  'closed-completed': [],
  'closed-not-completed': ['new'],
};

export type ReasonList = keyof Config['reasons'];

/** States that need a coded reason, and which list the reason comes from. */
export const REASON_LIST: Partial<Record<ReferralStatus, ReasonList>> = {
  'waiting-on-info': 'delay',
  declined: 'decline',
  'closed-not-completed': 'close',
};

export interface StatusChange {
  to: ReferralStatus;
  at: number;
  by: string;
  reason?: string;
  note?: string;
  /** Required when moving to scheduled. */
  appointmentAt?: number;
  /** Why the packet is sent although required checklist items are missing. */
  packetOverride?: string;
}

/**
 * Why the state machine refuses a change, as data: the words a coordinator reads are chosen at
 * the edge (`ui/refusal-text.ts`), in their language, the way the overdue notice is worded.
 */
export type Refusal =
  /** `allowed` is empty when the state is final. */
  | { code: 'transition'; from: ReferralStatus; to: ReferralStatus; allowed: readonly ReferralStatus[] }
  | { code: 'reason-needed'; list: ReasonList; to: ReferralStatus }
  | { code: 'unknown-reason'; list: ReasonList; reason: string }
  | { code: 'appointment-needed'; to: 'scheduled' }
  /** `missing`: the labels of the required checklist items missing. */
  | { code: 'packet-incomplete'; missing: string[] }
  /** No open escalation raised at `raisedAt`: resolved already, or never raised. */
  | { code: 'escalation-not-open'; raisedAt: number }
  /** A hand-off to whoever owns the referral already (undefined: it is unassigned already). */
  | { code: 'same-owner'; owner: string | undefined }
  /** A claim by a coordinator Handoff cannot name yet (no sign-in, no name in options). */
  | { code: 'coordinator-unknown' };

/** A change the state machine refuses; `refusal` says why. */
export class TransitionRefused extends Error {
  override readonly name = 'TransitionRefused';
  constructor(readonly refusal: Refusal) {
    super(`Transition refused: ${refusal.code}`);
  }
}

/** Checks a status change against the machine and the configured reasons; throws what is wrong. */
export function checkStatusChange(referral: Referral, change: StatusChange, config: Config): void {
  const { status } = referral;
  if (!TRANSITIONS[status].includes(change.to)) {
    throw new TransitionRefused({
      code: 'transition',
      from: status,
      to: change.to,
      allowed: TRANSITIONS[status],
    });
  }
  const list = REASON_LIST[change.to];
  if (list) {
    if (!change.reason) throw new TransitionRefused({ code: 'reason-needed', list, to: change.to });
    if (!config.reasons[list].some((reason) => reason.code === change.reason)) {
      throw new TransitionRefused({ code: 'unknown-reason', list, reason: change.reason });
    }
  }
  if (change.to === 'scheduled' && change.appointmentAt === undefined) {
    throw new TransitionRefused({ code: 'appointment-needed', to: 'scheduled' });
  }
  const gaps = change.to === 'sent' ? (referral.packet?.missingRequired ?? []) : [];
  if (gaps.length > 0 && (change.packetOverride?.trim().length ?? 0) < OVERRIDE_REASON_MIN) {
    throw new TransitionRefused({ code: 'packet-incomplete', missing: gaps.map((gap) => gap.label) });
  }
}

/**
 * The referral after a status change: new state, milestone dates set the first time they
 * happen, and one more history line. Pure: the caller stores it.
 */
export function applyStatusChange(referral: Referral, change: StatusChange, config: Config): Referral {
  checkStatusChange(referral, change, config);
  const dates = { ...referral.dates };
  const { at } = change;
  if (change.to === 'sent') dates.recordsSentAt ??= at;
  if (change.to === 'scheduled') {
    dates.scheduledAt ??= at;
    dates.appointmentAt = change.appointmentAt;
  }
  if (change.to === 'closed-completed') dates.reportReceivedAt ??= at;
  if (!isOpen(change.to)) dates.closedAt = at;
  if (change.to === 'new') dates.closedAt = undefined;
  // Checked above: gaps left here were overridden with a reason, which the history keeps.
  const gaps = change.to === 'sent' ? (referral.packet?.missingRequired ?? []) : [];
  const overrideReason = gaps.length > 0 ? change.packetOverride?.trim() : undefined;
  const packet =
    referral.packet && overrideReason
      ? {
          ...referral.packet,
          override: { at, by: change.by, reason: overrideReason, missing: gaps.map((gap) => gap.id) },
        }
      : referral.packet;
  const note = [
    overrideReason && `Sent with missing items (${gaps.map((gap) => gap.id).join(', ')}): ${overrideReason}`,
    change.note,
  ]
    .filter(Boolean)
    .join(' — ');
  const entry: HistoryEntry = {
    at,
    by: change.by,
    kind: 'status',
    from: referral.status,
    to: change.to,
    ...(change.reason && { reason: change.reason }),
    ...(note && { note }),
  };
  return {
    ...referral,
    packet,
    status: change.to,
    statusReason: REASON_LIST[change.to] ? change.reason : undefined,
    dates,
    history: [...referral.history, entry],
  };
}
