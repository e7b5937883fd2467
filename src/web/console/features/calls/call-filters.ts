import { fromZonedInputValue } from '../../../ui/format/datetime.js';
import type { CallLogQuery } from './call.queries.js';

/** The call log page's filters as kept in the URL (`?agent=&from=&to=`): dates are the tenant's calendar days. */
export interface CallFilterState {
  /** User id, or '' for every agent. */
  agent: string;
  /** `YYYY-MM-DD` or ''. */
  from: string;
  /** `YYYY-MM-DD` (that day included) or ''. */
  to: string;
}

export const EMPTY_CALL_FILTERS: CallFilterState = { agent: '', from: '', to: '' };

const YMD = /^\d{4}-\d{2}-\d{2}$/;
const validDay = (value: string | null): string => {
  if (!value || !YMD.test(value)) return '';
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? value : '';
};

export function parseCallFilters(params: URLSearchParams): CallFilterState {
  return { agent: params.get('agent') ?? '', from: validDay(params.get('from')), to: validDay(params.get('to')) };
}

export function callFiltersToParams(state: CallFilterState): Record<string, string> {
  const out: Record<string, string> = {};
  if (state.agent) out.agent = state.agent;
  if (state.from) out.from = state.from;
  if (state.to) out.to = state.to;
  return out;
}

/** The day after `YYYY-MM-DD`. */
export function nextDay(ymd: string): string {
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** The end day is before the start day. */
export function isReversedRange(state: Pick<CallFilterState, 'from' | 'to'>): boolean {
  return state.from !== '' && state.to !== '' && state.to < state.from;
}

/**
 * The API query: the days as instants of the tenant's zone (from 00:00 of the first day to 00:00
 * after the last one), and for someone who may only see their own calls, their own user id.
 */
export function callFiltersToQuery(state: CallFilterState, options: { timeZone: string; limit: number; ownUserId: string | null }): CallLogQuery {
  const query: CallLogQuery = { limit: options.limit };
  const agent = options.ownUserId ?? state.agent;
  if (agent) query.agentUserId = agent;
  const from = state.from ? fromZonedInputValue(`${state.from}T00:00`, options.timeZone) : null;
  const to = state.to ? fromZonedInputValue(`${nextDay(state.to)}T00:00`, options.timeZone) : null;
  if (from) query.from = from;
  if (to) query.to = to;
  return query;
}
