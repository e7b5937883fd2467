import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatYen, fromZonedInputValue, toZonedInputValue, todayIn } from './datetime.js';

describe('formatDateTime', () => {
  it('shows a UTC instant on the Tokyo wall clock', () => {
    expect(formatDateTime('2026-11-23T05:05:00Z', 'Asia/Tokyo')).toBe('2026/11/23 14:05');
  });

  it('defaults to Asia/Tokyo and crosses midnight as 00, not 24', () => {
    expect(formatDateTime('2026-11-22T15:00:00.000Z')).toBe('2026/11/23 00:00');
  });

  it('follows the tenant zone, not the browser', () => {
    expect(formatDateTime('2026-07-01T12:30:00Z', 'America/New_York')).toBe('2026/07/01 08:30');
  });

  it('shows a dash for missing or broken values', () => {
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime('not a date')).toBe('—');
  });
});

describe('formatDate', () => {
  it('reformats a calendar date without shifting it', () => {
    expect(formatDate('2026-01-31')).toBe('2026/01/31');
    expect(formatDate(null)).toBe('—');
  });
});

describe('todayIn', () => {
  it('is already tomorrow in Tokyo late in the UTC evening', () => {
    expect(todayIn('Asia/Tokyo', new Date('2026-03-31T16:00:00Z'))).toBe('2026-04-01');
  });
});

describe('formatYen', () => {
  it('groups thousands with a half-width yen sign', () => {
    expect(formatYen(1234567)).toBe('¥1,234,567');
    expect(formatYen(0)).toBe('¥0');
    expect(formatYen(-500)).toBe('-¥500');
    expect(formatYen(null)).toBe('—');
  });
});

describe('zoned datetime-local values', () => {
  it('reads what the user typed as Tokyo time', () => {
    expect(fromZonedInputValue('2026-11-23T14:05', 'Asia/Tokyo')).toBe('2026-11-23T05:05:00.000Z');
  });

  it('writes an instant as Tokyo wall-clock input', () => {
    expect(toZonedInputValue('2026-11-23T05:05:00Z', 'Asia/Tokyo')).toBe('2026-11-23T14:05');
  });

  it('round-trips across a daylight-saving change', () => {
    const sut = fromZonedInputValue('2026-03-08T03:30', 'America/New_York');
    expect(sut).toBe('2026-03-08T07:30:00.000Z');
    expect(toZonedInputValue(sut, 'America/New_York')).toBe('2026-03-08T03:30');
  });

  it('rejects empty and malformed values', () => {
    expect(fromZonedInputValue('', 'Asia/Tokyo')).toBeNull();
    expect(fromZonedInputValue('2026/11/23 14:05', 'Asia/Tokyo')).toBeNull();
    expect(toZonedInputValue(null, 'Asia/Tokyo')).toBe('');
  });
});
