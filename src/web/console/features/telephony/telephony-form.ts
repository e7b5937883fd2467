import { normalizePhone } from '../../../../core/text-ja/phone.util.js';
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
  /** Click-to-call on Twilio: the number the customer sees, any common form. */
  twilioCallerId: string;
  /** The clip callers hear in the queue (https). */
  twilioHoldMusicUrl: string;
  /** Click-to-call through the PBX: the URL template ({extension}, {number}, {national}). */
  ctiDialUrl: string;
  ctiDialAuthorization: string;
  /** The stored Authorization value is to be removed (the field is write-only, so emptying it keeps it). */
  clearCtiDialAuthorization: boolean;
  /** The queue the PBX's inbound calls are counted in ('' = none: only logged). */
  ctiQueueId: string;
  /** Where the IVR's payment digits are passed through (https), and its Authorization value (write-only). */
  paymentUrl: string;
  paymentAuthorization: string;
  /** One number per line, any common form. */
  blockedNumbers: string;
}

/** Write-only fields: the server says whether they are set (設定済み), never what they are. */
export const WRITE_ONLY_FIELDS = ['twilioAuthToken', 'twilioApiKeySid', 'twilioApiKeySecret', 'twilioTwimlAppSid', 'ctiDialAuthorization', 'paymentAuthorization'] as const;
export type WriteOnlyField = (typeof WRITE_ONLY_FIELDS)[number];

export function settingsToForm(settings: TelephonySettings): TelephonyFormValues {
  return {
    twilioAccountSid: settings.twilio.accountSid ?? '',
    twilioAuthToken: '',
    twilioApiKeySid: '',
    twilioApiKeySecret: '',
    twilioTwimlAppSid: '',
    twilioCallerId: settings.twilio.callerId ? formatPhone(settings.twilio.callerId) : '',
    twilioHoldMusicUrl: settings.twilio.holdMusicUrl ?? '',
    ctiDialUrl: settings.cti.dialUrl ?? '',
    ctiDialAuthorization: '',
    clearCtiDialAuthorization: false,
    ctiQueueId: settings.cti.queueId ?? '',
    paymentUrl: settings.payment.url ?? '',
    paymentAuthorization: '',
    blockedNumbers: settings.blockedNumbers.map((n) => formatPhone(n)).join('\n'),
  };
}

/**
 * Which write-only fields are set, as far as the settings say: the auth token with the account SID
 * (`twilio.configured`), the softphone's three together (`twilio.softphoneConfigured`).
 */
export function writeOnlyState(settings: TelephonySettings): Record<WriteOnlyField, boolean> {
  const softphone = settings.twilio.softphoneConfigured;
  return {
    twilioAuthToken: settings.twilio.configured, twilioApiKeySid: softphone, twilioApiKeySecret: softphone, twilioTwimlAppSid: softphone,
    ctiDialAuthorization: settings.cti.dialAuthorizationSet,
    paymentAuthorization: settings.payment.authorizationSet,
  };
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

/**
 * The PUT body: shown fields when changed (emptied: cleared), write-only fields when typed (or the
 * dial Authorization when marked to be removed), and the blocked numbers.
 */
export function formToSettingsInput(values: TelephonyFormValues, settings: TelephonySettings): TelephonySettingsInput {
  const body: TelephonySettingsInput = { blockedNumbers: blockedNumberLines(values.blockedNumbers).numbers };
  const initial = settingsToForm(settings);
  for (const field of ['twilioAccountSid', 'twilioCallerId', 'twilioHoldMusicUrl', 'ctiDialUrl', 'ctiQueueId', 'paymentUrl'] as const) {
    const value = values[field].trim();
    if (value !== initial[field]) body[field] = value || null;
  }
  for (const field of WRITE_ONLY_FIELDS) {
    const typed = values[field].trim();
    if (typed) body[field] = typed;
  }
  if (values.clearCtiDialAuthorization && !body.ctiDialAuthorization) body.ctiDialAuthorization = null;
  return body;
}

type TextField = Exclude<keyof TelephonyFormValues, 'clearCtiDialAuthorization'>;
const SID_PREFIX: Partial<Record<TextField, string>> = { twilioAccountSid: 'AC', twilioApiKeySid: 'SK', twilioTwimlAppSid: 'AP' };
const SECRETS: TextField[] = ['twilioAuthToken', 'twilioApiKeySecret'];

export type TelephonyProblemKey = 'sid' | 'secret' | 'phone' | 'dialUrl' | 'httpsUrl';

/**
 * Problems by field, as message keys under `telephony.validation`: `sid` (with its prefix),
 * `secret`, `phone` (the caller id), `dialUrl` (not an http(s) URL). The server checks the dial URL's
 * placeholders and names them.
 */
export function validateTelephonyForm(values: TelephonyFormValues): Record<string, { key: TelephonyProblemKey; prefix?: string }> {
  const problems: Record<string, { key: TelephonyProblemKey; prefix?: string }> = {};
  for (const [field, prefix] of Object.entries(SID_PREFIX) as [TextField, string][]) {
    const value = values[field].trim();
    if (value && !new RegExp(`^${prefix}[0-9a-fA-F]{32}$`).test(value)) problems[field] = { key: 'sid', prefix };
  }
  for (const field of SECRETS) {
    const value = values[field].trim();
    if (value && (value.length < 16 || value.length > 128 || !/^[\x21-\x7e]+$/.test(value))) problems[field] = { key: 'secret' };
  }
  const callerId = values.twilioCallerId.trim();
  if (callerId && !normalizePhone(callerId).ok) problems.twilioCallerId = { key: 'phone' };
  const music = values.twilioHoldMusicUrl.trim();
  if (music && !/^https:\/\/[^\s/]+/i.test(music)) problems.twilioHoldMusicUrl = { key: 'httpsUrl' };
  // The server also takes http:// to this host (a payment proxy beside it) and says so.
  const payment = values.paymentUrl.trim();
  if (payment && !/^https?:\/\/[^\s/]+/i.test(payment)) problems.paymentUrl = { key: 'dialUrl' };
  const dialUrl = values.ctiDialUrl.trim();
  if (dialUrl && !/^https?:\/\/[^\s/]+/i.test(dialUrl)) problems.ctiDialUrl = { key: 'dialUrl' };
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
