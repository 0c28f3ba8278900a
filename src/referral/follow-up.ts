import type { Config } from '../config/schema';
import { addBusinessDays } from './business-days';
import { atWorkingHours, endOfWorkingDay, orderedAt } from './order-date';
import { isOpen, type Referral } from './referral';

const after = (at: number, days: number, config: Config) =>
  addBusinessDays(new Date(at), days, config.calendar).getTime();

/**
 * When the referral next needs someone to act, recomputed on every change:
 * - no outreach yet: the service level for its priority, counted from the order date on the EHR
 *   screen (tracking time when it showed none), due at the end of that working day;
 * - after outreach: the cadence (day 0, 2, 5 … after the 1st, 2nd, 3rd try);
 * - sent and not acknowledged: the receiving office's acknowledgment service level;
 * - scheduled: the day after the appointment, to confirm the visit and the report;
 * - closed: never. A snooze pushes the date later, never earlier; an agreed callback time wins.
 * Computed dates land inside working hours (a try logged at 18:00 comes due the next morning).
 */
export function nextFollowUpAt(referral: Referral, config: Config): number | undefined {
  if (!isOpen(referral.status)) return undefined;
  if (referral.callbackAt !== undefined) return referral.callbackAt;
  const { serviceLevels } = config;
  const { dates, outreach } = referral;
  const lastAttempt = outreach.at(-1);
  let due: number;
  if (referral.status === 'scheduled' && dates.appointmentAt !== undefined) {
    due = after(dates.appointmentAt, serviceLevels.afterAppointmentBusinessDays, config);
  } else if (referral.status === 'sent' && dates.acknowledgedAt === undefined) {
    const sentAt = dates.recordsSentAt ?? referral.updatedAt;
    const acknowledgmentDue = after(sentAt, serviceLevels.acknowledgmentBusinessDays, config);
    const outreachDue = lastAttempt && lastAttempt.at > sentAt ? cadenceDue(referral, config) : undefined;
    due = outreachDue ?? acknowledgmentDue;
  } else if (lastAttempt) {
    due = cadenceDue(referral, config);
  } else {
    const days = serviceLevels.firstFollowUpBusinessDays[referral.priority];
    due = endOfWorkingDay(after(orderedAt(referral), days, config), config.calendar);
  }
  return Math.max(atWorkingHours(due, config.calendar), referral.snoozedUntil ?? 0);
}

function cadenceDue(referral: Referral, config: Config): number {
  const cadence = config.serviceLevels.outreachCadenceBusinessDays;
  const attempts = referral.outreach.length;
  const last = referral.outreach[attempts - 1];
  const days = cadence[Math.min(attempts, cadence.length) - 1] ?? cadence[cadence.length - 1] ?? 0;
  return after(last?.at ?? referral.createdAt, days, config);
}
