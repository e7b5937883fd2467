import type { NormalizedSerial } from '../brands.js';

// After NFKC (－ → -, ‑ → ‐): the dashes, underscores, slashes and dots people put into
// serial numbers are formatting, not identity.
const SEPARATORS = /[\s\-\u2010\u2013\u2014\u2015\u2212_/.]/g;
// ー is a dash only between ASCII letters/digits; elsewhere it is part of a katakana word.
const CHOON_BETWEEN_ALNUM = /(?<=[A-Z0-9])\u30FC+(?=[A-Z0-9])/g;

/** Canonical serial / model number: "ab-12 34", "ＡＢ－１２３４" and "AB1234" are equal. */
export function normalizeSerial(input: string): NormalizedSerial {
  const s = input.normalize('NFKC').toUpperCase().replace(SEPARATORS, '').replace(CHOON_BETWEEN_ALNUM, '');
  // Recompose marks that a removed separator had kept apart, so the result is idempotent.
  return s.normalize('NFKC') as NormalizedSerial;
}

/** Whether a search query looks like a serial number rather than a name. */
export function looksLikeSerial(input: string): boolean {
  const s = normalizeSerial(input);
  return /^[A-Z0-9]{5,40}$/.test(s) && /\d/.test(s);
}
