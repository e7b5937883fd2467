import { describe, expect, it } from 'vitest';
import { formatCaseNumber } from './case-number.js';

describe('formatCaseNumber', () => {
  it.each([
    [0, 'C-000000'],
    [123, 'C-000123'],
    [999999, 'C-999999'],
    [1234567, 'C-1234567'],
  ])('%i → %s', (n, formatted) => {
    expect(formatCaseNumber(n)).toBe(formatted);
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects %s', (n) => {
    expect(() => formatCaseNumber(n)).toThrow(RangeError);
  });
});
