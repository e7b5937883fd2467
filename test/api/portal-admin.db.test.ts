import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, HttpSession, type TestApp } from '../support/test-app.js';
import { testEngines } from '../support/test-db.js';
import { expectProblem } from '../support/http-expect.js';
import { createTenantWithStaff, TEST_PASSWORD } from '../factories/tenant.factory.js';
import type { Clock } from '../../src/server/platform/clock.js';
import type { Db } from '../../src/server/db/client.js';
import { sql } from 'drizzle-orm';

const P = '/api/v1/portal';
const DAY = 86_400_000;
const settings = (over: Record<string, unknown> = {}) => ({ enabled: true, title: '窓口', primaryColor: '#1d4ed8', accentColor: '#f59e0b', ...over });

// The portal's admin API: settings with their guards, voices, the stale list and health figures, tenants apart.
describe.each(testEngines())('FAQ portal admin API [%s]', (engine) => {
  let t: TestApp;
  let now = Date.parse('2026-11-30T03:00:00Z');
  const clock: Clock = { now: () => new Date(now) };
  let A: Awaited<ReturnType<typeof createTenantWithStaff>>;
  let B: Awaited<ReturnType<typeof createTenantWithStaff>>;
  let adminA: HttpSession;
  let hqA: HttpSession;
  let adminB: HttpSession;

  beforeAll(async () => {
    t = await createTestApp(engine, { clock });
    A = await createTenantWithStaff(t.services, 'padm-a');
    B = await createTenantWithStaff(t.services, 'padm-b');
    const login = (email: string) => new HttpSession(t.app).login(email, TEST_PASSWORD);
    [adminA, hqA, adminB] = await Promise.all([login(A.users.admin.email), login(A.users.hq.email), login(B.users.admin.email)]);
  });
  afterAll(() => t.close());

  it('reads defaults, saves settings (audited) and refuses unsafe branding and another tenant’s queue with 422', async () => {
    expect((await adminA.get(`${P}/settings`)).json()).toMatchObject({ enabled: false, primaryColor: '#1d4ed8', defaultLocale: 'ja', staleAfterDays: 180, path: '/portal/padm-a/', updatedAt: null });
    const logo = 'data:image/png;base64,iVBORw0KGgo=';
    const saved = await hqA.request('PUT', `${P}/settings`, settings({ logoUrl: logo, primaryColor: '#ABC', defaultLocale: 'en', staleAfterDays: 90 }));
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ enabled: true, logoUrl: logo, primaryColor: '#ABC', defaultLocale: 'en', staleAfterDays: 90 });
    expect((await t.app.inject({ url: '/portal/padm-a/' })).body).toContain(`<img src="${logo}" alt=""/>`);

    const queueB = (await adminB.post('/api/v1/routing/queues', { name: 'B窓口' })).json() as { id: string };
    for (const [body, path] of [
      [settings({ primaryColor: 'red' }), 'primaryColor'],
      [settings({ accentColor: '#fff;}body{display:none' }), 'accentColor'],
      [settings({ logoUrl: 'javascript:alert(1)' }), 'logoUrl'],
      [settings({ logoUrl: 'http://example.jp/logo.png' }), 'logoUrl'],
      [settings({ logoUrl: 'data:text/html;base64,PHNjcmlwdD4=' }), 'logoUrl'],
      [settings({ contactQueueId: queueB.id }), 'contactQueueId'],
    ] as const) {
      const problem = expectProblem(await adminA.request('PUT', `${P}/settings`, body), 422, 'unprocessable');
      expect(problem.errors?.map((e) => e.path), JSON.stringify(body)).toEqual([path]);
    }
    expectProblem(await adminA.request('PUT', `${P}/settings`, { title: 'no enabled flag' }), 400, 'validation_failed');
    expectProblem(await adminA.request('PUT', `${P}/settings`, settings({ staleAfterDays: 0 })), 400, 'validation_failed');
    expect((await adminA.get(`${P}/settings`)).json()).toMatchObject({ primaryColor: '#ABC', contactQueueId: null });
    expect((await adminB.get(`${P}/settings`)).json()).toMatchObject({ enabled: false });
    const audit = (await adminA.get('/api/v1/audit?entity=portal_site')).json() as { items: { action: string }[] };
    expect(audit.items.map((i) => i.action)).toEqual(['portal.settings.update']);
  });

  it('writes, publishes and unpublishes voices; the portal shows published ones only; other tenants get 404', async () => {
    const draft = (await adminA.post(`${P}/voices`, { title: '電話がつながらない', voice: '朝は電話がつながりにくい', response: '朝の担当者を増やしました' })).json() as { id: string; status: string };
    expect(draft.status).toBe('draft');
    const page = async () => (await t.app.inject({ url: '/portal/padm-a/voices?lang=ja' })).body;
    expect(await page()).not.toContain('電話がつながらない');
    const published = await adminA.post(`${P}/voices/${draft.id}/publish`);
    expect(published.json()).toMatchObject({ status: 'published', publishedAt: new Date(now).toISOString() });
    expect(await page()).toContain('朝の担当者を増やしました');
    expect((await adminA.patch(`${P}/voices/${draft.id}`, { response: '<script>x</script>対応しました' })).statusCode).toBe(200);
    expect(await page()).toContain('&lt;script&gt;x&lt;/script&gt;対応しました');
    for (const res of [await adminB.get(`${P}/voices/${draft.id}`), await adminB.patch(`${P}/voices/${draft.id}`, { title: 'x' }), await adminB.post(`${P}/voices/${draft.id}/unpublish`), await adminB.delete(`${P}/voices/${draft.id}`)]) {
      expectProblem(res, 404, 'not_found');
    }
    expect((await adminB.get(`${P}/voices`)).json()).toEqual({ items: [] });
    expectProblem(await adminA.post(`${P}/voices`, { title: ' ', voice: 'x', response: 'y' }), 400, 'validation_failed');
    expect((await adminA.post(`${P}/voices/${draft.id}/unpublish`)).json()).toMatchObject({ status: 'draft', publishedAt: null });
    expect(await page()).not.toContain('対応しました');
    expect((await adminA.delete(`${P}/voices/${draft.id}`)).statusCode).toBe(204);
    expectProblem(await adminA.get(`${P}/voices/${draft.id}`), 404, 'not_found');
  });

  it('lists stale public articles oldest first with owner and reasons, and counts the portal’s health', async () => {
    const db = t.db.database.db as Db;
    const k = t.services.knowledge;
    const ctx = { ...A.ctx, actorUserId: A.users.supervisor.id };
    await adminA.request('PUT', `${P}/settings`, settings({ staleAfterDays: 100 }));
    const make = async (title: string, ageDays: number, reviewBy: string | null, visibility: 'public' | 'internal' = 'public') => {
      const id = await k.createArticle(ctx, { title, body: `${title}の本文`, visibility, publish: true });
      const at = new Date(now - ageDays * DAY).toISOString();
      await db.execute(sql`update knowledge_articles set published_at = ${at}::timestamptz, updated_at = ${at}::timestamptz, review_by = ${reviewBy}::date where id = ${id}`);
      return id;
    };
    const old = await make('古い記事', 300, null);
    const overdue = await make('見直し期限切れ', 10, '2026-11-29');
    const both = await make('両方', 400, '2020-01-01');
    await make('新しい記事', 5, '2027-01-01');
    await make('社内の古い記事', 500, null, 'internal');
    // Today in Tokyo is 2026-11-30: a review due today is not overdue yet.
    await make('今日が期限', 1, '2026-11-30');
    await k.createArticle(B.ctx, { title: 'B社の古い記事', body: 'x', visibility: 'public', publish: true });

    const stale = (await adminA.get(`${P}/stale`)).json() as { staleAfterDays: number; today: string; items: { id: string; reasons: string[]; ageDays: number; owner: { id: string } | null }[] };
    expect(stale).toMatchObject({ staleAfterDays: 100, today: '2026-11-30' });
    expect(stale.items.map((i) => i.id)).toEqual([both, old, overdue]);
    expect(stale.items.map((i) => i.reasons)).toEqual([['review_overdue', 'not_updated'], ['not_updated'], ['review_overdue']]);
    expect(stale.items.map((i) => i.ageDays)).toEqual([400, 300, 10]);
    expect(stale.items[0]!.owner).toMatchObject({ id: A.users.supervisor.id, name: 'supervisor padm-a' });

    // Votes, a search without results and a contact message from the portal.
    const site = (await t.services.portal.settings.resolve('padm-a'))!;
    const visitor = { ...A.ctx, role: 'client_viewer' as const };
    await t.services.portal.reader.vote(visitor, old, true);
    await t.services.portal.reader.vote(visitor, old, true);
    await t.services.portal.reader.vote(visitor, overdue, false);
    await k.feedback(A.ctx, old, { helpful: false, source: 'console' });
    await t.services.portal.reader.search(visitor, '存在しない話題', undefined);
    await t.services.portal.reader.search(visitor, '存在しない話題', undefined);
    await t.services.portal.contact.submit(visitor, site, { name: '客', email: 'c@example.jp', phone: '', subject: '件名', message: '本文', consent: 'on' }, 'ja');
    const health = (await hqA.get(`${P}/health`)).json();
    expect(health).toEqual({
      enabled: true, publicArticles: 5, staleArticles: 3, oldestArticleAgeDays: 400,
      last30Days: {
        votes: 3, helpfulVotes: 2, helpfulRatio: 2 / 3, contactSubmissions: 1,
        searchesWithoutResults: [{ query: '存在しない話題', count: 2, lastAt: new Date(now).toISOString() }],
      },
    });
    // Forty days on, the window is empty but the articles are older.
    now += 40 * DAY;
    hqA = await new HttpSession(t.app).login(A.users.hq.email, TEST_PASSWORD);
    adminB = await new HttpSession(t.app).login(B.users.admin.email, TEST_PASSWORD);
    expect((await hqA.get(`${P}/health`)).json()).toMatchObject({ oldestArticleAgeDays: 440, last30Days: { votes: 0, helpfulRatio: null, contactSubmissions: 0, searchesWithoutResults: [] } });
    expect((await adminB.get(`${P}/health`)).json()).toMatchObject({ publicArticles: 1, staleArticles: 0, last30Days: { votes: 0 } });
  });

  it('is for admins, HQ and supervisors only', async () => {
    for (const role of ['agent', 'client_viewer'] as const) {
      const s = await new HttpSession(t.app).login(A.users[role].email, TEST_PASSWORD);
      expectProblem(await s.get(`${P}/settings`), 403, 'forbidden');
    }
    const sv = await new HttpSession(t.app).login(A.users.supervisor.email, TEST_PASSWORD);
    expect((await sv.get(`${P}/health`)).statusCode).toBe(200);
    expectProblem(await t.app.inject({ url: `${P}/settings` }), 401, 'unauthenticated');
  });
});
