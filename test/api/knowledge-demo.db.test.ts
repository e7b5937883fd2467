import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/features/demo/demo-data.js';
import { createTestApp, HttpSession, type TestApp } from '../support/test-app.js';
import { testEngines } from '../support/test-db.js';

const K = '/api/v1/knowledge';

// The demo knowledge base, as a supervisor of the demo sees it after the first start.
describe.each(testEngines())('demo knowledge [%s]', (engine) => {
  let t: TestApp;
  let admin: HttpSession;

  beforeAll(async () => {
    t = await createTestApp(engine);
    expect((await t.services.demoSeed.seedIfEmpty({ customersPerTenant: 5 })).created).toBe(true);
    admin = await new HttpSession(t.app).login('admin@mirai-cc.example.jp', DEMO_PASSWORD, 'sakura-denki');
  });
  afterAll(() => t.close());

  it('has categories, synonyms and the published FAQ of each demo tenant, searchable', async () => {
    for (const [tenant, published] of [['sakura-denki', 100], ['hanamaru-tsuhan', 88]] as const) {
      admin.tenant = tenant;
      const usage = (await admin.get(`${K}/reports/usage?from=2026-01-01&to=2026-12-31`)).json();
      expect(usage.totals.articles).toBe(published);
      expect(((await admin.get(`${K}/categories`)).json() as unknown[]).length).toBeGreaterThan(10);
      expect(((await admin.get(`${K}/synonyms`)).json() as { groups: unknown[] }).groups.length).toBeGreaterThan(5);
    }
    admin.tenant = 'sakura-denki';
    const hits = (await admin.get(`${K}/search?q=${encodeURIComponent('ｅ－０５')}`)).json().hits as { title: string }[];
    expect(hits.map((h) => h.title)).toContain('冷蔵庫に「E-05」が表示されています');
  });

  it('shows the workflow: a published article with a newer draft, and an article in review', async () => {
    admin.tenant = 'hanamaru-tsuhan';
    const drafts = (await admin.get(`${K}/search?q=${encodeURIComponent('定期便 休止')}&drafts=true`)).json().hits as { id: string; title: string; status: string }[];
    const inReview = drafts.find((h) => h.title.includes('改訂案'))!;
    expect(inReview.status).toBe('in_review');
    const versions = (await admin.get(`${K}/articles/${inReview.id}/versions`)).json() as { status: string }[];
    expect(versions.map((v) => v.status)).toEqual(['in_review']);

    const first = (await admin.get(`${K}/search?q=${encodeURIComponent('注文 方法')}`)).json().hits as { id: string; status: string }[];
    const edited = [];
    for (const h of first) if (h.status === 'draft') edited.push(h.id);
    expect(edited).toHaveLength(1);
    const article = (await admin.get(`${K}/articles/${edited[0]}`)).json();
    expect(article).toMatchObject({ publishedVersion: 1, latestVersion: 2 });
    // The article shows the published version; the draft adds text and related articles.
    expect(article.body).not.toContain('改訂中');
    expect(article.related).toEqual([]);
    const draft = (await admin.get(`${K}/articles/${edited[0]}/versions/2`)).json() as { body: string; relatedIds: string[]; status: string };
    expect(draft.status).toBe('draft');
    expect(draft.body).toContain('改訂中');
    expect(draft.relatedIds.length).toBeGreaterThan(0);
  });
});
