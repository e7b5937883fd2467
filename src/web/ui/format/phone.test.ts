import { describe, expect, it } from 'vitest';
import { formatPhone } from './phone.js';

describe('formatPhone', () => {
  it('shows Japanese numbers as dialled at home', () => {
    expect(formatPhone('+819012345678')).toBe('090-1234-5678');
    expect(formatPhone('+81312345678')).toBe('03-1234-5678');
    expect(formatPhone('+81120555417')).toBe('0120-555-417');
  });

  it('shows foreign numbers internationally', () => {
    expect(formatPhone('+14155550123')).toBe('+1 415 555 0123');
  });

  it('leaves extensions and names as they are, and shows a dash for nothing', () => {
    expect(formatPhone('201')).toBe('201');
    expect(formatPhone('anonymous')).toBe('anonymous');
    expect(formatPhone(null)).toBe('—');
    expect(formatPhone('')).toBe('—');
  });
});
