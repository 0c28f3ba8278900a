import type { Config } from '../config/schema';
import { t } from '../i18n';
import { OVERRIDE_REASON_MIN } from '../panel-config/checklist';
import { statusLabel } from '../ui/labels';
import type { HistoryEntry, Referral, ReferralStatus } from './referral';
import { isOpen } from './referral';

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

/** States that need a coded reason, and which list the reason comes from. */
export const REASON_LIST: Partial<Record<ReferralStatus, keyof Config['reasons']>> = {
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
 * A transition the state machine refuses, with the message a coordinator sees, in the browser's
 * language (the background's `i18n` is the user's).
 */
export class TransitionRefused extends Error {
  override readonly name = 'TransitionRefused';
}

/** Checks a status change against the machine and the configured reasons; throws what is wrong. */
export function checkStatusChange(referral: Referral, change: StatusChange, config: Config): void {
  const { status } = referral;
  if (!TRANSITIONS[status].includes(change.to)) {
    const options = TRANSITIONS[status].map(statusLabel).join(', ');
    throw new TransitionRefused(
      options
        ? t('refusalTransition', [statusLabel(status), statusLabel(change.to), options])
        : t('refusalTransitionFinal', [statusLabel(status), statusLabel(change.to)]),
    );
  }
  const list = REASON_LIST[change.to];
  if (list) {
    if (!change.reason) throw new TransitionRefused(t(`refusalReasonNeeded_${list}`, statusLabel(change.to)));
    if (!config.reasons[list].some((reason) => reason.code === change.reason)) {
      throw new TransitionRefused(t(`refusalUnknownReason_${list}`, change.reason));
    }
  }
  if (change.to === 'scheduled' && change.appointmentAt === undefined) {
    throw new TransitionRefused(t('refusalAppointmentNeeded', statusLabel('scheduled')));
  }
  const gaps = change.to === 'sent' ? (referral.packet?.missingRequired ?? []) : [];
  if (gaps.length > 0 && (change.packetOverride?.trim().length ?? 0) < OVERRIDE_REASON_MIN) {
    throw new TransitionRefused(t('refusalPacketIncomplete', gaps.map((gap) => gap.label).join('; ')));
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
