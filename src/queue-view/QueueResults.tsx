import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';
import { isOverdue } from '../referral/overdue';
import { isOpen, openEscalations, type Person, type Referral } from '../referral/referral';
import { followUpLabel, ownerLabel, priorityLabel, statusLabel } from '../ui/labels';
import { ageLabel, outreachSummary } from './format';

export type Layout = 'wide' | 'narrow';

export interface QueueResultsProps {
  referrals: Referral[];
  layout: Layout;
  /** Shown as the table's caption (or the list's name). */
  caption: string;
  now: number;
  openId: string | undefined;
  onToggle: (id: string) => void;
  details: (referral: Referral) => ComponentChildren;
  /** On a team queue: who is working here, so each row says whose it is. */
  team?: { me: Person | null };
}

const NAV_KEYS = ['ArrowDown', 'ArrowUp', 'Home', 'End'];

/**
 * The page of referrals, as a table (dashboard) or a list with headings (side panel). Rows use a
 * roving tabindex: Tab enters the list on one row, Up/Down/Home/End move between rows, Enter or
 * Space on the patient's name opens the row's details and actions.
 */
export function QueueResults({
  referrals,
  layout,
  caption,
  now,
  openId,
  onToggle,
  details,
  team,
}: QueueResultsProps) {
  const [active, setActive] = useState(0);
  const container = useRef<HTMLElement>(null);
  const current = Math.min(active, Math.max(referrals.length - 1, 0));
  const firstId = referrals[0]?.id;
  // A new page starts at its first row.
  useEffect(() => setActive(0), [firstId]);

  const rowButton = (index: number) =>
    container.current?.querySelector<HTMLElement>(`[data-row="${index}"][data-row-main]`);
  const onKeyDown = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement;
    const row = target.dataset.row;
    if (row === undefined || !NAV_KEYS.includes(event.key)) return;
    const index = Number(row);
    const last = referrals.length - 1;
    const next =
      event.key === 'ArrowDown'
        ? Math.min(index + 1, last)
        : event.key === 'ArrowUp'
          ? Math.max(index - 1, 0)
          : event.key === 'Home'
            ? 0
            : last;
    event.preventDefault();
    setActive(next);
    rowButton(next)?.focus();
  };

  const cells = (referral: Referral, index: number) => {
    const overdue = isOpen(referral.status) && isOverdue(referral, now);
    const tabIndex = index === current ? 0 : -1;
    const open = openId === referral.id;
    return {
      overdue,
      open,
      name: (
        <button
          type="button"
          class="qv-row-button"
          data-row={index}
          data-row-main
          tabIndex={tabIndex}
          aria-expanded={open}
          {...(open && { 'aria-controls': `qv-details-${referral.id}` })}
          onFocus={() => setActive(index)}
          onClick={() => onToggle(referral.id)}
        >
          {referral.patient.name}
        </button>
      ),
      specialty: referral.receiving.specialty ?? t('referralGeneric'),
      organization: referral.receiving.organization ?? '—',
      state: (
        <>
          {statusLabel(referral.status)}
          {openEscalations(referral).length > 0 && (
            <>
              {' '}
              <span class="qv-badge qv-escalation-open">{t('escalationOpenFlag')}</span>
            </>
          )}
        </>
      ),
      priority: (
        <span class={`qv-priority qv-priority-${referral.priority}`}>{priorityLabel(referral.priority)}</span>
      ),
      age: ageLabel(referral, now),
      followUp: (
        <span class="qv-follow-up">
          {overdue && <span class="qv-badge">{t('qvOverdue')}</span>}{' '}
          {referral.nextFollowUpAt === undefined ? t('qvNothingDue') : followUpLabel(referral)}
        </span>
      ),
      outreach: outreachSummary(referral),
      owner: team && ownerLabel(referral, team.me ?? undefined),
      link: (
        <a
          href={referral.source.pageUrl}
          target="_blank"
          rel="noreferrer"
          data-row={index}
          tabIndex={tabIndex}
          onFocus={() => setActive(index)}
        >
          {t('queueOpenInEhr')}
          <span class="visually-hidden">
            {' '}
            {referral.patient.name} {t('qvNewTab')}
          </span>
        </a>
      ),
    };
  };

  if (layout === 'narrow') {
    return (
      <ol
        class="qv-list"
        aria-label={caption}
        ref={container as { current: HTMLOListElement | null }}
        onKeyDown={onKeyDown}
      >
        {referrals.map((referral, index) => {
          const c = cells(referral, index);
          return (
            <li
              key={referral.id}
              class={`qv-card${c.overdue ? ' qv-overdue' : ''}${c.open ? ' qv-open' : ''}`}
              data-referral-id={referral.id}
            >
              <h3 class="qv-card-title">{c.name}</h3>
              <p class="qv-card-meta">
                {c.specialty} · {c.organization}
              </p>
              <dl class="qv-card-facts">
                <div>
                  <dt>{t('qvColState')}</dt>
                  <dd>{c.state}</dd>
                </div>
                <div>
                  <dt>{t('fieldPriority')}</dt>
                  <dd>{c.priority}</dd>
                </div>
                <div>
                  <dt>{t('qvColAge')}</dt>
                  <dd>{c.age}</dd>
                </div>
                <div>
                  <dt>{t('qvColFollowUp')}</dt>
                  <dd>{c.followUp}</dd>
                </div>
                <div>
                  <dt>{t('qvColOutreach')}</dt>
                  <dd>{c.outreach}</dd>
                </div>
                {team && (
                  <div>
                    <dt>{t('qvColOwner')}</dt>
                    <dd class="qv-owner-name">{c.owner}</dd>
                  </div>
                )}
              </dl>
              <p class="qv-card-link">{c.link}</p>
              {c.open && (
                <div id={`qv-details-${referral.id}`} class="qv-details">
                  {details(referral)}
                </div>
              )}
            </li>
          );
        })}
      </ol>
    );
  }

  return (
    <div class="qv-table-wrap">
      <table class="qv-table" ref={container as { current: HTMLTableElement | null }} onKeyDown={onKeyDown}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('fieldPatient')}</th>
            <th scope="col">{t('fieldSpecialty')}</th>
            <th scope="col">{t('fieldReceivingOrganization')}</th>
            <th scope="col">{t('qvColState')}</th>
            <th scope="col">{t('fieldPriority')}</th>
            <th scope="col">{t('qvColAge')}</th>
            <th scope="col">{t('qvColFollowUp')}</th>
            <th scope="col">{t('qvColOutreach')}</th>
            {team && <th scope="col">{t('qvColOwner')}</th>}
            <th scope="col">{t('qvColEhr')}</th>
          </tr>
        </thead>
        <tbody>
          {referrals.flatMap((referral, index) => {
            const c = cells(referral, index);
            const rows = [
              <tr
                key={referral.id}
                class={`qv-row${c.overdue ? ' qv-overdue' : ''}${c.open ? ' qv-open' : ''}`}
                data-referral-id={referral.id}
              >
                <th scope="row">{c.name}</th>
                <td>{c.specialty}</td>
                <td>{c.organization}</td>
                <td>{c.state}</td>
                <td>{c.priority}</td>
                <td class="qv-nowrap">{c.age}</td>
                <td>{c.followUp}</td>
                <td>{c.outreach}</td>
                {team && <td class="qv-owner-name">{c.owner}</td>}
                <td class="qv-nowrap">{c.link}</td>
              </tr>,
            ];
            if (c.open) {
              rows.push(
                <tr key={`${referral.id}-details`} class="qv-details-row">
                  <td colSpan={team ? 10 : 9} id={`qv-details-${referral.id}`} class="qv-details">
                    {details(referral)}
                  </td>
                </tr>,
              );
            }
            return rows;
          })}
        </tbody>
      </table>
    </div>
  );
}
