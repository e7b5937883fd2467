import twilio from 'twilio';

/**
 * Whether a webhook request comes from Twilio: `X-Twilio-Signature` is an HMAC-SHA1, keyed with the
 * account's auth token, of the full URL Twilio called followed by its POST parameters sorted by name.
 * Twilio's own library checks it (in constant time). `url` must be the public URL Twilio was given
 * (scheme, host, port and query exactly), not the one a proxy forwarded to us.
 */
export function isSignedByTwilio(authToken: string, signature: string | undefined, url: string, params: Readonly<Record<string, string>>): boolean {
  if (!signature || !authToken) return false;
  return twilio.validateRequest(authToken, signature, url, { ...params });
}
