import type { AddressInfo } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { testEngines } from '../support/test-db.js';
import { createTenantWithStaff } from '../factories/tenant.factory.js';
import { resolveSimParams } from '../../src/core/simulation/sim-params.js';
import { startSimulation } from '../../src/cli/simulate/orchestrator.js';
import { lineKeys, prepareVoiceLine, SIM_LINE_FLOW_NAME, SIM_LINE_NUMBERS } from '../../src/cli/simulate/voice-line.js';
import { ApiClient } from '../../src/cli/simulate/http-client.js';
import { createSimRepository } from '../../src/cli/simulate/sim.repository.js';
import { telephonySettings, voiceCalls } from '../../src/server/db/schema/voice.table.js';
import { contacts } from '../../src/server/db/schema/routing.table.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// `madoguchi simulate --voice twilio` against a listening app: simulated phones dial the tenant's
// simulation line through the signed Twilio webhooks, key through the IVR, wait in the queue, and
// simulated agents on their sockets take the calls; the callers hang up after the handle time.
describe.each(testEngines())('simulator with Twilio phone calls [%s]', (engine) => {
  let t: TestApp;
  let baseUrl: string;
  let tenantId: string;
  let ctx: Awaited<ReturnType<typeof createTenantWithStaff>>['ctx'];
  const db = () => t.db.database.db;

  beforeAll(async () => {
    t = await createTestApp(engine);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    const staff = await createTenantWithStaff(t.services, 'sim-voice', 'シミュ電機');
    tenantId = staff.tenant.id;
    ctx = staff.ctx;
    // Known callers: one by the calling number, one with a serial the IVR can take (digits only).
    const product = await t.services.catalog.createProduct(staff.ctx, { sku: 'WM-1', name: '洗濯機 WM-1' });
    const [a, b] = await t.services.customers.createCustomers(staff.ctx, [
      { kind: 'person', name: '山田 太郎', phones: [{ value: '090-1111-2222' }], emails: [], lineUserIds: [] },
      { kind: 'person', name: '鈴木 花子', phones: [{ value: '080-3333-4444' }], emails: [], lineUserIds: [] },
    ]);
    await t.services.catalog.addOwnedProduct(staff.ctx, b!.id, { productId: product.id, serial: '5566778899' });
    expect(a).toBeDefined();
  });
  afterAll(() => t.close());

  it('places calls through the IVR and the queue; agents answer them; every call ends answered or cut, the token is cleared', { timeout: 90_000 }, async () => {
    const lines: string[] = [];
    const sim = await startSimulation({ services: t.services, db: db(), baseUrl, log: (l) => lines.push(l) }, {
      params: resolveSimParams({
        agents: 2, ratePerMinute: 40, durationSec: 0, handleMeanSec: 1, handleSigma: 0, acwMeanSec: 0, patienceMeanSec: 0,
        answerDelaySec: [0, 0.2], knownCustomerShare: 1, seed: 11, channels: ['voice'],
      }),
      tenants: ['sim-voice'], hours: 'ignore', voice: 'twilio', ivrThinkSec: [0, 0.1], statusEveryMs: 0,
    });
    const answeredCalls = async () => Number((await db().select({ n: sql<number>`count(*)` }).from(voiceCalls)
      .where(sql`${voiceCalls.status} = 'ended' and ${voiceCalls.outcome} = 'answered'`))[0]!.n);
    for (let waited = 0; (await answeredCalls()) < 3; waited += 250) {
      if (waited > 45_000) throw new Error(`fewer than 3 answered calls after 45 s:\n${lines.join('\n')}`);
      await sleep(250);
    }
    const report = await sim.stop();

    expect(lines.join('\n')).toContain(`phone line 050-5550-0001 (IVR 「${SIM_LINE_FLOW_NAME}」 v1`);
    expect(report.errors, report.lines.join('\n')).toEqual({});
    expect(report.summary.answered).toBeGreaterThanOrEqual(3);
    expect(report.summary.offered).toBeGreaterThanOrEqual(report.summary.answered);
    expect(report.summary.talkSec).toBeGreaterThanOrEqual(1);
    expect(report.summary.knownCustomers).toBe(report.summary.created);

    // Every call the phones placed is over, and its contact agrees with it.
    const calls = await db().select({ status: voiceCalls.status, outcome: voiceCalls.outcome, customerId: voiceCalls.customerId, entered: voiceCalls.entered, contactStatus: contacts.status, contactOutcome: contacts.outcome, externalId: contacts.externalId })
      .from(voiceCalls).leftJoin(contacts, eq(contacts.id, voiceCalls.contactId)).where(eq(voiceCalls.tenantId, tenantId));
    expect(calls.length).toBeGreaterThanOrEqual(3);
    for (const c of calls) {
      expect(c.status).toBe('ended');
      if (c.outcome === 'answered') expect(c).toMatchObject({ contactStatus: 'ended', contactOutcome: 'answered', externalId: expect.stringMatching(/^twilio:CA[0-9a-f]{32}$/) });
      else expect(['abandoned', 'hangup']).toContain(c.outcome); // cut off by the stop: in the queue, or still in the IVR
    }
    // Screen pop: the callers were recognized, by their number or by the serial they keyed.
    const answered = calls.filter((c) => c.outcome === 'answered');
    expect(answered.every((c) => c.customerId !== null)).toBe(true);
    expect(calls.some((c) => (c.entered as { serial?: string }).serial === '5566778899')).toBe(true);

    // The run's Twilio credentials are gone again; the line stays published for the next run.
    const [settings] = await db().select().from(telephonySettings).where(eq(telephonySettings.tenantId, tenantId));
    expect(settings).toMatchObject({ twilioAccountSid: null, twilioAuthToken: null });
    expect(await t.services.ivrFlows.listFlows(ctx)).toContainEqual(expect.objectContaining({ name: SIM_LINE_FLOW_NAME, numbers: [SIM_LINE_NUMBERS[0]], publishedVersion: 1 }));
  });

  it('keeps the published line while the queues are the same, publishes a new version when they change, and leaves a tenant’s own Twilio token alone', async () => {
    const own = { twilioAccountSid: `AC${'a'.repeat(32)}`, twilioAuthToken: 'the-tenants-own-auth-token' };
    await t.services.telephonySettings.updateSettings(ctx, own, baseUrl);
    const token = await t.services.auth.createApiToken({ tenantId, role: 'admin', name: 'test' });
    const deps = { admin: new ApiClient(baseUrl, { bearer: token.token }), repo: createSimRepository(db()), log: () => undefined };
    const tenant = { id: tenantId, slug: 'sim-voice', name: 'シミュ電機' };
    const queues = (await t.services.routingAdmin.listQueues(ctx)).items.map((q) => ({ id: q.id, name: q.name }));

    const same = await prepareVoiceLine(deps, tenant, queues);
    expect(same).toMatchObject({ number: SIM_LINE_NUMBERS[0], accountSid: own.twilioAccountSid, authToken: own.twilioAuthToken });
    expect((await t.services.ivrFlows.listFlows(ctx)).find((f) => f.name === SIM_LINE_FLOW_NAME)).toMatchObject({ publishedVersion: 1 });

    const repair = await t.services.routingAdmin.createQueue(ctx, { name: '修理受付' });
    const more = await prepareVoiceLine(deps, tenant, [...queues, { id: repair.id, name: repair.name }]);
    expect((await t.services.ivrFlows.listFlows(ctx)).find((f) => f.name === SIM_LINE_FLOW_NAME)).toMatchObject({ publishedVersion: 2, numbers: [SIM_LINE_NUMBERS[0]] });
    expect(lineKeys(more, { queueId: repair.id })).toEqual({ keys: ['2'], fallbackKey: '2' });
    expect(lineKeys(more, { queueId: queues[0]!.id, serial: 'SR-5566-778899' })).toEqual({ keys: ['1', '5566778899#'], fallbackKey: '0' });
    expect(lineKeys(more, { queueId: queues[0]!.id, serial: 'AB-12' })).toEqual({ keys: ['0'], fallbackKey: '0' });

    await more.restore();
    const [settings] = await db().select().from(telephonySettings).where(eq(telephonySettings.tenantId, tenantId));
    expect(settings).toMatchObject(own);
  });
});
