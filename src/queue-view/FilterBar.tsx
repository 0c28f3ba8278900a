import { useId, useState } from 'preact/hooks';
import { t } from '../i18n';
import { AGE_BUCKET_NAMES, type AgeBucket } from '../referral/age-buckets';
import { PRIORITIES } from '../referral/priority';
import { REFERRAL_STATUSES, type ReferralStatus } from '../referral/referral';
import { priorityLabel, statusLabel } from '../ui/labels';
import { type Filters, NO_FILTERS, type OwnerFilter, PAGE_SIZES, SORTS, type Sort } from './filters';
import { ageBucketLabel, sortLabel } from './format';

export interface FilterBarProps {
  filters: Filters;
  onChange: (filters: Filters) => void;
  /** Specialties and receiving offices seen so far, offered as suggestions. */
  suggestions: { specialties: string[]; organizations: string[] };
  /** The side panel: the less used filters fold away under "More filters". */
  compact?: boolean;
  /** A team queue: "Mine / Team / Unassigned" is offered. */
  shared?: boolean;
}

const OWNER_CHOICES: readonly { value: OwnerFilter; label: () => string }[] = [
  { value: 'mine', label: () => t('qvOwnerMine') },
  { value: '', label: () => t('qvOwnerTeam') },
  { value: 'unassigned', label: () => t('qvOwnerUnassigned') },
];

/** Labelled form controls for every filter; each change applies at once (text after a pause). */
export function FilterBar({
  filters,
  onChange,
  suggestions,
  compact = false,
  shared = false,
}: FilterBarProps) {
  const id = useId();
  const activeMore = [
    filters.ageBucket,
    filters.priority,
    filters.specialty.trim(),
    filters.receivingOrganization.trim(),
  ].filter(Boolean).length;
  // Unfolded at first when the address already set one of them.
  const [moreOpen] = useState(activeMore > 0);
  const set = <K extends keyof Filters>(name: K, value: Filters[K]) =>
    onChange({ ...filters, [name]: value });
  const toggleState = (state: ReferralStatus, on: boolean) =>
    set(
      'states',
      REFERRAL_STATUSES.filter((s) => (s === state ? on : filters.states.includes(s))),
    );
  const sizes = [...new Set<number>([...PAGE_SIZES, filters.limit])].sort((a, b) => a - b);
  const stateSummary =
    filters.states.length === 0
      ? t('qvStatesAny')
      : filters.states.length === 1 && filters.states[0]
        ? statusLabel(filters.states[0])
        : t('qvStatesSome', String(filters.states.length));

  const more = (
    <>
      <div class="qv-field">
        <label for={`${id}-age`}>{t('qvAge')}</label>
        <select
          id={`${id}-age`}
          value={filters.ageBucket}
          onChange={(event) => set('ageBucket', event.currentTarget.value as AgeBucket | '')}
        >
          <option value="">{t('qvAgeAny')}</option>
          {AGE_BUCKET_NAMES.map((bucket) => (
            <option key={bucket} value={bucket}>
              {ageBucketLabel(bucket)}
            </option>
          ))}
        </select>
      </div>
      <div class="qv-field">
        <label for={`${id}-priority`}>{t('fieldPriority')}</label>
        <select
          id={`${id}-priority`}
          value={filters.priority}
          onChange={(event) => set('priority', event.currentTarget.value as Filters['priority'])}
        >
          <option value="">{t('qvPriorityAny')}</option>
          {PRIORITIES.map((priority) => (
            <option key={priority} value={priority}>
              {priorityLabel(priority)}
            </option>
          ))}
        </select>
      </div>
      <div class="qv-field">
        <label for={`${id}-specialty`}>{t('fieldSpecialty')}</label>
        <input
          id={`${id}-specialty`}
          type="text"
          list={`${id}-specialties`}
          value={filters.specialty}
          maxLength={200}
          onInput={(event) => set('specialty', event.currentTarget.value)}
        />
        <datalist id={`${id}-specialties`}>
          {suggestions.specialties.map((value) => (
            <option key={value} value={value} />
          ))}
        </datalist>
      </div>
      <div class="qv-field">
        <label for={`${id}-org`}>{t('fieldReceivingOrganization')}</label>
        <input
          id={`${id}-org`}
          type="text"
          list={`${id}-organizations`}
          value={filters.receivingOrganization}
          maxLength={200}
          onInput={(event) => set('receivingOrganization', event.currentTarget.value)}
        />
        <datalist id={`${id}-organizations`}>
          {suggestions.organizations.map((value) => (
            <option key={value} value={value} />
          ))}
        </datalist>
      </div>
      <div class="qv-field">
        <label for={`${id}-sort`}>{t('qvSort')}</label>
        <select
          id={`${id}-sort`}
          value={filters.sort}
          onChange={(event) => set('sort', event.currentTarget.value as Sort)}
        >
          {SORTS.map((sort) => (
            <option key={sort} value={sort}>
              {sortLabel(sort)}
            </option>
          ))}
        </select>
      </div>
      <div class="qv-field">
        <label for={`${id}-limit`}>{t('qvPageSize')}</label>
        <select
          id={`${id}-limit`}
          value={String(filters.limit)}
          onChange={(event) => set('limit', Number(event.currentTarget.value))}
        >
          {sizes.map((size) => (
            <option key={size} value={String(size)}>
              {size}
            </option>
          ))}
        </select>
      </div>
      <div class="qv-field qv-clear">
        <button
          type="button"
          class="qv-button qv-quiet"
          onClick={() =>
            onChange({ ...NO_FILTERS, owner: filters.owner, sort: filters.sort, limit: filters.limit })
          }
        >
          {t('qvClearFilters')}
        </button>
      </div>
    </>
  );

  return (
    <form class="qv-filters" aria-label={t('qvFilters')} onSubmit={(event) => event.preventDefault()}>
      <div class="qv-field qv-search">
        <label for={`${id}-search`}>{t('qvSearch')}</label>
        <input
          id={`${id}-search`}
          type="search"
          value={filters.search}
          maxLength={200}
          placeholder={t('qvSearchPlaceholder')}
          onInput={(event) => set('search', event.currentTarget.value)}
        />
      </div>
      {shared && (
        <fieldset class="qv-field qv-owner">
          <legend>{t('qvOwner')}</legend>
          {OWNER_CHOICES.map((choice) => (
            <label key={choice.value} class="qv-check">
              <input
                type="radio"
                name={`${id}-owner`}
                value={choice.value}
                checked={filters.owner === choice.value}
                onChange={() => set('owner', choice.value)}
              />
              {choice.label()}
            </label>
          ))}
        </fieldset>
      )}
      <details class="qv-field qv-states">
        <summary>
          <span class="qv-summary-label">{t('qvStates')}</span> <span>{stateSummary}</span>
        </summary>
        <fieldset>
          <legend class="visually-hidden">{t('qvStates')}</legend>
          {REFERRAL_STATUSES.map((state) => (
            <label key={state} class="qv-check">
              <input
                type="checkbox"
                name="state"
                value={state}
                checked={filters.states.includes(state)}
                onChange={(event) => toggleState(state, event.currentTarget.checked)}
              />
              {statusLabel(state)}
            </label>
          ))}
        </fieldset>
      </details>
      <label class="qv-field qv-check qv-overdue">
        <input
          type="checkbox"
          checked={filters.overdueOnly}
          onChange={(event) => set('overdueOnly', event.currentTarget.checked)}
        />
        {t('qvOverdueOnly')}
      </label>
      <label class="qv-field qv-check qv-escalation-filter">
        <input
          type="checkbox"
          checked={filters.escalationOpen}
          onChange={(event) => set('escalationOpen', event.currentTarget.checked)}
        />
        {t('qvEscalationOpenOnly')}
      </label>
      {compact ? (
        <details class="qv-more" open={moreOpen}>
          <summary>
            {activeMore > 0 ? t('qvMoreFiltersActive', String(activeMore)) : t('qvMoreFilters')}
          </summary>
          <div class="qv-more-fields">{more}</div>
        </details>
      ) : (
        more
      )}
    </form>
  );
}
