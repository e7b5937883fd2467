import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, HttpSession, type TestApp } from '../support/test-app.js';
import { testEngines } from '../support/test-db.js';
import { openSocket } from '../support/ws-client.js';
import { createTenantWithStaff, TEST_PASSWORD } from '../factories/tenant.factory.js';
import { routingAdmin } from '../factories/routing.factory.js';

describe.each(testEngines())('routing over HTTP and WebSocket [%s]', (engine) => {
  let t: TestApp;
  let staff: Awaited<ReturnType<typeof createTenantWithStaff>>;
  let admin: HttpSession;
  let sv: HttpSession;
  let agent: HttpSession;
  let queueId: string;
  let otherQueueId: string;
  let customerId: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    staff = await createTenantWithStaff(t.services, 'sakura');
    await createTenantWithStaff(t.services, 'hanamaru');
    admin = await new HttpSession(t.app).login('admin@sakura.test', TEST_PASSWORD);
    sv = await new HttpSession(t.app).login('supervisor@sakura.test', TEST_PASSWORD);
    agent = await new HttpSession(t.app).login('agent@sakura.test', TEST_PASSWORD);
    const a = routingAdmin(admin);
    const repair = await a.skill('修理受付');
    queueId = (await a.queue({ name: '修理窓口', requiredSkills: [{ skillId: repair.id, minLevel: 3 }] })).id;
    await a.code('break', 'lunch', '昼休憩');
    await a.code('disposition', 'resolved', '解決');
    await a.agent(staff.users.agent.id, [{ skillId: repair.id, level: 5 }]);
    const otherAdmin = await new HttpSession(t.app).login('admin@hanamaru.test', TEST_PASSWORD);
    otherQueueId = (await routingAdmin(otherAdmin).queue({ name: '注文' })).id;
    const c = await agent.post('/api/v1/customers', { name: '山田 太郎', phones: [{ value: '090-1234-5678' }] });
    expect(c.statusCode, c.body).toBe(201);
    customerId = c.json().id;
  });
  afterAll(() => t.close());

  it('offers a new call with its screen pop over the WebSocket, then accept, notes, end and wrap-up', async () => {
    const socket = await openSocket(t.app, agent, '/api/v1/agent/ws');
    const hello = await socket.next('hello');
    expect(hello.me).toMatchObject({ presence: 'offline', activity: 'offline', breakReasons: [{ code: 'lunch', label: '昼休憩' }] });
    expect((await agent.post('/api/v1/agent/presence', { change: 'ready' })).json().activity).toBe('available');

    const created = await sv.post('/api/v1/contacts', { channel: 'voice', queueId, from: '+81 90 1234 5678', externalId: 'CA-1', subject: '洗濯機が動かない' });
    expect(created.statusCode, created.body).toBe(201);
    const contact = created.json();
    expect(contact).toMatchObject({ status: 'offered', customerId, agentUserId: staff.users.agent.id, queueName: '修理窓口' });

    const offer = await socket.next('offer');
    const item = offer.item as { contact: { id: string }; screenPop: { customer: { id: string; name: string } }; expiresAt: string; phase: string };
    expect(item.contact.id).toBe(contact.id);
    expect(item.phase).toBe('offered');
    expect(item.screenPop.customer.name).toBe('山田 太郎');

    // A redelivery of the same call is the same contact, never a second offer.
    const again = await sv.post('/api/v1/contacts', { channel: 'voice', queueId, from: '09012345678', externalId: 'CA-1' });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(contact.id);

    socket.send({ id: 'r1', type: 'accept', contactId: contact.id });
    const accepted = await socket.next('result');
    expect(accepted).toMatchObject({ id: 'r1', ok: true });
    // A replayed accept changes nothing and says why.
    const replay = await agent.post(`/api/v1/agent/offers/${contact.id}/accept`);
    expect(replay.statusCode).toBe(409);
    expect(replay.json().code).toBe('conflict');

    expect((await agent.post(`/api/v1/agent/contacts/${contact.id}/notes`, { notes: 'カード 4111 1111 1111 1111 で支払い希望' })).statusCode).toBe(200);
    const ended = await agent.post(`/api/v1/agent/contacts/${contact.id}/end`);
    expect(ended.json().activity).toBe('acw');
    const bad = await agent.post(`/api/v1/agent/contacts/${contact.id}/wrap-up`, { disposition: 'no_such_code' });
    expect(bad.statusCode).toBe(400);
    const done = await agent.post(`/api/v1/agent/contacts/${contact.id}/wrap-up`, { disposition: 'resolved' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ activity: 'available', work: [] });

    const finalContact = (await sv.get(`/api/v1/contacts/${contact.id}`)).json();
    expect(finalContact).toMatchObject({ status: 'ended', outcome: 'answered' });
    const interaction = (await agent.get(`/api/v1/interactions/${contact.interactionId}`)).json();
    expect(interaction.disposition).toBe('resolved');
    expect(interaction.notes).not.toContain('4111 1111 1111 1111');
    expect(interaction.answeredAt).not.toBeNull();
    expect(interaction.wrapUpEndedAt).not.toBeNull();
    socket.close();
  });

  it('an unknown caller gets linked to the customer registered during the call', async () => {
    const c = (await sv.post('/api/v1/contacts', { channel: 'voice', queueId, from: '080-5555-0000' })).json();
    expect(c).toMatchObject({ customerId: null, status: 'offered' });
    const offered = (await agent.get('/api/v1/agent/me')).json();
    expect(offered.work[0].screenPop).toBeNull();
    await agent.post(`/api/v1/agent/offers/${c.id}/accept`);
    const created = (await agent.post('/api/v1/customers', { name: '新規 花子', phones: [{ value: c.from }] })).json();
    const linked = await agent.post(`/api/v1/agent/contacts/${c.id}/customer`, { customerId: created.id });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json().work[0].screenPop.customer.name).toBe('新規 花子');
    expect((await agent.get(`/api/v1/interactions/${c.interactionId}`)).json().customerId).toBe(created.id);
    expect((await agent.post(`/api/v1/agent/contacts/${c.id}/customer`, { customerId: '00000000-0000-7000-8000-000000000000' })).statusCode).toBe(404);
    // The refusal names the routing reason, for the desktop to word.
    const early = await agent.post(`/api/v1/agent/contacts/${c.id}/wrap-up`, {});
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'conflict', reason: 'not_in_wrap_up' });
    await agent.post(`/api/v1/agent/contacts/${c.id}/end`);
    await agent.post(`/api/v1/agent/contacts/${c.id}/wrap-up`, { disposition: 'resolved' });
  });

  it('counts the contact on the wallboard', async () => {
    const board = await sv.get('/api/v1/wallboard');
    expect(board.statusCode, board.body).toBe(200);
    const q = board.json().queues.find((x: { queueId: string }) => x.queueId === queueId);
    expect(q.figures).toMatchObject({ offered: 2, answered: 2, abandoned: 0, answerRate: 1, serviceLevel: 1 });
    expect(board.json().agents.map((a: { agentId: string }) => a.agentId)).toContain(staff.users.agent.id);
    expect((await agent.get('/api/v1/wallboard')).statusCode).toBe(403);
  });

  it('takes a burst of concurrent contacts (group commit): each persisted once, a racing redelivery is the same contact', async () => {
    await agent.post('/api/v1/agent/presence', { change: 'break', reason: 'lunch' });
    const posts = Array.from({ length: 20 }, (_, i) => sv.post('/api/v1/contacts', { channel: 'email', queueId, externalId: `burst-${i % 15}`, subject: `一斉 ${i}` }));
    const answers = await Promise.all(posts);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([...Array(5).fill(200), ...Array(15).fill(201)]);
    const byExternal = new Map<string, Set<string>>();
    for (const r of answers) {
      const c = r.json();
      byExternal.set(c.externalId, (byExternal.get(c.externalId) ?? new Set()).add(c.id));
    }
    expect([...byExternal.values()].every((ids) => ids.size === 1)).toBe(true);
    const live = (await sv.get('/api/v1/contacts?live=true&limit=200')).json().items.filter((c: { externalId: string | null }) => c.externalId?.startsWith('burst-'));
    expect(live).toHaveLength(15);
    expect(t.services.routing.current().waiting.get(queueId as never)).toHaveLength(15);
    for (const c of live) await sv.post(`/api/v1/contacts/${c.id}/abandon`);
    expect(t.services.routing.current().waiting.get(queueId as never) ?? []).toHaveLength(0);
    await agent.post('/api/v1/agent/presence', { change: 'ready' });
  });

  it('refuses bad input with a clear 4xx and changes nothing', async () => {
    const before = t.services.routing.snapshot();
    const cases: [string, () => Promise<{ statusCode: number; body: string }>, number][] = [
      ['unknown queue', () => sv.post('/api/v1/contacts', { channel: 'voice', queueId: '00000000-0000-7000-8000-000000000000' }), 400],
      ["another tenant's queue", () => sv.post('/api/v1/contacts', { channel: 'voice', queueId: otherQueueId }), 400],
      ['unknown channel', () => sv.post('/api/v1/contacts', { channel: 'pigeon', queueId }), 400],
      ['no queue', () => sv.post('/api/v1/contacts', { channel: 'voice' }), 400],
      ['agent may not create contacts', () => agent.post('/api/v1/contacts', { channel: 'voice', queueId }), 403],
      ['unknown break reason', () => agent.post('/api/v1/agent/presence', { change: 'break', reason: 'nap' }), 400],
      ['accept of an unknown contact', () => agent.post('/api/v1/agent/offers/00000000-0000-7000-8000-000000000000/accept'), 404],
      ['end of a contact not held', () => agent.post('/api/v1/agent/contacts/00000000-0000-7000-8000-000000000000/end'), 404],
      ['user without agent profile', () => admin.get('/api/v1/agent/me'), 404],
    ];
    for (const [what, call, status] of cases) {
      const res = await call();
      expect(res.statusCode, `${what}: ${res.body}`).toBe(status);
      expect(JSON.parse(res.body).detail, what).toBeTruthy();
    }
    expect(t.services.routing.snapshot()).toEqual(before);
  });
});
