import { describe, expect, it } from 'vitest';
import { EMPTY_CASE_FILTERS, caseFiltersToParams, caseFiltersToQuery, hasActiveFilters, parseCaseFilters } from './case-filters.js';
import { isOverdue } from './case-rules.js';

describe('case filters in the URL', () => {
  it('round-trips every filter', () => {
    const state = { status: ['open' as const, 'pending' as const], priority: 'high' as const, ownerUserId: 'u1', overdue: true, q: '返品', page: 3 };
    const sut = parseCaseFilters(caseFiltersToParams(state));
    expect(sut).toEqual(state);
  });

  it('ignores unknown values instead of sending them to the server', () => {
    const sut = parseCaseFilters(new URLSearchParams('status=open&status=bogus&priority=extreme&page=-2'));
    expect(sut).toEqual({ ...EMPTY_CASE_FILTERS, status: ['open'] });
  });

  it('leaves empty filters out of the query', () => {
    expect(caseFiltersToQuery(EMPTY_CASE_FILTERS, 20)).toEqual({ page: 1, pageSize: 20 });
    expect(hasActiveFilters(EMPTY_CASE_FILTERS)).toBe(false);
    expect(caseFiltersToQuery({ ...EMPTY_CASE_FILTERS, overdue: true, q: ' x ' }, 20)).toEqual({ page: 1, pageSize: 20, overdue: true, q: 'x' });
  });
});

describe('isOverdue', () => {
  const now = Date.parse('2026-11-23T05:00:00Z');

  it('is true for an open case past its due time', () => {
    expect(isOverdue({ status: 'open', dueAt: '2026-11-23T04:59:00Z' }, now)).toBe(true);
  });

  it('is false when not yet due, without due time, or already resolved', () => {
    expect(isOverdue({ status: 'open', dueAt: '2026-11-23T05:01:00Z' }, now)).toBe(false);
    expect(isOverdue({ status: 'new', dueAt: null }, now)).toBe(false);
    expect(isOverdue({ status: 'resolved', dueAt: '2026-11-01T00:00:00Z' }, now)).toBe(false);
  });
});
