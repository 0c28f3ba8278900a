import { useId, useRef, useState } from 'preact/hooks';
import { DEFAULT_CONFIG } from '../config/schema';
import { formatDateTime, t } from '../i18n';
import type { HandoffResponses, Send } from '../messages';
import { useStorageItems } from '../options/use-storage-items';
import { handOffToRead, ownershipOf, personLabel, samePerson } from '../referral/ownership';
import type { Referral } from '../referral/referral';
import { REASON_LIST } from '../referral/state-machine';
import { ownerLabel, statusLabel } from '../ui/labels';
import { OpenEscalations } from '../ui/OpenEscalations';
import { PrintLinks } from '../ui/PrintLinks';
import { Timeline } from '../ui/Timeline';
import { RecordsAndAcknowledgment } from './RecordsAndAcknowledgment';
import {
  AcknowledgeForm,
  ChangeStateForm,
  FollowUpLaterForm,
  HandOffForm,
  LogOutreachForm,
  type Reasons,
  RequestRecordForm,
} from './ReferralForms';

export interface ReferralActionsProps {
  referral: Referral;
  /** The configured reason lists; null until they arrive. */
  reasons: Reasons | null;
  send: Send;
  /** A change was saved: `message` says what happened, for the view's status line. */
  onSaved: (message: string) => void;
  /** The background refused or failed: the view fetches the queue again. */
  onRefused: () => void;
  /** `h3` in the table, `h4` under a list item's own heading. */
  headingLevel: 3 | 4;
  /** On a team queue: who works here and the colleagues a referral can be handed to. */
  team?: TeamMembers;
}

export type TeamMembers = HandoffResponses['team-members'];

type Mode = 'none' | 'state' | 'outreach' | 'later' | 'record' | 'acknowledge' | 'handoff';

/** The referral's details and what can be done with it: open in the EHR, change state, log outreach. */
export function ReferralActions({
  referral,
  reasons,
  send,
  onSaved,
  onRefused,
  headingLevel,
  team,
}: ReferralActionsProps) {
  const id = useId();
  const [mode, setMode] = useState<Mode>('none');
  const [error, setError] = useState<string | null>(null);
  const calendar = useStorageItems(CONFIG_ITEMS)?.configStatus?.config.calendar ?? DEFAULT_CONFIG.calendar;
  const toggles = {
    state: useRef<HTMLButtonElement>(null),
    outreach: useRef<HTMLButtonElement>(null),
    later: useRef<HTMLButtonElement>(null),
    record: useRef<HTMLButtonElement>(null),
    acknowledge: useRef<HTMLButtonElement>(null),
    handoff: useRef<HTMLButtonElement>(null),
  };
  /** Closes the open form and puts focus back on the button that opened it. */
  const close = () => {
    if (mode !== 'none') toggles[mode].current?.focus();
    setMode('none');
  };
  const Heading = `h${headingLevel}` as 'h3' | 'h4';
  const reasonLabel = (code: string | undefined) => {
    if (!code) return undefined;
    const list = REASON_LIST[referral.status];
    return (list && reasons?.[list].find((reason) => reason.code === code)?.label) ?? code;
  };
  const toggle = (next: Exclude<Mode, 'none'>) => {
    setError(null);
    setMode(mode === next ? 'none' : next);
  };
  const run = async (request: () => Promise<string>) => {
    setError(null);
    try {
      const message = await request();
      close();
      onSaved(message);
    } catch (failure) {
      setError(t('errorPrefix', (failure as Error).message));
      onRefused();
    }
  };
  const facts: [string, string | undefined][] = [
    [t('fieldOrderNumber'), referral.orderNumber],
    [t('fieldReason'), referral.reason],
    [t('fieldReceivingProvider'), referral.receiving.provider],
    [t('qvStatusReason'), reasonLabel(referral.statusReason)],
    [
      t('qvAppointment'),
      referral.dates.appointmentAt === undefined ? undefined : formatDateTime(referral.dates.appointmentAt),
    ],
    [t('qvOrderedOn'), referral.authoredOn ?? t('qvOrderedOnNone')],
    [t('qvTrackedOn'), formatDateTime(referral.createdAt)],
    [t('qvColOwner'), team && ownerLabel(referral, team.me ?? undefined)],
  ];
  const me = team?.me ?? undefined;
  const handedOver = team && handOffToRead(referral, me);

  return (
    <section class="qv-actions" aria-labelledby={`${id}-title`}>
      <Heading id={`${id}-title`} class="qv-actions-title">
        {t('qvDetailsFor', referral.patient.name)}
      </Heading>
      <dl class="qv-facts">
        {facts
          .filter((fact): fact is [string, string] => fact[1] !== undefined)
          .map(([term, value]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
      {handedOver && (
        <p class="qv-handoff-note" role="note">
          <strong>{t('handOffNoteFrom', [handedOver.by, formatDateTime(handedOver.at)])}</strong>
          {handedOver.note && <>: {handedOver.note}</>}
        </p>
      )}
      <div class="qv-toolbar">
        <a class="qv-button" href={referral.source.pageUrl} target="_blank" rel="noreferrer">
          {t('queueOpenInEhr')}
          <span class="visually-hidden"> {t('qvNewTab')}</span>
        </a>
        {(
          [
            ['state', t('qvChangeState')],
            ['outreach', t('qvLogOutreach')],
            ['later', t('qvFollowUpLater')],
            ...(team ? ([['handoff', t('qvHandOff')]] as const) : []),
          ] as const
        ).map(([which, label]) => (
          <ToggleButton
            key={which}
            which={which}
            label={label}
            mode={mode}
            id={id}
            refs={toggles}
            onToggle={toggle}
          />
        ))}
        {team && ownershipOf(referral, me) !== 'mine' && (
          <button
            type="button"
            class="qv-button"
            onClick={() =>
              run(async () => {
                await send({ type: 'hand-off', id: referral.id, version: referral.version, to: 'me' });
                return t('qvSavedClaim', referral.patient.name);
              })
            }
          >
            {t('qvClaim')}
          </button>
        )}
      </div>
      {error && (
        <p class="qv-error" role="alert">
          {error}
        </p>
      )}
      {mode === 'handoff' && team && (
        <HandOffForm
          id={`${id}-handoff`}
          colleagues={team.colleagues.filter(
            (person) => !samePerson(person, me) && !samePerson(person, referral.owner),
          )}
          onCancel={close}
          onSubmit={(to, note) =>
            run(async () => {
              await send({ type: 'hand-off', id: referral.id, version: referral.version, to, note });
              return to === 'team'
                ? t('qvSavedBackToTeam', referral.patient.name)
                : t('qvSavedHandOff', [referral.patient.name, personLabel(to)]);
            })
          }
        />
      )}
      <OpenEscalations
        referral={referral}
        onResolve={(escalation, note) =>
          run(async () => {
            await send({
              type: 'resolve-escalation',
              id: referral.id,
              version: referral.version,
              raisedAt: escalation.at,
              ...(note && { note }),
            });
            return t('qvSavedEscalationResolved', referral.patient.name);
          })
        }
      />
      {mode === 'state' && (
        <ChangeStateForm
          id={`${id}-state`}
          referral={referral}
          reasons={reasons}
          onCancel={close}
          onSubmit={(change) =>
            run(async () => {
              await send({ type: 'change-status', id: referral.id, version: referral.version, ...change });
              return t('qvSavedState', [referral.patient.name, statusLabel(change.to)]);
            })
          }
        />
      )}
      {mode === 'outreach' && (
        <LogOutreachForm
          id={`${id}-outreach`}
          onCancel={close}
          onSubmit={(attempt) =>
            run(async () => {
              await send({ type: 'log-outreach', id: referral.id, version: referral.version, ...attempt });
              return t('qvSavedOutreach', referral.patient.name);
            })
          }
        />
      )}
      {mode === 'later' && (
        <FollowUpLaterForm
          id={`${id}-later`}
          calendar={calendar}
          onCancel={close}
          onSubmit={(later) =>
            run(async () => {
              const { referral: updated } = await send({
                ...later,
                id: referral.id,
                version: referral.version,
              });
              const next = updated.nextFollowUpAt;
              return t('qvSavedLater', [
                referral.patient.name,
                next === undefined ? '—' : formatDateTime(next),
              ]);
            })
          }
        />
      )}
      <RecordsAndAcknowledgment
        referral={referral}
        headingLevel={(headingLevel + 1) as 4 | 5}
        toolbar={(['record', 'acknowledge'] as const).map((which) => (
          <ToggleButton
            key={which}
            which={which}
            label={which === 'record' ? t('qvRequestRecord') : t('qvRecordAcknowledgment')}
            mode={mode}
            id={id}
            refs={toggles}
            onToggle={toggle}
          />
        ))}
        onRecordEvent={(record, event) =>
          run(async () => {
            await send({
              type: 'track-record',
              id: referral.id,
              version: referral.version,
              record,
              event,
            });
            return t(RECORD_SAVED[event], [referral.patient.name, record.name]);
          })
        }
      />
      {mode === 'record' && (
        <RequestRecordForm
          id={`${id}-record`}
          onCancel={close}
          onSubmit={(record) =>
            run(async () => {
              await send({
                type: 'track-record',
                id: referral.id,
                version: referral.version,
                record,
                event: 'requested',
              });
              return t('qvSavedRecordRequested', [referral.patient.name, record.name]);
            })
          }
        />
      )}
      {mode === 'acknowledge' && (
        <AcknowledgeForm
          id={`${id}-acknowledge`}
          onCancel={close}
          onSubmit={(note) =>
            run(async () => {
              await send({ type: 'acknowledge', id: referral.id, version: referral.version, note });
              return t('qvSavedAcknowledgment', referral.patient.name);
            })
          }
        />
      )}
      <PrintLinks referral={referral} />
      <Timeline referral={referral} headingLevel={(headingLevel + 1) as 4 | 5} />
    </section>
  );
}

const CONFIG_ITEMS = ['configStatus'] as const;

const RECORD_SAVED = {
  requested: 'qvSavedRecordRequested',
  received: 'qvSavedRecordReceived',
  sent: 'qvSavedRecordSent',
} as const;

/** A button that opens (and closes) one of the row's forms. */
function ToggleButton({
  which,
  label,
  mode,
  id,
  refs,
  onToggle,
}: {
  which: Exclude<Mode, 'none'>;
  label: string;
  mode: Mode;
  id: string;
  refs: Record<Exclude<Mode, 'none'>, { current: HTMLButtonElement | null }>;
  onToggle: (which: Exclude<Mode, 'none'>) => void;
}) {
  return (
    <button
      type="button"
      ref={refs[which]}
      class="qv-button"
      aria-expanded={mode === which}
      {...(mode === which && { 'aria-controls': `${id}-${which}` })}
      onClick={() => onToggle(which)}
    >
      {label}
    </button>
  );
}
