import { describe, expect, it } from 'vitest';
import { EMPTY_CALL_FILTERS, callFiltersToParams, callFiltersToQuery, isReversedRange, nextDay, parseCallFilters } from './call-filters.js';

describe('call log filters', () => {
  it('reads and writes the URL, dropping days that do not exist', () => {
    const state = parseCallFilters(new URLSearchParams('agent=u1&from=2026-11-01&to=2026-02-30'));
    expect(state).toEqual({ agent: 'u1', from: '2026-11-01', to: '' });
    expect(callFiltersToParams(state)).toEqual({ agent: 'u1', from: '2026-11-01' });
    expect(parseCallFilters(new URLSearchParams(''))).toEqual(EMPTY_CALL_FILTERS);
  });

  it('turns JST calendar days into UTC instants, the last day included', () => {
    expect(callFiltersToQuery({ agent: '', from: '2026-11-23', to: '2026-11-23' }, { timeZone: 'Asia/Tokyo', limit: 50, ownUserId: null })).toEqual({
      limit: 50,
      from: '2026-11-22T15:00:00.000Z',
      to: '2026-11-23T15:00:00.000Z',
    });
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
  });

  it('asks for one agent, and only for oneself when that is all one may see', () => {
    expect(callFiltersToQuery({ ...EMPTY_CALL_FILTERS, agent: 'u2' }, { timeZone: 'Asia/Tokyo', limit: 20, ownUserId: null })).toEqual({ limit: 20, agentUserId: 'u2' });
    expect(callFiltersToQuery({ ...EMPTY_CALL_FILTERS, agent: 'u2' }, { timeZone: 'Asia/Tokyo', limit: 20, ownUserId: 'me' })).toEqual({ limit: 20, agentUserId: 'me' });
  });

  it('notices an end day before the start day', () => {
    expect(isReversedRange({ from: '2026-11-23', to: '2026-11-22' })).toBe(true);
    expect(isReversedRange({ from: '2026-11-23', to: '2026-11-23' })).toBe(false);
    expect(isReversedRange({ from: '', to: '2026-11-22' })).toBe(false);
  });
});
