import type { Priority } from '../referral/priority';
import type { OUTREACH_CHANNELS, OutreachAttempt, Referral, ReferralStatus } from '../referral/referral';
import { REASON_LIST } from '../referral/state-machine';
import { fieldsPacketCheck, type PacketCheck } from './packet-check';

export type Channel = (typeof OUTREACH_CHANNELS)[number];

/** Outcomes where someone answered: the attempt reached the party, whatever they said. */
export const REACHED_OUTCOMES: ReadonlySet<OutreachAttempt['outcome']> = new Set([
  'reached',
  'scheduled',
  'declined',
]);

/**
 * What the metrics need to know of one referral, and nothing else: the queue stores it beside the
 * referral in the same transaction, so a year of metrics reads a few numbers and codes per
 * referral instead of whole records with their history, outreach and patient details. Optional
 * fields are left out when empty, which keeps the stored copy small.
 */
export interface ReferralFacts {
  id: string;
  createdAt: number;
  /** The EHR's order date as written (YYYY-MM-DD); turned into a local moment when read. */
  authoredOn?: string;
  status: ReferralStatus;
  statusReason?: string;
  priority: Priority;
  /** The receiving office as written in the EHR. */
  organization?: string;
  nextFollowUpAt?: number;
  firstOutreachAt?: number;
  scheduledAt?: number;
  appointmentAt?: number;
  recordsSentAt?: number;
  acknowledgedAt?: number;
  /** How many times the patient missed the visit. */
  noShows?: number;
  /** Every coded reason the referral went through, once each, as `kind|code`. */
  reasons?: string[];
  /** Outreach per channel: [attempts, attempts that reached the party]. */
  contacts?: Partial<Record<Channel, [number, number]>>;
  /** Packet items missing when first checked; absent when the packet was never checked. */
  missing?: string[];
}

/** Copies only the fields that are set, so that an absent milestone takes no room. */
function defined<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** The distinct `kind|code` reasons of a referral's history and current state. */
function reasonsOf(referral: Referral): string[] {
  const seen = new Set<string>();
  const note = (state: ReferralStatus | undefined, code: string | undefined) => {
    const kind = state && REASON_LIST[state];
    if (kind && code) seen.add(`${kind}|${code}`);
  };
  for (const entry of referral.history) if (entry.kind === 'status') note(entry.to, entry.reason);
  note(referral.status, referral.statusReason);
  return [...seen];
}

function contactsOf(outreach: readonly OutreachAttempt[]): ReferralFacts['contacts'] {
  const contacts: NonNullable<ReferralFacts['contacts']> = {};
  for (const attempt of outreach) {
    const counts = contacts[attempt.channel] ?? [0, 0];
    counts[0] += 1;
    if (REACHED_OUTCOMES.has(attempt.outcome)) counts[1] += 1;
    contacts[attempt.channel] = counts;
  }
  return contacts;
}

/** The facts of a referral as it stands, with its packet checked by `packetCheck`. */
export function referralFacts(
  referral: Referral,
  packetCheck: PacketCheck = fieldsPacketCheck,
): ReferralFacts {
  const { dates } = referral;
  const reasons = reasonsOf(referral);
  const noShows = referral.history.filter(
    (entry) => entry.kind === 'status' && entry.to === 'no-show',
  ).length;
  const missing = packetCheck.check(referral)?.missing;
  return {
    id: referral.id,
    createdAt: referral.createdAt,
    status: referral.status,
    priority: referral.priority,
    ...defined({
      authoredOn: referral.authoredOn,
      statusReason: referral.statusReason,
      organization: referral.receiving.organization,
      nextFollowUpAt: referral.nextFollowUpAt,
      firstOutreachAt: dates.firstOutreachAt,
      scheduledAt: dates.scheduledAt,
      appointmentAt: dates.appointmentAt,
      recordsSentAt: dates.recordsSentAt,
      acknowledgedAt: dates.acknowledgedAt,
      missing: missing && [...new Set(missing)],
    }),
    ...(noShows > 0 && { noShows }),
    ...(reasons.length > 0 && { reasons }),
    ...(referral.outreach.length > 0 && { contacts: contactsOf(referral.outreach) }),
  };
}
