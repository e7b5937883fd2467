import { CASE_PRIORITIES, CASE_STATUSES, type CaseListQuery, type CasePriority, type CaseStatus } from '../../api/types.js';

/** The case list's filters, kept in the URL so a filtered list can be bookmarked and shared. */
export interface CaseFilterState {
  status: CaseStatus[];
  priority: CasePriority | '';
  ownerUserId: string;
  overdue: boolean;
  q: string;
  page: number;
}

export const EMPTY_CASE_FILTERS: CaseFilterState = { status: [], priority: '', ownerUserId: '', overdue: false, q: '', page: 1 };

function isStatus(value: string): value is CaseStatus {
  return (CASE_STATUSES as readonly string[]).includes(value);
}

function isPriority(value: string): value is CasePriority {
  return (CASE_PRIORITIES as readonly string[]).includes(value);
}

export function parseCaseFilters(params: URLSearchParams): CaseFilterState {
  const priority = params.get('priority') ?? '';
  const page = Number(params.get('page'));
  return {
    status: CASE_STATUSES.filter((s) => params.getAll('status').includes(s)),
    priority: isPriority(priority) ? priority : '',
    ownerUserId: params.get('owner') ?? '',
    overdue: params.get('overdue') === 'true',
    q: params.get('q') ?? '',
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

export function caseFiltersToParams(state: CaseFilterState): URLSearchParams {
  const params = new URLSearchParams();
  for (const status of state.status) if (isStatus(status)) params.append('status', status);
  if (state.priority) params.set('priority', state.priority);
  if (state.ownerUserId) params.set('owner', state.ownerUserId);
  if (state.overdue) params.set('overdue', 'true');
  if (state.q.trim()) params.set('q', state.q.trim());
  if (state.page > 1) params.set('page', String(state.page));
  return params;
}

export function caseFiltersToQuery(state: CaseFilterState, pageSize: number): CaseListQuery & { page: number; pageSize: number } {
  const query: CaseListQuery & { page: number; pageSize: number } = { page: state.page, pageSize };
  if (state.status.length > 0) query.status = state.status;
  if (state.priority) query.priority = state.priority;
  if (state.ownerUserId) query.ownerUserId = state.ownerUserId;
  if (state.overdue) query.overdue = true;
  if (state.q.trim()) query.q = state.q.trim();
  return query;
}

export function hasActiveFilters(state: CaseFilterState): boolean {
  return state.status.length > 0 || state.priority !== '' || state.ownerUserId !== '' || state.overdue || state.q.trim() !== '';
}
