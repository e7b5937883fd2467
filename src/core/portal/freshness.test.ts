import { describe, expect, it } from 'vitest';
import { ageInDays, localDate, staleCutoffs, staleReasons } from './freshness.js';

describe('freshness', () => {
  // 2026-11-30 16:00 UTC is already 12-01 in Tokyo.
  const now = new Date('2026-11-30T16:00:00Z');

  it('takes today in the tenant zone', () => {
    expect(localDate(now, 'Asia/Tokyo')).toBe('2026-12-01');
    expect(localDate(now, 'America/Los_Angeles')).toBe('2026-11-30');
  });

  it('lists an overdue review and an old update, each on its own', () => {
    const c = staleCutoffs(now, 'Asia/Tokyo', 180);
    const recent = new Date('2026-11-01T00:00:00Z');
    expect(staleReasons({ reviewBy: '2026-11-30', updatedAt: recent }, c)).toEqual(['review_overdue']);
    expect(staleReasons({ reviewBy: '2026-12-01', updatedAt: recent }, c)).toEqual([]);
    expect(staleReasons({ reviewBy: null, updatedAt: new Date('2026-06-01T00:00:00Z') }, c)).toEqual(['not_updated']);
    expect(staleReasons({ reviewBy: '2020-01-01', updatedAt: new Date('2020-01-01T00:00:00Z') }, c)).toEqual(['review_overdue', 'not_updated']);
    expect(ageInDays(new Date('2026-11-28T17:00:00Z'), now)).toBe(1);
    expect(ageInDays(new Date('2027-01-01T00:00:00Z'), now)).toBe(0);
  });
});
