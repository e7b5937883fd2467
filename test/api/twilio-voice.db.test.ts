import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, HttpSession, type TestApp } from '../support/test-app.js';
import { testEngines } from '../support/test-db.js';
import { expectProblem } from '../support/http-expect.js';
import { openSocket } from '../support/ws-client.js';
import { injectTransport } from '../support/twilio-inject.js';
import { createTenantWithStaff, TEST_PASSWORD } from '../factories/tenant.factory.js';
import { routingAdmin } from '../factories/routing.factory.js';
import { supportFlow } from '../../src/core/ivr/ivr-test-kit.js';
import type { IvrFlow } from '../../src/core/ivr/ivr.types.js';
import { TwilioPhone, TwilioWebhookError } from '../../src/cli/simulate/twilio-phone.js';
import { IVR_DRIVER_TEXTS } from '../../src/server/features/voice/ivr-driver.js';
import { voiceCalls } from '../../src/server/db/schema/voice.table.js';
import { callbacks } from '../../src/server/db/schema/routing.table.js';

const ACCOUNT = `AC${'1'.repeat(32)}`;
const TOKEN_A = 'twilio-auth-token-of-alpha-0001';
const TOKEN_B = 'twilio-auth-token-of-beta-00002';
const NUMBER_A = '+81312340001';
const NUMBER_A_CLOSED = '+81312340002';
const NUMBER_B = '+81312340009';
/** Queues straight into the closed queue, with no hours check before. */
const NUMBER_A_NIGHT = '+81312340003';
/** A card payment line: the digits go to the tenant's payment processor, nowhere else. */
const NUMBER_A_PAY = '+81312340004';
const CARD = '4111111111111111';
const PROCESSOR_KEY = 'Bearer processor-key-of-alpha';
const BASE = 'https://cc.example.jp';
const HOLD_MUSIC = 'https://cdn.example.jp/hold/loop-8s.mp3';

/** The support line of the core's test kit on a tenant's queue (hours: the queue's calendar). */
const lineFor = (queueId: string, calendar = queueId): IvrFlow => {
  const f = supportFlow();
  return { ...f, nodes: f.nodes.map((n) => ('queueId' in n ? { ...n, queueId } : n.type === 'hours' ? { ...n, calendar } : n)) };
};

// Twilio Programmable Voice end to end over the webhooks, as Twilio would call them: signed by the
// twilio library, parameters as documented, TwiML followed like Twilio follows it.
describe.each(testEngines())('Twilio voice webhooks [%s]', (engine) => {
  let t: TestApp;
  let staff: Awaited<ReturnType<typeof createTenantWithStaff>>;
  let admin: HttpSession;
  let sv: HttpSession;
  let agent: HttpSession;
  let queueId: string;
  let customerId: string;
  let lettered: string;
  const db = () => t.db.database.db;

  const phone = (from: string, to = NUMBER_A, authToken = TOKEN_A) =>
    new TwilioPhone({ transport: injectTransport(t.app), baseUrl: BASE, accountSid: ACCOUNT, authToken, from, to });
  const callRow = async (callSid: string) => (await db().select().from(voiceCalls).where(eq(voiceCalls.externalId, callSid)))[0];
  /**
   * A booked callback is due at once and the scheduler routes it into the queue within a second,
   * ahead of later callers (it keeps the caller's place): the tests that book one withdraw it, so
   * the agent of a later test is offered that test's call.
   */
  const withdraw = async (callbackId: string) => {
    if ((await sv.delete(`/api/v1/callbacks/${callbackId}`)).statusCode === 200) return;
    const [routed] = await db().select().from(callbacks).where(eq(callbacks.id, callbackId));
    expect(routed).toMatchObject({ status: 'routed' });
    expect((await sv.post(`/api/v1/contacts/${routed!.contactId}/abandon`)).statusCode).toBe(200);
  };
  let processor: Server;
  const payments: { authorization: string | undefined; body: Record<string, unknown> }[] = [];
  const countCalls = async () => Number((await db().select({ n: sql<number>`count(*)` }).from(voiceCalls))[0]!.n);

  beforeAll(async () => {
    t = await createTestApp(engine, { env: { MADOGUCHI_PUBLIC_URL: BASE } });
    staff = await createTenantWithStaff(t.services, 'voice-alpha');
    const B = await createTenantWithStaff(t.services, 'voice-beta');
    admin = await new HttpSession(t.app).login(staff.users.admin.email, TEST_PASSWORD);
    sv = await new HttpSession(t.app).login(staff.users.supervisor.email, TEST_PASSWORD);
    agent = await new HttpSession(t.app).login(staff.users.agent.email, TEST_PASSWORD);
    const adminB = await new HttpSession(t.app).login(B.users.admin.email, TEST_PASSWORD);
    const a = routingAdmin(admin);
    const repair = await a.skill('修理受付');
    queueId = (await a.queue({ name: '修理窓口', requiredSkills: [{ skillId: repair.id, minLevel: 1 }] })).id;
    await a.agent(staff.users.agent.id, [{ skillId: repair.id, level: 5 }], { voice: 1 });
    // A second queue whose hours are never open: the closed branch of the same flow.
    const hours = await admin.post('/api/v1/routing/hours', { name: '閉局', spec: { weekly: {}, nationalHolidays: 'closed' } });
    expect(hours.statusCode, hours.body).toBe(201);
    const closedQueue = (await a.queue({ name: '夜間', hoursId: hours.json().id })).id;

    const product = await admin.post('/api/v1/products', { sku: 'WM-100', name: 'ドラム式洗濯機 WM-100' });
    const customer = await sv.post('/api/v1/customers', { name: '山田 太郎', phones: [{ value: '090-1234-5678' }] });
    customerId = customer.json().id;
    expect((await sv.post(`/api/v1/customers/${customerId}/owned-products`, { productId: product.json().id, serial: '12345678' })).statusCode).toBe(201);
    // Serials with letters: keyed on a phone as their digits. Two customers share the digits 77001234.
    const owner = async (name: string, serial: string) => {
      const c = (await sv.post('/api/v1/customers', { name })).json() as { id: string };
      expect((await sv.post(`/api/v1/customers/${c.id}/owned-products`, { productId: product.json().id, serial })).statusCode).toBe(201);
      return c.id;
    };
    lettered = await owner('佐藤 花子', 'SR4501-23A-00417');
    await owner('鈴木 一郎', 'AB-7700-1234');
    await owner('田中 次郎', 'CD-7700-1234');

    const publish = async (s: HttpSession, flow: IvrFlow, numbers: string[]) => {
      const created = await s.post('/api/v1/ivr-flows', { name: `サポート ${numbers[0]}`, numbers, flow });
      expect(created.statusCode, created.body).toBe(201);
      expect((await s.post(`/api/v1/ivr-flows/${created.json().id}/publish`, { version: 1 })).statusCode).toBe(200);
    };
    await publish(admin, lineFor(queueId), [NUMBER_A]);
    await publish(admin, lineFor(queueId, closedQueue), [NUMBER_A_CLOSED]);
    await publish(admin, { start: 'hello', nodes: [{ type: 'say', id: 'hello', text: '夜間窓口です。', next: 'queue' }, { type: 'enqueue', id: 'queue', queueId: closedQueue }] }, [NUMBER_A_NIGHT]);
    const queueB = (await routingAdmin(adminB).queue({ name: 'B窓口' })).id;
    await publish(adminB, lineFor(queueB), [NUMBER_B]);
    for (const [s, token] of [[admin, TOKEN_A], [adminB, TOKEN_B]] as const) {
      const res = await s.request('PUT', '/api/v1/telephony/settings', { twilioAccountSid: ACCOUNT, twilioAuthToken: token });
      expect(res.statusCode, res.body).toBe(200);
    }
    // A's payment processor: a loopback server that records what it is sent (http is taken only to this host).
    processor = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        payments.push({ authorization: req.headers.authorization, body: JSON.parse(body) as Record<string, unknown> });
        res.writeHead(202).end();
      });
    });
    await new Promise<void>((resolve) => processor.listen(0, '127.0.0.1', resolve));
    expectProblem(await admin.request('PUT', '/api/v1/telephony/settings', { paymentUrl: 'http://pay.example.jp/cards' }), 400, 'validation_failed');
    const paymentUrl = `http://127.0.0.1:${(processor.address() as AddressInfo).port}/cards`;
    const paid = await admin.request('PUT', '/api/v1/telephony/settings', { paymentUrl, paymentAuthorization: PROCESSOR_KEY });
    expect(paid.json().payment).toEqual({ url: paymentUrl, authorizationSet: true });
    expect(paid.body).not.toContain(PROCESSOR_KEY);
    await publish(admin, {
      start: 'card',
      nodes: [
        { type: 'gather', id: 'card', prompt: 'カード番号を入力し、最後に#を押してください。', into: 'payment', minDigits: 13, maxDigits: 19, luhn: true, timeoutSec: 20, retries: 1, next: 'thanks', onFail: 'thanks' },
        { type: 'say', id: 'thanks', text: 'ありがとうございました。', next: 'bye' },
        { type: 'hangup', id: 'bye' },
      ],
    }, [NUMBER_A_PAY]);
    // A's callers hear a hold clip in the queue; an http:// one is refused (Twilio fetches it from the internet).
    expectProblem(await admin.request('PUT', '/api/v1/telephony/settings', { twilioHoldMusicUrl: 'http://cdn.example.jp/hold.mp3' }), 400, 'validation_failed');
    expect((await admin.request('PUT', '/api/v1/telephony/settings', { twilioHoldMusicUrl: HOLD_MUSIC })).json().twilio.holdMusicUrl).toBe(HOLD_MUSIC);
  });
  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => processor.close(resolve));
  });

  it('a caller keys the serial, waits, and the agent sees the purchases before the phone rings; answered, hung up, wrapped up', async () => {
    const socket = await openSocket(t.app, agent, '/api/v1/agent/ws');
    await socket.next('hello');
    const call = phone('+819012345678');
    expect(await call.dial()).toBe('gather');
    expect(call.heard).toEqual(['お電話ありがとうございます。さくら電機サポートセンターです。', expect.stringContaining('修理のご相談は1を')]);
    expect(await call.press('1')).toBe('gather');
    expect(call.heard.at(-1)).toBe('製品の製造番号を入力し、最後に#を押してください。');
    expect(await call.press('12345678#')).toBe('queued');
    expect(call.heard.at(-1)).toBe('担当者におつなぎします。');

    // Nobody is ready: the caller waits, hearing the news once, then the tenant's hold clip.
    expect(await call.waitInQueue(0)).toBe(false);
    expect(call.heard.at(-1)).toContain('このままお待ちください');
    expect(call.played).toEqual([HOLD_MUSIC]);
    const row = await callRow(call.callSid);
    expect(row).toMatchObject({ status: 'queued', outcome: 'enqueue', customerId, entered: { serial: '12345678' }, tenantId: staff.tenant.id });
    const contact = (await sv.get(`/api/v1/contacts/${row!.contactId}`)).json();
    expect(contact).toMatchObject({ status: 'waiting', channel: 'voice', customerId, serial: '12345678', externalId: `twilio:${call.callSid}` });

    expect((await agent.post('/api/v1/agent/presence', { change: 'ready' })).statusCode).toBe(200);
    const offer = (await socket.next('offer')).item as { contact: { id: string }; screenPop: { customer: { id: string }; ownedProducts: { serial: string; productName: string }[] } };
    expect(offer.contact.id).toBe(contact.id);
    expect(offer.screenPop.customer.id).toBe(customerId);
    expect(offer.screenPop.ownedProducts).toContainEqual(expect.objectContaining({ serial: '12345678', productName: 'ドラム式洗濯機 WM-100' }));
    // Offered is not answered: the caller stays in the queue until the agent takes it.
    expect(await call.waitInQueue()).toBe(false);
    expect((await agent.post(`/api/v1/agent/offers/${contact.id}/accept`)).statusCode).toBe(200);

    expect(await call.waitInQueue()).toBe(true);
    expect(call.state).toBe('ringing_agent');
    expect(call.agentTarget).toBe(`client:agent_${staff.users.agent.id.replace(/-/g, '')}`);
    expect(await call.agentLeg({ answered: true, talkSec: 95 })).toBe('ended');

    const ended = await callRow(call.callSid);
    expect(ended).toMatchObject({ status: 'ended', outcome: 'answered', agentUserId: staff.users.agent.id, recordingDurationSec: 95 });
    expect(ended!.answeredAt).not.toBeNull();
    expect(ended!.recordingUrl).toMatch(/^https:\/\/api\.twilio\.com\//);
    expect((await sv.get(`/api/v1/contacts/${contact.id}`)).json()).toMatchObject({ status: 'wrap_up' });
    const done = await agent.post(`/api/v1/agent/contacts/${contact.id}/wrap-up`, {});
    expect(done.statusCode, done.body).toBe(200);
    expect((await sv.get(`/api/v1/contacts/${contact.id}`)).json()).toMatchObject({ status: 'ended', outcome: 'answered' });
    expect((await agent.post('/api/v1/agent/presence', { change: 'logout' })).statusCode).toBe(200);
    socket.close();
  });

  it('finds a serial with letters by its digits, and no one when two serials share them', async () => {
    const queuedCustomer = async (keys: string) => {
      const call = phone('+819022223333');
      await call.dial();
      await call.press('1');
      const state = await call.press(keys);
      const row = (await callRow(call.callSid))!;
      await call.hangUp();
      return { state, customerId: row.customerId, heard: call.heard };
    };
    expect(await queuedCustomer('45012300417#')).toMatchObject({ state: 'queued', customerId: lettered });
    const shared = await queuedCustomer('77001234#');
    expect(shared.customerId).toBeNull();
    expect(shared.heard).toContain('製造番号が見つかりませんでした。');
  });

  it('answers a retried webhook with the same TwiML and takes no second step', async () => {
    const call = phone('+819011112222');
    await call.dial();
    // A resent first webhook is the same call, with the same greeting.
    const again = await call.post(`${BASE}/api/v1/telephony/twilio/voice`, { CallStatus: 'ringing' });
    expect(again).toContain('さくら電機サポートセンター');
    expect((await callRow(call.callSid))!.step).toBe(1);
    const gatherUrl = `${BASE}/api/v1/telephony/twilio/calls/${(await callRow(call.callSid))!.id}/gather?step=1&node=main`;
    const first = await call.post(gatherUrl, { CallStatus: 'in-progress', Digits: '1' });
    const retried = await call.post(gatherUrl, { CallStatus: 'in-progress', Digits: '1' });
    expect(retried).toBe(first);
    expect((await callRow(call.callSid))!.step).toBe(2);
    expect(await db().select().from(voiceCalls).where(eq(voiceCalls.externalId, call.callSid))).toHaveLength(1);
    await call.hangUp();
    expect(await callRow(call.callSid)).toMatchObject({ status: 'ended', cause: 'completed', outcome: 'hangup' });
  });

  it('refuses unsigned, mis-signed and tampered requests with 403 and stores nothing', async () => {
    const before = await countCalls();
    const call = phone('+819033334444');
    const url = `${BASE}/api/v1/telephony/twilio/voice`;
    for (const signature of ['', 'AAAA', 'bm90IGEgc2lnbmF0dXJl']) {
      const err = await call.post(url, { CallStatus: 'ringing' }, { signature }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TwilioWebhookError);
      expect((err as TwilioWebhookError).status).toBe(403);
      expect(JSON.parse((err as TwilioWebhookError).body)).toMatchObject({ code: 'forbidden' });
    }
    // Signed with another tenant's token, or for another number than the one sent: 403.
    const wrongToken = await phone('+819033334444', NUMBER_A, TOKEN_B).dial().catch((e: unknown) => e);
    expect((wrongToken as TwilioWebhookError).status).toBe(403);
    const tampered = await call.post(url, { CallStatus: 'ringing' }, { signature: (await import('twilio')).default.getExpectedTwilioSignature(TOKEN_A, url, { To: NUMBER_B }) }).catch((e: unknown) => e);
    expect((tampered as TwilioWebhookError).status).toBe(403);
    // A number no flow answers cannot be verified by anyone.
    const unknown = await phone('+819033334444', '+81312349999').dial().catch((e: unknown) => e);
    expect((unknown as TwilioWebhookError).status).toBe(403);
    expect(await countCalls()).toBe(before);
  });

  it('keeps each tenant on its own number: tenant B’s call is B’s, and A’s token cannot drive it', async () => {
    const callB = phone('+819055556666', NUMBER_B, TOKEN_B);
    expect(await callB.dial()).toBe('gather');
    const row = (await callRow(callB.callSid))!;
    expect(row.tenantId).not.toBe(staff.tenant.id);
    const url = `${BASE}/api/v1/telephony/twilio/calls/${row.id}/gather?step=1&node=main`;
    const asA = await phone('+819055556666', NUMBER_B, TOKEN_A).post(url, { Digits: '1' }).catch((e: unknown) => e);
    expect((asA as TwilioWebhookError).status).toBe(403);
    expect((await callRow(callB.callSid))!.step).toBe(1);
  });

  it('refuses a card number keyed at the serial prompt and never stores it', async () => {
    const call = phone('+819077778888');
    await call.dial();
    await call.press('1');
    expect(await call.press('4111111111111111#')).toBe('gather');
    expect(call.heard.at(-2)).toBe('入力が確認できませんでした。もう一度お願いいたします。');
    const stored = JSON.stringify(await callRow(call.callSid));
    expect(stored).not.toContain('4111111111111111');
    await call.hangUp();
  });

  it('passes keyed card digits to the tenant’s payment processor at once and stores them nowhere', async () => {
    const call = phone('+819012121212', NUMBER_A_PAY);
    expect(await call.dial()).toBe('gather');
    expect(await call.press(`${CARD}#`)).toBe('ended');
    expect(call.heard.at(-1)).toBe('ありがとうございました。');
    const row = (await callRow(call.callSid))!;
    expect(payments).toEqual([{ authorization: PROCESSOR_KEY, body: { callId: row.id, tenantId: staff.tenant.id, digits: CARD } }]);
    // Nowhere in the calls, interactions, contacts, routing events or audit log, as digits or spaced.
    for (const table of ['voice_calls', 'interactions', 'contacts', 'routing_events', 'audit_events', 'telephony_settings']) {
      const rows = await db().execute(sql.raw(`select row_to_json(t)::text as j from ${table} t`));
      const text = JSON.stringify(rows);
      if (table === 'voice_calls') expect(text).toContain(row.id); // the scan does read the rows
      expect(text, table).not.toContain(CARD);
      expect(text, table).not.toContain('4111 1111');
    }
  });

  it('schedules a callback that keeps the caller’s place, then ends the call', async () => {
    const call = phone('+819099990000');
    await call.dial();
    expect(await call.press('2')).toBe('ended');
    expect(call.heard.at(-1)).toBe('順番を保ったまま、担当者から折り返しお電話いたします。');
    await call.statusCallback('completed');
    const row = (await callRow(call.callSid))!;
    expect(row).toMatchObject({ status: 'ended', outcome: 'callback' });
    const [cb] = await db().select().from(callbacks).where(eq(callbacks.phone, '+819099990000'));
    // Due at once: the scheduler (every second) may already have routed it.
    expect(cb).toMatchObject({ queueId });
    expect(['scheduled', 'routed']).toContain(cb!.status);
    expect(cb!.placeAt?.getTime()).toBe(row.startedAt.getTime());
    await withdraw(cb!.id);
  });

  it('takes a message after hours, once, and books the callback for the team', async () => {
    const call = phone('+819012121212', NUMBER_A_CLOSED);
    expect(await call.dial()).toBe('recording');
    expect(call.heard).toEqual(['本日の受付は終了しました。メッセージをお預かりします。', '発信音のあとにお話しください。']);
    expect(await call.leaveMessage(42)).toBe('ended');
    expect(call.heard.at(-1)).toBe('メッセージを承りました。担当者より折り返しご連絡いたします。');
    const row = (await callRow(call.callSid))!;
    expect(row).toMatchObject({ status: 'ended', outcome: 'voicemail', recordingDurationSec: 42 });
    const booked = await db().select().from(callbacks).where(eq(callbacks.phone, '+819012121212'));
    expect(booked).toHaveLength(1);
    expect(booked[0]!.note).toContain('留守番電話 (42秒)');
    await withdraw(booked[0]!.id);
  });

  it('tells the caller when the queue is closed instead of queueing them for nothing', async () => {
    const call = phone('+819078787878', NUMBER_A_NIGHT);
    expect(await call.dial()).toBe('ended');
    expect(call.heard).toEqual(['夜間窓口です。', IVR_DRIVER_TEXTS.queueClosed]);
    const row = (await callRow(call.callSid))!;
    expect((await sv.get(`/api/v1/contacts/${row.contactId}`)).json()).toMatchObject({ status: 'ended', outcome: 'closed' });
    await call.statusCallback('completed');
  });

  it('a caller who hangs up while waiting abandons the contact; a resent status changes nothing', async () => {
    const call = phone('+819034343434');
    await call.dial();
    await call.press('1');
    expect(await call.press('12345678#')).toBe('queued');
    const row = (await callRow(call.callSid))!;
    await call.hangUp();
    await call.statusCallback('completed');
    expect((await sv.get(`/api/v1/contacts/${row.contactId}`)).json()).toMatchObject({ status: 'ended', outcome: 'abandoned' });
    expect(await callRow(call.callSid)).toMatchObject({ status: 'ended', cause: 'hangup', outcome: 'abandoned' });
  });

  it('puts the caller back in the queue when the agent’s phone is not answered, offered to someone else', async () => {
    const socket = await openSocket(t.app, agent, '/api/v1/agent/ws');
    await socket.next('hello');
    const call = phone('+819045454545');
    await call.dial();
    await call.press('1');
    expect(await call.press('12345678#')).toBe('queued');
    const row = (await callRow(call.callSid))!;
    await agent.post('/api/v1/agent/presence', { change: 'ready' });
    const offer = (await socket.next('offer')).item as { contact: { id: string } };
    expect(offer.contact.id).toBe(row.contactId);
    const accepted = await agent.post(`/api/v1/agent/offers/${row.contactId}/accept`);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(await call.waitInQueue()).toBe(true);
    expect(await call.agentLeg({ answered: false })).toBe('queued');
    expect(call.heard.at(-1)).toBe('担当者におつなぎできませんでした。このまま次の担当者をお待ちください。');
    const contact = (await sv.get(`/api/v1/contacts/${row.contactId}`)).json();
    expect(contact).toMatchObject({ status: 'waiting', agentUserId: null });
    expect(await call.waitInQueue()).toBe(false);
    await call.hangUp();
    expect((await sv.get(`/api/v1/contacts/${row.contactId}`)).json()).toMatchObject({ status: 'ended', outcome: 'abandoned' });
    await agent.post('/api/v1/agent/presence', { change: 'logout' });
    socket.close();
  });

  it('gives a signed-in agent a softphone token for the identity the agent leg rings, once the tenant set it up', async () => {
    expectProblem(await agent.post('/api/v1/agent/softphone-token'), 409, 'conflict');
    const secret = 'softphone-api-key-secret-01';
    const set = await admin.request('PUT', '/api/v1/telephony/settings', { twilioApiKeySid: `SK${'a'.repeat(32)}`, twilioApiKeySecret: secret, twilioTwimlAppSid: `AP${'b'.repeat(32)}` });
    expect(set.statusCode, set.body).toBe(200);
    const res = await agent.post('/api/v1/agent/softphone-token');
    expect(res.statusCode, res.body).toBe(200);
    const { token, identity } = res.json() as { token: string; identity: string };
    expect(identity).toBe(`agent_${staff.users.agent.id.replace(/-/g, '')}`);
    const [header, payload, signature] = token.split('.');
    expect(JSON.parse(Buffer.from(payload!, 'base64url').toString()).grants).toMatchObject({ identity, voice: { outgoing: { application_sid: `AP${'b'.repeat(32)}` } } });
    expect(signature).toBe(createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url'));
  });

  it('rejects a malformed webhook with 400 after the signature, naming the field', async () => {
    const call = phone('+819056565656');
    const url = `${BASE}/api/v1/telephony/twilio/voice`;
    const res = await call.post(url, { CallSid: 'not-a-sid' }).catch((e: unknown) => e);
    expect((res as TwilioWebhookError).status).toBe(400);
    expect(JSON.parse((res as TwilioWebhookError).body).errors).toContainEqual(expect.objectContaining({ path: 'CallSid' }));
  });
});
