import { and, count, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, HttpSession, type TestApp } from '../support/test-app.js';
import { testEngines } from '../support/test-db.js';
import { expectProblem } from '../support/http-expect.js';
import { injectTransport } from '../support/twilio-inject.js';
import { FakeTwilioRest } from '../support/fake-twilio-rest.js';
import { closedPort, startFakeAriPbx, type FakeAriPbx } from '../support/fake-ari-pbx.js';
import { createTenantWithStaff, TEST_PASSWORD } from '../factories/tenant.factory.js';
import { TwilioWebhookError, type WebhookTransport } from '../../src/cli/simulate/twilio-phone.js';
import { voiceCalls } from '../../src/server/db/schema/voice.table.js';

const BASE = 'https://cc.example.jp';
const ACCOUNT = `AC${'7'.repeat(32)}`;
const TOKEN = 'twilio-auth-token-click-to-call';
const CALLER_ID = '+81312340000';
const AGENT_PHONE = '+819011110000';
const DIAL = '/api/v1/calls/dial';
const SETTINGS = '/api/v1/telephony/settings';
const PBX_AUTH = `Basic ${Buffer.from('madoguchi:ari-secret').toString('base64')}`;
const ARI_TEMPLATE = (port: number) => `http://127.0.0.1:${port}/ari/channels?endpoint=PJSIP/{extension}&extension={national}&context=from-internal&priority=1&callerId={number}`;

interface Call {
  id: string; provider: string; externalId: string; direction: string; from: string; to: string; status: string; outcome: string | null; cause: string | null;
  customer: { id: string; name: string } | null; agent: { userId: string; name: string } | null; interactionId: string | null;
  answeredAt: string | null; endedAt: string | null; talkSec: number | null; hasRecording: boolean;
}
interface Upstream { status: number | null; code: number | null; message: string }

/** A refusal of click-to-call: problem+json with its code and the finer `reason`. */
function expectRefusal(res: LightMyRequestResponse, status: number, code: string, reason: string) {
  const body = expectProblem(res, status, code);
  expect((res.json() as { reason?: string }).reason, res.body).toBe(reason);
  return body;
}

/** A 502 problem of click-to-call: the PBX or Twilio did not place the call. */
function expectGatewayProblem(res: LightMyRequestResponse, reason: string) {
  expect(res.statusCode, res.body).toBe(502);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json() as { status: number; code: string; reason: string; detail: string; upstream: Upstream };
  expect(body).toMatchObject({ status: 502, code: 'bad_gateway', reason });
  return body;
}

// Click-to-call (発信) from a customer's record through the tenant's adapter: Twilio's REST API (a
// loopback server speaking its contract, which then calls the webhooks as Twilio does) or a PBX (a
// loopback ARI originate endpoint). The call log, the errors and who may dial.
describe.each(testEngines())('click-to-call [%s]', (engine) => {
  let t: TestApp;
  let fake: FakeTwilioRest;
  let pbx: FakeAriPbx;
  // Tenants: T dials through Twilio, P through the PBX, N has nothing set up.
  let T: Awaited<ReturnType<typeof createTenantWithStaff>>;
  let P: Awaited<ReturnType<typeof createTenantWithStaff>>;
  let N: Awaited<ReturnType<typeof createTenantWithStaff>>;
  let adminT: HttpSession;
  let agentT: HttpSession;
  let svT: HttpSession;
  let adminP: HttpSession;
  let agentP: HttpSession;
  let agentN: HttpSession;
  let yamada: string;
  let customerP: string;
  const db = () => t.db.database.db;
  const rowOf = async (id: string) => (await db().select().from(voiceCalls).where(eq(voiceCalls.id, id)))[0]!;
  const callsIn = async (tenantId: string) => Number((await db().select({ n: count() }).from(voiceCalls).where(eq(voiceCalls.tenantId, tenantId)))[0]!.n);
  const callLog = async (s: HttpSession, query = '') => {
    const res = await s.get(`/api/v1/calls${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { items: Call[] }).items;
  };
  const putSettings = async (s: HttpSession, body: object) => {
    const res = await s.request('PUT', SETTINGS, body);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const putAgent = async (s: HttpSession, userId: string, profile: object) => {
    const res = await s.request('PUT', `/api/v1/routing/agents/${userId}`, { capacity: { voice: 1 }, skills: [], ...profile });
    expect(res.statusCode, res.body).toBe(200);
  };
  /** The last call the fake Twilio placed, once Twilio has fetched its Url (or ended it unanswered). */
  const lastPlaced = async () => {
    const call = fake.calls.at(-1)!;
    return { call, state: await call.placed };
  };

  beforeAll(async () => {
    // Twilio calls the app's public URL; here it reaches the app in-process (same URL, host and body).
    const transport: WebhookTransport = { post: (url, form, headers) => injectTransport(t.app).post(url, form, headers) };
    fake = await FakeTwilioRest.start({ accounts: { [ACCOUNT]: TOKEN }, transport });
    pbx = await startFakeAriPbx(PBX_AUTH);
    t = await createTestApp(engine, { env: { MADOGUCHI_PUBLIC_URL: BASE, MADOGUCHI_TWILIO_API_URL: fake.url } });
    [T, P, N] = [await createTenantWithStaff(t.services, 'c2c-twilio'), await createTenantWithStaff(t.services, 'c2c-pbx'), await createTenantWithStaff(t.services, 'c2c-none')];
    const login = (email: string) => new HttpSession(t.app).login(email, TEST_PASSWORD);
    [adminT, agentT, svT, adminP, agentP, agentN] = await Promise.all([
      login(T.users.admin.email), login(T.users.agent.email), login(T.users.supervisor.email), login(P.users.admin.email), login(P.users.agent.email), login(N.users.agent.email),
    ]);
    await putSettings(adminT, { twilioAccountSid: ACCOUNT, twilioAuthToken: TOKEN, twilioCallerId: '03-1234-0000', blockedNumbers: ['03-9999-0000'] });
    await putAgent(adminT, T.users.agent.id, { phone: '090-1111-0000' });
    await putSettings(adminP, { ctiDialUrl: ARI_TEMPLATE(pbx.port), ctiDialAuthorization: PBX_AUTH });
    await putAgent(adminP, P.users.agent.id, { extension: '2101' });
    const created = await agentT.post('/api/v1/customers', { name: '山田 太郎', phones: [{ value: '090-1234-5678' }, { value: '03-1234-5678' }] });
    expect(created.statusCode, created.body).toBe(201);
    yamada = created.json().id;
    customerP = (await agentP.post('/api/v1/customers', { name: '佐藤 花子', phones: [{ value: '06-1234-5678' }] })).json().id;
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
    await pbx?.close();
  });

  describe('through Twilio', () => {
    it('rings the agent’s phone, then the customer’s E.164 with the caller id; the call log shows one answered outbound call', async () => {
      const res = await agentT.post(DIAL, { to: '03-1234-5678', customerId: yamada });
      expect(res.statusCode, res.body).toBe(202);
      const { via, to, callId } = res.json() as { via: string; to: string; callId: string };
      expect({ via, to }).toEqual({ via: 'twilio', to: '+81312345678' });

      // What Twilio was asked: the agent's phone, from the caller id, our outbound URL and status webhook.
      const [asked] = fake.callRequests();
      expect(fake.callRequests()).toHaveLength(1);
      expect(asked).toMatchObject({
        method: 'POST', path: `/2010-04-01/Accounts/${ACCOUNT}/Calls.json`, authorization: `Basic ${Buffer.from(`${ACCOUNT}:${TOKEN}`).toString('base64')}`,
        form: {
          To: AGENT_PHONE, From: CALLER_ID, Url: `${BASE}/api/v1/telephony/twilio/calls/${callId}/outbound`, Method: 'POST',
          StatusCallback: `${BASE}/api/v1/telephony/twilio/status?call=${callId}`, StatusCallbackMethod: 'POST', StatusCallbackEvent: 'completed',
        },
      });
      expect(asked!.contentType).toMatch(/^application\/x-www-form-urlencoded/);

      // The agent picked up: Twilio fetched the outbound URL and now rings the customer.
      const { call, state } = await lastPlaced();
      expect(state).toBe('ringing_agent');
      expect(call.phone.agentTarget).toBe('+81312345678');
      expect(call.phone.dialCallerId).toBe(CALLER_ID);
      const row = await rowOf(callId);
      expect(row).toMatchObject({ tenantId: T.tenant.id, provider: 'twilio', direction: 'out', externalId: call.sid, fromNumber: CALLER_ID, toNumber: '+81312345678', customerId: yamada, agentUserId: T.users.agent.id, step: 1 });

      // Twilio retries the outbound URL: the same TwiML, no second step.
      const url = `${BASE}/api/v1/telephony/twilio/calls/${callId}/outbound`;
      expect(await call.phone.post(url, { CallStatus: 'in-progress' })).toBe(row.lastReply);
      expect((await rowOf(callId)).step).toBe(1);
      // Unsigned, or signed with another token: 403, nothing changes.
      for (const signature of ['', 'AAAA', twilio.getExpectedTwilioSignature('another-token-0000000000', url, { CallSid: call.sid })]) {
        const err = await call.phone.post(url, { CallStatus: 'in-progress' }, { signature }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(TwilioWebhookError);
        expect((err as TwilioWebhookError).status).toBe(403);
      }
      expect(await rowOf(callId)).toMatchObject({ step: 1, lastReply: row.lastReply, status: 'ringing' });

      // The customer answers and they talk 42 s; the recording and the status callbacks follow.
      expect(await call.phone.agentLeg({ answered: true, talkSec: 42 })).toBe('ended');
      const mine = await callLog(agentT);
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({
        id: callId, provider: 'twilio', externalId: call.sid, direction: 'out', from: CALLER_ID, to: '+81312345678', status: 'ended', outcome: 'answered', cause: 'completed',
        customer: { id: yamada, name: '山田 太郎' }, agent: { userId: T.users.agent.id }, talkSec: 42, hasRecording: true,
      });
      expect(await callLog(svT, `?customerId=${yamada}`)).toEqual([expect.objectContaining({ id: callId })]);
      // In the customer's history as an outbound phone interaction of the agent.
      const interaction = (await agentT.get(`/api/v1/interactions/${mine[0]!.interactionId}`)).json();
      expect(interaction).toMatchObject({ customerId: yamada, channel: 'phone', direction: 'outbound', agentUserId: T.users.agent.id, subject: '発信', disposition: null });
      expect(interaction.answeredAt).not.toBeNull();
      expect(interaction.endedAt).not.toBeNull();
      // Audited, without the number.
      const audit = await adminT.get(`/api/v1/audit?entity=customer&entityId=${yamada}`);
      expect(audit.json().items).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'call.dial', changes: { via: 'twilio', result: 'placed', callId } })]));
      expect(audit.body).not.toContain('1234-5678');
      expect(audit.body).not.toContain('81312345678');
    });

    it('finds the customer by the number when none is named; an agent who does not pick up is a missed call', async () => {
      fake.calledParty = 'no-answer';
      try {
        const res = await agentT.post(DIAL, { to: '０９０－１２３４－５６７８' });
        expect(res.statusCode, res.body).toBe(202);
        const { callId } = res.json() as { callId: string };
        expect((await lastPlaced()).state).toBe('not-answered');
        const [logged] = (await callLog(agentT)).filter((c) => c.id === callId);
        expect(logged).toMatchObject({ to: '+819012345678', customer: { id: yamada }, status: 'ended', outcome: 'missed', cause: 'no-answer', answeredAt: null });
        expect((await agentT.get(`/api/v1/interactions/${logged!.interactionId}`)).json()).toMatchObject({ disposition: 'missed', subject: '発信 不通 (no-answer)' });
      } finally {
        fake.calledParty = 'answer';
      }
    });

    it('logs a customer who does not answer as missed', async () => {
      const { callId } = (await agentT.post(DIAL, { to: '090-1234-5678', customerId: yamada })).json() as { callId: string };
      const { call } = await lastPlaced();
      expect(await call.phone.agentLeg({ answered: false })).toBe('ended');
      expect(await rowOf(callId)).toMatchObject({ status: 'ended', outcome: 'missed', cause: 'no-answer', answeredAt: null, recordingUrl: null });
    });

    it('rings the softphone of an agent without a phone once it is set up; until then the agent is unreachable', async () => {
      await putAgent(adminT, T.users.supervisor.id, {});
      expectRefusal(await svT.post(DIAL, { to: '03-1234-5678' }), 409, 'conflict', 'agent_unreachable');
      await putSettings(adminT, { twilioApiKeySid: `SK${'2'.repeat(32)}`, twilioApiKeySecret: 'api-key-secret-0123456789', twilioTwimlAppSid: `AP${'3'.repeat(32)}` });
      const res = await svT.post(DIAL, { to: '03-1234-5678' });
      expect(res.statusCode, res.body).toBe(202);
      expect(fake.callRequests().at(-1)!.form.To).toBe(`client:agent_${T.users.supervisor.id.replace(/-/g, '')}`);
      const { call } = await lastPlaced();
      expect(await call.phone.agentLeg({ answered: true, talkSec: 5 })).toBe('ended');
    });

    it('answers 502 twilio_refused with Twilio’s code when Twilio refuses the credentials; the attempt is logged as failed', async () => {
      await putSettings(adminT, { twilioAuthToken: 'a-wrong-auth-token-0000000' });
      try {
        const before = fake.calls.length;
        const body = expectGatewayProblem(await agentT.post(DIAL, { to: '03-1234-5678', customerId: yamada }), 'twilio_refused');
        expect(body.upstream).toEqual({ status: 401, code: 20003, message: 'Authenticate' });
        expect(body.detail).toContain('20003');
        expect(fake.calls).toHaveLength(before); // nothing was placed
        const [failed] = await db().select().from(voiceCalls).where(and(eq(voiceCalls.tenantId, T.tenant.id), eq(voiceCalls.outcome, 'failed')));
        expect(failed).toMatchObject({ status: 'ended', cause: 'not_placed', agentUserId: T.users.agent.id });
        expect(JSON.stringify(body)).not.toContain('a-wrong-auth-token');
      } finally {
        await putSettings(adminT, { twilioAuthToken: TOKEN });
      }
    });

    it('refuses a blocked number with 422 and asks nobody', async () => {
      const before = fake.requests.length;
      const body = expectRefusal(await agentT.post(DIAL, { to: '0399990000' }), 422, 'unprocessable', 'number_blocked');
      expect(body.errors).toEqual([{ path: 'to', message: 'is a blocked number' }]);
      expect(fake.requests).toHaveLength(before);
    });
  });

  describe('through the PBX', () => {
    it('POSTs to the filled template with the Authorization header, and stores nothing but an audit entry', async () => {
      const calls = await callsIn(P.tenant.id);
      const res = await agentP.post(DIAL, { to: '06-1234-5678', customerId: customerP });
      expect(res.statusCode, res.body).toBe(202);
      expect(res.json()).toEqual({ via: 'pbx', to: '+81612345678', callId: null });
      expect(pbx.received).toEqual([{
        method: 'POST', authorization: PBX_AUTH,
        url: '/ari/channels?endpoint=PJSIP/2101&extension=0612345678&context=from-internal&priority=1&callerId=%2B81612345678',
      }]);
      // The PBX reports the call through the CTI webhook; nothing is logged here yet.
      expect(await callsIn(P.tenant.id)).toBe(calls);
      const audit = (await adminP.get(`/api/v1/audit?entity=customer&entityId=${customerP}`)).json().items as { action: string }[];
      expect(audit.filter((e) => e.action === 'call.dial')).toEqual([expect.objectContaining({ changes: { via: 'pbx', result: 'requested' } })]);
    });

    it('answers 502 pbx_refused with the PBX’s status when it does not say 2xx', async () => {
      pbx.answer = 500;
      try {
        const body = expectGatewayProblem(await agentP.post(DIAL, { to: '06-1234-5678' }), 'pbx_refused');
        expect(body.upstream).toMatchObject({ status: 500, code: null });
      } finally {
        pbx.answer = 200;
      }
      // Wrong credentials are the PBX's refusal too (401).
      await putSettings(adminP, { ctiDialAuthorization: 'Basic bm90OnJpZ2h0' });
      expect(expectGatewayProblem(await agentP.post(DIAL, { to: '06-1234-5678' }), 'pbx_refused').upstream.status).toBe(401);
      await putSettings(adminP, { ctiDialAuthorization: PBX_AUTH });
    });

    it('answers 502 pbx_unreachable when nothing listens', async () => {
      await putSettings(adminP, { ctiDialUrl: ARI_TEMPLATE(await closedPort()) });
      try {
        const body = expectGatewayProblem(await agentP.post(DIAL, { to: '06-1234-5678' }), 'pbx_unreachable');
        expect(body.upstream.status).toBeNull();
      } finally {
        await putSettings(adminP, { ctiDialUrl: ARI_TEMPLATE(pbx.port) });
      }
    });

    it('needs the agent’s extension: without one (and no Twilio), the agent is unreachable', async () => {
      const sv = await new HttpSession(t.app).login(P.users.supervisor.email, TEST_PASSWORD);
      expectRefusal(await sv.post(DIAL, { to: '06-1234-5678' }), 409, 'conflict', 'agent_unreachable');
    });
  });

  describe('refusals', () => {
    it('400 for a number that is not a phone number, naming the field', async () => {
      for (const to of ['call me', '12', '']) {
        const body = expectProblem(await agentT.post(DIAL, { to }), 400, 'validation_failed');
        expect(body.errors?.map((e) => e.path)).toEqual(['body.to']);
      }
      expectProblem(await agentT.post(DIAL, { to: '03-1234-5678', customerId: 'nope' }), 400, 'validation_failed');
    });

    it('404 for a customer of another tenant, before anything is dialled', async () => {
      const before = pbx.received.length;
      expectProblem(await agentP.post(DIAL, { to: '03-1234-5678', customerId: yamada }), 404, 'not_found');
      expect(pbx.received).toHaveLength(before);
    });

    it('409 click_to_call_not_configured in a tenant without a PBX URL or Twilio caller id', async () => {
      expectRefusal(await agentN.post(DIAL, { to: '03-1234-5678' }), 409, 'conflict', 'click_to_call_not_configured');
    });

    it('403 for roles without routing:work and for API tokens (no agent to ring)', async () => {
      for (const role of ['hq', 'client_viewer'] as const) {
        const s = await new HttpSession(t.app).login(T.users[role].email, TEST_PASSWORD);
        expectProblem(await s.post(DIAL, { to: '03-1234-5678' }), 403, 'forbidden');
      }
      const token = (await t.services.auth.createApiToken({ tenantId: T.tenant.id, role: 'agent', name: 'c2c' })).token;
      expectProblem(await HttpSession.withToken(t.app, token).post(DIAL, { to: '03-1234-5678' }), 403, 'forbidden');
    });
  });
});
