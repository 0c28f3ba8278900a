import type { QueueQuery, QueueQueryInput } from '../message-schema';
import { AGE_BUCKET_NAMES, type AgeBucket } from '../referral/age-buckets';
import { PRIORITIES, type Priority } from '../referral/priority';
import { REFERRAL_STATUSES, type ReferralStatus } from '../referral/referral';

export const SORTS = ['next-follow-up', 'newest', 'oldest'] as const;
/** Whose referrals a team queue view shows: everyone's ('' = the team's), the coordinator's, nobody's. */
export const OWNER_FILTERS = ['', 'mine', 'unassigned'] as const;
export type OwnerFilter = (typeof OWNER_FILTERS)[number];
export type Sort = QueueQuery['sort'];
export const PAGE_SIZES = [10, 25, 50, 100] as const;
const DEFAULT_LIMIT = 25;

/** What a queue view filters on, as its form controls hold it. */
export interface Filters {
  states: ReferralStatus[];
  overdueOnly: boolean;
  /** Only referrals with an escalation nobody has resolved. */
  escalationOpen: boolean;
  owner: OwnerFilter;
  ageBucket: AgeBucket | '';
  priority: Priority | '';
  specialty: string;
  receivingOrganization: string;
  search: string;
  sort: Sort;
  limit: number;
}

export const NO_FILTERS: Filters = {
  states: [],
  overdueOnly: false,
  escalationOpen: false,
  owner: '',
  ageBucket: '',
  priority: '',
  specialty: '',
  receivingOrganization: '',
  search: '',
  sort: 'next-follow-up',
  limit: DEFAULT_LIMIT,
};

/** The view's filters and the referral to open, as the address carries them. */
export interface ViewParams {
  filters: Filters;
  /** `id=<referralId>`: open this referral's details. */
  openId?: string;
}

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | undefined =>
  value !== null && (values as readonly string[]).includes(value) ? (value as T) : undefined;

const text = (value: string | null) => (value ?? '').trim().slice(0, 200);

/**
 * Reads the filters from a query string: `overdue=1`, `escalation=1`, `owner=mine|unassigned`,
 * `state=<status>` (repeated), `age`,
 * `priority`, `specialty`, `org`, `q`, `sort`, `limit` and `id`. Anything unknown is ignored, so a
 * hand-edited address never breaks the view.
 */
export function readViewParams(search: string): ViewParams {
  const params = new URLSearchParams(search);
  const states = params
    .getAll('state')
    .map((state) => oneOf(REFERRAL_STATUSES, state))
    .filter((state): state is ReferralStatus => state !== undefined);
  const limit = Number.parseInt(params.get('limit') ?? '', 10);
  const id = text(params.get('id')).slice(0, 64);
  return {
    filters: {
      states: [...new Set(states)],
      overdueOnly: params.get('overdue') === '1' || params.get('overdue') === 'true',
      escalationOpen: params.get('escalation') === '1',
      owner: oneOf(OWNER_FILTERS, params.get('owner')) ?? '',
      ageBucket: oneOf(AGE_BUCKET_NAMES, params.get('age')) ?? '',
      priority: oneOf(PRIORITIES, params.get('priority')) ?? '',
      specialty: text(params.get('specialty')),
      receivingOrganization: text(params.get('org')),
      search: text(params.get('q')),
      sort: oneOf(SORTS, params.get('sort')) ?? 'next-follow-up',
      limit: Number.isInteger(limit) && limit >= 1 && limit <= 100 ? limit : DEFAULT_LIMIT,
    },
    ...(id && { openId: id }),
  };
}

/** The query string for the filters, so a reload or a bookmark shows the same view. */
export function writeViewParams({ filters, openId }: ViewParams): string {
  const params = new URLSearchParams();
  for (const state of filters.states) params.append('state', state);
  if (filters.overdueOnly) params.set('overdue', '1');
  if (filters.escalationOpen) params.set('escalation', '1');
  if (filters.owner) params.set('owner', filters.owner);
  if (filters.ageBucket) params.set('age', filters.ageBucket);
  if (filters.priority) params.set('priority', filters.priority);
  if (filters.specialty.trim()) params.set('specialty', filters.specialty.trim());
  if (filters.receivingOrganization.trim()) params.set('org', filters.receivingOrganization.trim());
  if (filters.search.trim()) params.set('q', filters.search.trim());
  if (filters.sort !== 'next-follow-up') params.set('sort', filters.sort);
  if (filters.limit !== DEFAULT_LIMIT) params.set('limit', String(filters.limit));
  if (openId) params.set('id', openId);
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** The `query-queue` request for the filters and the page that starts after `after`. */
export function toQueueQuery(filters: Filters, after?: string): QueueQueryInput {
  const trimmed = (value: string) => value.trim() || undefined;
  return {
    ...(filters.states.length > 0 && { states: filters.states }),
    ...(filters.overdueOnly && { overdueOnly: true }),
    ...(filters.escalationOpen && { escalationOpen: true }),
    ...(filters.owner && { owner: filters.owner }),
    ...(filters.ageBucket && { ageBucket: filters.ageBucket }),
    ...(filters.priority && { priorities: [filters.priority] }),
    specialty: trimmed(filters.specialty),
    receivingOrganization: trimmed(filters.receivingOrganization),
    search: trimmed(filters.search),
    sort: filters.sort,
    limit: filters.limit,
    ...(after && { after }),
  };
}

export function isFiltered(filters: Filters): boolean {
  return (
    filters.states.length > 0 ||
    filters.overdueOnly ||
    filters.escalationOpen ||
    filters.owner !== '' ||
    filters.ageBucket !== '' ||
    filters.priority !== '' ||
    filters.specialty.trim() !== '' ||
    filters.receivingOrganization.trim() !== '' ||
    filters.search.trim() !== ''
  );
}
