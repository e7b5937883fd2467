import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, HttpSession, type TestApp } from '../support/test-app.js';
import { testEngines } from '../support/test-db.js';
import { expectProblem } from '../support/http-expect.js';
import { createTenantWithStaff, TEST_PASSWORD } from '../factories/tenant.factory.js';

const K = '/api/v1/knowledge';

// The knowledge HTTP API: bad input answered with a problem body, tenants kept apart, drafts for editors only.
describe.each(testEngines())('knowledge API [%s]', (engine) => {
  let t: TestApp;
  let supervisorA: HttpSession;
  let agentA: HttpSession;
  let adminB: HttpSession;

  beforeAll(async () => {
    t = await createTestApp(engine);
    const A = await createTenantWithStaff(t.services, 'kn-alpha');
    const B = await createTenantWithStaff(t.services, 'kn-beta');
    const login = (email: string) => new HttpSession(t.app).login(email, TEST_PASSWORD);
    [supervisorA, agentA, adminB] = await Promise.all([login(A.users.supervisor.email), login(A.users.agent.email), login(B.users.admin.email)]);
  });
  afterAll(() => t.close());

  const search = async (s: HttpSession, q: string) => {
    const res = await s.get(`${K}/search?q=${encodeURIComponent(q)}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { terms: string[]; hits: { id: string; title: string; snippet: { text: string; highlights: [number, number][] } }[] };
  };

  it('writes, finds and reads an article; a draft is the editors’ only', async () => {
    const res = await supervisorA.post(`${K}/articles`, { title: 'ポイントの有効期限', body: 'ポイントは最後のご利用から**1年間**有効です。', tags: ['ポイント'], visibility: 'public', publish: true });
    expect(res.statusCode, res.body).toBe(201);
    const article = res.json() as { id: string; status: string; publishedVersion: number };
    expect(article).toMatchObject({ status: 'published', publishedVersion: 1 });
    const found = await search(agentA, 'ﾎﾟｲﾝﾄ 期限');
    expect(found.terms).toEqual(['ぽいんと', '期限']);
    expect(found.hits[0]).toMatchObject({ id: article.id, title: 'ポイントの有効期限' });
    expect((await agentA.get(`${K}/articles/${article.id}`)).json()).toMatchObject({ id: article.id, body: 'ポイントは最後のご利用から**1年間**有効です。' });

    const draft = (await supervisorA.post(`${K}/articles`, { title: 'ポイント制度の改定（案）', body: '検討中' })).json() as { id: string; status: string };
    expect(draft.status).toBe('draft');
    expectProblem(await agentA.get(`${K}/articles/${draft.id}`), 404, 'not_found');
    expect((await supervisorA.get(`${K}/articles/${draft.id}`)).statusCode).toBe(200);
    expect((await search(agentA, 'ポイント')).hits.map((h) => h.id)).not.toContain(draft.id);
  });

  it('keeps tenants apart: another tenant’s article is not found, not listed, not searchable', async () => {
    const mine = (await supervisorA.post(`${K}/articles`, { title: '定期便の解約', body: '次回発送日の7日前までにご連絡ください。', visibility: 'public', publish: true })).json() as { id: string };
    expectProblem(await adminB.get(`${K}/articles/${mine.id}`), 404, 'not_found');
    expect((await search(adminB, '定期便')).hits).toEqual([]);
    expect((await adminB.request('PUT', `${K}/synonyms`, { groups: [['解約', '退会']] })).statusCode).toBe(204);
    expect((await supervisorA.get(`${K}/synonyms`)).json()).toEqual({ groups: [] });
  });

  it('answers bad input with a problem body and writes nothing', async () => {
    expectProblem(await agentA.get(`${K}/search?q=${'あ'.repeat(201)}`), 400, 'validation_failed');
    expectProblem(await agentA.get(`${K}/search`), 400, 'validation_failed');
    expectProblem(await agentA.get(`${K}/search?q=x&limit=500`), 400, 'validation_failed');
    expectProblem(await supervisorA.post(`${K}/articles`, { title: ' ', body: 'x' }), 400, 'validation_failed');
    expectProblem(await supervisorA.post(`${K}/articles`, { title: 'x', body: 'x', visibility: 'secret' }), 400, 'validation_failed');
    expectProblem(await supervisorA.post(`${K}/articles`, { title: 'x', body: 'x', categoryId: '00000000-0000-4000-8000-000000000000' }), 400, 'validation_failed');
    expectProblem(await supervisorA.request('PUT', `${K}/synonyms`, { groups: [['返品']] }), 400, 'validation_failed');
    expectProblem(await agentA.post(`${K}/articles`, { title: 'x', body: 'x' }), 403, 'forbidden');
    expect((await search(agentA, 'x')).hits).toEqual([]);
  });

  it('counts readers’ views and agents’ votes on the article; a draft takes no vote', async () => {
    const a = (await supervisorA.post(`${K}/articles`, { title: '領収書の発行', body: 'マイページから発行できます。', visibility: 'public', publish: true })).json() as { id: string };
    await agentA.get(`${K}/articles/${a.id}`);
    for (const helpful of [true, true, false]) expect((await agentA.post(`${K}/articles/${a.id}/feedback`, { helpful })).statusCode).toBe(204);
    expect((await agentA.get(`${K}/articles/${a.id}`)).json()).toMatchObject({ views: 1, helpful: 2, notHelpful: 1 });
    const draft = (await supervisorA.post(`${K}/articles`, { title: '下書き', body: 'x' })).json() as { id: string };
    expectProblem(await agentA.post(`${K}/articles/${draft.id}/feedback`, { helpful: true }), 404, 'not_found');
    expectProblem(await adminB.post(`${K}/articles/${a.id}/feedback`, { helpful: true }), 404, 'not_found');
    expectProblem(await agentA.post(`${K}/articles/${a.id}/feedback`, { helpful: 'yes' }), 400, 'validation_failed');
    expect((await supervisorA.get(`${K}/articles/${a.id}`)).json()).toMatchObject({ helpful: 2, notHelpful: 1 });
  });

  it('files articles in a category tree; a search in a category covers its subcategories', async () => {
    const cat = async (s: HttpSession, name: string, parentId?: string) => {
      const res = await s.post(`${K}/categories`, { name, ...(parentId ? { parentId } : {}) });
      expect(res.statusCode, res.body).toBe(201);
      return (res.json() as { id: string }).id;
    };
    const orders = await cat(supervisorA, 'ご注文');
    const payment = await cat(supervisorA, 'お支払い', orders);
    const delivery = await cat(supervisorA, '配送');
    const inPayment = (await supervisorA.post(`${K}/articles`, { title: 'コンビニ払いの期限', body: '発行から14日以内です。', categoryId: payment, visibility: 'public', publish: true })).json() as { id: string };
    const inDelivery = (await supervisorA.post(`${K}/articles`, { title: '配送日の指定と期限', body: 'ご注文から3日後以降を指定できます。', categoryId: delivery, visibility: 'public', publish: true })).json() as { id: string };
    const byCategory = async (categoryId: string) =>
      ((await agentA.get(`${K}/search?q=${encodeURIComponent('期限')}&categoryId=${categoryId}`)).json() as { hits: { id: string }[] }).hits.map((h) => h.id);
    expect(await byCategory(orders)).toEqual([inPayment.id]);
    expect(await byCategory(delivery)).toEqual([inDelivery.id]);
    expect((await agentA.get(`${K}/categories`)).json()).toEqual(expect.arrayContaining([expect.objectContaining({ id: payment, parentId: orders, name: 'お支払い' })]));
    expectProblem(await supervisorA.post(`${K}/categories`, { name: 'ご注文' }), 409, 'duplicate');
    expectProblem(await adminB.post(`${K}/categories`, { name: '子', parentId: orders }), 400, 'validation_failed');
    expect(await byCategory('00000000-0000-4000-8000-000000000000')).toEqual([]);
    expect((await adminB.get(`${K}/categories`)).json()).toEqual([]);
  });

  it('lists the searches that found nothing, most frequent first, for editors', async () => {
    await search(agentA, '海外発送');
    await search(agentA, 'かいがい はっそう');
    await search(agentA, '海外発送');
    await search(agentA, 'ギフト包装');
    const misses = (await supervisorA.get(`${K}/misses`)).json() as { query: string; count: number }[];
    expect(misses[0]).toMatchObject({ query: '海外発送', count: 2 });
    expect(misses.map((m) => m.query)).toEqual(expect.arrayContaining(['ギフト包装', 'かいがい はっそう']));
    expectProblem(await agentA.get(`${K}/misses`), 403, 'forbidden');
  });

  it('never stores a card number typed into the search box', async () => {
    await search(agentA, 'カード 4111 1111 1111 1111 払い戻し');
    const misses = (await supervisorA.get(`${K}/misses`)).json() as { query: string }[];
    const stored = misses.map((m) => m.query).find((q) => q.startsWith('カード'));
    expect(stored).toBeDefined();
    expect(stored!.replace(/\D/g, '')).not.toContain('4111111111111111');
    expect(stored).toContain('1111');
  });
});
