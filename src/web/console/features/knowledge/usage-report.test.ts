import { describe, expect, it } from 'vitest';
import { last30Days } from './usage-report.js';

describe('last30Days', () => {
  it('counts 30 local days ending today in the tenant zone', () => {
    // 2026-11-30 20:00 UTC is already 1 December in Tokyo.
    expect(last30Days(new Date('2026-11-30T20:00:00Z'), 'Asia/Tokyo')).toEqual({ from: '2026-11-02', to: '2026-12-01' });
    expect(last30Days(new Date('2026-11-30T20:00:00Z'), 'UTC')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
  });
});
