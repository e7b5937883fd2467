import { describe, expect, it } from 'vitest';
import { maskCardNumbers, passesLuhn } from './card-mask.js';

describe('maskCardNumbers', () => {
  it('masks Luhn-valid card numbers in any spacing or width, keeping the last four digits', () => {
    expect(maskCardNumbers('番号は4111 1111 1111 1111です')).toBe('番号は[カード番号マスク済 ****1111]です');
    expect(maskCardNumbers('5500-0000-0000-0004')).toBe('[カード番号マスク済 ****0004]');
    expect(maskCardNumbers('４１１１１１１１１１１１１１１１')).toBe('[カード番号マスク済 ****1111]');
  });
  it('leaves phone numbers, order numbers and Luhn-invalid runs alone', () => {
    for (const s of ['090-1234-5678', 'HM2026-000123', '4111 1111 1111 1112', '1234567890123']) {
      expect(maskCardNumbers(s)).toBe(s);
    }
  });
  it('checks Luhn correctly', () => {
    expect(passesLuhn('79927398713')).toBe(true);
    expect(passesLuhn('79927398710')).toBe(false);
  });
});
