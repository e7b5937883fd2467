/**
 * Payment card numbers must never be stored (PCI DSS): free text that reaches the database passes
 * through here. A run of 13–19 digits (spaces or hyphens between them allowed, full-width digits
 * included) that passes the Luhn check is replaced, keeping only the last four digits.
 */
const CANDIDATE = /(?<![0-9０-９])[0-9０-９](?:[ \-－‐]?[0-9０-９]){12,18}(?![0-9０-９])/g;

const toAscii = (s: string) => s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));

export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** ASCII digits that would be taken for a card number (and so must not be stored). */
export function looksLikeCardNumber(digits: string): boolean {
  return digits.length >= 13 && digits.length <= 19 && passesLuhn(digits);
}

export function maskCardNumbers(text: string): string {
  return text.replace(CANDIDATE, (match) => {
    const digits = toAscii(match).replace(/\D/g, '');
    if (!looksLikeCardNumber(digits)) return match;
    return `[カード番号マスク済 ****${digits.slice(-4)}]`;
  });
}
