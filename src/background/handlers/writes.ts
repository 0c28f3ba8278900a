import { authorText, type Coordinator, withAuthorIdentity } from '../../identity/coordinator';
import {
  acknowledge,
  callBackAt,
  changeStatus,
  escalate,
  logOutreach,
  recordPacket,
  resolveEscalation,
  snooze,
  trackRecord,
} from '../../referral/operations';
import { handOff } from '../../referral/ownership';
import type { PatientIdentity } from '../../referral/patient-identity';
import type { Referral } from '../../referral/referral';
import { TransitionRefused } from '../../referral/state-machine';
import type { HandlerContext, Handlers, RequestOf } from './handler';

/** Changes to one referral: each names the version it was based on, and the patient on screen. */
type ReferralChanges =
  | 'change-status'
  | 'log-outreach'
  | 'snooze'
  | 'call-back-at'
  | 'acknowledge'
  | 'record-packet'
  | 'escalate'
  | 'resolve-escalation'
  | 'track-record'
  | 'hand-off';

/** What every change to one referral names: which referral, the version read, the patient on screen. */
interface ReferralChangeRequest {
  id: string;
  version?: number;
  onScreen?: PatientIdentity;
}

type Writes = 'track-referral' | 'set-page-dismissed' | ReferralChanges;

/** Requests that write: tracking a page's referral, "not a referral", and every change to one. */
export function writeHandlers(context: HandlerContext): Handlers<Writes> {
  const { queue, dismissedPages, config, queueChanged, now, newId } = context;

  /** Applies a change built from the request, the moment and the coordinator, in one transaction. */
  const change =
    <T extends ReferralChanges>(
      build: (
        request: RequestOf<T>,
        at: number,
        by: string,
        who: Coordinator | undefined,
      ) => (referral: Referral) => Referral,
    ) =>
    async (request: RequestOf<T> & ReferralChangeRequest) => {
      const { id, version, onScreen }: ReferralChangeRequest = request;
      const who = await context.coordinator();
      const by = authorText(who);
      const apply = build(request, now(), by, who);
      const authored = (current: Referral) => withAuthorIdentity(apply(current), current.history.length, who);
      const referral = await queue.update(id, version, authored, config(), onScreen);
      await queueChanged();
      return { referral };
    };

  return {
    'track-referral': async (request) => {
      const who = await context.coordinator();
      const by = authorText(who);
      // The packet as checked when tracking is the referral's first check, stored with it; whoever
      // tracks a referral owns it until they hand it on.
      const { packet } = request;
      const checked = packet && recordPacket(packet, now(), by);
      const first = (referral: Referral): Referral =>
        withAuthorIdentity(
          { ...(checked ? checked(referral) : referral), ...(who && { owner: who }) },
          0,
          who,
        );
      const result = await queue.track(request.draft, config(), by, request.separately, first);
      // Tracking a page (or a row of its list) overrides an earlier "not a referral" for it.
      await dismissedPages.set(request.draft.source.pageUrl, false);
      await dismissedPages.setRow(request.draft.source.pageUrl, request.draft, false);
      if (result.created) await queueChanged();
      return result;
    },
    'set-page-dismissed': async (request) => {
      // A list row's "not a referral" is that row's referral only: the page and its other rows stay.
      if (request.row !== undefined)
        await dismissedPages.setRow(request.pageUrl, request.row, request.dismissed);
      else await dismissedPages.set(request.pageUrl, request.dismissed);
      return { dismissed: request.dismissed };
    },
    'change-status': change((request, at, by) =>
      changeStatus(
        {
          to: request.to,
          at,
          by,
          reason: request.reason,
          note: request.note,
          appointmentAt: request.appointmentAt,
          packetOverride: request.packetOverride,
        },
        config(),
      ),
    ),
    'log-outreach': change((request, at, by, who) => {
      const { party, channel, outcome, barriers, scriptId, note, appointmentAt } = request;
      const byFhirUser = who?.fhirUser;
      const attempt = { id: newId(), at, by, byFhirUser, party, channel, outcome, barriers, scriptId, note };
      const scheduled =
        outcome === 'scheduled' ? { to: 'scheduled' as const, at, by, appointmentAt, note } : undefined;
      return logOutreach(attempt, config(), scheduled);
    }),
    snooze: change((request, at, by) => snooze(request.until, at, by)),
    'call-back-at': change((request, at, by) => callBackAt(request.at, at, by)),
    acknowledge: change((request, at, by) => acknowledge(at, by, request.note)),
    'record-packet': change((request, at, by) => recordPacket(request, at, by)),
    escalate: change((request, at, by) => {
      const { name, reach, responseTime } = config().clinicalBoundary.contact;
      const { trigger, redFlag, matched } = request;
      return escalate({ at, by, trigger, redFlag, matched, contact: { name, reach, responseTime } });
    }),
    'resolve-escalation': change((request, at, by) =>
      resolveEscalation(request.raisedAt, at, by, request.note),
    ),
    'track-record': change((request, at, by) =>
      trackRecord({ ...request.record, id: request.record.id ?? newId() }, request.event, at, by),
    ),
    'hand-off': change((request, at, by, who) => {
      if (request.to === 'team') return handOff(undefined, at, by, request.note);
      const to = request.to === 'me' ? who : request.to;
      // A claim needs to know who claims: Handoff asks for the name first (options, or the panel).
      if (!to) throw new TransitionRefused({ code: 'coordinator-unknown' });
      return handOff(to, at, by, request.note);
    }),
  };
}
