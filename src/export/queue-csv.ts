import type { Referral } from '../referral/referral';
import { type Cell, isoTime } from './csv';

/**
 * One row per referral: what a coordinator needs to work the queue from a spreadsheet.
 * `status_reason` is the coded delay, decline or close reason the current state carries.
 */
export const QUEUE_COLUMNS = [
  'referral_id',
  'order_number',
  'patient_name',
  'patient_mrn',
  'patient_date_of_birth',
  'specialty',
  'receiving_organization',
  'receiving_provider',
  'priority',
  'state',
  'status_reason',
  'ordered_on',
  'tracked_at',
  'first_outreach_at',
  'patient_contacted_at',
  'records_sent_at',
  'acknowledged_at',
  'scheduled_at',
  'appointment_at',
  'report_received_at',
  'closed_at',
  'next_follow_up_at',
  'outreach_attempts',
  'last_outreach_at',
  'last_outreach_party',
  'last_outreach_channel',
  'last_outreach_outcome',
  'ehr_page',
] as const;

export function queueRow(referral: Referral): Cell[] {
  const { dates, patient, receiving } = referral;
  const last = referral.outreach.at(-1);
  const row: Record<(typeof QUEUE_COLUMNS)[number], Cell> = {
    referral_id: referral.id,
    order_number: referral.orderNumber,
    patient_name: patient.name,
    patient_mrn: patient.mrn,
    patient_date_of_birth: patient.dateOfBirth,
    specialty: receiving.specialty,
    receiving_organization: receiving.organization,
    receiving_provider: receiving.provider,
    priority: referral.priority,
    state: referral.status,
    status_reason: referral.statusReason,
    ordered_on: referral.authoredOn,
    tracked_at: isoTime(referral.createdAt),
    first_outreach_at: isoTime(dates.firstOutreachAt),
    patient_contacted_at: isoTime(dates.patientContactedAt),
    records_sent_at: isoTime(dates.recordsSentAt),
    acknowledged_at: isoTime(dates.acknowledgedAt),
    scheduled_at: isoTime(dates.scheduledAt),
    appointment_at: isoTime(dates.appointmentAt),
    report_received_at: isoTime(dates.reportReceivedAt),
    closed_at: isoTime(dates.closedAt),
    next_follow_up_at: isoTime(referral.nextFollowUpAt),
    outreach_attempts: referral.outreach.length,
    last_outreach_at: isoTime(last?.at),
    last_outreach_party: last?.party,
    last_outreach_channel: last?.channel,
    last_outreach_outcome: last?.outcome,
    ehr_page: referral.source.pageUrl,
  };
  return QUEUE_COLUMNS.map((column) => row[column]);
}
