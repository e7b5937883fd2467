import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, HttpSession, type TestApp } from '../support/test-app.js';
import { testEngines } from '../support/test-db.js';
import { expectProblem } from '../support/http-expect.js';
import { createTenantWithStaff, TEST_PASSWORD } from '../factories/tenant.factory.js';
import { routingAdmin } from '../factories/routing.factory.js';
import { interactions } from '../../src/server/db/schema.js';
import { voiceCalls } from '../../src/server/db/schema/voice.table.js';

interface Contact { id: string; status: string; outcome: string | null; agentUserId: string | null; interactionId: string; queueId: string; customerId: string | null }
interface QueueFigures { queueId: string; figures: { waiting: number; offered: number; answered: number; abandoned: number } }
interface WorkItem { contact: { id: string }; phase: string; screenPop: { customer: { name: string } } | null }

// A PBX distributes its own calls; through the CTI webhook Madoguchi counts them in a routing queue
// as external contacts: waiting on the wallboard (never offered by the engine), connected to the
// agent whose extension answered (their desk shows the call with its screen pop, then 後処理 after
// the hang-up), abandoned when the caller hangs up first. One interaction per call, shared by the
// call log and the contact.
describe.each(testEngines())('CTI calls counted in routing [%s]', (engine) => {
  let t: TestApp;
  let A: Awaited<ReturnType<typeof createTenantWithStaff>>;
  let admin: HttpSession;
  let sv: HttpSession;
  let agent: HttpSession;
  let token: string;
  let queueId: string;
  let namedQueueId: string;
  let foreignQueueId: string;
  let customerId: string;

  const cti = async (fields: Record<string, unknown>) => {
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/cti/${token}`, payload: fields });
    expect(res.statusCode, res.body).toBe(200);
  };
  const call = (callId: string, extra: Record<string, unknown> = {}) => ({ callId, from: '09012345678', to: '0312345678', direction: 'in', ...extra });
  const contactOf = async (callId: string): Promise<Contact> => {
    const [row] = await t.db.database.db.select().from(voiceCalls).where(eq(voiceCalls.externalId, callId));
    expect(row?.contactId, `call ${callId} has a contact`).toBeTruthy();
    expect(row?.interactionId).toBeTruthy();
    const contact = (await sv.get(`/api/v1/contacts/${row!.contactId}`)).json() as Contact;
    expect(contact.interactionId).toBe(row!.interactionId); // one history entry for the call
    return contact;
  };
  const figures = async (id: string) => ((await sv.get('/api/v1/wallboard')).json().queues as QueueFigures[]).find((q) => q.queueId === id)!.figures;
  const interactionCount = async () => Number((await t.db.database.db.select({ n: count() }).from(interactions).where(eq(interactions.tenantId, A.tenant.id)))[0]?.n);
  const myWork = async () => ((await agent.get('/api/v1/agent/me')).json() as { work: WorkItem[] }).work;

  beforeAll(async () => {
    t = await createTestApp(engine);
    A = await createTenantWithStaff(t.services, 'cti-routing-a');
    const B = await createTenantWithStaff(t.services, 'cti-routing-b');
    const login = (email: string) => new HttpSession(t.app).login(email, TEST_PASSWORD);
    [admin, sv, agent] = await Promise.all([login(A.users.admin.email), login(A.users.supervisor.email), login(A.users.agent.email)]);
    const a = routingAdmin(admin);
    queueId = (await a.queue({ name: '代表電話', wrapUpLimitSec: 120 })).id;
    namedQueueId = (await a.queue({ name: 'support' })).id;
    foreignQueueId = (await routingAdmin(await login(B.users.admin.email)).queue({ name: '代表電話' })).id;
    const put = await admin.request('PUT', `/api/v1/routing/agents/${A.users.agent.id}`, { capacity: { voice: 1, chat: 2 }, voiceBlocksOthers: true, skills: [], extension: '201' });
    expect(put.statusCode, put.body).toBe(200);
    token = (await admin.post('/api/v1/telephony/cti-token')).json().token;
    customerId = (await sv.post('/api/v1/customers', { name: '山田 太郎', phones: [{ value: '090-1234-5678' }] })).json().id;
    expect((await agent.post('/api/v1/agent/presence', { change: 'ready' })).statusCode).toBe(200);
  });
  afterAll(() => t.close());

  it('logs only, as before, while no queue is set and the event names none of the tenant', async () => {
    await cti({ event: 'newCall', ...call('log-only', { queue: 'sales' }) });
    const [row] = await t.db.database.db.select().from(voiceCalls).where(eq(voiceCalls.externalId, 'log-only'));
    expect(row).toMatchObject({ contactId: null });
    expect(row?.interactionId).toBeTruthy();
    await cti({ event: 'hangup', ...call('log-only', { cause: 'cancel' }) });
  });

  it('refuses another tenant’s queue as the CTI queue with a 400, and stores the tenant’s own', async () => {
    const bad = expectProblem(await admin.request('PUT', '/api/v1/telephony/settings', { ctiQueueId: foreignQueueId }), 400, 'validation_failed');
    expect(bad.errors).toEqual([{ path: 'ctiQueueId', message: 'no such queue in this tenant' }]);
    const ok = await admin.request('PUT', '/api/v1/telephony/settings', { ctiQueueId: queueId });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().cti.queueId).toBe(queueId);
  });

  it('waits on the wallboard without an offer, connects to extension 201 with its screen pop, and goes to 後処理 at the hang-up', async () => {
    const interactionsBefore = await interactionCount();
    await cti({ event: 'newCall', ...call('pbx-1', { queue: 'general', user: ['201'] }) });
    await cti({ event: 'newCall', ...call('pbx-1', { queue: 'general', user: ['201'] }) }); // resent
    const waiting = await contactOf('pbx-1');
    // The agent is ready and free, but the PBX rings them, not Madoguchi: no offer.
    expect(waiting).toMatchObject({ status: 'waiting', agentUserId: null, queueId, customerId });
    expect(await myWork()).toEqual([]);
    expect((await figures(queueId)).waiting).toBe(1);

    await cti({ event: 'answer', ...call('pbx-1', { answeringNumber: '201' }) });
    expect(await contactOf('pbx-1')).toMatchObject({ status: 'connected', agentUserId: A.users.agent.id });
    const [item] = await myWork();
    expect(item).toMatchObject({ contact: { id: waiting.id }, phase: 'connected', screenPop: { customer: { name: '山田 太郎' } } });
    // On the PBX call the agent is busy: a chat is not offered (voice blocks others).
    const chat = (await sv.post('/api/v1/contacts', { channel: 'chat', queueId })).json() as Contact;
    expect((await sv.get(`/api/v1/contacts/${chat.id}`)).json().status).toBe('waiting');
    expect((await sv.post(`/api/v1/contacts/${chat.id}/abandon`)).statusCode).toBe(200);

    await cti({ event: 'hangup', ...call('pbx-1', { answeringNumber: '201', cause: 'normalClearing' }) });
    expect(await contactOf('pbx-1')).toMatchObject({ status: 'wrap_up' });
    const done = await agent.post(`/api/v1/agent/contacts/${waiting.id}/wrap-up`, { notes: '修理の受付' });
    expect(done.statusCode, done.body).toBe(200);
    expect(await contactOf('pbx-1')).toMatchObject({ status: 'ended', outcome: 'answered' });
    expect(await figures(queueId)).toMatchObject({ waiting: 0, answered: 1 });
    // The call's one interaction (plus the abandoned chat's).
    expect(await interactionCount()).toBe(interactionsBefore + 2);
    const calls = (await sv.get('/api/v1/calls?limit=50')).json().items as { externalId: string; outcome: string; interactionId: string }[];
    expect(calls.find((c) => c.externalId === 'pbx-1')).toMatchObject({ outcome: 'answered', interactionId: waiting.interactionId });
  });

  it('counts a call in the queue the PBX names, and a caller who hangs up first as abandoned', async () => {
    await cti({ event: 'newCall', ...call('pbx-2', { queue: 'support' }) });
    expect(await contactOf('pbx-2')).toMatchObject({ status: 'waiting', queueId: namedQueueId });
    await cti({ event: 'hangup', ...call('pbx-2', { cause: 'cancel' }) });
    expect(await contactOf('pbx-2')).toMatchObject({ status: 'ended', outcome: 'abandoned' });
    expect((await figures(namedQueueId)).abandoned).toBe(1);
  });

  it('puts an unknown caller’s call in the call log of the customer the agent registers during it', async () => {
    await cti({ event: 'newCall', ...call('pbx-4', { from: '0455550417' }) });
    await cti({ event: 'answer', ...call('pbx-4', { from: '0455550417', answeringNumber: '201' }) });
    const contact = await contactOf('pbx-4');
    expect(contact.customerId).toBeNull();
    const created = await agent.post('/api/v1/customers', { name: '新規 花子', phones: [{ value: '045-555-0417' }] });
    expect(created.statusCode, created.body).toBe(201);
    expect((await agent.post(`/api/v1/agent/contacts/${contact.id}/customer`, { customerId: created.json().id })).statusCode).toBe(200);
    const calls = (await sv.get(`/api/v1/calls?customerId=${created.json().id}`)).json().items as { externalId: string }[];
    expect(calls.map((c) => c.externalId)).toEqual(['pbx-4']);
    await cti({ event: 'hangup', ...call('pbx-4', { from: '0455550417', answeringNumber: '201', cause: 'normalClearing' }) });
    expect((await agent.post(`/api/v1/agent/contacts/${contact.id}/wrap-up`, {})).statusCode).toBe(200);
  });

  it('closes the contact when someone routing does not know answers, keeping the call log', async () => {
    await cti({ event: 'newCall', ...call('pbx-3') });
    await cti({ event: 'answer', ...call('pbx-3', { answeringNumber: '999' }) });
    expect(await contactOf('pbx-3')).toMatchObject({ status: 'ended', outcome: 'closed' });
    await cti({ event: 'hangup', ...call('pbx-3', { answeringNumber: '999', cause: 'normalClearing' }) });
    const [row] = await t.db.database.db.select().from(voiceCalls).where(eq(voiceCalls.externalId, 'pbx-3'));
    expect(row).toMatchObject({ status: 'ended', outcome: 'answered', answeredBy: '999' });
  });
});
