import type { Config } from '../config/schema';
import { nextFollowUpAt } from '../referral/follow-up';
import type { Referral } from '../referral/referral';
import type { SharedReferral } from './fhir-mapping';

/**
 * The shared referral as this device stores it: the server's (or the merged) fields, with what
 * belongs to this device kept (its local id, its snooze), the follow-up worked out again here and
 * announced again only when it moved.
 */
export function localCopy(
  shared: SharedReferral,
  local: Referral | undefined,
  config: Config,
  newId: () => string,
): Referral {
  const referral: Referral = {
    ...shared,
    id: local?.id ?? newId(),
    version: (local?.version ?? 0) + 1,
    ...(local?.snoozedUntil !== undefined && { snoozedUntil: local.snoozedUntil }),
  };
  referral.nextFollowUpAt = nextFollowUpAt(referral, config);
  referral.unannouncedAt =
    local && local.nextFollowUpAt === referral.nextFollowUpAt ? local.unannouncedAt : referral.nextFollowUpAt;
  return referral;
}
