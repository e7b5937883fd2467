import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, HttpSession, type TestApp } from '../support/test-app.js';
import { testEngines } from '../support/test-db.js';
import { expectProblem } from '../support/http-expect.js';
import { createTenantWithStaff, TEST_PASSWORD } from '../factories/tenant.factory.js';
import { createCustomerBody } from '../../src/server/features/customers/customer.schemas.js';

interface CorpusArticle { id: string; tenant: string; tags: string[]; products: string[]; visibility: 'public' | 'internal'; title: string; body: string }
interface Suggestion { id: string; title: string; matchedProducts: string[]; copyText: string; snippet: { text: string } }
const corpus = JSON.parse(readFileSync(new URL('../../src/server/features/demo/data/faq-corpus.json', import.meta.url), 'utf8')) as CorpusArticle[];

// Agent assist on the demo FAQ corpus: realistic Japanese messages, boosted by the customer's products.
describe.each(testEngines())('knowledge suggest [%s]', (engine) => {
  let t: TestApp;
  let makerAgent: HttpSession;
  let shopAgent: HttpSession;
  let makerViewer: HttpSession;
  const byFixture = new Map<string, string>();
  const customers = {} as Record<'washer' | 'fridge' | 'other', string>;

  beforeAll(async () => {
    t = await createTestApp(engine);
    const maker = await createTenantWithStaff(t.services, 'sakura-denki');
    const shop = await createTenantWithStaff(t.services, 'hanamaru-tsuhan');
    for (const tenant of [maker, shop]) {
      const mine = corpus.filter((a) => a.tenant === tenant.tenant.slug);
      const ids = await t.services.knowledge.createArticles(tenant.ctx, mine.map((a) => ({ title: a.title, body: a.body, tags: a.tags, productSkus: a.products, visibility: a.visibility, publish: true })));
      mine.forEach((a, i) => byFixture.set(a.id, ids[i]!));
    }
    const { catalog, customers: people } = t.services;
    const own = async (ctx: typeof maker.ctx, sku: string, name: string) => {
      const product = await catalog.createProduct(ctx, { sku, name });
      const customer = await people.createCustomer(ctx, createCustomerBody.parse({ name }));
      await catalog.addOwnedProduct(ctx, customer.id, { productId: product.id });
      return customer.id;
    };
    customers.washer = await own(maker.ctx, 'SD-WD100', '洗濯 花子');
    customers.fridge = await own(maker.ctx, 'SD-RF450', '冷蔵 太郎');
    customers.other = (await people.createCustomer(shop.ctx, createCustomerBody.parse({ name: '通販 次郎' }))).id;
    // A draft about the same error: never suggested.
    await t.services.knowledge.createArticle(maker.ctx, { title: 'E-05 の新しい対処（下書き）', body: 'E-05 表示の改訂案', visibility: 'internal' });
    const login = (email: string) => new HttpSession(t.app).login(email, TEST_PASSWORD);
    [makerAgent, shopAgent, makerViewer] = await Promise.all([login(maker.users.agent.email), login(shop.users.agent.email), login(maker.users.client_viewer.email)]);
  });
  afterAll(() => t.close());

  const suggest = async (s: HttpSession, body: object) => {
    const res = await s.post('/api/v1/knowledge/suggest', body);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { terms: string[]; productSkus: string[]; suggestions: Suggestion[] };
  };
  const fixtureOf = (id: string) => [...byFixture].find(([, v]) => v === id)?.[0];

  it('finds the answer to a long, polite customer mail', async () => {
    const text = [
      '件名：注文した商品について',
      'いつもお世話になっております。先日そちらのオンラインショップで注文したセーターが昨日届いたのですが、',
      '着てみたところサイズが合わなかったので返品したいと考えています。タグはまだ付いたままで、袋も開けただけです。',
      'どのような手続きをすればよいか教えていただけますでしょうか。お手数ですがよろしくお願いいたします。',
    ].join('\n');
    const r = await suggest(shopAgent, { text });
    expect(r.terms).toContain('返品');
    expect(r.terms.length).toBeLessThanOrEqual(8);
    expect(r.suggestions.length).toBeGreaterThan(0);
    expect(r.suggestions.length).toBeLessThanOrEqual(5);
    expect(['hm-029', 'hm-030']).toContain(fixtureOf(r.suggestions[0]!.id));
    const top = r.suggestions[0]!;
    // Plain text to paste: no Markdown marks left, the text of the article kept.
    expect(top.copyText).not.toMatch(/\*\*|^#+ /m);
    expect(top.copyText.length).toBeGreaterThan(20);
    expect(top.snippet.text).toContain('返品');
  });

  it('puts the article about the customer’s own product first', async () => {
    const text = '表示部に「E-05」と出て動かなくなりました。電源を入れ直しても同じ表示です。どうすればいいですか。';
    const plain = await suggest(makerAgent, { text });
    const top3 = plain.suggestions.slice(0, 3).map((s) => fixtureOf(s.id));
    expect(top3).toEqual(expect.arrayContaining(['sd-041', 'sd-044']));

    const washer = await suggest(makerAgent, { text, customerId: customers.washer });
    expect(washer.productSkus).toEqual(['SD-WD100']);
    expect(fixtureOf(washer.suggestions[0]!.id)).toMatch(/^sd-0(44|94)$/);
    expect(washer.suggestions.findIndex((s) => fixtureOf(s.id) === 'sd-044')).toBeLessThan(washer.suggestions.findIndex((s) => fixtureOf(s.id) === 'sd-041'));
    expect(washer.suggestions.find((s) => fixtureOf(s.id) === 'sd-044')!.matchedProducts).toEqual(['SD-WD100']);

    const fridge = await suggest(makerAgent, { text, customerId: customers.fridge });
    expect(fridge.suggestions.findIndex((s) => fixtureOf(s.id) === 'sd-041')).toBeLessThan(fridge.suggestions.findIndex((s) => fixtureOf(s.id) === 'sd-044'));
    // The same with the product named in the request instead of the customer.
    const named = await suggest(makerAgent, { text, productSkus: ['SD-RF450'] });
    expect(named.suggestions.map((s) => s.id)).toEqual(fridge.suggestions.map((s) => s.id));
    // Drafts are never suggested; internal articles are (agents read them).
    expect(plain.suggestions.map((s) => s.title)).not.toContain('E-05 の新しい対処（下書き）');
    expect(plain.suggestions.map((s) => fixtureOf(s.id))).toContain('sd-094');
  });

  it('answers nothing for a message without a useful word, and refuses bad input', async () => {
    expect((await suggest(makerAgent, { text: 'よろしくお願いします。' })).suggestions).toEqual([]);
    expectProblem(await makerAgent.post('/api/v1/knowledge/suggest', { text: '' }), 400, 'validation_failed');
    expectProblem(await makerAgent.post('/api/v1/knowledge/suggest', { text: 'あ'.repeat(4001) }), 400, 'validation_failed');
    expectProblem(await makerAgent.post('/api/v1/knowledge/suggest', { text: 'E-05', customerId: 'nope' }), 400, 'validation_failed');
  });

  it('keeps tenants apart: another tenant’s customer is not found, its articles never come back', async () => {
    expectProblem(await makerAgent.post('/api/v1/knowledge/suggest', { text: 'E-05', customerId: customers.other }), 404, 'not_found');
    const shop = await suggest(shopAgent, { text: '冷蔵庫に E-05 と表示されています' });
    expect(shop.suggestions.every((s) => fixtureOf(s.id)?.startsWith('hm-'))).toBe(true);
    // Assist is an operator's tool: a client viewer only reads articles.
    expectProblem(await makerViewer.post('/api/v1/knowledge/suggest', { text: 'E-05' }), 403, 'forbidden');
  });
});
