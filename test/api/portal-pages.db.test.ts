import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, HttpSession, type TestApp } from '../support/test-app.js';
import { testEngines } from '../support/test-db.js';
import { createTenantWithStaff, TEST_PASSWORD } from '../factories/tenant.factory.js';
import type { Clock } from '../../src/server/platform/clock.js';
import type { TenantContext } from '../../src/server/platform/principal.js';

const MISSING = '00000000-0000-4000-8000-00000000beef';
const XSS_TITLE = '<script>window.__xss=1</script>危険な題名';
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const tokenOf = (html: string) => /name="token" value="([^"]+)"/.exec(html)?.[1] ?? '';
const jst = (d: Date) => new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', year: 'numeric', month: 'long', day: 'numeric' }).format(d);

/** Every <script> element of a page: only the JSON-LD data block may be there. */
const scriptTags = (html: string) => [...html.matchAll(/<script\b[^>]*>/gi)].map((m) => m[0]);

// The public consultation room, end to end over HTTP: pages, escaping, tenants apart, forms and their guards.
describe.each(testEngines())('FAQ portal pages [%s]', (engine) => {
  let t: TestApp;
  let now = Date.parse('2026-11-30T03:00:00Z');
  const clock: Clock = { now: () => new Date(now) };
  let A: Awaited<ReturnType<typeof createTenantWithStaff>>;
  let B: Awaited<ReturnType<typeof createTenantWithStaff>>;
  let adminA: HttpSession;
  const ids = {} as Record<'pub' | 'xss' | 'internal' | 'draft' | 'other' | 'catA' | 'catB' | 'sub', string>;
  let ip = 0;
  /** A fresh client address per call, so rate limits only bite where a test wants them to. */
  const get = (url: string, remoteAddress = `10.0.0.${++ip % 250}`) => t.app.inject({ method: 'GET', url, remoteAddress });
  const post = (url: string, fields: Record<string, string>, remoteAddress = `10.1.0.${++ip % 250}`) =>
    t.app.inject({ method: 'POST', url, payload: form(fields), headers: { 'content-type': 'application/x-www-form-urlencoded' }, remoteAddress });
  const page = (res: LightMyRequestResponse, status = 200) => {
    expect(res.statusCode, res.body.slice(0, 300)).toBe(status);
    expect(res.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
    expect(res.body.startsWith('<!DOCTYPE html><html lang="')).toBe(true);
    return res.body;
  };

  beforeAll(async () => {
    t = await createTestApp(engine, { clock });
    A = await createTenantWithStaff(t.services, 'portal-a', 'さくら テスト電機');
    B = await createTenantWithStaff(t.services, 'portal-b', 'はなまる テスト通販');
    await createTenantWithStaff(t.services, 'portal-off', '未公開 テスト');
    adminA = await new HttpSession(t.app).login(A.users.admin.email, TEST_PASSWORD);
    const adminB = await new HttpSession(t.app).login(B.users.admin.email, TEST_PASSWORD);
    expect((await adminA.request('PUT', '/api/v1/portal/settings', { enabled: true, title: 'さくら サポート', tagline: '<b>よくある</b>ご質問', primaryColor: '#b0124f', accentColor: '#f9c6d7' })).statusCode).toBe(200);
    expect((await adminB.request('PUT', '/api/v1/portal/settings', { enabled: true, defaultLocale: 'en' })).statusCode).toBe(200);

    const k = t.services.knowledge;
    ids.catA = (await k.createCategory(A.ctx, { name: '配送' })).id;
    ids.sub = (await k.createCategory(A.ctx, { name: '送料', parentId: ids.catA })).id;
    ids.catB = (await k.createCategory(B.ctx, { name: 'B社カテゴリ' })).id;
    ids.pub = await k.createArticle(A.ctx, { title: '送料はいくらですか', body: '全国一律**550円**です。[料金表](https://example.jp/fee)をご覧ください。', tags: ['送料'], categoryId: ids.sub, visibility: 'public', publish: true });
    ids.xss = await k.createArticle(A.ctx, { title: XSS_TITLE, body: '<script>window.__xss=2</script>\n\n<img src=x onerror="window.__xss=3">\n\n[click](javascript:window.__xss=4) 送料', visibility: 'public', publish: true });
    ids.internal = await k.createArticle(A.ctx, { title: '社内向け 送料の例外', body: '社外秘', visibility: 'internal', publish: true });
    ids.draft = await k.createArticle(A.ctx, { title: '送料改定（下書き）', body: '未公開', visibility: 'public', publish: false });
    ids.other = await k.createArticle(B.ctx, { title: 'B社の送料', body: 'B社の記事', categoryId: ids.catB, visibility: 'public', publish: true });
  });
  afterAll(() => t.close());

  it('serves the home page: branding, categories with counts, popular public articles only, strict CSP, short public caching', async () => {
    const res = await get('/portal/portal-a/');
    const html = page(res);
    expect(html).toContain('<html lang="ja">');
    expect(html).toContain('<title>さくら サポート</title>');
    expect(html).toContain('&lt;b&gt;よくある&lt;/b&gt;ご質問');
    expect(html).toContain('#b0124f');
    expect(html).toMatch(/>配送<\/a> <span class="meta">1件<\/span>/);
    expect(html).toContain('送料はいくらですか');
    for (const hidden of ['社内向け', '送料改定', 'B社の送料']) expect(html).not.toContain(hidden);
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'none'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toContain('unsafe-inline');
    expect(html).toContain('<a class="skip" href="#main">本文へスキップ</a>');
    expect(html).toContain('<main id="main"');
    // The slug without its slash is sent to the canonical address.
    const bare = await get('/portal/portal-a?lang=en');
    expect(bare.statusCode).toBe(301);
    expect(bare.headers.location).toBe('/portal/portal-a/?lang=en');
  });

  it('switches language with ?lang= and keeps it on every link; the default comes from the settings', async () => {
    const en = page(await get('/portal/portal-a/?lang=en'));
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('Frequently asked questions');
    expect(en).toContain(`href="/portal/portal-a/articles/${ids.pub}?lang=en"`);
    expect(en).toContain('href="/portal/portal-a/contact?lang=en"');
    expect(en).toContain('<input type="hidden" name="lang" value="en"/>');
    expect(en).toContain('href="/portal/portal-a/?lang=ja"');
    const ja = page(await get('/portal/portal-a/?lang=xx'));
    expect(ja).toContain('<html lang="ja">');
    expect(ja).toContain(`href="/portal/portal-a/articles/${ids.pub}"`);
    // portal-b defaults to English.
    expect(page(await get('/portal/portal-b/'))).toContain('<html lang="en">');
  });

  it('shows an article: rendered Markdown, last update in JST, canonical link, description, FAQPage JSON-LD; a view is counted', async () => {
    const before = (await t.services.knowledge.getArticle(A.ctx, ids.pub)).views;
    const html = page(await get(`/portal/portal-a/articles/${ids.pub}`));
    expect(html).toContain('<h1>送料はいくらですか</h1>');
    expect(html).toContain('<strong>550円</strong>');
    expect(html).toContain('rel="noopener noreferrer nofollow"');
    expect(html).toContain(`最終更新: <time dateTime="${new Date(now).toISOString()}">${jst(new Date(now))}（日本時間）</time>`);
    expect(html).toContain(`<link rel="canonical" href="http://localhost:80/portal/portal-a/articles/${ids.pub}"/>`);
    expect(html).toContain('<meta name="description" content="全国一律550円です。料金表をご覧ください。"/>');
    expect(html).toMatch(/>配送<\/a><\/li><li><a href="\/portal\/portal-a\/categories\/[^"]+">送料<\/a>/);
    const ld = /<script type="application\/ld\+json">([^<]*)<\/script>/.exec(html);
    const json = JSON.parse(ld![1]!) as { '@type': string; mainEntity: { name: string; acceptedAnswer: { text: string } }[] };
    expect(json['@type']).toBe('FAQPage');
    expect(json.mainEntity[0]).toMatchObject({ name: '送料はいくらですか', acceptedAnswer: { text: '全国一律550円です。料金表をご覧ください。' } });
    await t.services.portal.reader.flushViews();
    expect((await t.services.knowledge.getArticle(A.ctx, ids.pub)).views).toBe(before + 1);
  });

  it('shows the editors’ related articles that are public, in their order', async () => {
    const id = await t.services.knowledge.createArticle(A.ctx, { title: 'お届け日数の目安', body: '通常3日でお届けします。', visibility: 'public', publish: true, relatedIds: [ids.internal, ids.xss, ids.pub] });
    const html = page(await get(`/portal/portal-a/articles/${id}`));
    const related = html.slice(html.indexOf('<h2 id="related">'));
    expect(related.indexOf(`/articles/${ids.xss}"`)).toBeGreaterThan(0);
    expect(related.indexOf(`/articles/${ids.pub}"`)).toBeGreaterThan(related.indexOf(`/articles/${ids.xss}"`));
    expect(related).not.toContain(ids.internal);
  });

  it('escapes a <script> in an article title, body and a search query: no element but the JSON-LD block', async () => {
    const article = page(await get(`/portal/portal-a/articles/${ids.xss}`));
    expect(scriptTags(article)).toEqual(['<script type="application/ld+json">']);
    expect(article).toContain('&lt;script&gt;window.__xss=1&lt;/script&gt;危険な題名');
    expect(article).toContain('&lt;script&gt;window.__xss=2&lt;/script&gt;');
    expect(article).toContain('&lt;img src=x onerror=&quot;window.__xss=3&quot;&gt;');
    expect(article).not.toMatch(/<img[^>]*onerror/i);
    expect(article).not.toContain('href="javascript:');
    // The JSON-LD copy of the title cannot end its element either.
    expect(/<script type="application\/ld\+json">([^<]*)<\/script>/.exec(article)![1]).toContain('\\u003cscript\\u003e');

    const home = page(await get('/portal/portal-a/'));
    expect(scriptTags(home)).toEqual([]);
    expect(home).toContain('&lt;script&gt;window.__xss=1&lt;/script&gt;');

    const q = '<script>window.__xss=5</script>送料';
    const search = page(await get(`/portal/portal-a/search?q=${encodeURIComponent(q)}`));
    expect(scriptTags(search)).toEqual([]);
    expect(search).toContain('「&lt;script&gt;window.__xss=5&lt;/script&gt;送料」の検索結果');
    expect(search).toContain('value="&lt;script&gt;window.__xss=5&lt;/script&gt;送料"');
  });

  it('searches public articles only, highlights matches with <mark>, and counts a search that found nothing as a portal miss', async () => {
    const html = page(await get(`/portal/portal-a/search?q=${encodeURIComponent('送料')}`));
    expect(html).toContain('<mark>送料</mark>');
    expect(html).toContain('送料はいくらですか');
    for (const hidden of ['社内向け', '送料改定', 'B社の送料']) expect(html).not.toContain(hidden);
    expect(html).toContain('<meta name="robots" content="noindex, follow"/>');

    const none = page(await get(`/portal/portal-a/search?q=${encodeURIComponent('冷蔵庫の霜取り')}`));
    expect(none).toContain('該当する記事が見つかりませんでした。');
    const misses = await t.services.knowledge.misses(A.ctx);
    expect(misses).toContainEqual(expect.objectContaining({ query: '冷蔵庫の霜取り', source: 'portal', count: 1 }));
    // Category filter narrows to the subtree; an empty query asks for a word.
    expect(page(await get(`/portal/portal-a/search?q=${encodeURIComponent('送料')}&category=${ids.sub}`))).not.toContain('危険な題名');
    expect(page(await get('/portal/portal-a/search?q='))).toContain('キーワードを入力してください。');
    expect(page(await get(`/portal/portal-a/search?q=${'あ'.repeat(201)}`), 400)).toContain('リクエストが正しくありません');
  });

  it('shows a category with its subcategories and articles', async () => {
    const html = page(await get(`/portal/portal-a/categories/${ids.catA}`));
    expect(html).toContain('<h1>配送</h1>');
    expect(html).toContain('送料はいくらですか');
    expect(html).toMatch(/>送料<\/a> <span class="meta">1件<\/span>/);
  });

  it('answers the same 404 page for another tenant’s ids, internal and draft articles, unknown and disabled portals', async () => {
    const notFound = async (url: string) => {
      const res = await get(url);
      const html = page(res, 404);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(html).toContain('ページが見つかりません');
      return html;
    };
    // The same page but for the address itself (the language switch links back to it).
    const missing = (await notFound(`/portal/portal-a/articles/${MISSING}`)).replaceAll(MISSING, 'ID');
    for (const id of [ids.other, ids.internal, ids.draft]) {
      const html = await notFound(`/portal/portal-a/articles/${id}`);
      expect(html.replaceAll(id, 'ID')).toBe(missing);
      expect(html).not.toMatch(/B社|社内向け|送料改定/);
    }
    await notFound('/portal/portal-a/articles/not-a-uuid');
    await notFound(`/portal/portal-a/categories/${ids.catB}`);
    const unknown = await notFound('/portal/no-such-tenant/');
    expect(await notFound('/portal/portal-off/')).toBe(unknown.replaceAll('no-such-tenant', 'portal-off'));
    expect(unknown).not.toContain('未公開');
    await notFound('/portal/portal-off/sitemap.xml');
    expect(await notFound('/portal/portal-a/no-such-page')).toContain('<title>ページが見つかりません | さくら サポート</title>');
    await notFound('/portal/Bad_Slug!/');
    // Another tenant's article cannot be voted on through this portal either.
    const token = tokenOf(page(await get(`/portal/portal-a/articles/${ids.pub}`)));
    await notFound(`/portal/portal-b/articles/${ids.pub}?lang=ja`);
    const vote = await post(`/portal/portal-b/articles/${ids.pub}/feedback`, { helpful: 'yes', token });
    expect(vote.statusCode).toBe(303);
    expect(vote.headers.location).toContain('feedback=retry');
    expect((await t.services.knowledge.getArticle(A.ctx, ids.pub)).helpful).toBe(0);
  });

  it('lists only public published articles in the sitemap', async () => {
    const res = await get('/portal/portal-a/sitemap.xml');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/xml/);
    expect(res.body).toContain(`<loc>http://localhost:80/portal/portal-a/articles/${ids.pub}</loc>`);
    expect(res.body).toContain(`/portal/portal-a/articles/${ids.xss}</loc>`);
    for (const id of [ids.internal, ids.draft, ids.other]) expect(res.body).not.toContain(id);
    expect(res.body).toContain(`<loc>http://localhost:80/portal/portal-a/categories/${ids.catA}</loc>`);
  });

  describe('"was this helpful?"', () => {
    const counts = async () => {
      const a = await t.services.knowledge.getArticle(A.ctx, ids.pub);
      return { helpful: a.helpful, notHelpful: a.notHelpful };
    };

    it('counts a vote with a fresh token and thanks the visitor', async () => {
      const before = await counts();
      const token = tokenOf(page(await get(`/portal/portal-a/articles/${ids.pub}?lang=en`)));
      const res = await post(`/portal/portal-a/articles/${ids.pub}/feedback?lang=en`, { helpful: 'no', token });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(`/portal/portal-a/articles/${ids.pub}?feedback=thanks&lang=en#feedback`);
      expect(await counts()).toEqual({ ...before, notHelpful: before.notHelpful + 1 });
      await t.services.portal.reader.flushViews();
      const views = (await t.services.knowledge.getArticle(A.ctx, ids.pub)).views;
      const thanks = page(await get(res.headers.location!.replace('#feedback', '')));
      expect(thanks).toContain('Thank you for your feedback.');
      await t.services.portal.reader.flushViews();
      expect((await t.services.knowledge.getArticle(A.ctx, ids.pub)).views).toBe(views);
    });

    it('re-shows the form with a message for a bad or expired token, and silently drops a filled honeypot', async () => {
      const before = await counts();
      const token = tokenOf(page(await get(`/portal/portal-a/articles/${ids.pub}`)));
      const bad = await post(`/portal/portal-a/articles/${ids.pub}/feedback`, { helpful: 'yes', token: `${token.slice(0, -2)}xx` });
      expect(bad.headers.location).toContain('feedback=retry');
      expect(page(await get(bad.headers.location!.replace('#feedback', '')))).toContain('もう一度お選びください。');
      // A token for another article does not fit this one.
      const otherToken = tokenOf(page(await get(`/portal/portal-a/articles/${ids.xss}`)));
      expect((await post(`/portal/portal-a/articles/${ids.pub}/feedback`, { helpful: 'yes', token: otherToken })).headers.location).toContain('feedback=retry');
      now += 3 * 3_600_000;
      const expired = await post(`/portal/portal-a/articles/${ids.pub}/feedback`, { helpful: 'yes', token });
      expect(expired.headers.location).toContain('feedback=retry');
      const fresh = tokenOf(page(await get(`/portal/portal-a/articles/${ids.pub}`)));
      const bot = await post(`/portal/portal-a/articles/${ids.pub}/feedback`, { helpful: 'yes', token: fresh, website: 'http://spam.example' });
      expect(bot.headers.location).toContain('feedback=thanks');
      expect(await counts()).toEqual(before);
      expect(page(await post(`/portal/portal-a/articles/${ids.pub}/feedback`, { helpful: 'maybe', token: fresh }), 400)).toContain('リクエストが正しくありません');
    });
  });

  describe('contact form', () => {
    const valid = { name: '山田 太郎', email: 'taro@example.jp', phone: '090-1234-5678', subject: '送料について', message: '離島への送料を教えてください。', consent: 'on' };
    const casesOf = async (ctx: TenantContext) => (await t.services.cases.listCases(ctx, { page: 1, pageSize: 100 })).items;

    it('stores an interaction and a case, matched to the customer by e-mail, and shows a reference number', async () => {
      const customer = (await adminA.post('/api/v1/customers', { name: '山田 太郎', emails: [{ value: 'taro@example.jp' }] })).json() as { id: string };
      const getRes = await get('/portal/portal-a/contact');
      expect(getRes.headers['cache-control']).toBe('no-store');
      const token = tokenOf(page(getRes));
      const res = await post('/portal/portal-a/contact', { ...valid, token });
      const html = page(res);
      expect(res.headers['cache-control']).toBe('no-store');
      const ref = /受付番号: <strong>([^<]+)<\/strong>/.exec(html)?.[1];
      expect(ref).toBeTruthy();
      const created = (await casesOf(A.ctx)).find((c) => c.displayNumber === ref)!;
      expect(created).toMatchObject({ title: '送料について', customerId: customer.id, status: 'new' });
      const detail = await t.services.cases.getCase(A.ctx, created.id);
      expect(detail.interactions).toHaveLength(1);
      expect(detail.interactions[0]).toMatchObject({ channel: 'web', direction: 'inbound', customerId: customer.id, subject: '送料について' });
      expect(detail.interactions[0]!.notes).toContain('離島への送料を教えてください。');
      expect(detail.interactions[0]!.notes).toContain('メール: taro@example.jp');
      expect(await casesOf(B.ctx)).toEqual([]);
    });

    it('re-shows the form with messages and the entered values, escaped, and stores nothing', async () => {
      const before = (await casesOf(A.ctx)).length;
      const token = tokenOf(page(await get('/portal/portal-a/contact')));
      const evil = '<script>window.__xss=6</script>';
      const res = await post('/portal/portal-a/contact', { name: evil, email: `${evil}@x`, phone: 'abc', subject: evil, message: evil, token });
      const html = page(res, 400);
      expect(scriptTags(html)).toEqual([]);
      expect(html).toContain('value="&lt;script&gt;window.__xss=6&lt;/script&gt;"');
      expect(html).toContain('&lt;script&gt;window.__xss=6&lt;/script&gt;</textarea>');
      expect(html).toContain('メールアドレスの形式が正しくありません。');
      expect(html).toContain('電話番号の形式が正しくありません。');
      expect(html).toContain('送信するには同意が必要です。');
      expect(html).toContain('aria-invalid="true"');
      const empty = page(await post('/portal/portal-a/contact?lang=en', { token }), 400);
      expect(empty).toContain('Please fill this in.');
      expect((await casesOf(A.ctx)).length).toBe(before);
    });

    it('asks to send again on a bad or expired token, keeping the values; a filled honeypot is thanked and dropped', async () => {
      const before = (await casesOf(A.ctx)).length;
      const stale = tokenOf(page(await get('/portal/portal-a/contact')));
      now += 3 * 3_600_000;
      for (const token of [stale, 'forged.token', '', tokenOf(page(await get('/portal/portal-b/contact')))]) {
        const html = page(await post('/portal/portal-a/contact', { ...valid, token }), 400);
        expect(html).toContain('もう一度送信してください。');
        expect(html).toContain('value="taro@example.jp"');
        expect(tokenOf(html)).not.toBe(token);
      }
      const fresh = tokenOf(page(await get('/portal/portal-a/contact')));
      const bot = page(await post('/portal/portal-a/contact', { ...valid, token: fresh, website: 'spam' }));
      expect(bot).toContain('お問い合わせを受け付けました');
      expect(bot).not.toContain('受付番号: <strong>');
      expect((await casesOf(A.ctx)).length).toBe(before);
    });

    it('enters routing as a web contact when the portal has a contact queue', async () => {
      const queue = (await adminA.post('/api/v1/routing/queues', { name: 'ポータル窓口' })).json() as { id: string };
      expect((await adminA.request('PUT', '/api/v1/portal/settings', { enabled: true, title: 'さくら サポート', primaryColor: '#b0124f', accentColor: '#f9c6d7', contactQueueId: queue.id })).statusCode).toBe(200);
      const token = tokenOf(page(await get('/portal/portal-a/contact')));
      const html = page(await post('/portal/portal-a/contact', { ...valid, email: 'new.visitor@example.jp', phone: '', subject: '取扱説明書', token }));
      const ref = /受付番号: <strong>([^<]+)<\/strong>/.exec(html)![1];
      const created = (await casesOf(A.ctx)).find((c) => c.displayNumber === ref)!;
      expect(created.customerId).toBeNull();
      const interaction = (await t.services.cases.getCase(A.ctx, created.id)).interactions[0]!;
      const contacts = await t.services.contacts.listContacts(A.ctx, { limit: 10 });
      expect(contacts.find((c) => c.interactionId === interaction.id)).toMatchObject({ channel: 'web', queueId: queue.id, from: 'new.visitor@example.jp', subject: '取扱説明書' });
      expect(interaction.notes).toContain('new.visitor@example.jp');
    });

    it('limits posts per client address with a 429 page', async () => {
      const token = tokenOf(page(await get('/portal/portal-a/contact')));
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) statuses.push((await post('/portal/portal-a/contact', { token }, '10.9.9.9')).statusCode);
      expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
      const limited = await post('/portal/portal-a/contact', { token }, '10.9.9.9');
      expect(page(limited, 429)).toContain('アクセスが集中しています');
      expect(limited.headers['retry-after']).toBeDefined();
      expect((await post('/portal/portal-a/contact', { token }, '10.9.9.10')).statusCode).toBe(400);
    });
  });
});
