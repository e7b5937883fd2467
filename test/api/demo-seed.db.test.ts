import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateRoutingConfig } from '../../src/core/routing/routing-config.js';
import { agentProfiles, reasonCodes } from '../../src/server/db/schema.js';
import { loadRoutingConfig } from '../../src/server/features/routing/routing-config.loader.js';
import { DEMO_PASSWORD } from '../../src/server/features/demo/demo-data.js';
import { DEMO_VIP_PRIORITY } from '../../src/server/features/demo/demo-ivr.js';
import { createCallerLookup } from '../../src/server/features/voice/caller-lookup.js';
import { systemContext } from '../../src/server/platform/system-context.js';
import { createTestApp, HttpSession, type TestApp } from '../support/test-app.js';
import { testEngines } from '../support/test-db.js';

interface AgentItem { email: string; hasProfile: boolean; capacity: Record<string, number>; voiceBlocksOthers: boolean; skills: { name: string; level: number }[] }

describe.each(testEngines())('demo seed [%s]', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(() => t.close());

  it('loads the demo into an empty database once, and never again', async () => {
    const first = await t.services.demoSeed.seedIfEmpty({ customersPerTenant: 20 });
    expect(first.created).toBe(true);
    expect((await t.services.tenants.list()).map((x) => x.slug)).toEqual(['hanamaru-tsuhan', 'sakura-denki']);
    const again = await t.services.demoSeed.seedIfEmpty({ customersPerTenant: 20 });
    expect(again.created).toBe(false);
    expect((await t.services.tenants.list()).length).toBe(2);
  });

  it('publishes さくら電機’s phone line, whose serial entry finds the anchor customer by the serial’s digits', async () => {
    const sakura = (await t.services.tenants.list()).find((x) => x.slug === 'sakura-denki')!;
    const ctx = systemContext(sakura, 'test');
    const [line] = await t.services.ivrFlows.listFlows(ctx);
    expect(line).toMatchObject({ status: 'published', publishedVersion: 1, numbers: ['+81120417001'] });
    const walk = await t.services.ivrFlows.testFlow(ctx, line!.id, { from: '+819012345678', open: true, events: [{ type: 'digits', digits: '1' }, { type: 'digits', digits: '45012300417#' }] });
    expect(JSON.stringify(walk)).toContain('"type":"lookup","by":"serial","value":"45012300417"');
    const owner = await t.services.catalog.findOwnerByKeyedSerial(ctx, '45012300417');
    expect((await t.services.customers.getCustomer(ctx, owner!)).name).toBe('山田 太郎');
  });

  it('makes 鈴木 一郎 さくら電機’s VIP, whom the phone line queues at a higher priority than 山田 太郎', async () => {
    const sakura = (await t.services.tenants.list()).find((x) => x.slug === 'sakura-denki')!;
    const hanamaru = (await t.services.tenants.list()).find((x) => x.slug === 'hanamaru-tsuhan')!;
    const ctx = systemContext(sakura, 'test');
    const lookup = createCallerLookup({ customers: t.services.customers, catalog: t.services.catalog, cases: t.services.cases });
    const suzuki = await lookup(ctx, 'caller', '+81331234567');
    const yamada = await lookup(ctx, 'caller', '+819012345678');
    expect(suzuki).toMatchObject({ found: true, attributes: { vip: true } });
    expect(yamada).toMatchObject({ found: true, attributes: { vip: false } });
    expect((await t.services.customers.getCustomer(ctx, yamada.customerId ?? '')).name).toBe('山田 太郎');
    // The same 鈴木 一郎 at はなまる通販 is an ordinary customer there.
    expect(await lookup(systemContext(hanamaru, 'test'), 'caller', '+81331234567')).toMatchObject({ found: true, attributes: { vip: false } });
    // Exactly one VIP in the demo: the one above.
    const page = await t.services.customers.searchCustomers(ctx, '', 1, 100);
    expect(page.items.filter((c) => c.vip).map((c) => c.name)).toEqual(['鈴木 一郎']);

    const [line] = await t.services.ivrFlows.listFlows(ctx);
    const enqueued = async (from: string, keys: string[], answer: Awaited<ReturnType<typeof lookup>>) => {
      const walk = await t.services.ivrFlows.testFlow(ctx, line!.id, { from, open: true, events: [...keys.map((digits) => ({ type: 'digits' as const, digits })), { type: 'lookup_result', ...answer }] });
      expect(walk.outcome).toMatchObject({ kind: 'enqueue' });
      return walk.steps.flatMap((s) => s.actions).find((a) => a.type === 'enqueue');
    };
    // 2 (product questions): looked up by the calling number.
    expect(await enqueued('+81331234567', ['2'], suzuki)).toMatchObject({ priority: DEMO_VIP_PRIORITY });
    expect(await enqueued('+819012345678', ['2'], yamada)).toMatchObject({ priority: null });
    // 1 (repairs): looked up by the serial's digits (山田 太郎's refrigerator, 鈴木 一郎's TV ST5504-24K-01288).
    const bySerial = async (digits: string) => lookup(ctx, 'serial', digits);
    expect(await enqueued('+819012345678', ['1', '45012300417#'], await bySerial('45012300417'))).toMatchObject({ priority: null });
    expect(await enqueued('+81331234567', ['1', '55042401288#'], await bySerial('55042401288'))).toMatchObject({ priority: DEMO_VIP_PRIORITY });
    // Above every queue's own priority: the VIP is served first in either queue.
    const admin = await new HttpSession(t.app).login('admin@mirai-cc.example.jp', DEMO_PASSWORD, 'sakura-denki');
    const priorities = (await admin.get('/api/v1/routing/queues')).json().items.map((q: { priority: number }) => q.priority) as number[];
    expect(Math.max(...priorities)).toBeLessThan(DEMO_VIP_PRIORITY);
  });

  it('seeds a routing configuration the engine accepts', async () => {
    const db = t.db.database.db;
    const config = await loadRoutingConfig(db);
    expect(validateRoutingConfig(config)).toEqual([]);
    expect(config.queues).toHaveLength(6);
    expect(config.agents).toHaveLength(6);
    expect(config.queues.every((q) => q.hoursId !== undefined && q.requiredSkills.length > 0)).toBe(true);
    expect(config.queues.some((q) => q.overflow.some((o) => o.kind === 'add_queue'))).toBe(true);
    for (const a of config.agents) {
      expect(a.tenantIds.length).toBeGreaterThan(0);
      expect(Object.keys(a.skills).length).toBeGreaterThan(0);
    }
    expect((await db.select().from(agentProfiles)).every((p) => p.voiceBlocksOthers)).toBe(true);
    const codes = await db.select().from(reasonCodes);
    expect(new Set(codes.filter((c) => c.kind === 'break').map((c) => c.label))).toEqual(new Set(['休憩', '昼休憩', '研修', '会議', '離席']));
    // the runtime started before the seed: it takes the new configuration
    await t.services.routing.reload();
  });

  it('shows skills, hours and codes through the admin API; agents differ in skills', async () => {
    const admin = await new HttpSession(t.app).login('admin@mirai-cc.example.jp', DEMO_PASSWORD, 'sakura-denki');
    const skills = (await admin.get('/api/v1/routing/skills')).json().items.map((s: { name: string }) => s.name);
    expect(skills.sort()).toEqual(['修理受付', '英語対応', '製品サポート'].sort());
    const hours = (await admin.get('/api/v1/routing/hours')).json().items;
    expect(hours).toHaveLength(1);
    const preview = (await admin.get(`/api/v1/routing/hours/${hours[0].id}/preview?from=2026-12-28&days=8`)).json().items;
    expect(preview.map((d: { open: boolean }) => d.open)).toEqual([true, false, false, false, false, false, false, true]);
    expect((await admin.get('/api/v1/routing/queues')).json().items.map((q: { name: string }) => q.name).sort()).toEqual(['修理受付', '英語窓口', '製品相談'].sort());
    expect((await admin.get('/api/v1/routing/reason-codes?kind=disposition')).json().items.map((c: { code: string }) => c.code)).toContain('resolved');

    const levels = async (tenant: string) => {
      admin.tenant = tenant;
      const items = (await admin.get('/api/v1/routing/agents')).json().items as AgentItem[];
      return new Map(items.map((a) => [a.email.split('@')[0], a]));
    };
    const sakura = await levels('sakura-denki');
    const hanamaru = await levels('hanamaru-tsuhan');
    expect([...sakura.keys()].sort()).toEqual(['agent', 'agent.sakura', 'agent.sakura2', 'sv']);
    expect([...hanamaru.keys()].sort()).toEqual(['agent', 'agent.hanamaru', 'agent.hanamaru2', 'sv']);
    const names = (a: AgentItem | undefined) => (a?.skills ?? []).map((s) => s.name).sort().join();
    expect(names(sakura.get('agent'))).not.toBe(names(sakura.get('agent.sakura')));
    expect(names(hanamaru.get('agent'))).not.toBe(names(hanamaru.get('agent.hanamaru')));
    for (const a of [...sakura.values(), ...hanamaru.values()]) {
      expect(a).toMatchObject({ hasProfile: true, voiceBlocksOthers: true, capacity: { voice: 1, chat: 3, email: 5, line: 3, web: 5 } });
    }
  });
});
