import './today.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import { type MessageKey, t } from '../i18n';
import type { Send } from '../messages';
import { TODAY_GROUPS, type TodayView as Today, type TodayGroup } from '../queue/today';
import { openEscalations, type Referral } from '../referral/referral';
import { followUpLabel, priorityLabel, statusLabel } from '../ui/labels';

const GROUP_TITLES: Record<TodayGroup, MessageKey> = {
  overdue: 'todayOverdue',
  'due-today': 'todayDueToday',
  new: 'todayNew',
  escalations: 'todayEscalations',
};

/**
 * The coordinator's day at a glance, where the popup and the side panel open: overdue, due today,
 * new, escalations open, each with its count, most urgent first. Each referral is one click (or
 * Enter) from its details and next action.
 */
export function TodayView({
  send,
  onOpen,
  refreshes = 0,
  autoFocus = false,
}: {
  send: Send;
  /** Opens the referral's details and actions. */
  onOpen: (referral: Referral) => void;
  /** Bumped when the queue changed: the day is read again. */
  refreshes?: number;
  /** The first referral of the day takes the focus (the popup), so Enter opens it. */
  autoFocus?: boolean;
}) {
  const [today, setToday] = useState<Today | null>(null);
  const [error, setError] = useState<string | null>(null);
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    send({ type: 'today', shown: 10 })
      .then(setToday)
      .catch((failure: Error) => setError(failure.message));
  }, [send, refreshes]);
  useEffect(() => {
    if (autoFocus && today) first.current?.focus();
  }, [autoFocus, today]);

  let firstGiven = false;
  return (
    <section class="today" aria-labelledby="today-title">
      <h2 id="today-title">{t('todayTitle')}</h2>
      {today?.scope === 'mine-and-unassigned' && <p class="today-scope">{t('todayScopeTeam')}</p>}
      {error && <p role="alert">{t('errorPrefix', error)}</p>}
      {today &&
        TODAY_GROUPS.map((group) => {
          const { count, referrals } = today.groups[group];
          return (
            <section key={group} class={`today-group today-${group}`} aria-labelledby={`today-${group}`}>
              <h3 id={`today-${group}`}>
                {t(GROUP_TITLES[group])} <span class="today-count">{count}</span>
              </h3>
              {count === 0 ? (
                <p class="today-none">{t('todayNone')}</p>
              ) : (
                <ul>
                  {referrals.map((referral) => {
                    const ref = firstGiven ? undefined : first;
                    firstGiven = true;
                    return (
                      <li key={referral.id} data-referral-id={referral.id}>
                        <button type="button" class="today-open" ref={ref} onClick={() => onOpen(referral)}>
                          <strong>{referral.patient.name}</strong> · {priorityLabel(referral.priority)} ·{' '}
                          {referral.receiving.specialty ?? t('referralGeneric')}
                        </button>
                        <span class="today-meta">
                          {statusLabel(referral.status)} · {followUpLabel(referral)}
                          {openEscalations(referral).length > 0 && ` · ${t('escalationOpenFlag')}`}
                        </span>
                      </li>
                    );
                  })}
                  {count > referrals.length && (
                    <li class="today-more">{t('todayMore', String(count - referrals.length))}</li>
                  )}
                </ul>
              )}
            </section>
          );
        })}
    </section>
  );
}
