import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { softphoneToken } from './softphone-token.js';

const creds = { accountSid: `AC${'1'.repeat(32)}`, apiKeySid: `SK${'2'.repeat(32)}`, apiKeySecret: 'api-key-secret', twimlAppSid: `AP${'3'.repeat(32)}` };
const part = (jwt: string, i: number) => JSON.parse(Buffer.from(jwt.split('.')[i]!, 'base64url').toString('utf8'));

describe('softphone access token (Twilio Voice JS SDK)', () => {
  it('names the agent, allows incoming calls and outgoing ones through the TwiML app, signed with the API key secret', () => {
    const jwt = softphoneToken(creds, 'agent_abc', 600);
    const [header, payload, signature] = jwt.split('.');
    expect(part(jwt, 0)).toMatchObject({ alg: 'HS256', cty: 'twilio-fpa;v=1' });
    const claims = part(jwt, 1);
    expect(claims).toMatchObject({ iss: creds.apiKeySid, sub: creds.accountSid, grants: { identity: 'agent_abc', voice: { incoming: { allow: true }, outgoing: { application_sid: creds.twimlAppSid } } } });
    const left = claims.exp - Math.floor(Date.now() / 1000);
    expect(left).toBeGreaterThan(590);
    expect(left).toBeLessThanOrEqual(600);
    const expected = createHmac('sha256', creds.apiKeySecret).update(`${header}.${payload}`).digest('base64url');
    expect(signature).toBe(expected);
    const forged = createHmac('sha256', 'another-secret').update(`${header}.${payload}`).digest('base64url');
    expect(signature).not.toBe(forged);
  });
});
