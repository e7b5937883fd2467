import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { knowledgeFeedback } from '../../src/server/db/schema.js';
import { newId } from '../../src/server/platform/ids.js';
import { createTestApp, HttpSession, type TestApp } from '../support/test-app.js';
import { testEngines } from '../support/test-db.js';
import { expectProblem } from '../support/http-expect.js';
import { createTenantWithStaff, TEST_PASSWORD } from '../factories/tenant.factory.js';

const K = '/api/v1/knowledge';

// The usage report on a hand-built example: every figure counted by hand below.
describe.each(testEngines())('knowledge usage report [%s]', (engine) => {
  let t: TestApp;
  let supervisor: HttpSession;
  let agent: HttpSession;
  let adminB: HttpSession;
  const id = {} as Record<'returns' | 'shipping' | 'unread' | 'draft', string>;

  beforeAll(async () => {
    t = await createTestApp(engine);
    const A = await createTenantWithStaff(t.services, 'ku-alpha');
    const B = await createTenantWithStaff(t.services, 'ku-beta');
    const login = (email: string) => new HttpSession(t.app).login(email, TEST_PASSWORD);
    [supervisor, agent, adminB] = await Promise.all([login(A.users.supervisor.email), login(A.users.agent.email), login(B.users.admin.email)]);
    const create = async (title: string, publish: boolean) => (await supervisor.post(`${K}/articles`, { title, body: `${title}の説明`, visibility: 'public', publish })).json().id as string;
    id.returns = await create('返品の方法', true);
    id.shipping = await create('送料について', true);
    id.unread = await create('ギフト包装', true);
    id.draft = await create('未公開の記事', false);

    // Views (an agent reading): returns 3, shipping 1.
    for (let i = 0; i < 3; i++) await agent.get(`${K}/articles/${id.returns}`);
    await agent.get(`${K}/articles/${id.shipping}`);
    // Votes: returns — console 2 helpful, 1 not; portal 1 helpful, 2 not. shipping — console 1 not.
    for (const helpful of [true, true, false]) await agent.post(`${K}/articles/${id.returns}/feedback`, { helpful });
    await agent.post(`${K}/articles/${id.shipping}/feedback`, { helpful: false });
    for (const helpful of [true, false, false]) await t.services.knowledge.feedback(A.ctx, id.returns, { helpful, source: 'portal' });
    // A vote from before the period (2020) is left out of the period's figures.
    await t.db.database.db.insert(knowledgeFeedback).values({ id: newId(), tenantId: A.tenant.id, articleId: id.returns, source: 'console', helpful: true, userId: null, createdAt: new Date('2020-01-15T03:00:00Z') });
    // Searches that found nothing: 海外発送 twice, のし once.
    for (const q of ['海外発送', '海外発送', 'のし']) await agent.get(`${K}/search?q=${encodeURIComponent(q)}`);
  });
  afterAll(() => t.close());

  const today = () => new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10); // JST

  it('counts views, votes by source, the ratio, unread articles and the top misses', async () => {
    const res = await supervisor.get(`${K}/reports/usage?from=2026-01-01&to=${today()}`);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.timeZone).toBe('Asia/Tokyo');
    expect(r.totals).toEqual({ articles: 3, views: 4, helpful: 3, notHelpful: 4, helpfulRatio: 0.429 });
    expect(r.articles.map((a: { id: string }) => a.id)).toEqual([id.returns, id.shipping, id.unread]);
    expect(r.articles[0]).toMatchObject({
      views: 3, helpful: 3, notHelpful: 3, helpfulRatio: 0.5,
      bySource: { console: { helpful: 2, notHelpful: 1 }, portal: { helpful: 1, notHelpful: 2 } },
    });
    expect(r.articles[1]).toMatchObject({ views: 1, helpful: 0, notHelpful: 1, helpfulRatio: 0 });
    expect(r.articles[2]).toMatchObject({ views: 0, helpful: 0, notHelpful: 0, helpfulRatio: null });
    expect(r.neverViewed).toEqual([{ id: id.unread, title: 'ギフト包装' }]);
    expect(r.topMisses.map((m: { query: string; count: number }) => [m.query, m.count])).toEqual([['海外発送', 2], ['のし', 1]]);
  });

  it('takes votes of the period only (local days of the tenant)', async () => {
    const old = (await supervisor.get(`${K}/reports/usage?from=2020-01-15&to=2020-01-15`)).json();
    expect(old.articles.find((a: { id: string }) => a.id === id.returns)).toMatchObject({ helpful: 1, notHelpful: 0, bySource: { console: { helpful: 1, notHelpful: 0 } } });
    expect(old.topMisses).toEqual([]);
    // 2020-01-15T03:00Z is 12:00 JST on the 15th: not on the 14th.
    expect((await supervisor.get(`${K}/reports/usage?from=2020-01-14&to=2020-01-14`)).json().totals.helpful).toBe(0);
  });

  it('is for editors, tenant-scoped, and refuses bad periods', async () => {
    expectProblem(await agent.get(`${K}/reports/usage?from=2026-01-01&to=2026-01-31`), 403, 'forbidden');
    const b = (await adminB.get(`${K}/reports/usage?from=2026-01-01&to=${today()}`)).json();
    expect(b).toMatchObject({ totals: { articles: 0, views: 0 }, articles: [], neverViewed: [], topMisses: [] });
    expectProblem(await supervisor.get(`${K}/reports/usage?from=2026-02-01&to=2026-01-01`), 400, 'validation_failed');
    expectProblem(await supervisor.get(`${K}/reports/usage?from=2024-01-01&to=2026-01-01`), 400, 'validation_failed');
    expectProblem(await supervisor.get(`${K}/reports/usage?from=yesterday&to=2026-01-01`), 400, 'validation_failed');
    expectProblem(await supervisor.get(`${K}/reports/usage`), 400, 'validation_failed');
  });
});
