import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Detection, ExtractedFields, ValuesToCheck } from '../detection/detect-referral';
import { formatPhoneFields } from '../detection/phone-format';
import type { ReferralField } from '../detection/referral-fields';
import { draftFromDetection } from '../detection/to-draft';
import { formatDateTime, type MessageKey, t, tCount } from '../i18n';
import type { PageStatus, Send } from '../messages';
import type { PanelConfig } from '../panel-config/schema';
import { interpreterNeed, preferredLanguage } from '../panel-config/scripts';
import { type PatientIdentity, samePatient } from '../referral/patient-identity';
import { openEscalations, type Referral } from '../referral/referral';
import { acceptanceTexts } from '../ui/detection-rules';
import { outcomeLabel, statusLabel } from '../ui/labels';
import { ActionButton } from './ActionGate';
import { ClinicalQuestion, type Escalate } from './ClinicalQuestion';
import { ColleagueOwns } from './ColleagueOwns';
import { HiddenHere, NotAReferral } from './NotAReferral';
import { OutreachLog, type OutreachPreset } from './OutreachLog';
import { MarkSent, PacketChecklist, usePacketCheck } from './PacketChecklist';
import { ReferralFields } from './ReferralFields';
import { ReferralHistory } from './ReferralHistory';
import { useReferralUpdates } from './referral-updates';
import { ScriptLibrary } from './ScriptLibrary';
import { scriptValues } from './script-values';
import { Tabs } from './Tabs';
import { useWhoIsWorking, type WhoIsWorking } from './WhoIsWorking';

export interface PanelProps {
  detection: Detection;
  /** Opened from "Track this page as a referral": starts editing, nothing was detected. */
  manual: boolean;
  pageUrl: string;
  send: Send;
  config: PanelConfig;
  /** Which of these selectors match an element on the EHR page (checklist items confirmed by one). */
  checkSelectors: (selectors: string[]) => Promise<string[]>;
  /**
   * Whether the EHR page still shows the referral this panel shows, looked at again now: Track
   * never records a referral the page has since swapped for another.
   */
  confirmOnScreen: () => Promise<boolean>;
  /** The coordinator said this page is not a referral. */
  onDismiss: () => void;
  /**
   * For one row of a list: "Not a referral" marks that row's referral only (the list shows it so,
   * with its undo), never the page and the other rows.
   */
  onNotARowReferral?: () => Promise<void>;
  /** The referral's state and what is due in one line, for the collapsed panel. */
  onStateLine?: (line: string) => void;
  /**
   * The queue's answer for the referral as detected, when the caller has just asked; the panel
   * asks again only for details edited by hand.
   */
  known?: PageStatus;
  /** Who is working: asked the first time an action needs an author. */
  who?: WhoIsWorking;
  /** Moves when the queue may have changed elsewhere (another tab, the dashboard): look again. */
  queueRevision?: number;
}

type TrackState =
  | { kind: 'checking' }
  | { kind: 'untracked' }
  | { kind: 'saving' }
  | { kind: 'tracked'; referral: Referral }
  /** The queue's referral under this page's key is another patient's: warn, never act on it. */
  | { kind: 'other-patient' }
  | { kind: 'error'; message: string };

/**
 * The panel's sections, in tab order. A section is added here, with its label below and its
 * entry in the panel's `sections` (the compiler asks for both), plus its words in both locales.
 */
const PANEL_SECTIONS = ['details', 'packet', 'scripts', 'outreach', 'history'] as const;
type PanelSection = (typeof PANEL_SECTIONS)[number];
const SECTION_LABELS: Record<PanelSection, MessageKey> = {
  details: 'tabDetails',
  packet: 'tabPacket',
  scripts: 'tabScripts',
  outreach: 'tabOutreach',
  history: 'tabHistory',
};

export function Panel(props: PanelProps) {
  const { manual, pageUrl, send, onDismiss, known, config, checkSelectors, confirmOnScreen, queueRevision } =
    props;
  // Phone numbers are formatted here, not on the EHR page: the numbering plans are too heavy there.
  const detection = useMemo(
    () => ({
      ...props.detection,
      fields: formatPhoneFields(props.detection.fields, props.detection.phoneCountry),
    }),
    [props.detection],
  );
  const [editing, setEditing] = useState(manual);
  const [fields, setFields] = useState<ExtractedFields>(detection.fields);
  const [toCheck, setToCheck] = useState<ValuesToCheck>(detection.toCheck);
  const [track, setTrack] = useState<TrackState>({ kind: 'checking' });
  const [tab, setTab] = useState<PanelSection>('details');
  const [preset, setPreset] = useState<OutreachPreset>();
  const [confirmed, setConfirmed] = useState<string[]>();
  /** Track found the page showing another referral than the panel did: the panel now shows it. */
  const [pageChanged, setPageChanged] = useState(false);
  const subject: Detection = { ...detection, fields };
  const draft = draftFromDetection(subject, pageUrl);
  // Every change names the patient on screen: the background refuses it on anyone else's referral.
  const onScreen: PatientIdentity = {
    name: draft.patient.name,
    dateOfBirth: draft.patient.dateOfBirth,
    mrn: draft.patient.mrn,
  };
  // Another patient swapped in on the page (or a late answer about the one before) is never
  // shown or changed as this page's referral, whatever order the answers arrive in.
  const referral =
    track.kind === 'tracked' && samePatient(track.referral.patient, onScreen) ? track.referral : undefined;
  const { gate, prompt } = useWhoIsWorking(props.who);
  const { update, know } = useReferralUpdates(send, referral, onScreen, (updated) =>
    setTrack({ kind: 'tracked', referral: updated }),
  );
  const confirmedIds = confirmed ?? referral?.packet?.confirmed ?? [];
  const packet = usePacketCheck(config, fields, confirmedIds, checkSelectors);
  const language = preferredLanguage(fields.preferredLanguage);
  // The background validates every draft; the panel only needs to know a patient was named.
  const canTrack = draft.patient.name.trim().length > 0;

  // Another referral on the page (single-page EHRs swap it in place) starts over from the page.
  const detectedKey = JSON.stringify([detection.fields, detection.toCheck]);
  useEffect(() => {
    setFields(detection.fields);
    setToCheck(detection.toCheck);
    setEditing(manual);
  }, [detectedKey, manual]);

  // A value the coordinator types replaces the one to check.
  const edit = (next: ExtractedFields, field: ReferralField) => {
    setFields(next);
    if (toCheck[field]) setToCheck(({ [field]: _corrected, ...rest }) => rest);
  };

  const draftKey = JSON.stringify(draft);
  // The content script asked about the referral as detected; an edited one is asked about here.
  const asDetected = fields === detection.fields;
  useEffect(() => {
    // Only the answer about the draft on screen now counts: an earlier one may arrive later.
    let current = true;
    const status =
      known !== undefined && asDetected
        ? Promise.resolve(known)
        : send({ type: 'page-status', pageUrl, draft });
    status
      .then(async ({ match, id }): Promise<TrackState> => {
        if (match === 'other-patient') return { kind: 'other-patient' };
        if (match !== 'tracked' || id === undefined) return { kind: 'untracked' };
        const { referral: stored } = await send({ type: 'get-referral', id });
        if (!stored) return { kind: 'untracked' };
        // The background compared the patient already; the panel does not take it on trust.
        return samePatient(stored.patient, onScreen)
          ? { kind: 'tracked', referral: stored }
          : { kind: 'other-patient' };
      })
      .catch((error: Error): TrackState => ({ kind: 'error', message: error.message }))
      .then((next) => current && setTrack(next));
    return () => {
      current = false;
    };
  }, [draftKey, asDetected, known]);

  // Changed elsewhere (the same referral in another tab, the dashboard): show the stored copy.
  useEffect(() => {
    if (!queueRevision || !referral) return;
    let current = true;
    send({ type: 'get-referral', id: referral.id })
      .then(({ referral: stored }) => {
        if (!current || !stored || stored.version <= referral.version) return;
        if (!samePatient(stored.patient, onScreen)) return;
        know(stored);
        setTrack({ kind: 'tracked', referral: stored });
      })
      .catch(() => {});
    return () => {
      current = false;
    };
  }, [queueRevision]);

  // The queue keeps the packet as last checked here: marking the referral sent is judged against it.
  const missingKey = JSON.stringify(packet.missingRequired);
  const confirmedKey = JSON.stringify(confirmedIds);
  const recorded = referral?.packet;
  const packetRecorded =
    recorded !== undefined &&
    JSON.stringify(recorded.missingRequired) === missingKey &&
    JSON.stringify(recorded.confirmed) === confirmedKey;
  useEffect(() => {
    if (!referral || !packet.results || packetRecorded) return;
    const { missingRequired } = packet;
    void update((r) => ({
      type: 'record-packet',
      id: r.id,
      version: r.version,
      missingRequired,
      confirmed: confirmedIds,
    })).catch(() => {});
  }, [referral?.id, packetRecorded, missingKey, confirmedKey, packet.results !== undefined]);

  const onTrack = (separately = false) => gate(() => trackNow(separately));
  const trackNow = async (separately: boolean): Promise<Referral | undefined> => {
    const before = track;
    setTrack({ kind: 'saving' });
    setPageChanged(false);
    // A referral typed in by hand was never read off the page: there is nothing to compare.
    if (!manual && !(await confirmOnScreen())) {
      setPageChanged(true);
      // The new referral's own page status replaces this, unless it has already.
      setTrack((now) => (now.kind === 'saving' ? before : now));
      return undefined;
    }
    try {
      const checked = packet.results && { missingRequired: packet.missingRequired, confirmed: confirmedIds };
      const { referral: tracked } = await send({
        type: 'track-referral',
        draft,
        packet: checked,
        separately,
      });
      setEditing(false);
      know(tracked);
      setTrack({ kind: 'tracked', referral: tracked });
      return tracked;
    } catch (error) {
      setTrack({ kind: 'error', message: (error as Error).message });
      return undefined;
    }
  };

  const onEscalate: Escalate = async (trigger, scan) => {
    if (!referral && track.kind === 'other-patient') throw new Error(t('panelOtherPatient'));
    if (!referral && !(await onTrack())) throw new Error(t('trackNeedsPatient'));
    await gate(() =>
      update((r) => ({
        type: 'escalate',
        id: r.id,
        version: r.version,
        trigger,
        redFlag: scan?.redFlag ?? false,
        matched: scan?.matched.slice(0, 20) ?? [],
      })),
    );
  };

  // "Not a referral" is confirmed first and can be undone: the panel says the page is hidden
  // until the coordinator closes it, and says so again when brought back from the right-click menu.
  const [hidden, setHidden] = useState(known?.dismissed === true);
  useEffect(() => setHidden(known?.dismissed === true), [known]);
  const setDismissed = (dismissed: boolean) =>
    send({ type: 'set-page-dismissed', pageUrl, dismissed })
      .then(() => setHidden(dismissed))
      .catch((error: Error) => setTrack({ kind: 'error', message: error.message }));

  const details = (
    <>
      <ReferralFields
        editing={editing}
        fields={fields}
        toCheck={toCheck}
        flagged={detection.toCheck}
        onChange={edit}
      />
      {referral ? (
        editing && (
          <button type="button" class="secondary" onClick={() => setEditing(false)}>
            {t('doneEditing')}
          </button>
        )
      ) : (
        <div class="actions">
          {!canTrack && <p class="hint">{t('trackNeedsPatient')}</p>}
          {Object.keys(toCheck).length > 0 && <p class="hint">{t('checkBeforeTrack')}</p>}
          {track.kind === 'error' && <p role="alert">{t('errorPrefix', track.message)}</p>}
          {pageChanged && <p role="alert">{t('panelPageChanged')}</p>}
          {track.kind === 'other-patient' && (
            <p role="alert" class="other-patient">
              {t('panelOtherPatient')}
            </p>
          )}
          <ActionButton
            class="primary"
            label={
              track.kind === 'saving'
                ? t('tracking')
                : t(track.kind === 'other-patient' ? 'trackSeparately' : 'trackReferral')
            }
            disabled={!canTrack || track.kind === 'saving' || track.kind === 'checking'}
            onAction={() => void onTrack(track.kind === 'other-patient')}
          />
          <button type="button" class="secondary" onClick={() => setEditing(!editing)}>
            {editing ? t('doneEditing') : t('editFields')}
          </button>
          {!manual && (
            <NotAReferral
              row={props.onNotARowReferral !== undefined}
              onConfirm={() =>
                void (props.onNotARowReferral?.() ?? setDismissed(true)).catch((error: Error) =>
                  setTrack({ kind: 'error', message: error.message }),
                )
              }
            />
          )}
        </div>
      )}
    </>
  );

  const last = referral?.outreach.at(-1);
  // Each section of the panel, rendered only while it is the one shown (see PANEL_SECTIONS).
  const sections: Record<PanelSection, { render: () => ComponentChildren; badge?: string }> = {
    details: { render: () => details },
    packet: {
      badge: packet.missingRequired.length ? String(packet.missingRequired.length) : undefined,
      render: () => (
        <PacketChecklist packet={packet} confirmed={confirmedIds} onConfirmedChange={setConfirmed} />
      ),
    },
    scripts: {
      render: () => (
        <ScriptLibrary
          config={config}
          values={scriptValues(fields, config.organization)}
          patientLanguage={language}
          patientLanguageText={fields.preferredLanguage}
          interpreterNeed={interpreterNeed(fields)}
          onUse={(next) => {
            setPreset(next);
            setTab('outreach');
          }}
        />
      ),
    },
    outreach: {
      render: () =>
        referral ? (
          <OutreachLog
            referral={referral}
            boundary={config.clinicalBoundary}
            language={language}
            preset={preset}
            onEscalate={onEscalate}
            onLog={(entry) =>
              gate(() => update((r) => ({ type: 'log-outreach', id: r.id, version: r.version, ...entry })))
            }
          />
        ) : (
          <p class="hint">{t('outreachTrackFirst')}</p>
        ),
    },
    history: {
      badge:
        referral && openEscalations(referral).length ? String(openEscalations(referral).length) : undefined,
      render: () =>
        referral ? (
          <ReferralHistory
            referral={referral}
            onResolve={(escalation, note) =>
              update((r) => ({
                type: 'resolve-escalation',
                id: r.id,
                version: r.version,
                raisedAt: escalation.at,
                ...(note && { note }),
              }))
            }
          />
        ) : (
          <p class="hint">{t('outreachTrackFirst')}</p>
        ),
    },
  };

  const line = hidden ? t('panelStateHidden') : stateLine(track, referral);
  useEffect(() => props.onStateLine?.(line), [line]);
  if (hidden) return <HiddenHere onUndo={() => void setDismissed(false)} onClose={onDismiss} />;

  return (
    <div class="referral">
      {/* The state and the primary actions stay in view however far the body scrolls. */}
      <div class="state-bar">
        {referral ? (
          <p class="tracked" role="status">
            <span class="acting-on">{actingOn(referral)}</span>{' '}
            <span class="status-chip">{statusLabel(referral.status)}</span>{' '}
            {openEscalations(referral).length > 0 && (
              <span class="status-chip escalation-open">{t('escalationOpenFlag')}</span>
            )}{' '}
            {referral.nextFollowUpAt !== undefined &&
              t('trackedDue', formatDateTime(referral.nextFollowUpAt))}
            {last && (
              <span class="last-outreach">
                {' '}
                {tCount('panelLastOutreach', referral.outreach.length, outcomeLabel(last.outcome))}
              </span>
            )}
          </p>
        ) : (
          <p class="untracked">{line}</p>
        )}
      </div>
      {referral && <ColleagueOwns referral={referral} me={props.who?.me} />}
      {prompt}
      {manual ? (
        <p class="hint">{t('manualHint')}</p>
      ) : (
        <details class="why">
          <summary>{t('panelDetected', detection.profile.name)}</summary>
          <p class="sr-heading">{t('whyDetected')}</p>
          <ul>
            {acceptanceTexts(detection).map((rule) => (
              <li key={rule}>{rule}</li>
            ))}
          </ul>
        </details>
      )}
      <Tabs
        label={t('panelSections')}
        selected={tab}
        onSelect={setTab}
        tabs={PANEL_SECTIONS.map((id) => ({ id, label: t(SECTION_LABELS[id]), badge: sections[id].badge }))}
      >
        {sections[tab].render()}
      </Tabs>
      <div class="primary-actions">
        <MarkSent
          packet={packet}
          referral={referral}
          onMarkSent={(packetOverride) =>
            update((r) => ({
              type: 'change-status',
              id: r.id,
              version: r.version,
              to: 'sent',
              packetOverride,
            }))
          }
        />
        <ClinicalQuestion
          boundary={config.clinicalBoundary}
          language={language}
          tracked={referral !== undefined}
          onEscalate={onEscalate}
        />
      </div>
    </div>
  );
}

/** The referral's state and what is due, in one line (the collapsed panel shows it too). */
function stateLine(track: TrackState, referral: Referral | undefined): string {
  if (referral) {
    const state = statusLabel(referral.status);
    return referral.nextFollowUpAt === undefined
      ? state
      : t('panelStateLine', [state, formatDateTime(referral.nextFollowUpAt)]);
  }
  if (track.kind === 'other-patient') return t('panelStateOtherPatient');
  return t(track.kind === 'checking' ? 'panelStateChecking' : 'panelStateUntracked');
}

/** Whose referral the panel changes: the stored patient, as the queue holds it. */
function actingOn({ patient }: Referral): string {
  const who = [patient.dateOfBirth, patient.mrn].filter(Boolean).join(' · ');
  return t('panelActingOn', [patient.name, who || t('panelNoDobOrMrn')]);
}
