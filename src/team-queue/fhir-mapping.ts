import type {
  CodeableConcept,
  Coding,
  Communication,
  Extension,
  Identifier,
  Patient,
  Reference,
  ServiceRequest,
  Task,
} from 'fhir/r4';
import { BackupReferral } from '../backup/backup-schema';
import type { Config } from '../config/schema';
import {
  defined,
  executionPeriodOf,
  IDENTIFIER_TYPE,
  iso,
  MEDIUM,
  PARTICIPATION_MODE,
  patientOf,
  taskStatusOf,
} from '../export/fhir-bundle';
import type { OutreachAttempt, Referral, ReferralStatus } from '../referral/referral';
import { REASON_LIST } from '../referral/state-machine';
import { sha256Hex } from '../sha256-hex';
import { z } from '../zod';

/**
 * The one mapping between a queued referral and the team's FHIR server (FHIR R4 "Task as
 * workflow", with the Task living on the shared server). Pure: no network, no browser.
 *
 * - ServiceRequest: the order as the EHR showed it (patient as a contained Patient, receiving
 *   office as performer, reason, priority, authored date, the EHR's order number).
 * - Task `basedOn` and `focus` the ServiceRequest: the coordination work. `status` is the generic
 *   life cycle (domain.md's table, shared with the export), `businessStatus` our ten states as
 *   codes with display names modelled on HL7 BSeR's Task business statuses, `statusReason` the
 *   coded delay/decline/close reason, `restriction.period.end` the next follow-up due,
 *   `executionPeriod` from the first action to the close, `owner` the coordinator who works it
 *   (their `fhirUser` when signed in, their name as display; absent while unassigned).
 * - Communication per outreach attempt, `basedOn` the ServiceRequest and `partOf` the Task,
 *   identified by the attempt's own id (a retried create finds it); `sender` the coordinator who
 *   logged it: their `fhirUser` (Practitioner or PractitionerRole) when signed in, their initials
 *   as display.
 * - Provenance per history entry a Task write carries: who made the change (their `fhirUser` at
 *   the time), what kind, when; its target the Task version written (provenance.ts).
 *
 * Identity: every resource of one referral carries the identifier `REFERRAL_KEY_SYSTEM|<key>`,
 * the key being a SHA-256 of the queue's dedupe key (EHR origin + order number, or the patient
 * and the referral's content without one). Two coordinators tracking the same EHR order compute
 * the same key, and conditional creates on it make one referral on the server, never two. The
 * hash keeps patient names out of URLs and server logs, where search parameters end up.
 *
 * Handoff clients read a referral back from its Task alone (one search per poll): the Task's
 * `COORDINATION_EXTENSION` carries the shared referral as JSON, validated on the way in. The
 * standard elements above say the same for every other FHIR client; the ServiceRequest, the
 * Communications and the Provenance are written for them and for the record, and are not read back.
 */

export const REFERRAL_KEY_SYSTEM = 'urn:handoff:referral';
export const OUTREACH_ID_SYSTEM = 'urn:handoff:outreach-attempt';
export const REFERRAL_STATE_SYSTEM = 'urn:handoff:referral-state';
export const REASON_SYSTEM = 'urn:handoff:reason';
export const COORDINATION_EXTENSION = 'urn:handoff:fhir:StructureDefinition:coordination';

/** The longest coordination extension read back: a referral with 1,000 attempts stays under it. */
export const MAX_COORDINATION_JSON = 1_000_000;

export interface TeamTag {
  system: string;
  code: string;
}

/**
 * The referral as the team shares it: every stored field but those that belong to this device
 * (its local id and write counter, its reminder bookkeeping and index keys, retention, snooze).
 */
export const SharedReferral = BackupReferral.omit({
  id: true,
  version: true,
  nextFollowUpAt: true,
  snoozedUntil: true,
  unannouncedAt: true,
  organizationKey: true,
  identifiedClosedAt: true,
  reducedAt: true,
}).strict();
export type SharedReferral = z.infer<typeof SharedReferral>;

const LOCAL_ONLY = [
  'id',
  'version',
  'nextFollowUpAt',
  'snoozedUntil',
  'unannouncedAt',
  'organizationKey',
  'identifiedClosedAt',
  'reducedAt',
] as const satisfies readonly (keyof Referral)[];

export function sharedPartOf(referral: Referral): SharedReferral {
  const shared: Record<string, unknown> = { ...referral };
  for (const field of LOCAL_ONLY) delete shared[field];
  return shared as SharedReferral;
}

/** The referral's identity on the server: hex SHA-256 of its dedupe key. */
export async function referralKeyOf(dedupeKey: string): Promise<string> {
  return sha256Hex(dedupeKey);
}

/** The search that finds a referral's resource by its key (If-None-Exist, or a plain search). */
export function keySearch(key: string): string {
  return `identifier=${encodeURIComponent(`${REFERRAL_KEY_SYSTEM}|${key}`)}`;
}
export function outreachSearch(attemptId: string): string {
  return `identifier=${encodeURIComponent(`${OUTREACH_ID_SYSTEM}|${attemptId}`)}`;
}
/** The team's own resources: every search the sync makes is scoped by it. */
export function teamSearch(team: TeamTag): string {
  return `_tag=${encodeURIComponent(`${team.system}|${team.code}`)}`;
}

/**
 * Display names after HL7 BSeR's Task business statuses (Created, Accepted, Declined, Event
 * Scheduled, Unattended, Completed…); the codes are our ten working states.
 */
const BUSINESS_STATUS: Record<ReferralStatus, string> = {
  new: 'Request created',
  'waiting-on-info': 'On hold: information missing',
  'ready-to-send': 'Ready to send',
  sent: 'Request sent',
  declined: 'Request declined',
  'needs-patient-action': 'Waiting on the patient',
  scheduled: 'Event scheduled',
  'no-show': 'Event unattended',
  'closed-completed': 'Fulfillment completed',
  'closed-not-completed': 'Request cancelled',
};

const keyIdentifier = (key: string): Identifier => ({ system: REFERRAL_KEY_SYSTEM, value: key });
const metaOf = (team: TeamTag) => ({ tag: [{ system: team.system, code: team.code }] });

function reasonOf(referral: Referral, config: Config): CodeableConcept | undefined {
  const list = REASON_LIST[referral.status];
  const code = referral.statusReason;
  if (!list || !code) return undefined;
  const label = config.reasons[list].find((reason) => reason.code === code)?.label;
  return defined({ coding: [{ system: REASON_SYSTEM, code }], text: label });
}

export function serviceRequestOf(referral: Referral, key: string, team: TeamTag): ServiceRequest {
  const { patient, receiving, referring } = referral;
  // The shared queue also carries how to reach the patient, which the metrics export leaves out.
  const contained: Patient = defined({
    ...patientOf(referral),
    telecom: patient.phone ? [{ system: 'phone' as const, value: patient.phone }] : undefined,
    communication: patient.preferredLanguage
      ? [{ language: { text: patient.preferredLanguage }, preferred: true }]
      : undefined,
  });
  const performer: Reference[] = [
    ...(receiving.provider ? [{ type: 'Practitioner', display: receiving.provider }] : []),
    ...(receiving.organization ? [{ type: 'Organization', display: receiving.organization }] : []),
  ];
  return defined({
    resourceType: 'ServiceRequest' as const,
    meta: metaOf(team),
    contained: [contained],
    identifier: [
      keyIdentifier(key),
      ...(referral.orderNumber
        ? [
            {
              type: { coding: [{ system: IDENTIFIER_TYPE, code: 'PLAC' }], text: 'Order number' },
              system: new URL(referral.source.pageUrl).origin,
              value: referral.orderNumber,
            },
          ]
        : []),
    ],
    status:
      referral.status === 'closed-completed'
        ? ('completed' as const)
        : referral.status === 'closed-not-completed'
          ? ('revoked' as const)
          : ('active' as const),
    intent: 'order' as const,
    category: [{ text: 'Referral' }],
    priority: referral.priority,
    code: receiving.specialty ? { text: receiving.specialty } : undefined,
    subject: { reference: '#patient', display: patient.name },
    authoredOn: referral.authoredOn,
    requester: referring.provider ? { display: referring.provider } : undefined,
    performer: performer.length > 0 ? performer : undefined,
    reasonCode: referral.reason ? [{ text: referral.reason }] : undefined,
    patientInstruction: receiving.instructions,
  });
}

export interface TaskLinks {
  /** The ServiceRequest's id on the server. */
  serviceRequestId: string;
  /** The Task's id and version when it exists: an update, sent with If-Match. */
  taskId?: string;
}

export function taskOf(
  referral: Referral,
  key: string,
  team: TeamTag,
  links: TaskLinks,
  config: Config,
): Task {
  const order: Reference = { reference: `ServiceRequest/${links.serviceRequestId}`, type: 'ServiceRequest' };
  const coordination: Extension = {
    url: COORDINATION_EXTENSION,
    valueString: JSON.stringify(sharedPartOf(referral)),
  };
  const businessStatus: Coding = {
    system: REFERRAL_STATE_SYSTEM,
    code: referral.status,
    display: BUSINESS_STATUS[referral.status],
  };
  return defined({
    resourceType: 'Task' as const,
    id: links.taskId,
    meta: metaOf(team),
    extension: [coordination],
    identifier: [keyIdentifier(key)],
    basedOn: [order],
    status: taskStatusOf(referral),
    statusReason: reasonOf(referral, config),
    businessStatus: { coding: [businessStatus], text: businessStatus.display },
    intent: 'order' as const,
    priority: referral.priority,
    code: { text: 'Referral coordination' },
    focus: order,
    for: { display: referral.patient.name },
    owner: referral.owner && coordinatorReference(referral.owner.fhirUser, referral.owner.name),
    executionPeriod: executionPeriodOf(referral),
    authoredOn: iso(referral.createdAt),
    lastModified: iso(referral.updatedAt),
    restriction:
      referral.nextFollowUpAt === undefined ? undefined : { period: { end: iso(referral.nextFollowUpAt) } },
  });
}

/** A `fhirUser` the server can take as a reference: a Practitioner or PractitionerRole, relative or absolute. */
const PRACTITIONER_REFERENCE =
  /^(https?:\/\/[^\s]{1,1900}\/)?(Practitioner|PractitionerRole)\/[A-Za-z0-9.-]{1,64}$/;

/** A coordinator as a reference: their FHIR identity when they were signed in, `display` as shown. */
export function coordinatorReference(fhirUser: string | undefined, display: string): Reference | undefined {
  const reference = fhirUser && PRACTITIONER_REFERENCE.test(fhirUser) ? fhirUser : undefined;
  if (!display && !reference) return undefined;
  return defined({ reference, display: display || undefined });
}

/** Who logged the attempt: their FHIR identity when they were signed in, their initials as display. */
const senderOf = (attempt: OutreachAttempt): Communication['sender'] =>
  coordinatorReference(attempt.byFhirUser, attempt.by);

export function communicationOf(
  attempt: OutreachAttempt,
  referral: Pick<Referral, 'patient'>,
  team: TeamTag,
  links: { serviceRequestId: string; taskId: string },
): Communication {
  return {
    resourceType: 'Communication',
    meta: metaOf(team),
    identifier: [{ system: OUTREACH_ID_SYSTEM, value: attempt.id }],
    basedOn: [{ reference: `ServiceRequest/${links.serviceRequestId}`, type: 'ServiceRequest' }],
    partOf: [{ reference: `Task/${links.taskId}`, type: 'Task' }],
    status: 'completed',
    subject: { display: referral.patient.name },
    sent: iso(attempt.at),
    medium: [{ coding: [{ system: PARTICIPATION_MODE, ...MEDIUM[attempt.channel] }], text: attempt.channel }],
    recipient: [{ display: attempt.party }],
    sender: senderOf(attempt),
    payload: [
      { contentString: `${attempt.channel} to ${attempt.party}: ${attempt.outcome}` },
      ...(attempt.note ? [{ contentString: attempt.note }] : []),
    ],
  } satisfies Communication as Communication;
}

/** A Task as the server returned it: only what the sync reads, bounded, checked before use. */
const ServerTask = z.object({
  resourceType: z.literal('Task'),
  id: z.string().regex(/^[A-Za-z0-9.-]{1,64}$/),
  meta: z.object({ versionId: z.string().regex(/^[A-Za-z0-9.-]{1,64}$/), lastUpdated: z.string().max(40) }),
  identifier: z
    .array(z.object({ system: z.string().max(200).optional(), value: z.string().max(200).optional() }))
    .max(20),
  basedOn: z
    .array(z.object({ reference: z.string().max(200).optional() }))
    .max(20)
    .optional(),
  extension: z
    .array(
      z.object({ url: z.string().max(200), valueString: z.string().max(MAX_COORDINATION_JSON).optional() }),
    )
    .max(50),
});

export interface RemoteReferral {
  key: string;
  taskId: string;
  versionId: string;
  lastUpdated: string;
  serviceRequestId: string | undefined;
  referral: SharedReferral;
}

/** A Task of the team's queue back into a referral, or why it cannot be read (never thrown). */
export function referralFromTask(
  resource: unknown,
): { ok: true; remote: RemoteReferral } | { ok: false; error: string } {
  const task = ServerTask.safeParse(resource);
  if (!task.success) return { ok: false, error: 'not a Task Handoff can read' };
  const key = task.data.identifier.find((identifier) => identifier.system === REFERRAL_KEY_SYSTEM)?.value;
  const json = task.data.extension.find((extension) => extension.url === COORDINATION_EXTENSION)?.valueString;
  if (!key || json === undefined) return { ok: false, error: 'a Task without a Handoff referral' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return { ok: false, error: 'coordination data is not JSON' };
  }
  const referral = SharedReferral.safeParse(parsed);
  if (!referral.success) return { ok: false, error: 'coordination data does not fit a referral' };
  const order = task.data.basedOn?.find((ref) => ref.reference?.startsWith('ServiceRequest/'))?.reference;
  return {
    ok: true,
    remote: {
      key,
      taskId: task.data.id,
      versionId: task.data.meta.versionId,
      lastUpdated: task.data.meta.lastUpdated,
      serviceRequestId: order?.slice('ServiceRequest/'.length),
      referral: referral.data,
    },
  };
}
