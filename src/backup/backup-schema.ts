import { UserSettings } from '../config/user-settings';
import {
  HISTORY_KINDS,
  OUTREACH_CHANNELS,
  OUTREACH_OUTCOMES,
  OUTREACH_PARTIES,
  PATIENT_BARRIERS,
  REFERRAL_STATUSES,
  type Referral,
} from '../referral/referral';
import { ReferralDraft } from '../referral/referral-draft';
import { z } from '../zod';

export const BACKUP_FORMAT = 'handoff-backup';
export const BACKUP_VERSION = 1;

/**
 * Every field of a referral as the queue stores it, bounded, and nothing else: a hand-edited
 * file cannot bring in fields the code does not know, or text no EHR page could have produced.
 */
const Id = z.string().min(1).max(64);
const Time = z.number().int().min(0).max(8.64e15);
const Initials = z.string().max(16);
const Text = z.string().max(4000);
const Label = z.string().max(500);
const Items = <T extends z.ZodType>(item: T) => z.array(item).max(1000);
const ReferralStatus = z.enum(REFERRAL_STATUSES);

const OutreachAttempt = z.strictObject({
  id: Id,
  at: Time,
  by: Initials,
  byFhirUser: z.string().max(2048).optional(),
  party: z.enum(OUTREACH_PARTIES),
  channel: z.enum(OUTREACH_CHANNELS),
  outcome: z.enum(OUTREACH_OUTCOMES),
  scriptId: Id.optional(),
  note: Text.optional(),
  barriers: z.array(z.enum(PATIENT_BARRIERS)).max(PATIENT_BARRIERS.length),
});

const RecordItem = z.strictObject({
  id: Id,
  name: Label,
  requestedFrom: Label.optional(),
  requestedAt: Time.optional(),
  receivedAt: Time.optional(),
  sentAt: Time.optional(),
});

const HistoryEntry = z.strictObject({
  at: Time,
  by: Initials,
  byFhirUser: z.string().max(2048).optional(),
  kind: z.enum(HISTORY_KINDS),
  from: ReferralStatus.optional(),
  to: ReferralStatus.optional(),
  owner: Label.optional(),
  reason: Label.optional(),
  note: Text.optional(),
});

const PacketState = z.strictObject({
  checkedAt: Time,
  missingRequired: Items(z.strictObject({ id: Id, label: Label })),
  confirmed: Items(Id),
  firstCheckedAt: Time,
  firstMissing: Items(Id),
  override: z.strictObject({ at: Time, by: Initials, reason: Label, missing: Items(Id) }).optional(),
});

const Escalation = z.strictObject({
  at: Time,
  by: Initials,
  trigger: z.enum(['clinical-question', 'note']),
  redFlag: z.boolean(),
  matched: Items(Label),
  contact: z.strictObject({ name: Label, reach: Label, responseTime: Label }),
  resolved: z.strictObject({ at: Time, by: Initials, note: Label.optional() }).optional(),
});

const ReferralDates = z.strictObject({
  firstOutreachAt: Time.optional(),
  patientContactedAt: Time.optional(),
  recordsSentAt: Time.optional(),
  acknowledgedAt: Time.optional(),
  scheduledAt: Time.optional(),
  appointmentAt: Time.optional(),
  reportReceivedAt: Time.optional(),
  closedAt: Time.optional(),
});

export const BackupReferral = ReferralDraft.extend({
  id: Id,
  dedupeKey: z.string().min(1).max(3000),
  status: ReferralStatus,
  statusReason: Label.optional(),
  owner: z
    .strictObject({ name: Label, initials: Initials, fhirUser: z.string().max(2048).optional() })
    .optional(),
  createdAt: Time,
  updatedAt: Time,
  version: z.number().int().min(1),
  nextFollowUpAt: Time.optional(),
  snoozedUntil: Time.optional(),
  callbackAt: Time.optional(),
  unannouncedAt: Time.optional(),
  organizationKey: Label.optional(),
  identifiedClosedAt: Time.optional(),
  reducedAt: Time.optional(),
  dates: ReferralDates,
  outreach: Items(OutreachAttempt),
  records: Items(RecordItem),
  acknowledgmentNote: Text.optional(),
  packet: PacketState.optional(),
  escalations: Items(Escalation).optional(),
  history: z.array(HistoryEntry).min(1).max(10_000),
}).strict();

// The schema must describe the stored record exactly: a field added to `Referral` breaks the build here.
type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const describesReferral: Exactly<z.infer<typeof BackupReferral>, Referral> = true;
void describesReferral;

const DismissedPage = z.strictObject({ pageKey: z.string().min(1).max(3000), at: Time });

/** The settings the coordinator chose, as stored: no defaults filled in, so a restore adds none. */
const OwnSettings = z.strictObject({
  name: UserSettings.shape.name.unwrap().optional(),
  initials: UserSettings.shape.initials.unwrap().optional(),
  quietHours: UserSettings.shape.quietHours.unwrap().optional(),
  panelSide: UserSettings.shape.panelSide.unwrap().optional(),
});

/** Where the panel sits, as the panel remembers it (the side is a user setting). */
export const PanelPlacementSetting = z.strictObject({ collapsed: z.boolean() });

export const Backup = z
  .strictObject({
    format: z.literal(BACKUP_FORMAT),
    version: z.literal(BACKUP_VERSION),
    exportedAt: Time,
    contents: z.strictObject({
      referrals: z.array(BackupReferral).max(200_000),
      dismissedPages: z.array(DismissedPage).max(200_000),
      userSettings: OwnSettings.optional(),
      panelPlacement: PanelPlacementSetting.optional(),
    }),
  })
  .superRefine(({ contents }, context) => {
    // The queue's unique keys: caught here, with a clear message, instead of failing the write.
    const unique = (values: string[], path: string, what: string) => {
      const seen = new Set<string>();
      values.forEach((value, index) => {
        if (seen.has(value))
          context.addIssue({ code: 'custom', path: ['contents', path, index], message: `duplicate ${what}` });
        seen.add(value);
      });
    };
    unique(
      contents.referrals.map((referral) => referral.id),
      'referrals',
      'id',
    );
    unique(
      contents.referrals.map((referral) => referral.dedupeKey),
      'referrals',
      'dedupeKey',
    );
    unique(
      contents.dismissedPages.map((page) => page.pageKey),
      'dismissedPages',
      'pageKey',
    );
  });
export type Backup = z.infer<typeof Backup>;
