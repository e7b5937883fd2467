import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPhoneNational, normalizePhone, phoneSearchKey } from './phone.util.js';

describe('normalizePhone', () => {
  it.each(['090-1234-5678', '09012345678', '+81 90 1234 5678', '０９０－１２３４－５６７８', '(090)1234-5678'])(
    '%s → +819012345678',
    (input) => {
      expect(normalizePhone(input)).toEqual({ ok: true, e164: '+819012345678' });
    },
  );

  it.each([
    ['03-1234-5678', '+81312345678'],
    ['+81-3-1234-5678', '+81312345678'],
    ['0120-123-456', '+81120123456'],
    ['０９０ー１２３４ー５６７８', '+819012345678'],
    ['090‐1234―5678', '+819012345678'],
    ['090−1234−5678', '+819012345678'],
    ['（０３）１２３４－５６７８', '+81312345678'],
    ['090.1234.5678', '+819012345678'],
    ['＋８１　９０　１２３４　５６７８', '+819012345678'],
    ['010-81-90-1234-5678', '+819012345678'], // 010 is Japan's international call prefix
    ['+1 212 555 0123', '+12125550123'],
  ])('%s → %s', (input, e164) => {
    expect(normalizePhone(input)).toEqual({ ok: true, e164 });
  });

  it.each([
    ['12345'],
    ['090-1234-567'],
    ['090-1234-56789'],
    ['090-abcd-5678'],
    ['09012345678abc'], // libphonenumber alone would extract the number and ignore "abc"
    ['tel:09012345678'],
    ['090-1234-5678 x12'],
    ['+81 00 0000 0000'], // "possible" by length but in no allocated range
    ['0081 90 1234 5678'], // 00 is not an international prefix in Japan
    ['+81'],
  ])('rejects %s', (input) => {
    expect(normalizePhone(input)).toEqual({
      ok: false,
      code: 'phone_invalid',
      message: `"${input}" is not a valid phone number`,
    });
  });

  it('names the input in the message', () => {
    expect(normalizePhone('12345')).toEqual({
      ok: false,
      code: 'phone_invalid',
      message: '"12345" is not a valid phone number',
    });
  });

  it.each(['', '   ', '　', '--'])('reports %j as empty', (input) => {
    expect(normalizePhone(input)).toMatchObject({ ok: false, code: 'phone_empty' });
  });

  it('round-trips valid numbers through formatPhoneNational', () => {
    // Japanese national significant numbers: mobile/IP 10 digits, Tokyo/Osaka 9, toll-free 9.
    const jp = fc
      .tuple(
        fc.constantFrom<[string, number]>(['90', 8], ['80', 8], ['70', 8], ['50', 8], ['3', 8], ['6', 8], ['45', 7], ['120', 6]),
        fc.nat(),
      )
      .map(([[prefix, n], seed]) => `+81${prefix}${String(seed).padStart(n, '0').slice(-n)}`);
    fc.assert(
      fc.property(jp, (candidate) => {
        const parsed = normalizePhone(candidate);
        fc.pre(parsed.ok);
        if (!parsed.ok) return;
        const national = formatPhoneNational(parsed.e164);
        expect(normalizePhone(national)).toEqual(parsed);
        expect(normalizePhone(parsed.e164)).toEqual(parsed);
      }),
      { numRuns: 500 },
    );
  });
});

describe('formatPhoneNational', () => {
  it.each([
    ['+819012345678', '090-1234-5678'],
    ['+81312345678', '03-1234-5678'],
    ['+81120123456', '0120-123-456'],
    ['+12125550123', '+1 212 555 0123'],
    ['+442079460958', '+44 20 7946 0958'],
  ])('%s → %s', (e164, formatted) => {
    expect(formatPhoneNational(e164)).toBe(formatted);
  });

  it('round-trips a foreign number', () => {
    expect(normalizePhone(formatPhoneNational('+12125550123'))).toEqual({ ok: true, e164: '+12125550123' });
  });
});

describe('phoneSearchKey', () => {
  it('returns the e164 for phone-like queries only', () => {
    expect(phoneSearchKey('090-1234-5678')).toBe('+819012345678');
    expect(phoneSearchKey('山田')).toBeNull();
    expect(phoneSearchKey('12345')).toBeNull();
    expect(phoneSearchKey('')).toBeNull();
  });
});
