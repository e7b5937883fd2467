import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { looksLikeSerial, normalizeSerial } from './serial.util.js';

describe('normalizeSerial', () => {
  it.each(['ab-12 34', 'ＡＢ－１２３４', 'AB1234', 'ab_12/34', 'AB.12.34', 'AB‐12–34', 'AB—12―34', 'AB−1234', 'AB‑1234', 'ABー1234', 'AB　1234'])(
    '%s → AB1234',
    (input) => {
      expect(normalizeSerial(input)).toBe('AB1234');
    },
  );

  it('keeps ー that is part of a katakana word', () => {
    expect(normalizeSerial('コーヒー-01')).toBe('コーヒー01');
    expect(normalizeSerial('Aーコ')).toBe('Aーコ');
  });

  it('is idempotent', () => {
    const unit = fc.oneof(
      fc.constantFrom(...'aAzZ09０９ａＺ-‐‑–—―−ー－_/. 　ｰコ\u0300\u3099'),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    );
    const text = fc.array(unit, { maxLength: 16 }).map((cs) => cs.join(''));
    fc.assert(fc.property(text, (s) => normalizeSerial(normalizeSerial(s)) === normalizeSerial(s)), { numRuns: 2000 });
  });
});

describe('looksLikeSerial', () => {
  it.each([
    ['AB-1234', true],
    ['12345', true],
    ['ｓｎ－１２３４５', true],
    ['ABCDE', false], // no digit: more likely a name
    ['A1-2', false], // too short
    ['山田1234', false],
    ['A'.repeat(39) + '1', true],
    ['A'.repeat(40) + '1', false],
  ])('%s → %s', (input, expected) => {
    expect(looksLikeSerial(input)).toBe(expected);
  });
});
