import { formatPhoneNational } from '../../../core/text-ja/phone.util.js';

/**
 * Click-to-call through a PBX: the URL template an administrator stores (`ctiDialUrl`), e.g.
 * Asterisk ARI's originate `http://pbx:8088/ari/channels?endpoint=PJSIP/{extension}&extension={national}…`.
 * Only these placeholders exist; each value is URL-encoded where it lands.
 */
export const CTI_DIAL_PLACEHOLDERS = ['extension', 'number', 'national'] as const;
export type CtiDialPlaceholder = (typeof CTI_DIAL_PLACEHOLDERS)[number];
export type CtiDialValues = Record<CtiDialPlaceholder, string>;

const PLACEHOLDER = /\{([^{}]*)\}/g;
const KNOWN = new Set<string>(CTI_DIAL_PLACEHOLDERS);
const SAMPLE: CtiDialValues = { extension: '201', number: '+81312345678', national: '0312345678' };
export const CTI_DIAL_URL_MAX = 2000;

/** The number as a phone in Japan dials it: 0312345678; abroad, the international prefix 010 and the digits (0101…). */
export function nationalDigits(e164: string): string {
  const formatted = formatPhoneNational(e164);
  const digits = formatted.replace(/\D/g, '');
  return formatted.startsWith('+') ? `010${digits}` : digits;
}

/** The template with each placeholder replaced by its value, URL-encoded. */
export function fillCtiDialUrl(template: string, values: CtiDialValues): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => (KNOWN.has(name) ? encodeURIComponent(values[name as CtiDialPlaceholder]) : whole));
}

/** What is wrong with a template (empty: it is usable), in words an administrator can act on. */
export function ctiDialTemplateProblems(template: string): string[] {
  const problems: string[] = [];
  const names = [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!);
  const unknown = [...new Set(names.filter((n) => !KNOWN.has(n)))];
  if (unknown.length > 0) problems.push(`has unknown placeholders ${unknown.map((n) => `{${n}}`).join(', ')}: only {extension}, {number} and {national} exist`);
  else if (/[{}]/.test(template.replace(PLACEHOLDER, ''))) problems.push('has a { or } that does not belong to a placeholder');
  if (!names.includes('number') && !names.includes('national')) problems.push('must contain {number} or {national}: the number to dial');
  let url: URL | null = null;
  try {
    url = new URL(fillCtiDialUrl(template, SAMPLE));
  } catch {
    problems.push('is not a URL');
  }
  if (url) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') problems.push('must be an http:// or https:// URL');
    // The URL is shown back to administrators; credentials belong in ctiDialAuthorization (write-only).
    if (url.username || url.password) problems.push('must not contain a user name or password: put them in ctiDialAuthorization');
  }
  return problems;
}
