import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { E164 } from '../brands.js';

export type PhoneResult =
  | { ok: true; e164: E164 }
  | { ok: false; code: 'phone_empty' | 'phone_invalid'; message: string };

// After NFKC: ASCII hyphen, hyphen ‐ (‑ folds to it), figure/en/em dashes, ― bar, − minus,
// chōon ー (IMEs often produce it for "-"), dots, parentheses and any whitespace.
const SEPARATORS = /[\s\-\u2010\u2012-\u2015\u2212\u30FC.()]/g;

/**
 * Parses a phone number typed by an operator or a customer into E.164.
 * We only accept digits with an optional leading "+": libphonenumber otherwise extracts a
 * number from surrounding text ("09012345678abc", "tel:…", extensions) which we must not store.
 */
export function normalizePhone(input: string, defaultCountry: 'JP' = 'JP'): PhoneResult {
  const compact = input.normalize('NFKC').replace(SEPARATORS, '');
  if (compact === '') return { ok: false, code: 'phone_empty', message: 'phone number is empty' };
  const invalid = {
    ok: false,
    code: 'phone_invalid',
    message: `"${input.trim()}" is not a valid phone number`,
  } as const;
  if (!/^\+?\d+$/.test(compact)) return invalid;
  const parsed = parsePhoneNumberFromString(compact, { defaultCountry, extract: false });
  // isValid (not isPossible) checks the number ranges of the full metadata: +81 00… is "possible".
  if (!parsed?.isValid()) return invalid;
  return { ok: true, e164: parsed.number as E164 };
}

/** Japanese numbers in the domestic form operators dial (090-1234-5678); others international. */
export function formatPhoneNational(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  return parsed.countryCallingCode === '81' ? parsed.formatNational() : parsed.formatInternational();
}

/** The E.164 form when a search query is a valid phone number, else null (search as text). */
export function phoneSearchKey(input: string): E164 | null {
  const result = normalizePhone(input);
  return result.ok ? result.e164 : null;
}
