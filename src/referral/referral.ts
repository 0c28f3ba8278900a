import { patientKeyOf } from './patient-identity';
import type { ReferralDraft } from './referral-draft';

export const REFERRAL_STATUSES = [
  'new',
  'waiting-on-info',
  'ready-to-send',
  'sent',
  'declined',
  'needs-patient-action',
  'scheduled',
  'no-show',
  'closed-completed',
  'closed-not-completed',
] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export function isOpen(status: ReferralStatus): boolean {
  return status !== 'closed-completed' && status !== 'closed-not-completed';
}

/** Who reached out to whom, how, and what came of it. */
export const OUTREACH_PARTIES = ['patient', 'receiving-office', 'referring-office', 'payer'] as const;
export const OUTREACH_CHANNELS = ['phone', 'voicemail', 'sms', 'email', 'portal', 'letter', 'fax'] as const;
export const OUTREACH_OUTCOMES = [
  'reached',
  'left-voicemail',
  'no-answer',
  'wrong-number',
  'declined',
  'scheduled',
  'other',
] as const;
/** Barriers a patient mentions, recorded as codes so that they can be counted. */
export const PATIENT_BARRIERS = [
  'language',
  'transportation',
  'work-schedule',
  'insurance-uncertainty',
  'cost',
] as const;

export interface OutreachAttempt {
  id: string;
  at: number;
  /** The coordinator's initials, from options. */
  by: string;
  /** Their FHIR identity (the sign-in's `fhirUser`) when signed in: the Communication's sender. */
  byFhirUser?: string;
  party: (typeof OUTREACH_PARTIES)[number];
  channel: (typeof OUTREACH_CHANNELS)[number];
  outcome: (typeof OUTREACH_OUTCOMES)[number];
  scriptId?: string;
  note?: string;
  barriers: (typeof PATIENT_BARRIERS)[number][];
}

/** A record the receiving office needs: requested from someone, received, sent on. */
export interface RecordItem {
  id: string;
  name: string;
  requestedFrom?: string;
  requestedAt?: number;
  receivedAt?: number;
  sentAt?: number;
}

export const HISTORY_KINDS = [
  'created',
  'status',
  'outreach',
  'records',
  'acknowledgment',
  'snooze',
  'edit',
  'packet',
  'escalation',
  'hand-off',
] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];

/** A required checklist item not confirmed, named as the organisation's checklist names it. */
export interface PacketGap {
  id: string;
  label: string;
}

/** The packet checklist as last checked in the panel: what marking the referral sent is judged against. */
export interface PacketState {
  checkedAt: number;
  missingRequired: PacketGap[];
  /** Items without an automatic check that the coordinator ticked. */
  confirmed: string[];
  /** What was missing the first time the packet was checked: the missing-information metric. */
  firstCheckedAt: number;
  firstMissing: string[];
  /** Marked sent while required items were missing: the coordinator's stated reason. */
  override?: { at: number; by: string; reason: string; missing: string[] };
}

/** A clinical question handed to licensed staff: Handoff never answers one itself. */
export interface Escalation {
  at: number;
  by: string;
  /** The coordinator pressed "Clinical question", or a typed note read like one. */
  trigger: 'clinical-question' | 'note';
  redFlag: boolean;
  /** The configured phrases that matched the note; never the note itself. */
  matched: string[];
  /** The clinical contact as configured at the time. */
  contact: { name: string; reach: string; responseTime: string };
  /** Absent while open: recording an escalation tells nobody, so it stays open until someone resolves it. */
  resolved?: EscalationResolution;
}

/** Who marked an escalation resolved (licensed staff took it), when, and how it was handled. */
export interface EscalationResolution {
  at: number;
  by: string;
  note?: string;
}

/** The escalations nobody has resolved yet, oldest first. */
export function openEscalations(referral: Pick<Referral, 'escalations'>): Escalation[] {
  return (referral.escalations ?? []).filter((escalation) => escalation.resolved === undefined);
}

/**
 * A coordinator as the queue records them: who owns a referral. Their FHIR identity (the sign-in's
 * `fhirUser`) when they were signed in; otherwise the name and initials they gave in options.
 */
export interface Person {
  name: string;
  initials: string;
  fhirUser?: string;
}

/** One line of the append-only history: who changed what, when, and why. */
export interface HistoryEntry {
  at: number;
  by: string;
  /** Their FHIR identity (the sign-in's `fhirUser`) when signed in: the server's Provenance author. */
  byFhirUser?: string;
  kind: HistoryKind;
  from?: ReferralStatus;
  to?: ReferralStatus;
  /** A hand-off: the new owner's name; absent when the referral went back to the team. */
  owner?: string;
  /** A coded delay, decline or close reason. */
  reason?: string;
  note?: string;
}

/** The milestones metrics are computed from; each is set once, when it first happens. */
export interface ReferralDates {
  firstOutreachAt?: number;
  patientContactedAt?: number;
  recordsSentAt?: number;
  acknowledgedAt?: number;
  scheduledAt?: number;
  appointmentAt?: number;
  reportReceivedAt?: number;
  closedAt?: number;
}

export interface Referral extends ReferralDraft {
  id: string;
  /** Identifies the EHR referral across page loads and tabs; unique in the queue. */
  dedupeKey: string;
  status: ReferralStatus;
  /** The coded reason for the current delay, decline or closure, when the state needs one. */
  statusReason?: string;
  /** Who works the referral on a shared team queue; absent while it is unassigned. */
  owner?: Person;
  createdAt: number;
  updatedAt: number;
  /** Bumped on every write, so that a write based on an older copy is refused, not applied. */
  version: number;
  /** Absent once closed: closed referrals drop out of the due-date index. */
  nextFollowUpAt?: number;
  /** "Don't remind me before": pushes the follow-up later, never earlier. */
  snoozedUntil?: number;
  /** A time agreed with someone ("call me Tuesday at 10"): the follow-up, until the next change. */
  callbackAt?: number;
  /**
   * The follow-up time while it has not been announced in a notification yet; removed once it
   * has. Indexed, so a sweep reads only the referrals it has news about.
   */
  unannouncedAt?: number;
  /** The receiving office in the form the queue's filter indexes it (see `organizationKeyOf`). */
  organizationKey?: string;
  /** The closing time while a closed referral still holds patient details (see retention). */
  identifiedClosedAt?: number;
  /** When retention removed the patient details, keeping what the metrics need. */
  reducedAt?: number;
  dates: ReferralDates;
  outreach: OutreachAttempt[];
  records: RecordItem[];
  acknowledgmentNote?: string;
  /** Absent until the panel has checked the packet. */
  packet?: PacketState;
  /** Absent on referrals that never had one (and on records from before escalations existed). */
  escalations?: Escalation[];
  history: HistoryEntry[];
}

/**
 * The same EHR referral, seen on a reload or in a second tab, must map to one queue entry. The
 * EHR's order number is the best identity; without one, the patient (with the date of birth, so
 * that two patients of one name stay apart) and the referral's content stand in for it, within the
 * EHR's origin. A key is only where to look: a match also compares the patient (`samePatient`).
 */
export function dedupeKeyOf(draft: ReferralDraft): string {
  const origin = new URL(draft.source.pageUrl).origin;
  if (draft.orderNumber) return `${origin}|order|${draft.orderNumber.toLowerCase()}`;
  const who = [draft.patient.mrn ?? draft.patient.name, draft.patient.dateOfBirth ?? '']
    .join('|')
    .toLowerCase();
  const what = [draft.receiving.specialty, draft.authoredOn, draft.reason?.slice(0, 80)]
    .map((part) => part?.toLowerCase() ?? '')
    .join('|');
  return `${origin}|patient|${who}|${what}`;
}

/**
 * Where a referral goes that the coordinator tracked apart from another patient's referral under
 * the same key (an order number the EHR reused): the key with this patient's identity.
 */
export function separateKeyOf(draft: ReferralDraft): string {
  return `${dedupeKeyOf(draft)}|patient|${patientKeyOf(draft.patient)}`;
}

/**
 * A page as the coordinator sees it: the same address whatever its #fragment, so a "not a
 * referral" answer sticks to the screen, not to a scroll position.
 */
export function pageKeyOf(pageUrl: string): string {
  const url = new URL(pageUrl);
  return `${url.origin}${url.pathname}${url.search}`;
}
