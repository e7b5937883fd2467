import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { knowledgeSearchMisses } from '../../src/server/db/schema.js';
import { systemContext } from '../../src/server/platform/system-context.js';
import type { TenantContext } from '../../src/server/platform/principal.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { testEngines } from '../support/test-db.js';

// Japanese search through the service and the SQL, the same on PGlite and PostgreSQL.
describe.each(testEngines())('knowledge search [%s]', (engine) => {
  let t: TestApp;
  let shop: TenantContext;
  let maker: TenantContext;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp(engine);
    shop = systemContext(await t.services.tenants.createTenant({ slug: 'ks-shop', name: '通販' }));
    maker = systemContext(await t.services.tenants.createTenant({ slug: 'ks-maker', name: '電機' }));
    const k = t.services.knowledge;
    ids.shipping = await k.createArticle(shop, { title: '送料はいくらですか？', body: '送料は全国一律**550円**です。5,000円以上のご注文で無料になります。', tags: ['配送'], visibility: 'public', publish: true });
    ids.returns = await k.createArticle(shop, { title: '商品を返品したい', body: '到着後8日以内にご連絡ください。未開封に限り返品を承ります。', tags: ['返品・交換'], visibility: 'public', publish: true });
    ids.mailmag = await k.createArticle(shop, { title: 'ﾒｰﾙﾏｶﾞｼﾞﾝの配信を停止したい', body: 'マイページの「メール設定」から配信停止できます。', tags: ['メルマガ'], visibility: 'public', publish: true });
    ids.refundInternal = await k.createArticle(shop, { title: '返金処理の社内手順', body: '返品の受領を確認してから経理へ返金依頼を出す。', tags: ['返品'], visibility: 'internal', publish: true });
    ids.draft = await k.createArticle(shop, { title: '送料改定のお知らせ（下書き）', body: '来月から送料が変わります。', visibility: 'public' });
    ids.e05 = await k.createArticle(maker, { title: 'エラー表示「E-05」が出た', body: '室外機の通信エラーです。電源プラグを抜き、5分後に差し直してください。', tags: ['エアコン', 'エラー表示'], visibility: 'public', publish: true });
    ids.fridge = await k.createArticle(maker, { title: '冷蔵庫が冷えない', body: '温度設定が「弱」になっていないかご確認ください。送料無料の出張修理も承ります。', tags: ['冷蔵庫'], visibility: 'public', publish: true });
    await k.setSynonyms(shop, [['返品', '返却'], ['メルマガ', 'メールマガジン']]);
  });
  afterAll(() => t.close());

  const search = (ctx: TenantContext, q: string, audience: 'console' | 'portal' = 'console') =>
    t.services.knowledge.search(ctx, q, { audience, limit: 10 });
  const idsOf = async (ctx: TenantContext, q: string, audience: 'console' | 'portal' = 'console') => (await search(ctx, q, audience)).hits.map((h) => h.id);

  it('finds a two-character query, title matches first, with a highlighted snippet', async () => {
    const r = await search(shop, '送料');
    expect(r.hits.map((h) => h.id)).toEqual([ids.shipping]); // the draft is not published, the maker's article is another tenant's
    const s = r.hits[0]!.snippet;
    expect(s.text).toContain('送料は全国一律550円'); // Markdown markers gone
    expect(s.highlights.map(([a, b]) => s.text.slice(a, b))).toContain('送料');
  });

  it('folds width and kana: half-width katakana, hiragana and full-width queries find the same article', async () => {
    for (const q of ['メールマガジン', 'めーるまがじん', 'ﾒｰﾙﾏｶﾞｼﾞﾝ', 'メルマガ 停止']) expect(await idsOf(shop, q)).toContain(ids.mailmag);
  });

  it('matches error codes in any form', async () => {
    for (const q of ['E-05', 'E05', 'ｅ－０５', 'e05 エラー']) expect((await idsOf(maker, q))[0]).toBe(ids.e05);
  });

  it('expands the tenant’s synonyms: 返却 finds the article about 返品', async () => {
    expect(await idsOf(shop, '返却')).toContain(ids.returns);
    expect(await idsOf(maker, '返却')).toEqual([]); // the maker has no such synonym (and no such article)
  });

  it('answers a natural question by its content words, and ranks the title match first', async () => {
    const got = await idsOf(shop, '送料はいくらかかりますか');
    expect(got[0]).toBe(ids.shipping);
  });

  it('keeps internal articles and drafts off the portal, and other tenants’ articles everywhere', async () => {
    expect(await idsOf(shop, '返品', 'console')).toEqual(expect.arrayContaining([ids.returns, ids.refundInternal]));
    expect(await idsOf(shop, '返品', 'portal')).toEqual([ids.returns]);
    expect(await idsOf(shop, 'エラー')).toEqual([]);
    expect(await idsOf(maker, '送料')).toEqual([ids.fridge]);
    const drafts = await t.services.knowledge.search(shop, '送料', { audience: 'console', limit: 10, includeDrafts: true });
    expect(drafts.hits.map((h) => h.id)).toEqual(expect.arrayContaining([ids.shipping, ids.draft]));
  });

  it('treats LIKE wildcards and SQL in the query as text, and counts searches that found nothing', async () => {
    expect(await idsOf(shop, "%' or 1=1 --")).toEqual([]);
    expect(await idsOf(shop, '_')).toEqual([]);
    await search(shop, 'ポイント 有効期限');
    await search(shop, 'ﾎﾟｲﾝﾄ　有効期限');
    const misses = await t.db.database.db.select().from(knowledgeSearchMisses);
    const points = misses.filter((m) => m.tenantId === shop.tenantId && m.queryFold.includes('ぽいんと'));
    expect(points).toHaveLength(1);
    expect(points[0]!.count).toBe(2);
  });

  it('leaves nothing in the search indexes’ pending lists after a bulk insert, so searches read the indexes only', async () => {
    const many = Array.from({ length: 60 }, (_, i) => ({ title: `一括登録の記事 ${i}`, body: `送料と返品についての説明 ${i}。`.repeat(20), visibility: 'public' as const, publish: true }));
    await t.services.knowledge.createArticles(maker, many);
    // gin_clean_pending_list answers how many pending pages it had to merge: none are left.
    const res = (await t.db.database.db.execute(sql`select gin_clean_pending_list('knowledge_articles_search_vector_gin'::regclass)::int as body, gin_clean_pending_list('knowledge_articles_title_vector_gin'::regclass)::int as title`)) as unknown as { rows: { body: number; title: number }[] };
    expect(res.rows[0]).toEqual({ body: 0, title: 0 });
    expect((await idsOf(maker, '一括登録')).length).toBe(10);
  });
});
