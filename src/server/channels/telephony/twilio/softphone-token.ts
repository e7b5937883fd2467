import twilio from 'twilio';

export interface SoftphoneCredentials {
  accountSid: string;
  apiKeySid: string;
  apiKeySecret: string;
  /** The TwiML app the browser's outgoing calls go through (click-to-call). */
  twimlAppSid: string;
}

/**
 * An access token for the Twilio Voice JS SDK in the agent's browser: the agent's identity (what
 * `<Client>` rings), incoming calls allowed, outgoing ones through the tenant's TwiML app. Signed
 * locally with the API key secret by Twilio's library; short-lived, the desktop asks again.
 */
export function softphoneToken(c: SoftphoneCredentials, identity: string, ttlSec: number): string {
  const token = new twilio.jwt.AccessToken(c.accountSid, c.apiKeySid, c.apiKeySecret, { identity, ttl: ttlSec });
  token.addGrant(new twilio.jwt.AccessToken.VoiceGrant({ outgoingApplicationSid: c.twimlAppSid, incomingAllow: true }));
  return token.toJwt();
}
