import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/features/demo/demo-data.js';
import { createTestApp, HttpSession, type TestApp } from '../support/test-app.js';
import { testEngines } from '../support/test-db.js';

// The demo seeds two published talk flows per company, runnable from the agent desktop at once.
describe.each(testEngines())('demo talk flows [%s]', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
    await t.services.demoSeed.seedIfEmpty({ customersPerTenant: 5 });
  });
  afterAll(() => t.close());

  it('publishes 返品受付 and 定期便の解約 for はなまる通販, 故障受付 and エラーコード案内 for さくら電機', async () => {
    const agent = await new HttpSession(t.app).login('agent@mirai-cc.example.jp', DEMO_PASSWORD);
    const names = async (tenant: string) =>
      ((await agent.get('/api/v1/talk-flows', { 'x-tenant': tenant })).json() as { items: { name: string; status: string }[] }).items.map((f) => `${f.name}:${f.status}`);
    expect(await names('hanamaru-tsuhan')).toEqual(['定期便の解約:published', '返品受付:published']);
    expect(await names('sakura-denki')).toEqual(['エラーコード案内:published', '故障受付:published']);
  });

  it('runs a demo flow to its escalation, which names the tenant’s queue', async () => {
    const agent = await new HttpSession(t.app).login('agent.hanamaru@mirai-cc.example.jp', DEMO_PASSWORD);
    const list = (await agent.get('/api/v1/talk-flows')).json() as { items: { id: string; name: string }[] };
    const flowId = list.items.find((f) => f.name === '返品受付')!.id;
    const run = (await agent.post(`/api/v1/talk-flows/${flowId}/runs`, {})).json() as { id: string };
    const step = async (choiceId?: string) => {
      const res = await agent.post(`/api/v1/talk-flow-runs/${run.id}/steps`, choiceId ? { choiceId } : {});
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { status: string; outcome: { kind: string; queueId?: string } | null; articles: { title: string }[] };
    };
    // The information step links the demo knowledge articles, found by title when seeding.
    expect((await step('damaged')).articles.map((a) => a.title)).toEqual(['届いた商品が壊れていました', '【社内】破損・初期不良の交換はどう手配しますか？']);
    await step();
    const done = await step('refund');
    expect(done.status).toBe('completed');
    const queues = (await new HttpSession(t.app).login('admin@mirai-cc.example.jp', DEMO_PASSWORD)).get('/api/v1/routing/queues', { 'x-tenant': 'hanamaru-tsuhan' });
    const queue = ((await queues).json() as { items: { id: string; name: string }[] }).items.find((q) => q.name === '配送・返品');
    expect(done.outcome).toEqual({ kind: 'escalate', queueId: queue!.id });
  });
});
