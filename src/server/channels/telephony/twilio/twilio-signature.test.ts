import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { isSignedByTwilio } from './twilio-signature.js';

// Parameters shaped as Twilio documents its Voice webhook; signatures computed by the twilio library.
const TOKEN = '12345678901234567890123456789012';
const URL = 'https://cc.example.jp/api/v1/twilio/voice/incoming';
const params = {
  CallSid: 'CA1234567890abcdef1234567890abcdef', AccountSid: 'AC1234567890abcdef1234567890abcdef', From: '+819012345678', To: '+81120123456',
  CallStatus: 'ringing', Direction: 'inbound', ApiVersion: '2010-04-01', Caller: '+819012345678', Called: '+81120123456',
};
const signed = twilio.getExpectedTwilioSignature(TOKEN, URL, params);

describe('Twilio webhook signatures', () => {
  it('accepts what Twilio signed, and nothing changed after signing', () => {
    expect(isSignedByTwilio(TOKEN, signed, URL, params)).toBe(true);
    expect(isSignedByTwilio(TOKEN, signed, URL, { ...params, From: '+819099999999' })).toBe(false);
    expect(isSignedByTwilio(TOKEN, signed, URL, { ...params, Digits: '1' })).toBe(false);
    expect(isSignedByTwilio(TOKEN, signed, `${URL}?tenant=other`, params)).toBe(false);
  });

  it('refuses another account’s token, a missing signature and a missing token', () => {
    expect(isSignedByTwilio('00000000000000000000000000000000', signed, URL, params)).toBe(false);
    expect(isSignedByTwilio(TOKEN, undefined, URL, params)).toBe(false);
    expect(isSignedByTwilio(TOKEN, '', URL, params)).toBe(false);
    expect(isSignedByTwilio('', signed, URL, params)).toBe(false);
  });
});
