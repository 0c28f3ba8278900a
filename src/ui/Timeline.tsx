import './timeline.css';
import { formatDateTime, t } from '../i18n';
import { CALLBACK_NOTE } from '../referral/operations';
import type { HistoryEntry, Referral } from '../referral/referral';
import { channelLabel, outcomeLabel, partyLabel, statusLabel } from './labels';

/** What one history line says, in the coordinator's language, from the referral's own records. */
function describeEntry(entry: HistoryEntry, referral: Referral): { what: string; detail?: string } {
  switch (entry.kind) {
    case 'created':
      return { what: t('tlCreated') };
    case 'status': {
      const what = t('tlStatus', [
        entry.from ? statusLabel(entry.from) : '—',
        entry.to ? statusLabel(entry.to) : '—',
      ]);
      const detail = [entry.reason && t('tlReason', entry.reason), entry.note].filter(Boolean).join(' — ');
      return { what, ...(detail && { detail }) };
    }
    case 'outreach': {
      const attempt = referral.outreach.find((item) => item.at === entry.at && item.by === entry.by);
      if (!attempt) return { what: t('tlOutreach'), ...(entry.note && { detail: entry.note }) };
      const what = t('tlOutreachAttempt', [
        channelLabel(attempt.channel),
        partyLabel(attempt.party),
        outcomeLabel(attempt.outcome),
      ]);
      return { what, ...(attempt.note && { detail: attempt.note }) };
    }
    case 'escalation': {
      const escalations = referral.escalations ?? [];
      const resolved = escalations.find((item) => item.resolved?.at === entry.at);
      if (resolved) {
        const note = resolved.resolved?.note;
        return { what: t('tlEscalationResolved', resolved.contact.name), ...(note && { detail: note }) };
      }
      const raised = escalations.find((item) => item.at === entry.at);
      if (!raised) return { what: t('tlEscalation'), ...(entry.note && { detail: entry.note }) };
      return {
        what: t(raised.redFlag ? 'tlEscalationRedFlag' : 'tlEscalationRaised', raised.contact.name),
        detail: t('tlEscalationNothingSent'),
      };
    }
    case 'snooze': {
      // The note holds the time put off to ("callback " before it for an agreed call back).
      const callback = entry.note?.startsWith(CALLBACK_NOTE) ?? false;
      const until = Date.parse(
        callback ? (entry.note ?? '').slice(CALLBACK_NOTE.length) : (entry.note ?? ''),
      );
      if (!Number.isFinite(until)) return { what: t('tlSnooze') };
      return { what: t(callback ? 'tlCallbackAgreed' : 'tlSnoozedUntil', formatDateTime(until)) };
    }
    case 'hand-off': {
      const what = entry.owner ? t('tlHandedTo', entry.owner) : t('tlHandedToTeam');
      return { what, ...(entry.note && { detail: entry.note }) };
    }
    default:
      return { what: t(KIND_KEYS[entry.kind]), ...(entry.note && { detail: entry.note }) };
  }
}

const KIND_KEYS = {
  records: 'tlRecords',
  acknowledgment: 'tlAcknowledgment',
  edit: 'tlEdit',
  packet: 'tlPacket',
} as const;

/**
 * Every change to a referral, newest first: state changes with their reasons, outreach with its
 * note, escalations and who resolved them, override reasons, records, hand-offs. "Who" is the
 * coordinator's initials as recorded; nothing is shown when none were recorded.
 */
export function Timeline({
  referral,
  headingLevel = 3,
}: {
  referral: Referral;
  headingLevel?: 2 | 3 | 4 | 5;
}) {
  const Heading = `h${headingLevel}` as 'h2' | 'h3' | 'h4' | 'h5';
  const entries = referral.history
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => b.entry.at - a.entry.at || b.index - a.index);
  return (
    <section class="timeline" aria-label={t('tlTitle')}>
      <Heading class="timeline-title">{t('tlTitle')}</Heading>
      <ol class="timeline-list">
        {entries.map(({ entry, index }) => {
          const { what, detail } = describeEntry(entry, referral);
          return (
            <li key={index} class={`timeline-entry timeline-${entry.kind}`}>
              <span class="timeline-when">
                <time dateTime={new Date(entry.at).toISOString()}>{formatDateTime(entry.at)}</time>
                {entry.by && <span class="timeline-who"> · {entry.by}</span>}
              </span>{' '}
              <span class="timeline-what">{what}</span>
              {detail && <span class="timeline-detail">{detail}</span>}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
