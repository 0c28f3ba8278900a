import { t } from '../i18n';
import type { Refusal } from '../referral/state-machine';
import { statusLabel } from './labels';

/** A state machine refusal in the coordinator's language, with what they can do about it. */
export function refusalText(refusal: Refusal): string {
  switch (refusal.code) {
    case 'transition': {
      const [from, to] = [statusLabel(refusal.from), statusLabel(refusal.to)];
      return refusal.allowed.length > 0
        ? t('refusalTransition', [from, to, refusal.allowed.map(statusLabel).join(', ')])
        : t('refusalTransitionFinal', [from, to]);
    }
    case 'reason-needed':
      return t(`refusalReasonNeeded_${refusal.list}`, statusLabel(refusal.to));
    case 'unknown-reason':
      return t(`refusalUnknownReason_${refusal.list}`, refusal.reason);
    case 'appointment-needed':
      return t('refusalAppointmentNeeded', statusLabel(refusal.to));
    case 'packet-incomplete':
      return t('refusalPacketIncomplete', refusal.missing.join('; '));
    case 'escalation-not-open':
      return t('refusalEscalationNotOpen');
    case 'same-owner':
      return refusal.owner ? t('refusalSameOwner', refusal.owner) : t('refusalAlreadyUnassigned');
    case 'coordinator-unknown':
      return t('refusalCoordinatorUnknown');
  }
}
