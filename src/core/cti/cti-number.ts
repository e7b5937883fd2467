import type { E164 } from '../brands.js';
import { normalizePhone } from '../text-ja/phone.util.js';

/**
 * A number as a PBX reports it, in E.164, or null when it is none (`anonymous`, an extension, junk).
 * PBXs write numbers the way their trunk delivers them: national (`09012345678`), E.164 with or
 * without the `+` (`+819012345678`, `819012345678`, Zammad's examples use `493055571600`), or with
 * separators. A number without a leading 0 or + is tried as international only when it is long
 * enough to carry a country code, so a short extension (`201`) never turns into a foreign number.
 */
export function pbxNumberToE164(raw: string | null | undefined): E164 | null {
  if (!raw) return null;
  const direct = normalizePhone(raw);
  if (direct.ok) return direct.e164;
  const compact = raw.normalize('NFKC').replace(/[\s\-.()]/g, '');
  if (/^[1-9]\d{9,14}$/.test(compact)) {
    const international = normalizePhone(`+${compact}`);
    if (international.ok) return international.e164;
  }
  return null;
}
