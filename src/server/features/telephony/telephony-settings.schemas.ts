import { z } from 'zod';

/** Request and reply shapes of the tenant's telephony settings (admins). Secrets go in, never out. */

// Twilio's identifiers: two letters and 32 hex digits (https://www.twilio.com/docs/glossary/what-is-a-sid).
const sid = (prefix: string, what: string) => z.string().trim().regex(new RegExp(`^${prefix}[0-9a-fA-F]{32}$`), `must be a Twilio ${what} (${prefix} and 32 hex digits)`);
const secret = z.string().trim().min(16, 'is too short to be a Twilio secret').max(128).regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces');

/** Every field is optional: an omitted one stays as it is, null clears it. */
export const updateTelephonySettingsBody = z.object({
  twilioAccountSid: sid('AC', 'account SID').nullable().optional(),
  twilioAuthToken: secret.nullable().optional(),
  twilioApiKeySid: sid('SK', 'API key SID').nullable().optional(),
  twilioApiKeySecret: secret.nullable().optional(),
  twilioTwimlAppSid: sid('AP', 'TwiML app SID').nullable().optional(),
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
  }),
  cti: z.object({
    /** A token exists (it is shown once, when rotated; only its hash is kept). */
    tokenSet: z.boolean(),
    /** Where the PBX posts its events: `{token}` stands for the token. */
    webhookUrl: z.string(),
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
