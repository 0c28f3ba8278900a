import { MAX_BACKUP_CHARS } from './backup/backup-limits';
import { EXPORT_KIND_NAMES } from './export/export-kinds';
import { AGE_BUCKET_NAMES } from './referral/age-buckets';
import { PRIORITIES } from './referral/priority';
import {
  OUTREACH_CHANNELS,
  OUTREACH_OUTCOMES,
  OUTREACH_PARTIES,
  PATIENT_BARRIERS,
  REFERRAL_STATUSES,
} from './referral/referral';
import { PageUrl, ReferralDraft } from './referral/referral-draft';
import { z } from './zod';

const Id = z.string().min(1).max(64);
const Version = z.number().int().min(1);
const Note = z.string().trim().max(2000).optional();
const Time = z.number().int().min(0);
const ReferralStatus = z.enum(REFERRAL_STATUSES);

/** The filters, sort and page of a queue view; `after` is the opaque cursor of the previous page. */
export const QueueQuery = z.object({
  states: z.array(ReferralStatus).max(REFERRAL_STATUSES.length).optional(),
  overdueOnly: z.boolean().optional(),
  ageBucket: z.enum(AGE_BUCKET_NAMES).optional(),
  priorities: z.array(z.enum(PRIORITIES)).max(PRIORITIES.length).optional(),
  specialty: z.string().max(200).optional(),
  receivingOrganization: z.string().max(200).optional(),
  search: z.string().max(200).optional(),
  /** Only referrals with an escalation nobody has resolved yet. */
  escalationOpen: z.boolean().optional(),
  /** On a team queue: only the coordinator's own referrals, or only those nobody owns. */
  owner: z.enum(['mine', 'unassigned']).optional(),
  sort: z.enum(['next-follow-up', 'newest', 'oldest']).default('next-follow-up'),
  after: z.string().max(500).optional(),
  limit: z.number().int().min(1).max(100).default(25),
});
export type QueueQuery = z.infer<typeof QueueQuery>;
export type QueueQueryInput = z.input<typeof QueueQuery>;

/**
 * The patient the writing page shows (name, date of birth, MRN): a change from the panel names
 * it, and the background refuses the change on a referral that is someone else's.
 */
const OnScreen = ReferralDraft.shape.patient.pick({ name: true, dateOfBirth: true, mrn: true }).optional();

/** A colleague a referral is handed to, as the team's member list names them. */
const Colleague = z.object({
  name: z.string().trim().min(1).max(200),
  initials: z.string().trim().max(16),
  fhirUser: z.string().max(2048).optional(),
});

/** The packet checklist as the panel checked it: the required items missing, the items ticked by hand. */
const PacketCheck = z.object({
  missingRequired: z.array(z.object({ id: z.string().max(64), label: z.string().max(120) })).max(50),
  confirmed: z.array(z.string().max(64)).max(50),
});

/** Every request the background accepts, validated on arrival: content scripts live in pages we do not control. */
export const HandoffRequest = z.discriminatedUnion('type', [
  // The packet as checked when tracking is recorded with the referral: its first check.
  // `separately`: the coordinator saw the warning that the queue's referral under this key is
  // another patient's, and tracks this one apart from it.
  z.object({
    type: z.literal('track-referral'),
    draft: ReferralDraft,
    packet: PacketCheck.optional(),
    separately: z.boolean().default(false),
  }),
  // The draft may be incomplete (no patient name on the page yet): then only the page is looked up.
  // `row`: the draft is one row of a list, and the answer says whether that row's referral was
  // marked "not a referral" on its own.
  z.object({
    type: z.literal('page-status'),
    pageUrl: PageUrl,
    draft: z.unknown(),
    row: z.boolean().optional(),
  }),
  // With `row` (a list row's draft): only that row's referral on the page, not the whole page.
  z.object({
    type: z.literal('set-page-dismissed'),
    pageUrl: PageUrl,
    dismissed: z.boolean(),
    row: z.unknown().optional(),
  }),
  z.object({ type: z.literal('list-referrals'), limit: z.number().int().min(1).max(200) }),
  z.object({ type: z.literal('query-queue'), query: QueueQuery }),
  z.object({ type: z.literal('get-referral'), id: Id }),
  // The coordinator's day: overdue, due today, new, escalations open; the first `shown` of each.
  z.object({ type: z.literal('today'), shown: z.number().int().min(1).max(50).default(10) }),
  // Metrics over the referrals ordered in [from, to), and exports as file text (never sent anywhere).
  // Bounded to the last moment a Date can hold, so that every bound prints as a date.
  z
    .object({ type: z.literal('compute-metrics'), from: Time.max(8.64e15), to: Time.max(8.64e15) })
    .refine((period) => period.from < period.to, 'the period must end after it starts'),
  z.object({
    type: z.literal('export'),
    what: z.enum(EXPORT_KIND_NAMES),
    from: Time.max(8.64e15).optional(),
    to: Time.max(8.64e15).optional(),
  }),
  z.object({ type: z.literal('get-reasons') }),
  // Who is working and how the sign-in stands; sign-in with the organisation's identity provider
  // (the provider's own page), and sign-out.
  z.object({ type: z.literal('who-is-working') }),
  z.object({ type: z.literal('sign-in') }),
  z.object({ type: z.literal('sign-out') }),
  z.object({ type: z.literal('list-audit'), limit: z.number().int().min(1).max(1000) }),
  // The team queue's people: who is working here and the colleagues a referral can be handed to.
  z.object({ type: z.literal('team-members') }),
  // Who works the referral: the coordinator themself (a claim), a colleague (with the note they
  // read first), or nobody (back to the team).
  z.object({
    type: z.literal('hand-off'),
    id: Id,
    onScreen: OnScreen,
    version: Version,
    to: z.union([z.literal('me'), z.literal('team'), Colleague]),
    note: Note,
  }),
  // The team queue's conflicts, and the coordinator's pick for one (field and moment name it).
  z.object({ type: z.literal('list-conflicts') }),
  z.object({
    type: z.literal('settle-conflict'),
    id: Id,
    field: z.string().min(1).max(120),
    at: Time,
    keep: z.enum(['mine', 'theirs']),
  }),
  // The whole queue and the coordinator's settings as a file, and a file put back in their place.
  z.object({ type: z.literal('backup-export') }),
  z.object({ type: z.literal('backup-restore'), text: z.string().max(MAX_BACKUP_CHARS) }),
  z.object({
    type: z.literal('change-status'),
    id: Id,
    onScreen: OnScreen,
    version: Version,
    to: ReferralStatus,
    reason: z.string().max(40).optional(),
    note: Note,
    appointmentAt: Time.optional(),
    /** Marking sent with required checklist items missing: the coordinator's reason. */
    packetOverride: z.string().trim().max(500).optional(),
  }),
  z.object({
    type: z.literal('log-outreach'),
    id: Id,
    onScreen: OnScreen,
    version: Version,
    party: z.enum(OUTREACH_PARTIES),
    channel: z.enum(OUTREACH_CHANNELS),
    outcome: z.enum(OUTREACH_OUTCOMES),
    barriers: z.array(z.enum(PATIENT_BARRIERS)).max(PATIENT_BARRIERS.length).default([]),
    scriptId: z.string().max(64).optional(),
    note: Note,
    /** With outcome "scheduled": the appointment that was booked. */
    appointmentAt: Time.optional(),
  }),
  z.object({ type: z.literal('snooze'), id: Id, version: Version, until: Time, onScreen: OnScreen }),
  z.object({
    type: z.literal('call-back-at'),
    id: Id,
    onScreen: OnScreen,
    version: Version.optional(),
    at: Time,
  }),
  z.object({
    type: z.literal('record-packet'),
    id: Id,
    onScreen: OnScreen,
    version: Version,
    ...PacketCheck.shape,
  }),
  z.object({
    type: z.literal('escalate'),
    id: Id,
    onScreen: OnScreen,
    version: Version,
    trigger: z.enum(['clinical-question', 'note']),
    redFlag: z.boolean().default(false),
    matched: z.array(z.string().max(100)).max(20).default([]),
  }),
  // Licensed staff took the escalation raised at `raisedAt`: it closes, with who resolved it.
  z.object({
    type: z.literal('resolve-escalation'),
    id: Id,
    onScreen: OnScreen,
    version: Version,
    raisedAt: Time,
    note: Note,
  }),
  z.object({ type: z.literal('acknowledge'), id: Id, version: Version, note: Note, onScreen: OnScreen }),
  z.object({
    type: z.literal('track-record'),
    id: Id,
    onScreen: OnScreen,
    version: Version,
    record: z.object({
      id: Id.optional(),
      name: z.string().trim().min(1).max(200),
      requestedFrom: z.string().max(200).optional(),
    }),
    event: z.enum(['requested', 'received', 'sent']),
  }),
]);
export type HandoffRequest = z.infer<typeof HandoffRequest>;
export type HandoffRequestInput = z.input<typeof HandoffRequest>;
