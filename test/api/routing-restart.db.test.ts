import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config/config.js';
import { createServices } from '../../src/server/services.js';
import { routingEvents } from '../../src/server/db/schema.js';
import { newId } from '../../src/server/platform/ids.js';
import { systemClock } from '../../src/server/platform/clock.js';
import { createTestApp, HttpSession } from '../support/test-app.js';
import { createSharedTestDatabase, testEngines } from '../support/test-db.js';
import { FetchSession, startServerProcess, type ServerProcess } from '../support/server-process.js';
import { createTenantWithStaff, TEST_PASSWORD } from '../factories/tenant.factory.js';
import { routingAdmin } from '../factories/routing.factory.js';

/**
 * The server process is killed with SIGKILL while contacts wait and an offer rings. After a restart
 * nothing that waited is lost and nothing is offered twice.
 */
describe.each(testEngines())('routing survives kill -9 [%s]', (engine) => {
  let shared: Awaited<ReturnType<typeof createSharedTestDatabase>>;
  let server: ServerProcess | null = null;
  let queueId: string;
  let agentId: string;

  beforeAll(async () => {
    shared = await createSharedTestDatabase(engine);
    const database = await shared.open();
    const config = loadConfig({ MADOGUCHI_SEED_DEMO: 'false', LOG_LEVEL: 'silent' });
    const services = createServices({ db: database.db, clock: systemClock, ids: newId, sessionTtlHours: 12 });
    const app = await buildApp({ config, database, services, webRoot: '/nonexistent' });
    await app.ready();
    const staff = await createTenantWithStaff(services, 'sakura');
    agentId = staff.users.agent.id;
    const a = routingAdmin(await new HttpSession(app).login('admin@sakura.test', TEST_PASSWORD));
    const skill = await a.skill('修理受付');
    queueId = (await a.queue({ name: '修理', requiredSkills: [{ skillId: skill.id, minLevel: 1 }], offerTimeoutSec: 600 })).id;
    await a.agent(agentId, [{ skillId: skill.id, level: 3 }]);
    await app.close();
    await database.close();
  }, 60_000);
  afterAll(async () => {
    await server?.kill();
    await shared.cleanup();
  });

  it('keeps waiting contacts and the ringing offer, and offers each contact once', async () => {
    server = await startServerProcess(shared.env);
    let agent = await new FetchSession(server.url).login('agent@sakura.test', TEST_PASSWORD);
    let sv = await new FetchSession(server.url).login('supervisor@sakura.test', TEST_PASSWORD);
    expect((await agent.post('/api/v1/agent/presence', { change: 'ready' })).status).toBe(200);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await sv.post('/api/v1/contacts', { channel: 'voice', queueId, externalId: `call-${i}`, subject: `問い合わせ ${i}` });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      ids.push(r.body.id);
    }
    const before = (await agent.get('/api/v1/agent/me')).body;
    expect(before.work).toHaveLength(1);
    const ringing = before.work[0];
    expect(ringing.contact.id).toBe(ids[0]);

    await server.kill('SIGKILL');
    server = await startServerProcess(shared.env);
    agent = await new FetchSession(server.url).login('agent@sakura.test', TEST_PASSWORD);
    sv = await new FetchSession(server.url).login('supervisor@sakura.test', TEST_PASSWORD);

    const live = (await sv.get('/api/v1/contacts?live=true')).body.items as { id: string; status: string; agentUserId: string | null }[];
    expect(live.map((c) => c.id).sort()).toEqual([...ids].sort());
    expect(live.find((c) => c.id === ids[0])).toMatchObject({ status: 'offered', agentUserId: agentId });
    const after = (await agent.get('/api/v1/agent/me')).body;
    expect(after.work).toHaveLength(1);
    expect(after.work[0].contact.id).toBe(ringing.contact.id);
    expect(after.work[0].expiresAt).toBe(ringing.expiresAt);
    // A redelivered call after the restart is still the same contact.
    expect((await sv.post('/api/v1/contacts', { channel: 'voice', queueId, externalId: 'call-1' })).status).toBe(200);

    // Serve all three, in arrival order, each exactly once.
    const served: string[] = [];
    for (let i = 0; i < 3; i++) {
      const me = (await agent.get('/api/v1/agent/me')).body;
      expect(me.work, `round ${i}`).toHaveLength(1);
      const id = me.work[0].contact.id as string;
      served.push(id);
      expect((await agent.post(`/api/v1/agent/offers/${id}/accept`)).status).toBe(200);
      expect((await agent.post(`/api/v1/agent/offers/${id}/accept`)).status).toBe(409);
      expect((await agent.post(`/api/v1/agent/contacts/${id}/end`)).status).toBe(200);
      expect((await agent.post(`/api/v1/agent/contacts/${id}/wrap-up`, {})).status).toBe(200);
    }
    expect(served).toEqual(ids);
    expect((await sv.get('/api/v1/contacts?live=true')).body.items).toEqual([]);

    // The event log written with each step: one offer per contact, across both processes.
    await server.kill('SIGTERM');
    server = null;
    const database = await shared.open();
    const offers = await database.db.select({ contactId: routingEvents.contactId, n: count() }).from(routingEvents)
      .where(eq(routingEvents.type, 'offer')).groupBy(routingEvents.contactId);
    await database.close();
    expect(offers.map((o) => [o.contactId, o.n]).sort()).toEqual(ids.map((id) => [id, 1]).sort());
  }, 120_000);
});

describe.runIf(testEngines().includes('postgres'))('one routing writer per database [postgres]', () => {
  it('a second server on the same database refuses to route, and routes once the first is gone', async () => {
    const first = await createTestApp('postgres');
    await expect(createTestApp('postgres', { reuse: first.db })).rejects.toThrow(/Another Madoguchi process already routes/);
    await first.app.close();
    const second = await createTestApp('postgres', { reuse: first.db });
    expect(second.services.routing.isRunning()).toBe(true);
    await second.close();
    await first.db.cleanup();
  });
});
