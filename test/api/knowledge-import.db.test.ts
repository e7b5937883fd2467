import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenantWithStaff, TEST_PASSWORD } from '../factories/tenant.factory.js';
import { expectProblem } from '../support/http-expect.js';
import { createTestApp, HttpSession, type TestApp } from '../support/test-app.js';
import { testEngines } from '../support/test-db.js';

const K = '/api/v1/knowledge';
const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../fixtures/knowledge-import/${name}`, import.meta.url)));

/** A multipart/form-data body as a browser sends it: the file in `file`, options as text fields. */
function form(file: { name: string; data: Buffer } | null, fields: Record<string, string> = {}, fileField = 'file') {
  const boundary = '----madoguchi-test-boundary';
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${fileField}"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`), file.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

interface Report {
  id: string; fileName: string; format: string; published: boolean;
  counts: { articles: number; categories: number; skipped: number; warnings: number };
  created: { id: string; title: string; categoryId: string | null; source: string | null }[];
  problems: { where: string; code: string; skipped: boolean; message: string }[];
}

describe.each(testEngines())('knowledge import API [%s]', (engine) => {
  let t: TestApp;
  let sup: HttpSession;
  let agent: HttpSession;
  let adminB: HttpSession;

  beforeAll(async () => {
    t = await createTestApp(engine);
    const A = await createTenantWithStaff(t.services, 'ki-alpha');
    const B = await createTenantWithStaff(t.services, 'ki-beta');
    const login = (email: string) => new HttpSession(t.app).login(email, TEST_PASSWORD);
    [sup, agent, adminB] = await Promise.all([login(A.users.supervisor.email), login(A.users.agent.email), login(B.users.admin.email)]);
  });
  afterAll(() => t.close());

  const upload = (s: HttpSession, name: string, data: Buffer, fields: Record<string, string> = {}, headers: Record<string, string> = {}) => {
    const f = form({ name, data }, fields);
    return s.post(`${K}/imports`, f.payload, { ...f.headers, ...headers });
  };
  const imported = async (s: HttpSession, name: string, data: Buffer, fields: Record<string, string> = {}) => {
    const res = await upload(s, name, data, fields);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Report;
  };
  const search = async (s: HttpSession, q: string, drafts = false) => {
    const res = await s.get(`${K}/search?q=${encodeURIComponent(q)}${drafts ? '&drafts=true' : ''}`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { hits: { id: string; title: string }[] }).hits;
  };
  const categories = async (s: HttpSession) => (await s.get(`${K}/categories`)).json() as { id: string; parentId: string | null; name: string }[];
  const article = async (s: HttpSession, id: string) => (await s.get(`${K}/articles/${id}`)).json() as { title: string; body: string; status: string; categoryId: string | null; tags: string[]; visibility: string };
  const importCount = async (s: HttpSession) => ((await s.get(`${K}/imports`)).json() as { total: number }).total;

  it('imports a Word manual: chapters become categories, sections drafts with lists and tables; the report lists the empty section', async () => {
    const r = await imported(sup, 'aircon-manual.docx', fixture('aircon-manual.docx'));
    expect(r).toMatchObject({ fileName: 'aircon-manual.docx', format: 'docx', published: false, counts: { articles: 6, categories: 3, skipped: 1, warnings: 0 } });
    expect(r.created.map((a) => a.title)).toEqual(['aircon-manual', '電源プラグについて', '設置場所について', '運転を始める', 'タイマーの設定', 'エラーコード一覧']);
    expect(r.problems).toEqual([{ where: 'お問い合わせ先', code: 'empty_section', skipped: true, message: '見出し「お問い合わせ先」の下に本文がないため、記事にしませんでした' }]);

    const cats = await categories(sup);
    const chapter3 = cats.find((c) => c.name === '第3章 故障かな？と思ったら');
    expect(chapter3?.parentId).toBeNull();
    const errors = await article(sup, r.created[5]!.id);
    expect(errors).toMatchObject({ status: 'draft', categoryId: chapter3!.id, visibility: 'internal' });
    expect(errors.body).toContain('| E-05 | 室外機との通信異常 | 電源を切り、5分後に入れ直す |');
    expect((await article(sup, r.created[4]!.id)).body).toBe('「切タイマー」ボタンを押すたびに、**1時間・2時間・4時間**の順に切り替わります。\n\n## 入タイマー\n\n起床時刻に合わせて運転を始めたいときは「入タイマー」を使います。');

    // Drafts: editors find them, agents do not (until published).
    expect((await search(sup, '室外機 通信', true)).map((h) => h.id)).toContain(r.created[5]!.id);
    expect(await search(agent, '室外機 通信')).toEqual([]);
  });

  it('imports a PDF published: headings inferred, pages in the report, searchable by agents', async () => {
    const r = await imported(sup, 'aircon-guide.pdf', fixture('aircon-guide.pdf'), { publish: 'true', visibility: 'public' });
    expect(r.created.map((a) => [a.title, a.source])).toEqual([
      ['SR-4501 Quick Guide', null], ['1. Getting started', 'p. 1'], ['1.1 Remote control batteries', 'p. 1'],
      ['1.2 Filter cleaning', 'p. 1'], ['2.1 Error E-05', 'p. 2'], ['2.2 Error E-12', 'p. 2'],
    ]);
    expect(r.problems).toEqual([{ where: '3ページ', code: 'page_without_text', skipped: true, message: expect.stringContaining('スキャン') }]);
    const hits = await search(agent, 'E-05 breaker');
    expect(hits[0]?.title).toBe('2.1 Error E-05');
    const filter = await article(agent, r.created[3]!.id);
    expect(filter).toMatchObject({ status: 'published', visibility: 'public' });
    expect(filter.body).toContain('- Pull the filter out and rinse it with lukewarm water.');
    const parent = (await categories(sup)).find((c) => c.id === filter.categoryId);
    expect(parent?.name).toBe('1. Getting started');
  });

  it('imports Markdown under a chosen category, reusing existing categories by name', async () => {
    const root = (await sup.post(`${K}/categories`, { name: 'はなまる通販' })).json() as { id: string };
    const existing = (await sup.post(`${K}/categories`, { name: '配送について', parentId: root.id })).json() as { id: string };
    const r = await imported(sup, 'faq-manual.md', fixture('faq-manual.md'), { categoryId: root.id, publish: 'true' });
    expect(r.counts).toEqual({ articles: 6, categories: 2, skipped: 1, warnings: 1 }); // ご注文について, 返品について are new
    expect(r.problems.map((p) => [p.code, p.where])).toEqual([['html_as_text', '28行目'], ['empty_section', '44行目: 交換']]);
    const shipping = r.created.find((a) => a.title === '送料')!;
    expect(shipping.categoryId).toBe(existing.id);
    const body = (await article(sup, shipping.id)).body;
    expect(body).toContain('離島は別途料金がかかります。');
    expect(body).not.toContain('<div');
    expect((await search(agent, '送料無料')).map((h) => h.title)).toContain('送料');
    expect((await categories(sup)).filter((c) => c.name === '配送について')).toHaveLength(1);
  });

  it('imports Q&A sheets: CSV in CP932 and UTF-8 with BOM, and a workbook with a sheet per category', async () => {
    const sjis = await imported(sup, 'faq-cp932.csv', fixture('faq-cp932.csv'), { publish: 'true' });
    expect(sjis.created.map((a) => a.title)).toEqual(['電源が入らない', 'リモコンが効かない', 'ﾌｨﾙﾀｰの掃除方法']);
    expect(sjis.problems.map((p) => [p.where, p.code])).toEqual([['5行目', 'missing_answer'], ['6行目', 'missing_question']]);
    const power = await article(sup, sjis.created[0]!.id);
    expect(power).toMatchObject({ tags: ['エアコン', '電源'], body: '電源プラグが抜けていないか、ブレーカーが落ちていないかご確認ください。\nそれでも入らない場合は修理受付へご連絡ください。' });
    expect((await search(agent, 'フィルター 掃除')).map((h) => h.title)).toContain('ﾌｨﾙﾀｰの掃除方法');

    const bom = await imported(sup, 'faq-utf8-bom.csv', fixture('faq-utf8-bom.csv'));
    expect(bom.created.map((a) => a.title)).toEqual(['How do I reset my password?', 'Can I change my delivery date?']);
    expect(bom.problems).toEqual([]);

    const xlsx = await imported(sup, 'faq.xlsx', fixture('faq.xlsx'), { publish: 'true' });
    expect(xlsx.created.map((a) => [a.title, a.source])).toEqual([
      ['注文した商品はいつ届きますか', '配送 row 2'], ['配送先を変更したい', '配送 row 3'], ['返品の送料は誰が負担しますか', '返品 row 2'],
    ]);
    expect(xlsx.problems).toEqual([{ where: 'シート「配送」4行目', code: 'missing_question', skipped: true, message: '質問が空のため、この行は取り込みませんでした' }]);
    const cats = await categories(sup);
    expect(cats.find((c) => c.id === xlsx.created[2]!.categoryId)?.name).toBe('返品');
    expect((await search(agent, '返品 送料')).map((h) => h.title)).toContain('返品の送料は誰が負担しますか');
  });

  it('imports a plain-text manual in CP932 with inferred headings; control characters do not reach the database', async () => {
    const text = iconv.encode('第1章 お手入れ\r\n本体は乾いた布で\u0007拭いてください。\r\n\r\n第2章 保証\r\n保証期間は1年です。\u001b\r\n', 'cp932');
    const r = await imported(sup, 'care.txt', text);
    expect(r.created.map((a) => [a.title, a.source])).toEqual([['第1章 お手入れ', 'line 1'], ['第2章 保証', 'line 4']]);
    expect((await article(sup, r.created[0]!.id)).body).toBe('本体は乾いた布で拭いてください。');
    expect((await article(sup, r.created[1]!.id)).body).toBe('保証期間は1年です。');
  });

  it('keeps the report: listed newest first and readable again, in English for an English caller', async () => {
    const list = (await sup.get(`${K}/imports?pageSize=2`)).json() as { items: (Report & { created?: unknown })[]; total: number };
    expect(list.total).toBeGreaterThanOrEqual(7);
    expect(list.items.map((i) => i.fileName)).toEqual(['care.txt', 'faq.xlsx']);
    expect(list.items[0]!.created).toBeUndefined();
    const token = (await t.services.auth.createApiToken({ tenantId: (await t.services.tenants.getBySlug('ki-alpha')).id, role: 'supervisor', name: 'import' })).token;
    const en = (await HttpSession.withToken(t.app, token).get(`${K}/imports/${list.items[1]!.id}`, { 'accept-language': 'en-US,en;q=0.9' })).json() as Report;
    expect(en.problems).toEqual([{ where: '配送 row 4', code: 'missing_question', skipped: true, message: 'The question is empty; the row was not imported' }]);
    expect(en.created).toHaveLength(3);
  });

  it('refuses the same file twice unless forced', async () => {
    const data = fixture('faq-utf8-bom.csv');
    const dup = expectProblem(await upload(sup, 'renamed.csv', data), 409, 'already_imported');
    expect(dup.detail).toContain('取り込み済み');
    const again = await imported(sup, 'renamed.csv', data, { force: 'true' });
    expect(again.counts.articles).toBe(2);
  });

  it('answers bad files with a clear problem and writes nothing', async () => {
    const before = await importCount(sup);
    const articlesBefore = (await search(sup, 'エアコン', true)).length;
    let p = expectProblem(await upload(sup, 'truncated.docx', fixture('truncated.docx')), 422, 'corrupt_file');
    expect(p.detail).toContain('末尾が欠けています');
    p = expectProblem(await upload(sup, 'random.pdf', fixture('random.pdf')), 422, 'corrupt_file');
    expect(p.detail).toContain('PDF ではありません');
    p = expectProblem(await upload(sup, 'manual.docx', fixture('aircon-guide.pdf')), 422, 'corrupt_file');
    expect(p.detail).toContain('PDF ファイルです');
    expectProblem(await upload(sup, 'faq.docx', fixture('faq.xlsx')), 422, 'corrupt_file');
    expectProblem(await upload(sup, 'empty.md', fixture('empty.md')), 422, 'empty_file');
    p = expectProblem(await upload(sup, 'setup.exe', Buffer.from('MZ')), 415, 'unsupported_format');
    expect(p.detail).toContain('.docx, .pdf, .md, .txt, .csv, .xlsx');
    expect(expectProblem(await upload(sup, 'old.doc', Buffer.from('x')), 415, 'unsupported_format').detail).toContain('.docx 形式で保存し直して');
    p = expectProblem(await upload(sup, 'header-only.csv', Buffer.from('質問,回答\n,\n電源,\n')), 422, 'nothing_to_import');
    expect(p.errors).toEqual([{ path: '3行目', message: '回答が空のため、この行は取り込みませんでした' }]);
    expectProblem(await upload(sup, 'notes.md', Buffer.from([0x83, 0x41, 0xff, 0xfe, 0x00, 0x41])), 422, 'corrupt_file');

    const big = Buffer.alloc(21 * 1024 * 1024, 0x41);
    p = expectProblem(await upload(sup, 'huge.md', big), 413, 'file_too_large');
    expect(p.detail).toContain('20 MB');

    // The form itself.
    expectProblem(await sup.post(`${K}/imports`, form(null, { publish: 'true' }).payload, form(null).headers), 400, 'validation_failed');
    const other = form({ name: 'a.md', data: Buffer.from('# a\n\nb') }, {}, 'upload');
    expectProblem(await sup.post(`${K}/imports`, other.payload, other.headers), 400, 'validation_failed');
    expectProblem(await upload(sup, 'a.md', Buffer.from('# a\n\nb'), { visibility: 'secret' }), 400, 'validation_failed');
    expectProblem(await upload(sup, 'a.md', Buffer.from('# a\n\nb'), { categoryId: '00000000-0000-4000-8000-000000000000' }), 400, 'validation_failed');
    expectProblem(await sup.post(`${K}/imports`, { file: 'x' }), 415, 'unsupported_media_type');
    expectProblem(await sup.post(`${K}/imports`, Buffer.from('garbage'), { 'content-type': 'multipart/form-data' }), 400, 'validation_failed');
    expectProblem(await sup.post(`${K}/imports`, Buffer.from('--b\r\nContent-Disposition: form-data; name="file"; filename="a.md"\r\n\r\n# a'), { 'content-type': 'multipart/form-data; boundary=b' }), 400, 'validation_failed');
    expectProblem(await upload(agent, 'a.md', Buffer.from('# a\n\nb')), 403, 'forbidden');

    expect(await importCount(sup)).toBe(before);
    expect((await search(sup, 'エアコン', true)).length).toBe(articlesBefore);
  });

  it('keeps tenants apart: another tenant’s reports are not found or listed; its own import of the same file is no duplicate', async () => {
    const mine = (await sup.get(`${K}/imports`)).json() as { items: { id: string }[] };
    expectProblem(await adminB.get(`${K}/imports/${mine.items[0]!.id}`), 404, 'not_found');
    expect(((await adminB.get(`${K}/imports`)).json() as { total: number }).total).toBe(0);
    const alphaCategory = (await categories(sup))[0]!;
    expectProblem(await upload(adminB, 'faq.md', Buffer.from('# a\n\nb'), { categoryId: alphaCategory.id }), 400, 'validation_failed');
    const theirs = await imported(adminB, 'faq.xlsx', fixture('faq.xlsx'));
    expect(theirs.counts.categories).toBe(2);
    expect((await categories(adminB)).map((c) => c.name).sort()).toEqual(['配送', '返品'].sort());
    expectProblem(await sup.get(`${K}/imports/${theirs.id}`), 404, 'not_found');
  });

  it('audits the import', async () => {
    const tenant = await t.services.tenants.getBySlug('ki-alpha');
    const audit = await t.services.audit.list({ tenantId: tenant.id } as never, { entity: 'knowledge_import' }, 1, 50);
    expect(audit.items.length).toBeGreaterThanOrEqual(6);
    expect(audit.items.find((e) => (e.changes as { fileName?: string }).fileName === 'aircon-manual.docx')?.changes).toMatchObject({ format: 'docx', articles: 6, categories: 3, skipped: 1, published: false });
  });
});
