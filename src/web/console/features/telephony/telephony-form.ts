import { formatPhone } from '../../../ui/format/phone.js';
import type { TelephonySettings, TelephonySettingsInput } from './telephony.queries.js';

/**
 * The telephony settings form, pure: what the fields start with, which of them go to the server
 * (secrets only when typed: they are never read back), and the checks made before sending.
 * Field names are the API's, so the server's field errors land on the same fields.
 */

export interface TelephonyFormValues {
  twilioAccountSid: string;
  twilioAuthToken: string;
  twilioApiKeySid: string;
  twilioApiKeySecret: string;
  twilioTwimlAppSid: string;
  /** One number per line, any common form. */
  blockedNumbers: string;
}

/** Write-only fields: the server says whether they are set (設定済み), never what they are. */
export const WRITE_ONLY_FIELDS = ['twilioAuthToken', 'twilioApiKeySid', 'twilioApiKeySecret', 'twilioTwimlAppSid'] as const;
export type WriteOnlyField = (typeof WRITE_ONLY_FIELDS)[number];

export function settingsToForm(settings: TelephonySettings): TelephonyFormValues {
  return {
    twilioAccountSid: settings.twilio.accountSid ?? '',
    twilioAuthToken: '',
    twilioApiKeySid: '',
    twilioApiKeySecret: '',
    twilioTwimlAppSid: '',
    blockedNumbers: settings.blockedNumbers.map((n) => formatPhone(n)).join('\n'),
  };
}

/**
 * Which write-only fields are set, as far as the settings say: the auth token with the account SID
 * (`twilio.configured`), the softphone's three together (`twilio.softphoneConfigured`).
 */
export function writeOnlyState(settings: TelephonySettings): Record<WriteOnlyField, boolean> {
  const softphone = settings.twilio.softphoneConfigured;
  return { twilioAuthToken: settings.twilio.configured, twilioApiKeySid: softphone, twilioApiKeySecret: softphone, twilioTwimlAppSid: softphone };
}

/** The non-blank lines and, for each, its line number (1-based) in the text box. */
export function blockedNumberLines(text: string): { numbers: string[]; lines: number[] } {
  const numbers: string[] = [];
  const lines: number[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const value = line.trim();
    if (!value) return;
    numbers.push(value);
    lines.push(i + 1);
  });
  return { numbers, lines };
}

/** The PUT body: the account SID when changed (emptied: cleared), write-only fields when typed, and the blocked numbers. */
export function formToSettingsInput(values: TelephonyFormValues, settings: TelephonySettings): TelephonySettingsInput {
  const body: TelephonySettingsInput = { blockedNumbers: blockedNumberLines(values.blockedNumbers).numbers };
  const accountSid = values.twilioAccountSid.trim();
  if (accountSid !== (settings.twilio.accountSid ?? '')) body.twilioAccountSid = accountSid || null;
  for (const field of WRITE_ONLY_FIELDS) {
    const typed = values[field].trim();
    if (typed) body[field] = typed;
  }
  return body;
}

const SID_PREFIX: Partial<Record<keyof TelephonyFormValues, string>> = { twilioAccountSid: 'AC', twilioApiKeySid: 'SK', twilioTwimlAppSid: 'AP' };
const SECRETS: (keyof TelephonyFormValues)[] = ['twilioAuthToken', 'twilioApiKeySecret'];

/** Problems by field: `sid` (with its prefix) or `secret`, as message keys under `telephony.validation`. */
export function validateTelephonyForm(values: TelephonyFormValues): Record<string, { key: 'sid' | 'secret'; prefix?: string }> {
  const problems: Record<string, { key: 'sid' | 'secret'; prefix?: string }> = {};
  for (const [field, prefix] of Object.entries(SID_PREFIX) as [keyof TelephonyFormValues, string][]) {
    const value = values[field].trim();
    if (value && !new RegExp(`^${prefix}[0-9a-fA-F]{32}$`).test(value)) problems[field] = { key: 'sid', prefix };
  }
  for (const field of SECRETS) {
    const value = values[field].trim();
    if (value && (value.length < 16 || value.length > 128 || !/^[\x21-\x7e]+$/.test(value))) problems[field] = { key: 'secret' };
  }
  return problems;
}

/**
 * The text-box lines the server refused (its field errors `blockedNumbers.<index>` name positions in
 * the list sent, which skips blank lines), in order; empty when it named none.
 */
export function refusedBlockedLines(fieldErrors: Readonly<Record<string, string>>, lines: readonly number[]): number[] {
  const out: number[] = [];
  for (const path of Object.keys(fieldErrors)) {
    const match = /^blockedNumbers\.(\d+)$/.exec(path);
    const line = match ? lines[Number(match[1])] : undefined;
    if (line !== undefined) out.push(line);
  }
  return out.sort((a, b) => a - b);
}
