import type { Config } from '../config/schema';
import { nextFollowUpAt } from '../referral/follow-up';
import type { Referral } from '../referral/referral';
import type { SharedReferral } from './fhir-mapping';

/**
 * The shared referral as this device stores it: the server's (or the merged) fields, with what
 * belongs to this device kept (its local id, its snooze), the follow-up worked out again here and
 * announced again only when it moved. A referral that reaches this device already overdue (a new
 * workstation's first sync of the team's queue) is not news to announce: the badge and the day
 * view show it, and the overdue notice is kept for follow-ups that fall due from now on.
 */
export function localCopy(
  shared: SharedReferral,
  local: Referral | undefined,
  config: Config,
  newId: () => string,
  now: number,
): Referral {
  const referral: Referral = {
    ...shared,
    id: local?.id ?? newId(),
    version: (local?.version ?? 0) + 1,
    ...(local?.snoozedUntil !== undefined && { snoozedUntil: local.snoozedUntil }),
  };
  referral.nextFollowUpAt = nextFollowUpAt(referral, config);
  const due = referral.nextFollowUpAt;
  referral.unannouncedAt =
    local && local.nextFollowUpAt === due
      ? local.unannouncedAt
      : !local && due !== undefined && due <= now
        ? undefined
        : due;
  return referral;
}
