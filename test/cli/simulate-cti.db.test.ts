import type { AddressInfo } from 'node:net';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { testEngines } from '../support/test-db.js';
import { createTenantWithStaff } from '../factories/tenant.factory.js';
import { resolveSimParams } from '../../src/core/simulation/sim-params.js';
import { startSimulation } from '../../src/cli/simulate/orchestrator.js';
import { telephonySettings, voiceCalls } from '../../src/server/db/schema/voice.table.js';
import { contactLegs, contacts } from '../../src/server/db/schema/routing.table.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// `madoguchi simulate --voice cti` against a listening app: a simulated PBX distributes its calls
// to the simulated agents' extensions and reports newCall, answer and hangup through the CTI
// webhook; Madoguchi counts them in the queue (external contacts), the agents' desks hold the
// answered calls and the agents wrap them up.
describe.each(testEngines())('simulator with a PBX through the CTI webhook [%s]', (engine) => {
  let t: TestApp;
  let baseUrl: string;
  let tenantId: string;
  const db = () => t.db.database.db;

  beforeAll(async () => {
    t = await createTestApp(engine);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    const staff = await createTenantWithStaff(t.services, 'sim-pbx', 'シミュ通販');
    tenantId = staff.tenant.id;
    await t.services.customers.createCustomers(staff.ctx, [
      { kind: 'person', name: '山田 太郎', phones: [{ value: '090-1111-2222' }], emails: [], lineUserIds: [] },
    ]);
  });
  afterAll(() => t.close());

  it('answers PBX calls on the agents’ extensions, counts them in the queue, wraps them up, and removes the run’s CTI token', { timeout: 90_000 }, async () => {
    const lines: string[] = [];
    const sim = await startSimulation({ services: t.services, db: db(), baseUrl, log: (l) => lines.push(l) }, {
      params: resolveSimParams({
        agents: 2, ratePerMinute: 40, durationSec: 0, handleMeanSec: 1, handleSigma: 0, acwMeanSec: 0, patienceMeanSec: 0,
        answerDelaySec: [0, 0.2], knownCustomerShare: 1, seed: 7, channels: ['voice'],
      }),
      tenants: ['sim-pbx'], hours: 'ignore', voice: 'cti', ivrThinkSec: [0, 0.1], statusEveryMs: 0,
    });
    const answeredAndWrapped = async () => Number((await db().select({ n: sql<number>`count(*)` }).from(contacts)
      .where(and(eq(contacts.tenantId, tenantId), eq(contacts.status, 'ended'), eq(contacts.outcome, 'answered'))))[0]!.n);
    for (let waited = 0; (await answeredAndWrapped()) < 3; waited += 250) {
      if (waited > 45_000) throw new Error(`fewer than 3 PBX calls answered and wrapped up after 45 s:\n${lines.join('\n')}`);
      await sleep(250);
    }
    const report = await sim.stop();

    expect(lines.join('\n')).toContain('issued a CTI token for this run');
    expect(report.errors, report.lines.join('\n')).toEqual({});
    expect(report.summary.answered).toBeGreaterThanOrEqual(3);
    expect(report.summary.offered).toBe(0); // the PBX distributes: Madoguchi offers nothing

    // Every call is logged as the PBX reported it, and its contact agrees with it.
    const calls = await db().select({ provider: voiceCalls.provider, status: voiceCalls.status, outcome: voiceCalls.outcome, answeredBy: voiceCalls.answeredBy, agent: voiceCalls.agentUserId, contactStatus: contacts.status, contactOutcome: contacts.outcome, contactAgent: contacts.agentUserId, externalId: contacts.externalId })
      .from(voiceCalls).leftJoin(contacts, eq(contacts.id, voiceCalls.contactId)).where(eq(voiceCalls.tenantId, tenantId));
    expect(calls.length).toBeGreaterThanOrEqual(3);
    for (const c of calls) {
      expect(c).toMatchObject({ provider: 'cti', status: 'ended', externalId: expect.stringMatching(/^cti:[0-9a-f-]{36}$/) });
      if (c.outcome === 'answered') {
        expect(c.answeredBy).toMatch(/^sim-\d{3}$/);
        expect(c).toMatchObject({ contactStatus: 'ended', contactOutcome: 'answered', contactAgent: c.agent });
      } else expect(c).toMatchObject({ outcome: 'missed', contactOutcome: 'abandoned' }); // cut off by the stop
    }
    // Counted in the queue: the wallboard's records (one leg per call, answered ones with a wrap-up end).
    const legs = await db().select().from(contactLegs).where(eq(contactLegs.tenantId, tenantId));
    expect(legs.filter((l) => l.endReason === 'answered' && l.wrapUpEndedAt !== null).length).toBeGreaterThanOrEqual(3);

    const [settings] = await db().select().from(telephonySettings).where(eq(telephonySettings.tenantId, tenantId));
    expect(settings?.ctiTokenHash).toBeNull();
  });

  it('never replaces a tenant’s own CTI token: without --cti-token it refuses to start', async () => {
    const [staff] = [await createTenantWithStaff(t.services, 'sim-pbx-own', '自社PBX')];
    await t.services.telephonySettings.rotateCtiToken(staff.ctx, baseUrl);
    const [before] = await db().select().from(telephonySettings).where(eq(telephonySettings.tenantId, staff.tenant.id));
    await expect(startSimulation({ services: t.services, db: db(), baseUrl, log: () => undefined }, {
      params: resolveSimParams({ agents: 1, ratePerMinute: 1, channels: ['voice'], seed: 1 }), tenants: ['sim-pbx-own'], voice: 'cti', statusEveryMs: 0,
    })).rejects.toThrow(/already has a CTI token/);
    const [after] = await db().select().from(telephonySettings).where(eq(telephonySettings.tenantId, staff.tenant.id));
    expect(after?.ctiTokenHash).toBe(before?.ctiTokenHash);
  });
});
