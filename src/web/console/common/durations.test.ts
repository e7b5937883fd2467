import { describe, expect, it } from 'vitest';
import { formatCount, formatDuration, formatPercent, secondsSince, secondsUntil } from './durations.js';

describe('formatDuration', () => {
  it('shows m:ss under an hour and h:mm:ss from an hour', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(7)).toBe('0:07');
    expect(formatDuration(59.9)).toBe('0:59');
    expect(formatDuration(754)).toBe('12:34');
    expect(formatDuration(3599)).toBe('59:59');
    expect(formatDuration(3600)).toBe('1:00:00');
    expect(formatDuration(3723)).toBe('1:02:03');
    expect(formatDuration(36_000 * 3)).toBe('30:00:00');
  });

  it('clamps negatives and shows a dash for no value', () => {
    expect(formatDuration(-5)).toBe('0:00');
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(undefined)).toBe('—');
    expect(formatDuration(Number.NaN)).toBe('—');
  });
});

describe('secondsSince / secondsUntil', () => {
  const t0 = Date.parse('2026-11-23T05:00:00Z');

  it('counts whole seconds since an instant, never negative', () => {
    expect(secondsSince('2026-11-23T05:00:00Z', t0 + 61_900)).toBe(61);
    expect(secondsSince('2026-11-23T05:00:00Z', t0 - 3_000)).toBe(0);
    expect(secondsSince(null, t0)).toBeNull();
    expect(secondsSince('not a date', t0)).toBeNull();
  });

  it('counts down in whole seconds rounded up, stopping at 0', () => {
    expect(secondsUntil('2026-11-23T05:00:20Z', t0)).toBe(20);
    expect(secondsUntil('2026-11-23T05:00:20Z', t0 + 19_100)).toBe(1);
    expect(secondsUntil('2026-11-23T05:00:20Z', t0 + 20_000)).toBe(0);
    expect(secondsUntil('2026-11-23T05:00:20Z', t0 + 90_000)).toBe(0);
    expect(secondsUntil(undefined, t0)).toBeNull();
  });
});

describe('formatPercent / formatCount', () => {
  it('formats shares as percentages with at most one decimal', () => {
    expect(formatPercent(0.8)).toBe('80%');
    expect(formatPercent(0.8351)).toBe('83.5%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(null)).toBe('—');
  });

  it('formats counts with digit grouping', () => {
    expect(formatCount(12345)).toBe('12,345');
    expect(formatCount(0)).toBe('0');
    expect(formatCount(null)).toBe('—');
  });
});
