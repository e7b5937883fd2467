import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, HttpSession, type TestApp } from '../support/test-app.js';
import { testEngines } from '../support/test-db.js';
import { openSocket } from '../support/ws-client.js';
import { injectTransport } from '../support/twilio-inject.js';
import { createTenantWithStaff, TEST_PASSWORD } from '../factories/tenant.factory.js';
import { routingAdmin } from '../factories/routing.factory.js';
import type { IvrFlow } from '../../src/core/ivr/ivr.types.js';
import { TwilioPhone } from '../../src/cli/simulate/twilio-phone.js';
import { voiceCalls } from '../../src/server/db/schema/voice.table.js';
import { contacts } from '../../src/server/db/schema/routing.table.js';

const ACCOUNT = `AC${'7'.repeat(32)}`;
const TOKEN = 'twilio-auth-token-of-vip-line-01';
const BASE = 'https://cc.example.jp';
/** VIP → priority 10, same queue as everyone else. */
const NUMBER_PRIORITY = '+81312347001';
/** VIP → a queue of their own. */
const NUMBER_VIP_QUEUE = '+81312347002';
const VIP_PRIORITY = 10;
const CALLERS = { vip: '+819050007001', regular: '+819050007002', unknown: '+819050007999' } as const;

/** The caller looked up by the calling number, then the branch on the customer's VIP flag (優良顧客). */
const priorityLine = (queueId: string): IvrFlow => ({
  start: 'hello',
  nodes: [
    { type: 'say', id: 'hello', text: 'お電話ありがとうございます。', next: 'find' },
    { type: 'lookup', id: 'find', by: 'caller', found: 'vip', notFound: 'queue' },
    { type: 'branch', id: 'vip', attribute: 'vip', equals: true, then: 'priority', else: 'queue' },
    { type: 'set', id: 'priority', priority: VIP_PRIORITY, next: 'queue' },
    { type: 'enqueue', id: 'queue', queueId, text: '担当者におつなぎします。' },
  ],
});
const queueLine = (queueId: string, vipQueueId: string): IvrFlow => ({
  start: 'find',
  nodes: [
    { type: 'lookup', id: 'find', by: 'caller', found: 'vip', notFound: 'queue' },
    { type: 'branch', id: 'vip', attribute: 'vip', equals: true, then: 'vipQueue', else: 'queue' },
    { type: 'enqueue', id: 'queue', queueId, text: '担当者におつなぎします。' },
    { type: 'enqueue', id: 'vipQueue', queueId: vipQueueId, text: '専任の担当者におつなぎします。' },
  ],
});

// The IVR's branch on the VIP flag end to end: customers set VIP through the API, calls placed as
// Twilio places them (signed webhooks, TwiML followed), the contact queued as the branch decided.
describe.each(testEngines())('IVR branch on the VIP flag over Twilio [%s]', (engine) => {
  let t: TestApp;
  let staff: Awaited<ReturnType<typeof createTenantWithStaff>>;
  let sv: HttpSession;
  let agent: HttpSession;
  let queueId: string;
  let vipQueueId: string;
  const customerIds = { vip: '', regular: '' };
  const db = () => t.db.database.db;

  const phone = (from: string, to = NUMBER_PRIORITY) =>
    new TwilioPhone({ transport: injectTransport(t.app), baseUrl: BASE, accountSid: ACCOUNT, authToken: TOKEN, from, to });
  /** Dials, lands in a queue, and tells where and how the contact was queued. */
  const queuedCall = async (from: string, to = NUMBER_PRIORITY) => {
    const call = phone(from, to);
    expect(await call.dial()).toBe('queued');
    const [row] = await db().select().from(voiceCalls).where(eq(voiceCalls.externalId, call.callSid));
    expect(row).toMatchObject({ status: 'queued', outcome: 'enqueue', tenantId: staff.tenant.id });
    const [stored] = await db().select().from(contacts).where(eq(contacts.id, row!.contactId!));
    const contact = (await sv.get(`/api/v1/contacts/${row!.contactId}`)).json() as { id: string; queueId: string; customerId: string | null; status: string };
    return { call, contact, priority: stored!.priority, path: (row!.ivrState as { path: string[] }).path, heard: call.heard };
  };

  beforeAll(async () => {
    t = await createTestApp(engine, { env: { MADOGUCHI_PUBLIC_URL: BASE } });
    staff = await createTenantWithStaff(t.services, 'vip-alpha');
    const B = await createTenantWithStaff(t.services, 'vip-beta');
    const admin = await new HttpSession(t.app).login(staff.users.admin.email, TEST_PASSWORD);
    sv = await new HttpSession(t.app).login(staff.users.supervisor.email, TEST_PASSWORD);
    agent = await new HttpSession(t.app).login(staff.users.agent.email, TEST_PASSWORD);
    const svB = await new HttpSession(t.app).login(B.users.supervisor.email, TEST_PASSWORD);

    const a = routingAdmin(admin);
    const support = await a.skill('サポート');
    queueId = (await a.queue({ name: '代表窓口', priority: 0, requiredSkills: [{ skillId: support.id, minLevel: 1 }] })).id;
    vipQueueId = (await a.queue({ name: '優良顧客窓口', priority: 0, requiredSkills: [{ skillId: support.id, minLevel: 1 }] })).id;
    await a.agent(staff.users.agent.id, [{ skillId: support.id, level: 5 }], { voice: 1 });

    const customer = async (s: HttpSession, name: string, phoneNumber: string, vip?: boolean) => {
      const res = await s.post('/api/v1/customers', { name, phones: [{ value: phoneNumber }], ...(vip === undefined ? {} : { vip }) });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().vip).toBe(vip ?? false);
      return res.json().id as string;
    };
    customerIds.vip = await customer(sv, '優良 花子', '090-5000-7001', true);
    customerIds.regular = await customer(sv, '一般 太郎', '090-5000-7002');
    // Tenant B's customer with tenant A's regular caller's number is a VIP — of B only.
    await customer(svB, '別社 太郎', '090-5000-7002', true);

    for (const [flow, number] of [[priorityLine(queueId), NUMBER_PRIORITY], [queueLine(queueId, vipQueueId), NUMBER_VIP_QUEUE]] as const) {
      const created = await admin.post('/api/v1/ivr-flows', { name: `VIP ${number}`, numbers: [number], flow });
      expect(created.statusCode, created.body).toBe(201);
      expect((await admin.post(`/api/v1/ivr-flows/${created.json().id}/publish`, { version: 1 })).statusCode).toBe(200);
    }
    const settings = await admin.request('PUT', '/api/v1/telephony/settings', { twilioAccountSid: ACCOUNT, twilioAuthToken: TOKEN });
    expect(settings.statusCode, settings.body).toBe(200);
  });
  afterAll(() => t.close());

  it('queues a VIP caller at the higher priority, served before a regular caller who called first', async () => {
    const regular = await queuedCall(CALLERS.regular);
    const vip = await queuedCall(CALLERS.vip);
    const unknown = await queuedCall(CALLERS.unknown);

    expect(vip.contact).toMatchObject({ customerId: customerIds.vip, queueId, status: 'waiting' });
    expect(vip.priority).toBe(VIP_PRIORITY);
    expect(vip.path).toEqual(['hello', 'find', 'vip', 'priority', 'queue']);
    // Not a VIP here (tenant B's VIP with the same number is another customer), and a caller nobody knows.
    expect(regular.contact).toMatchObject({ customerId: customerIds.regular, queueId });
    expect(regular.priority).toBeNull();
    expect(regular.path).toEqual(['hello', 'find', 'vip', 'queue']);
    expect(unknown.contact).toMatchObject({ customerId: null, queueId });
    expect(unknown.priority).toBeNull();
    expect(unknown.path).toEqual(['hello', 'find', 'queue']);
    for (const c of [regular, vip, unknown]) expect(c.heard).toEqual(['お電話ありがとうございます。', '担当者におつなぎします。']);

    // The agent who becomes ready is offered the VIP first, although the regular caller waited longer.
    const socket = await openSocket(t.app, agent, '/api/v1/agent/ws');
    await socket.next('hello');
    expect((await agent.post('/api/v1/agent/presence', { change: 'ready' })).statusCode).toBe(200);
    const offer = (await socket.next('offer')).item as { contact: { id: string }; screenPop: { customer: { id: string; vip: boolean } } | null };
    expect(offer.contact.id).toBe(vip.contact.id);
    expect(offer.screenPop?.customer).toMatchObject({ id: customerIds.vip, vip: true });

    expect((await agent.post('/api/v1/agent/presence', { change: 'logout' })).statusCode).toBe(200);
    socket.close();
    for (const c of [regular, vip, unknown]) await c.call.hangUp();
    for (const c of [regular, vip, unknown]) expect((await sv.get(`/api/v1/contacts/${c.contact.id}`)).json()).toMatchObject({ status: 'ended', outcome: 'abandoned' });
  });

  it('sends a VIP to a queue of their own and everyone else to the usual one', async () => {
    const vip = await queuedCall(CALLERS.vip, NUMBER_VIP_QUEUE);
    const regular = await queuedCall(CALLERS.regular, NUMBER_VIP_QUEUE);
    const unknown = await queuedCall(CALLERS.unknown, NUMBER_VIP_QUEUE);
    expect(vip.contact).toMatchObject({ queueId: vipQueueId, customerId: customerIds.vip });
    expect(vip.heard.at(-1)).toBe('専任の担当者におつなぎします。');
    expect(regular.contact).toMatchObject({ queueId, customerId: customerIds.regular });
    expect(unknown.contact).toMatchObject({ queueId, customerId: null });
    for (const c of [vip, regular, unknown]) {
      expect(c.priority).toBeNull();
      await c.call.hangUp();
    }
  });

  it('follows the flag as it is changed through the API: unset, the former VIP waits like anyone; set, the other is served first', async () => {
    expect((await sv.patch(`/api/v1/customers/${customerIds.vip}`, { vip: false })).json().vip).toBe(false);
    expect((await sv.patch(`/api/v1/customers/${customerIds.regular}`, { vip: true })).json().vip).toBe(true);
    const former = await queuedCall(CALLERS.vip);
    const promoted = await queuedCall(CALLERS.regular);
    expect(former.priority).toBeNull();
    expect(former.path).not.toContain('priority');
    expect(promoted.priority).toBe(VIP_PRIORITY);
    expect(promoted.path).toContain('priority');
    const elsewhere = await queuedCall(CALLERS.regular, NUMBER_VIP_QUEUE);
    expect(elsewhere.contact.queueId).toBe(vipQueueId);
    for (const c of [former, promoted, elsewhere]) await c.call.hangUp();
  });
});
