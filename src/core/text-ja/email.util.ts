import type { NormalizedEmail } from '../brands.js';

export type EmailResult =
  | { ok: true; email: NormalizedEmail }
  | { ok: false; code: 'email_invalid'; message: string };

// One @, a non-empty local part, a domain of non-empty dot-separated labels (at least two),
// no whitespace. Deliberately loose: the only real proof of an address is delivering to it.
const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/u;
const MAX_LENGTH = 254; // RFC 5321 path limit

/** Canonical e-mail: NFKC (full-width ＠ and letters), trimmed, lower-cased as a whole. */
export function normalizeEmail(input: string): EmailResult {
  const email = input.normalize('NFKC').trim().toLowerCase();
  if (email.length > MAX_LENGTH || !EMAIL.test(email)) {
    return { ok: false, code: 'email_invalid', message: `"${input.trim()}" is not a valid email address` };
  }
  return { ok: true, email: email as NormalizedEmail };
}
