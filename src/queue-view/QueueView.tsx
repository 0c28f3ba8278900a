import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';
import type { Send } from '../messages';
import type { QueuePage } from '../queue/queue-query';
import type { Referral } from '../referral/referral';
import { TeamConflicts } from '../ui/TeamConflicts';
import { FilterBar } from './FilterBar';
import { type Filters, isFiltered, readViewParams, toQueueQuery, writeViewParams } from './filters';
import { type Layout, QueueResults } from './QueueResults';
import { ReferralActions, type TeamMembers } from './ReferralActions';
import type { Reasons } from './ReferralForms';
import { TodayView } from './TodayView';

export interface QueueViewProps {
  send: Send;
  layout: Layout;
  /** The page's query string: initial filters and `id` of a referral to open. */
  search: string;
  /** Keeps the address in step with the filters (history.replaceState on a page). */
  onAddressChange?: (search: string) => void;
  /** Shown beside the title: links to the other views. */
  headerActions?: ComponentChildren;
  /** The side panel opens on the coordinator's day, above the queue. */
  showToday?: boolean;
  /** Text filters apply after this pause in typing. */
  typingDelay?: number;
  /** Calls back whenever the queue changed anywhere (a panel in an EHR tab); returns the unsubscribe. */
  watchQueue?: (changed: () => void) => () => void;
}

interface Loaded {
  page: QueuePage;
  /** When the page was fetched: overdue and age are judged against it. */
  at: number;
  /** 1 for the first page: how many cursors deep it is. */
  number: number;
}

const MAX_SUGGESTIONS = 200;

/**
 * The queue as a filterable, pageable view shared by the side panel and the dashboard. It holds
 * one page at a time; `next` cursors are stacked so that "Previous page" returns exactly.
 */
export function QueueView({
  send,
  layout,
  search,
  onAddressChange,
  headerActions,
  showToday = false,
  typingDelay = 250,
  watchQueue,
}: QueueViewProps) {
  const initial = useRef(readViewParams(search)).current;
  const [filters, setFilters] = useState<Filters>(initial.filters);
  const [applied, setApplied] = useState<Filters>(initial.filters);
  /** Cursor of each page shown so far; the last is the current page's (undefined: the first page). */
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [reasons, setReasons] = useState<Reasons | null>(null);
  /** On a team queue: who works here and their colleagues; null while local only (or unknown yet). */
  const [team, setTeam] = useState<TeamMembers | null>(null);
  const [openId, setOpenId] = useState<string | undefined>(initial.openId);
  /** The referral named by `id=` when it is not on the current page. */
  const [selected, setSelected] = useState<Referral | null>(null);
  const [notice, setNotice] = useState('');
  const [refreshes, setRefreshes] = useState(0);
  const [suggestions, setSuggestions] = useState({
    specialties: [] as string[],
    organizations: [] as string[],
  });
  const statusLine = useRef<HTMLParagraphElement>(null);
  /** After a save, focus goes to the status line if the referral left the page. */
  const focusAfterSave = useRef<string | null>(null);
  const request = useRef(0);

  useEffect(() => {
    send({ type: 'get-reasons' })
      .then(setReasons)
      .catch((failure: Error) => setLoadError(failure.message));
  }, [send]);

  // Selects and checkboxes apply at once; typing in a text filter waits for a pause.
  useEffect(() => {
    if (JSON.stringify(filters) === JSON.stringify(applied)) return;
    const typing =
      filters.search !== applied.search ||
      filters.specialty !== applied.specialty ||
      filters.receivingOrganization !== applied.receivingOrganization;
    const apply = () => {
      setApplied(filters);
      setCursors([undefined]);
    };
    if (!typing) return apply();
    const timer = setTimeout(apply, typingDelay);
    return () => clearTimeout(timer);
  }, [filters, applied, typingDelay]);

  useEffect(() => {
    onAddressChange?.(writeViewParams({ filters: applied, openId }));
  }, [applied, openId, onAddressChange]);

  useEffect(() => {
    const mine = ++request.current;
    const number = cursors.length;
    setLoading(true);
    send({ type: 'query-queue', query: toQueueQuery(applied, cursors.at(-1)) })
      .then((page) => {
        if (mine !== request.current) return;
        setLoaded({ page, at: Date.now(), number });
        setLoadError(null);
        setSuggestions((seen) => ({
          specialties: merge(
            seen.specialties,
            page.referrals.map((r) => r.receiving.specialty),
          ),
          organizations: merge(
            seen.organizations,
            page.referrals.map((r) => r.receiving.organization),
          ),
        }));
      })
      .catch((failure: Error) => mine === request.current && setLoadError(failure.message))
      .finally(() => mine === request.current && setLoading(false));
  }, [send, applied, cursors, refreshes]);

  const onPage = loaded?.page.referrals.some((referral) => referral.id === openId) ?? false;
  const pageReady = loaded !== null;
  useEffect(() => {
    if (!openId || onPage || !pageReady) {
      setSelected(null);
      return;
    }
    send({ type: 'get-referral', id: openId })
      .then(({ referral }) => setSelected(referral))
      .catch((failure: Error) => setLoadError(failure.message));
  }, [send, openId, onPage, pageReady, refreshes]);

  useEffect(() => {
    const id = focusAfterSave.current;
    if (!id || !loaded) return;
    focusAfterSave.current = null;
    const stillShown = loaded.page.referrals.some((r) => r.id === id) || selected?.id === id;
    if (!stillShown) statusLine.current?.focus();
  }, [loaded, selected]);

  const refresh = useCallback(() => setRefreshes((n) => n + 1), []);

  // Colleagues appear as the team's referrals arrive: read again with the queue.
  useEffect(() => {
    send({ type: 'team-members' })
      .then((members) => setTeam(members.sharing ? members : null))
      .catch(() => setTeam(null));
  }, [send, refreshes]);

  // Referrals are tracked and worked in EHR tabs while this view stays open (the side panel always
  // does): every change shows here at once, and coming back to the view shows the queue as it is.
  useEffect(() => watchQueue?.(refresh), [refresh, watchQueue]);
  useEffect(() => {
    const onVisible = () => document.visibilityState === 'visible' && refresh();
    window.addEventListener('focus', refresh);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.removeEventListener('focus', refresh);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [refresh]);

  // Opened on one referral (`id=`): bring its details into view once.
  const scrolledTo = useRef(false);
  useEffect(() => {
    if (scrolledTo.current || !initial.openId || !loaded) return;
    const shown =
      document.getElementById(`qv-details-${initial.openId}`) ?? document.querySelector('.qv-selected');
    if (!shown) return;
    scrolledTo.current = true;
    shown.scrollIntoView?.({ block: 'nearest' });
  }, [loaded, selected, initial.openId]);
  const toggle = (id: string) => setOpenId((current) => (current === id ? undefined : id));
  const details = (referral: Referral, headingLevel: 3 | 4) => (
    <ReferralActions
      key={referral.id}
      referral={referral}
      reasons={reasons}
      send={send}
      headingLevel={headingLevel}
      team={team ?? undefined}
      onSaved={(message) => {
        setNotice(message);
        focusAfterSave.current = referral.id;
        refresh();
      }}
      onRefused={() => {
        setNotice('');
        refresh();
      }}
    />
  );

  const referrals = loaded?.page.referrals ?? [];
  const pageNumber = loaded?.number ?? 1;
  const hasNext = Boolean(loaded?.page.next);
  const caption = t('qvCaption', [String(pageNumber), String(referrals.length)]);

  return (
    <div class={`qv qv-${layout}`}>
      <header class="qv-header">
        <h1>{t('queueTitle')}</h1>
        {headerActions && <div class="qv-header-actions">{headerActions}</div>}
      </header>
      <main>
        {showToday && (
          <TodayView send={send} refreshes={refreshes} onOpen={(referral) => setOpenId(referral.id)} />
        )}
        <h2 class="visually-hidden">{t('qvFilters')}</h2>
        <FilterBar
          filters={filters}
          onChange={setFilters}
          suggestions={suggestions}
          compact={layout === 'narrow'}
          shared={team !== null}
        />
        {/* Always in the page, so that what is written into it is announced. */}
        <p class="qv-status" role="status" tabIndex={-1} ref={statusLine}>
          {notice}
        </p>
        <TeamConflicts
          send={send}
          refreshes={refreshes}
          onSettled={(message) => {
            setNotice(message);
            refresh();
          }}
        />
        {loadError && (
          <p class="qv-error" role="alert">
            {t('errorPrefix', loadError)}
          </p>
        )}
        {selected && (
          <section class="qv-selected" aria-labelledby="qv-selected-title">
            <div class="qv-selected-head">
              <h2 id="qv-selected-title">{t('qvSelectedReferral')}</h2>
              <button type="button" class="qv-button qv-quiet" onClick={() => setOpenId(undefined)}>
                {t('qvClose')}
              </button>
            </div>
            {details(selected, 3)}
          </section>
        )}
        <section class="qv-results" aria-labelledby="qv-results-title" aria-busy={loading}>
          <h2 id="qv-results-title" class="visually-hidden">
            {t('qvResults')}
          </h2>
          {loaded && referrals.length === 0 && (
            <p class="qv-empty">
              {isFiltered(applied) || pageNumber > 1 ? t('qvNoMatches') : t('queueEmpty')}
            </p>
          )}
          {referrals.length > 0 && (
            <QueueResults
              referrals={referrals}
              layout={layout}
              caption={caption}
              now={loaded?.at ?? Date.now()}
              openId={openId}
              onToggle={toggle}
              team={team ?? undefined}
              details={(referral) => details(referral, layout === 'narrow' ? 4 : 3)}
            />
          )}
          {(pageNumber > 1 || hasNext) && (
            <nav class="qv-pager" aria-label={t('qvPaging')}>
              <button
                type="button"
                class="qv-button"
                aria-disabled={pageNumber === 1}
                onClick={() => pageNumber > 1 && !loading && setCursors((stack) => stack.slice(0, -1))}
              >
                {t('qvPreviousPage')}
              </button>
              <span class="qv-page-number">{t('qvPageNumber', String(pageNumber))}</span>
              <button
                type="button"
                class="qv-button"
                aria-disabled={!hasNext}
                onClick={() => {
                  const next = loaded?.page.next;
                  if (next && !loading) setCursors((stack) => [...stack, next]);
                }}
              >
                {t('qvNextPage')}
              </button>
            </nav>
          )}
        </section>
      </main>
    </div>
  );
}

function merge(seen: string[], values: (string | undefined)[]): string[] {
  const all = new Set(seen);
  for (const value of values) if (value && all.size < MAX_SUGGESTIONS) all.add(value);
  return all.size === seen.length ? seen : [...all].sort((a, b) => a.localeCompare(b));
}
