import { formatPhoneNational } from '../../../core/text-ja/phone.util.js';

const EMPTY = '—';

/**
 * A number as the server stores it (E.164) → as people dial it: `+819012345678` → `090-1234-5678`,
 * foreign numbers in the international form. What is not an E.164 number (a PBX extension `201`,
 * `anonymous`) is shown as it is.
 */
export function formatPhone(value: string | null | undefined): string {
  if (!value) return EMPTY;
  return /^\+\d{4,15}$/.test(value) ? formatPhoneNational(value) : value;
}
