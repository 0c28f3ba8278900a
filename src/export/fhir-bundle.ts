import type {
  Bundle,
  BundleEntry,
  CodeableConcept,
  Communication,
  Patient,
  Reference,
  ServiceRequest,
  Task,
} from 'fhir/r4';
import type { Config } from '../config/schema';
import type { OutreachAttempt, Referral, ReferralStatus } from '../referral/referral';
import { REASON_LIST } from '../referral/state-machine';

/**
 * The queue as a FHIR R4 Bundle of type "collection", for another system to read: per referral
 * a Task (the coordination work, status per domain.md's table), the ServiceRequest it is about
 * (the order as the EHR showed it) and one Communication per outreach attempt. The patient is
 * a contained Patient of the Task and a display-only reference elsewhere: nothing points at a
 * server. Resources are linked by `urn:uuid:` full URLs, as a collection allows.
 */

type TaskStatus = Task['status'];

/** FHIR Task.status per working state (domain.md, "Referral states"). */
export function taskStatusOf(referral: Pick<Referral, 'status' | 'statusReason' | 'dates'>): TaskStatus {
  const table: Record<ReferralStatus, TaskStatus> = {
    new: 'requested',
    'waiting-on-info': 'on-hold',
    'ready-to-send': 'ready',
    // Sent: "received" once the receiving office confirmed it, "requested" until then.
    sent: referral.dates.acknowledgedAt === undefined ? 'requested' : 'received',
    declined: 'rejected',
    'needs-patient-action': 'in-progress',
    scheduled: 'in-progress',
    'no-show': 'in-progress',
    'closed-completed': 'completed',
    // Tried and could not be done (patient never reached) is "failed"; any other close "cancelled".
    'closed-not-completed': referral.statusReason === 'patient-unreachable' ? 'failed' : 'cancelled',
  };
  return table[referral.status];
}

/** Task.businessStatus: the finer state FHIR's status cannot say (360X "event scheduled"). */
const BUSINESS_STATUS: Partial<Record<ReferralStatus, string>> = {
  scheduled: 'event scheduled',
  'no-show': 'no-show',
};

function serviceRequestStatus(status: ReferralStatus): ServiceRequest['status'] {
  if (status === 'closed-completed') return 'completed';
  if (status === 'closed-not-completed') return 'revoked';
  return 'active';
}

/** v3 ParticipationMode: how an outreach attempt was made. */
export const MEDIUM: Record<OutreachAttempt['channel'], { code: string; display: string }> = {
  phone: { code: 'PHONE', display: 'telephone' },
  voicemail: { code: 'PHONE', display: 'telephone' },
  sms: { code: 'ONLINEWRIT', display: 'online written' },
  email: { code: 'EMAILWRIT', display: 'email' },
  portal: { code: 'ONLINEWRIT', display: 'online written' },
  letter: { code: 'MAILWRIT', display: 'mail' },
  fax: { code: 'FAXWRIT', display: 'fax' },
};
export const PARTICIPATION_MODE = 'http://terminology.hl7.org/CodeSystem/v3-ParticipationMode';
export const IDENTIFIER_TYPE = 'http://terminology.hl7.org/CodeSystem/v2-0203';

export const iso = (at: number) => new Date(at).toISOString();
/** Drops undefined members, so that the JSON carries no empty elements (FHIR ele-1). */
export const defined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, member]) => member !== undefined)) as T;

export interface BundleOptions {
  now: number;
  config: Config;
  /** A fresh UUID per resource; injected so that tests can expect fixed output. */
  uuid?: () => string;
}

function reasonConcept(referral: Referral, config: Config): CodeableConcept | undefined {
  const kind = REASON_LIST[referral.status];
  const code = referral.statusReason;
  if (!kind || !code) return undefined;
  const label = config.reasons[kind].find((reason) => reason.code === code)?.label;
  return { text: label ?? code };
}

/** The patient as the order names them, contained in the resource that refers to them. */
export function patientOf(referral: Referral): Patient {
  const { patient } = referral;
  return defined({
    resourceType: 'Patient' as const,
    id: 'patient',
    name: [{ text: patient.name }],
    birthDate: patient.dateOfBirth,
    identifier: patient.mrn
      ? [{ type: { coding: [{ system: IDENTIFIER_TYPE, code: 'MR' }], text: 'MRN' }, value: patient.mrn }]
      : undefined,
  });
}

/** From the first moment someone acted on the referral after tracking it to its close, as far as known. */
export function executionPeriodOf(referral: Referral): Task['executionPeriod'] {
  const start = referral.history.find((entry) => entry.kind !== 'created')?.at;
  const end = referral.dates.closedAt;
  if (start === undefined && end === undefined) return undefined;
  return defined({
    start: start === undefined ? undefined : iso(start),
    end: end === undefined ? undefined : iso(end),
  });
}

export function referralResources(referral: Referral, options: BundleOptions): BundleEntry[] {
  const uuid = options.uuid ?? (() => crypto.randomUUID());
  const taskUrl = `urn:uuid:${uuid()}`;
  const requestUrl = `urn:uuid:${uuid()}`;
  const { receiving, patient, dates } = referral;
  const subject: Reference = { display: patient.name };

  const performer: Reference[] = [
    ...(receiving.provider ? [{ type: 'Practitioner', display: receiving.provider }] : []),
    ...(receiving.organization ? [{ type: 'Organization', display: receiving.organization }] : []),
  ];
  const serviceRequest: ServiceRequest = defined({
    resourceType: 'ServiceRequest' as const,
    identifier: referral.orderNumber
      ? [
          {
            type: { coding: [{ system: IDENTIFIER_TYPE, code: 'PLAC' }], text: 'Order number' },
            value: referral.orderNumber,
          },
        ]
      : undefined,
    status: serviceRequestStatus(referral.status),
    intent: 'order' as const,
    priority: referral.priority,
    code: receiving.specialty ? { text: receiving.specialty } : undefined,
    subject,
    authoredOn: referral.authoredOn,
    performer: performer.length > 0 ? performer : undefined,
    reasonCode: referral.reason ? [{ text: referral.reason }] : undefined,
  });

  const businessStatus = BUSINESS_STATUS[referral.status];
  const task: Task = defined({
    resourceType: 'Task' as const,
    contained: [patientOf(referral)],
    identifier: [{ value: referral.id }],
    basedOn: [{ reference: requestUrl, type: 'ServiceRequest' }],
    status: taskStatusOf(referral),
    statusReason: reasonConcept(referral, options.config),
    businessStatus: businessStatus ? { text: businessStatus } : undefined,
    intent: 'order' as const,
    priority: referral.priority,
    code: { text: 'Referral coordination' },
    focus: { reference: requestUrl, type: 'ServiceRequest' },
    for: { reference: '#patient', display: patient.name },
    executionPeriod: executionPeriodOf(referral),
    authoredOn: iso(referral.createdAt),
    lastModified: iso(referral.updatedAt),
    // The appointment the coordination booked is what the task produced.
    output:
      dates.appointmentAt === undefined
        ? undefined
        : [{ type: { text: 'Appointment date' }, valueDateTime: iso(dates.appointmentAt) }],
  });

  const communications: BundleEntry[] = referral.outreach.map((attempt) => ({
    fullUrl: `urn:uuid:${uuid()}`,
    resource: defined({
      resourceType: 'Communication' as const,
      status: 'completed' as const,
      basedOn: [{ reference: requestUrl, type: 'ServiceRequest' }],
      subject,
      about: [{ reference: taskUrl, type: 'Task' }],
      sent: iso(attempt.at),
      medium: [
        { coding: [{ system: PARTICIPATION_MODE, ...MEDIUM[attempt.channel] }], text: attempt.channel },
      ],
      recipient: [{ display: attempt.party }],
      payload: [
        { contentString: `${attempt.channel} to ${attempt.party}: ${attempt.outcome}` },
        ...(attempt.note ? [{ contentString: attempt.note }] : []),
      ],
    }) satisfies Communication,
  }));

  return [
    { fullUrl: taskUrl, resource: task },
    { fullUrl: requestUrl, resource: serviceRequest },
    ...communications,
  ];
}

export function fhirBundle(referrals: Iterable<Referral>, options: BundleOptions): Bundle {
  const entry: BundleEntry[] = [];
  for (const referral of referrals) entry.push(...referralResources(referral, options));
  return { resourceType: 'Bundle', type: 'collection', timestamp: iso(options.now), entry };
}
