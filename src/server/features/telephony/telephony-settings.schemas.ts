import { z } from 'zod';
import { normalizePhone } from '../../../core/text-ja/phone.util.js';
import { CTI_DIAL_URL_MAX, ctiDialTemplateProblems } from './cti-dial-template.js';

/** Request and reply shapes of the tenant's telephony settings (admins). Secrets go in, never out. */

// Twilio's identifiers: two letters and 32 hex digits (https://www.twilio.com/docs/glossary/what-is-a-sid).
const sid = (prefix: string, what: string) => z.string().trim().regex(new RegExp(`^${prefix}[0-9a-fA-F]{32}$`), `must be a Twilio ${what} (${prefix} and 32 hex digits)`);
const secret = z.string().trim().min(16, 'is too short to be a Twilio secret').max(128).regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces');

/** A phone number in any common form (03-1234-5678, +81 3…), given on as E.164; a 400 naming the field otherwise. */
export const e164Phone = z.string().trim().max(40).transform((v, ctx) => {
  const r = normalizePhone(v);
  if (r.ok) return r.e164 as string;
  ctx.addIssue({ code: 'custom', message: r.message });
  return z.NEVER;
});

/** The PBX's click-to-call URL template: http(s), placeholders {extension}, {number}, {national} only. */
const ctiDialUrl = z.string().trim().max(CTI_DIAL_URL_MAX).superRefine((v, ctx) => {
  for (const message of ctiDialTemplateProblems(v)) ctx.addIssue({ code: 'custom', message });
});
/** An Authorization header value we send (to the PBX, to the payment processor): one line of printable ASCII. */
const headerValue = z.string().trim().min(1).max(1000).regex(/^[\x20-\x7e]+$/, 'must be printable ASCII on one line (an HTTP header value)');

const parsedUrl = (v: string): URL | null => {
  try {
    return new URL(v);
  } catch {
    return null;
  }
};
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** An https URL without credentials in it (hold music: Twilio fetches it from the internet). */
const httpsUrl = z.string().trim().max(1000).superRefine((v, ctx) => {
  const url = parsedUrl(v);
  if (url?.protocol !== 'https:' || url.username || url.password) ctx.addIssue({ code: 'custom', message: 'must be an https:// URL without user or password' });
});

/**
 * Where payment digits go: https, or http to this host only (a payment proxy beside the server);
 * card numbers never cross a network in clear text.
 */
const paymentUrl = z.string().trim().max(1000).superRefine((v, ctx) => {
  const url = parsedUrl(v);
  const ok = url !== null && !url.username && !url.password && (url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)));
  if (!ok) ctx.addIssue({ code: 'custom', message: 'must be an https:// URL (or http:// to 127.0.0.1 / localhost) without user or password' });
});

/** Every field is optional: an omitted one stays as it is, null clears it. */
export const updateTelephonySettingsBody = z.object({
  twilioAccountSid: sid('AC', 'account SID').nullable().optional(),
  twilioAuthToken: secret.nullable().optional(),
  twilioApiKeySid: sid('SK', 'API key SID').nullable().optional(),
  twilioApiKeySecret: secret.nullable().optional(),
  twilioTwimlAppSid: sid('AP', 'TwiML app SID').nullable().optional(),
  /** The number click-to-call shows to the customer on Twilio (one of the account's numbers), stored in E.164. */
  twilioCallerId: e164Phone.nullable().optional(),
  /** A short clip (https, mp3/wav) callers hear in the queue between announcements; null: silence. */
  twilioHoldMusicUrl: httpsUrl.nullable().optional(),
  /** Payment digits an IVR gathers are POSTed here at once and kept nowhere (the client's payment processor). */
  paymentUrl: paymentUrl.nullable().optional(),
  /** Sent as the Authorization header of that POST (a secret: write-only). */
  paymentAuthorization: headerValue.nullable().optional(),
  /** Click-to-call through the PBX: the URL the server POSTs to, e.g. Asterisk ARI's originate (docs/cti.md). */
  ctiDialUrl: ctiDialUrl.nullable().optional(),
  /** Sent as the Authorization header of that POST (a secret: write-only). */
  ctiDialAuthorization: headerValue.nullable().optional(),
  /** The queue a PBX's inbound calls are counted in when the CTI event names none of the tenant's queues; null: only logged. */
  ctiQueueId: z.uuid().nullable().optional(),
  /** Calling numbers the CTI webhook rejects as busy, in any common form; stored in E.164. */
  blockedNumbers: z.array(z.string().max(40)).max(1000).optional(),
});
export type UpdateTelephonySettingsInput = z.output<typeof updateTelephonySettingsBody>;

export const telephonySettingsDto = z.object({
  twilio: z.object({
    /** An account SID and an auth token are set (the auth token itself is never shown). */
    configured: z.boolean(),
    accountSid: z.string().nullable(),
    /** API key, its secret and the TwiML app are set: agents can use the browser softphone. */
    softphoneConfigured: z.boolean(),
    /** The caller id of click-to-call (E.164), or null. */
    callerId: z.string().nullable(),
    /** The clip callers hear in the queue, or null. */
    holdMusicUrl: z.string().nullable(),
  }),
  cti: z.object({
    /** A token exists (it is shown once, when rotated; only its hash is kept). */
    tokenSet: z.boolean(),
    /** Where the PBX posts its events: `{token}` stands for the token. */
    webhookUrl: z.string(),
    /** The click-to-call URL template, or null. */
    dialUrl: z.string().nullable(),
    /** An Authorization header value for it is set (the value itself is never shown). */
    dialAuthorizationSet: z.boolean(),
    /** Where inbound PBX calls are counted in routing when their event names no queue here, or null. */
    queueId: z.string().nullable(),
  }),
  payment: z.object({
    /** Where payment digits are passed through, or null (then they are dropped). */
    url: z.string().nullable(),
    authorizationSet: z.boolean(),
  }),
  blockedNumbers: z.array(z.string()),
  updatedAt: z.string().nullable(),
});
export type TelephonySettingsDto = z.infer<typeof telephonySettingsDto>;

export const ctiTokenDto = z.object({
  /** Shown this once: store it in the PBX now. */
  token: z.string(),
  webhookUrl: z.string(),
});
