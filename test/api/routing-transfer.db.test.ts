import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, HttpSession, type TestApp } from '../support/test-app.js';
import { testEngines } from '../support/test-db.js';
import { openSocket } from '../support/ws-client.js';
import { createTenantWithStaff, TEST_PASSWORD } from '../factories/tenant.factory.js';
import { routingAdmin } from '../factories/routing.factory.js';
import type { Clock } from '../../src/server/platform/clock.js';

/** A clock the test moves: offer timeouts and callbacks without waiting. */
function manualClock(start = Date.parse('2026-11-30T01:00:00Z')) {
  let now = start;
  const clock: Clock = { now: () => new Date(now) };
  return { clock, advance: (ms: number) => { now += ms; } };
}

describe.each(testEngines())('transfers, consults, timeouts and callbacks [%s]', (engine) => {
  let t: TestApp;
  let time: ReturnType<typeof manualClock>;
  let staff: Awaited<ReturnType<typeof createTenantWithStaff>>;
  let sv: HttpSession;
  let repairAgent: HttpSession;
  let billingAgent: HttpSession;
  let repairQ: string;
  let billingQ: string;

  beforeAll(async () => {
    time = manualClock();
    t = await createTestApp(engine, { clock: time.clock });
    staff = await createTenantWithStaff(t.services, 'sakura');
    const admin = await new HttpSession(t.app).login('admin@sakura.test', TEST_PASSWORD);
    sv = await new HttpSession(t.app).login('admin@sakura.test', TEST_PASSWORD);
    repairAgent = await new HttpSession(t.app).login('agent@sakura.test', TEST_PASSWORD);
    // The supervisor also takes contacts here (role supervisor is routable).
    billingAgent = await new HttpSession(t.app).login('supervisor@sakura.test', TEST_PASSWORD);
    const a = routingAdmin(admin);
    const repair = await a.skill('修理受付');
    const billing = await a.skill('料金');
    repairQ = (await a.queue({ name: '修理', requiredSkills: [{ skillId: repair.id, minLevel: 1 }], offerTimeoutSec: 10 })).id;
    billingQ = (await a.queue({ name: '料金', requiredSkills: [{ skillId: billing.id, minLevel: 1 }] })).id;
    await a.agent(staff.users.agent.id, [{ skillId: repair.id, level: 5 }]);
    await a.agent(staff.users.supervisor.id, [{ skillId: billing.id, level: 5 }]);
  });
  afterAll(() => t.close());

  it('routes by skill, transfers with a note the next agent sees, and lets a colleague be consulted', async () => {
    // The billing agent has been idle longer, but only the repair agent has the skill.
    await billingAgent.post('/api/v1/agent/presence', { change: 'ready' });
    time.advance(60_000);
    await repairAgent.post('/api/v1/agent/presence', { change: 'ready' });
    const billingSocket = await openSocket(t.app, billingAgent, '/api/v1/agent/ws');
    await billingSocket.next('hello');

    const c = (await sv.post('/api/v1/contacts', { channel: 'voice', queueId: repairQ, from: '03-1234-5678' })).json();
    expect(c.agentUserId).toBe(staff.users.agent.id);
    await repairAgent.post(`/api/v1/agent/offers/${c.id}/accept`);
    await repairAgent.post(`/api/v1/agent/contacts/${c.id}/notes`, { notes: '請求額の誤りについての問い合わせ' });

    const targets = (await repairAgent.get(`/api/v1/agent/contacts/${c.id}/transfer-targets`)).json();
    expect(targets.queues.map((q: { name: string }) => q.name)).toEqual(['修理', '料金']);
    expect(targets.agents.map((x: { id: string }) => x.id)).toEqual([staff.users.supervisor.id]);

    const consult = await repairAgent.post(`/api/v1/agent/contacts/${c.id}/consult`, { agentId: staff.users.supervisor.id, note: '料金の件、代わってもらえますか' });
    expect(consult.statusCode, consult.body).toBe(200);
    const consultFrame = await billingSocket.next('consult');
    expect(consultFrame).toMatchObject({ contactId: c.id, note: '料金の件、代わってもらえますか' });

    const noNote = await repairAgent.post(`/api/v1/agent/contacts/${c.id}/transfer`, { queueId: billingQ, note: '' });
    expect(noNote.statusCode).toBe(400);
    const moved = await repairAgent.post(`/api/v1/agent/contacts/${c.id}/transfer`, { queueId: billingQ, note: '保証期間内、請求額の確認をお願いします' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().activity).toBe('acw');

    const offer = await billingSocket.next('offer');
    const item = offer.item as { contact: { id: string; queueName: string }; transferNotes: { note: string; fromName: string }[]; interactionNotes: string };
    expect(item.contact).toMatchObject({ id: c.id, queueName: '料金' });
    expect(item.transferNotes).toEqual([expect.objectContaining({ note: '保証期間内、請求額の確認をお願いします', fromName: 'agent sakura' })]);
    expect(item.interactionNotes).toBe('請求額の誤りについての問い合わせ');
    await billingAgent.post(`/api/v1/agent/offers/${c.id}/accept`);

    const board = (await sv.get('/api/v1/wallboard')).json();
    const fig = (name: string) => board.queues.find((q: { name: string }) => q.name === name).figures;
    expect(fig('修理')).toMatchObject({ offered: 1, answered: 1 });
    expect(fig('料金')).toMatchObject({ offered: 1, answered: 1 });
    billingSocket.close();
  });

  it('an unanswered offer expires: the contact keeps its place, the agent is set to missed, a late accept is refused', async () => {
    await repairAgent.post('/api/v1/agent/contacts/' + (await repairAgent.get('/api/v1/agent/me')).json().work[0].contact.id + '/wrap-up', {});
    const me = (await repairAgent.get('/api/v1/agent/me')).json();
    expect(me.activity).toBe('available');
    const c = (await sv.post('/api/v1/contacts', { channel: 'voice', queueId: repairQ })).json();
    expect(c.status).toBe('offered');
    time.advance(11_000);
    await t.services.routing.dispatch({ type: 'tick' });
    expect((await repairAgent.get('/api/v1/agent/me')).json()).toMatchObject({ presence: 'missed', work: [] });
    expect((await sv.get(`/api/v1/contacts/${c.id}`)).json()).toMatchObject({ status: 'waiting', agentUserId: null });
    const late = await repairAgent.post(`/api/v1/agent/offers/${c.id}/accept`);
    expect(late.statusCode).toBe(409);
    // Ready again: the waiting contact comes straight back.
    expect((await repairAgent.post('/api/v1/agent/presence', { change: 'ready' })).json().work[0].contact.id).toBe(c.id);
    await repairAgent.post(`/api/v1/agent/offers/${c.id}/accept`);
    // Logging out while on a call is refused (during 後処理 it is allowed and ends the wrap-up).
    expect((await repairAgent.post('/api/v1/agent/presence', { change: 'logout' })).statusCode).toBe(409);
    await repairAgent.post(`/api/v1/agent/contacts/${c.id}/end`);
    await repairAgent.post(`/api/v1/agent/contacts/${c.id}/wrap-up`, {});
  });

  it('a scheduled callback is routed at its time, first to the agent who promised it', async () => {
    const bad = await repairAgent.post('/api/v1/callbacks', { queueId: repairQ, dueAt: 'tomorrow' });
    expect(bad.statusCode).toBe(400);
    const cb = await repairAgent.post('/api/v1/callbacks', {
      queueId: repairQ, phone: '090-9999-0000', note: '部品入荷後に折り返し', dueAt: new Date(time.clock.now().getTime() + 3_600_000).toISOString(),
      preferredAgentId: staff.users.agent.id,
    });
    expect(cb.statusCode, cb.body).toBe(201);
    expect(await t.services.callbacks.routeDue()).toBe(0);
    time.advance(3_600_000);
    expect(await t.services.callbacks.routeDue()).toBe(1);
    expect(await t.services.callbacks.routeDue()).toBe(0);
    const me = (await repairAgent.get('/api/v1/agent/me')).json();
    expect(me.work).toEqual([expect.objectContaining({ phase: 'offered', contact: expect.objectContaining({ kind: 'callback', subject: '部品入荷後に折り返し', from: '090-9999-0000' }) })]);
    const listed = (await repairAgent.get('/api/v1/callbacks')).json().items;
    expect(listed[0]).toMatchObject({ status: 'routed', contactId: me.work[0].contact.id });
    expect((await repairAgent.delete(`/api/v1/callbacks/${cb.json().id}`)).statusCode).toBe(409);
  });
});
