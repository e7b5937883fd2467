import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, HttpSession, type TestApp } from '../support/test-app.js';
import { testEngines } from '../support/test-db.js';
import { expectProblem } from '../support/http-expect.js';
import { createTenantWithStaff, TEST_PASSWORD } from '../factories/tenant.factory.js';

const K = '/api/v1/knowledge';
/** A problem body with its `reason` (the finer code of a refusal). */
const problem = (...args: Parameters<typeof expectProblem>) => expectProblem(...args) as ReturnType<typeof expectProblem> & { reason?: string };
type Role = 'agent' | 'supervisor' | 'admin' | 'hq' | 'client_viewer';
interface Article { id: string; title: string; body: string; bodyHtml: string; status: string; latestVersion: number; publishedVersion: number | null; related: { id: string; title: string }[] }

// Drafts, review, publication and history of articles, through HTTP, for each role.
describe.each(testEngines())('knowledge workflow [%s]', (engine) => {
  let t: TestApp;
  const A = {} as Record<Role | 'supervisor2', HttpSession>;
  let adminB: HttpSession;

  beforeAll(async () => {
    t = await createTestApp(engine);
    const alpha = await createTenantWithStaff(t.services, 'kw-alpha');
    const beta = await createTenantWithStaff(t.services, 'kw-beta');
    const login = (email: string) => new HttpSession(t.app).login(email, TEST_PASSWORD);
    for (const role of ['agent', 'supervisor', 'admin', 'hq', 'client_viewer'] as const) A[role] = await login(alpha.users[role].email);
    const second = await t.services.users.createUser({ email: 'supervisor2@kw-alpha.test', password: TEST_PASSWORD, displayName: '二人目' });
    await t.services.users.grantRole(second.id, alpha.tenant.id, 'supervisor');
    A.supervisor2 = await login('supervisor2@kw-alpha.test');
    adminB = await login(beta.users.admin.email);
  });
  afterAll(() => t.close());

  const ok = async <T = Article>(res: { statusCode: number; body: string; json(): unknown }, status = 200) => {
    expect(res.statusCode, res.body).toBe(status);
    return res.json() as T;
  };
  const content = (over: Record<string, unknown> = {}) => ({ title: '返品の受付期間', body: '到着後**8日以内**にご連絡ください。', tags: ['返品'], visibility: 'public', ...over });
  const create = async (s: HttpSession, over: Record<string, unknown> = {}) => ok(await s.post(`${K}/articles`, content(over)), 201);
  const put = (s: HttpSession, id: string, baseVersion: number, over: Record<string, unknown> = {}) => s.request('PUT', `${K}/articles/${id}`, { ...content(over), baseVersion });
  const act = (s: HttpSession, id: string, action: string, body: object = {}) => s.post(`${K}/articles/${id}/${action}`, body);
  const search = async (s: HttpSession, q: string) => ((await s.get(`${K}/search?q=${encodeURIComponent(q)}`)).json() as { hits: { id: string; title: string; snippet: { text: string } }[] }).hits;

  it('takes a draft through review to publication; readers see only the published version meanwhile', async () => {
    const a = await create(A.supervisor);
    expect(a).toMatchObject({ status: 'draft', latestVersion: 1, publishedVersion: null });
    expect(a.bodyHtml).toBe('<p>到着後<strong>8日以内</strong>にご連絡ください。</p>\n');
    problem(await A.agent.get(`${K}/articles/${a.id}`), 404, 'not_found');

    expect(await ok(await act(A.supervisor, a.id, 'submit'))).toMatchObject({ status: 'in_review', latestVersion: 1 });
    expect(await ok(await act(A.supervisor2, a.id, 'approve', { note: '確認しました' }))).toMatchObject({ status: 'published', publishedVersion: 1 });
    expect(await ok(await A.agent.get(`${K}/articles/${a.id}`))).toMatchObject({ title: '返品の受付期間', status: 'published' });

    // A new draft on the published article: readers and search keep version 1.
    expect(await ok(await put(A.supervisor, a.id, 1, { title: '返品・交換の受付期間', body: '到着後**14日以内**にご連絡ください。' }))).toMatchObject({ status: 'draft', latestVersion: 2, publishedVersion: 1 });
    const seen = await ok(await A.agent.get(`${K}/articles/${a.id}`));
    expect(seen).toMatchObject({ title: '返品の受付期間', body: '到着後**8日以内**にご連絡ください。', publishedVersion: 1, latestVersion: 2 });
    expect((await search(A.agent, '14日以内')).map((h) => h.id)).not.toContain(a.id);
    expect((await search(A.agent, '8日以内')).map((h) => h.id)).toContain(a.id);

    await ok(await act(A.supervisor, a.id, 'submit'));
    await ok(await act(A.hq, a.id, 'approve'));
    expect(await ok(await A.agent.get(`${K}/articles/${a.id}`))).toMatchObject({ title: '返品・交換の受付期間', publishedVersion: 2, status: 'published' });
    expect((await search(A.agent, '14日以内')).map((h) => h.id)).toContain(a.id);
    expect((await search(A.agent, '8日以内')).map((h) => h.id)).not.toContain(a.id);

    const versions = await ok<{ version: number; status: string; isPublished: boolean; reviewNote: string | null }[]>(await A.supervisor.get(`${K}/articles/${a.id}/versions`));
    expect(versions.map((v) => [v.version, v.status, v.isPublished])).toEqual([[2, 'published', true], [1, 'published', false]]);
    expect(versions[1]!.reviewNote).toBe('確認しました');
  });

  it('refuses moves the workflow does not allow, with 409 and a reason', async () => {
    const a = await create(A.supervisor);
    expect(problem(await act(A.supervisor2, a.id, 'approve'), 409, 'invalid_transition').reason).toBe('not_in_review');
    expect(problem(await act(A.supervisor2, a.id, 'reject', { note: 'x' }), 409, 'invalid_transition').reason).toBe('not_in_review');
    await ok(await act(A.supervisor, a.id, 'submit'));
    expect(problem(await act(A.supervisor, a.id, 'submit'), 409, 'invalid_transition').reason).toBe('not_a_draft');
    problem(await act(A.supervisor2, a.id, 'reject', {}), 400, 'validation_failed');
    expect(await ok(await act(A.supervisor2, a.id, 'reject', { note: '受付期間の根拠を追記してください' }))).toMatchObject({ status: 'draft' });
    const v1 = await ok<{ status: string; reviewNote: string }>(await A.supervisor.get(`${K}/articles/${a.id}/versions/1`));
    expect(v1).toMatchObject({ status: 'draft', reviewNote: '受付期間の根拠を追記してください' });
    expect(await ok(await act(A.admin, a.id, 'archive'))).toMatchObject({ status: 'archived', latestVersion: 2, publishedVersion: null });
    // Archiving a published article takes it away from readers and search.
    const shelved = await ok(await A.supervisor.post(`${K}/articles`, { ...content({ title: '廃番商品の保証' }), publish: true }), 201);
    expect((await search(A.agent, '廃番')).map((h) => h.id)).toEqual([shelved.id]);
    await ok(await act(A.supervisor, shelved.id, 'archive'));
    problem(await A.agent.get(`${K}/articles/${shelved.id}`), 404, 'not_found');
    expect(await search(A.agent, '廃番')).toEqual([]);
    expect(problem(await act(A.admin, a.id, 'archive'), 409, 'invalid_transition').reason).toBe('already_archived');
    problem(await act(A.supervisor, a.id, 'approve'), 409, 'invalid_transition');
  });

  it('lets each role do only its part: write and submit (supervisor, admin, hq), approve (knowledge:approve)', async () => {
    const a = await create(A.hq);
    for (const role of ['agent', 'client_viewer'] as const) {
      problem(await put(A[role], a.id, 1), 403, 'forbidden');
      problem(await act(A[role], a.id, 'submit'), 403, 'forbidden');
      problem(await act(A[role], a.id, 'approve'), 403, 'forbidden');
      problem(await act(A[role], a.id, 'archive'), 403, 'forbidden');
      problem(await A[role].get(`${K}/articles/${a.id}/versions`), 403, 'forbidden');
    }
    await ok(await act(A.hq, a.id, 'submit'));
    await ok(await act(A.supervisor, a.id, 'approve'));
    expect(await ok(await A.client_viewer.get(`${K}/articles/${a.id}`))).toMatchObject({ status: 'published' });
  });

  it('applies four-eyes: the author may not approve their own version, an admin may', async () => {
    const a = await create(A.supervisor);
    await ok(await act(A.supervisor, a.id, 'submit'));
    expect(problem(await act(A.supervisor, a.id, 'approve'), 403, 'forbidden').reason).toBe('four_eyes');
    // The version of another editor: the first supervisor may approve it.
    await ok(await put(A.supervisor2, a.id, 1, { body: '二人目が書き直しました。' }));
    await ok(await act(A.supervisor2, a.id, 'submit'));
    await ok(await act(A.supervisor, a.id, 'approve'));

    const own = await create(A.admin);
    await ok(await act(A.admin, own.id, 'submit'));
    expect(await ok(await act(A.admin, own.id, 'approve'))).toMatchObject({ status: 'published' });
  });

  it('refuses a save based on an old version (409 version_conflict) and keeps the other edit', async () => {
    const a = await create(A.supervisor);
    await ok(await put(A.supervisor, a.id, 1, { body: '一人目の変更' }));
    const res = problem(await put(A.supervisor2, a.id, 1, { body: '二人目の変更' }), 409, 'conflict');
    expect(res.reason).toBe('version_conflict');
    expect(res.detail).toContain('2');
    expect(await ok(await A.supervisor.get(`${K}/articles/${a.id}/versions/2`))).toMatchObject({ body: '一人目の変更' });
    problem(await A.supervisor.get(`${K}/articles/${a.id}/versions/3`), 404, 'not_found');
  });

  it('saving over a version in review withdraws it to draft', async () => {
    const a = await create(A.supervisor);
    await ok(await act(A.supervisor, a.id, 'submit'));
    expect(await ok(await put(A.supervisor, a.id, 1, { body: '誤字を直しました' }))).toMatchObject({ status: 'draft', latestVersion: 2 });
    const versions = await ok<{ version: number; status: string }[]>(await A.supervisor.get(`${K}/articles/${a.id}/versions`));
    expect(versions.map((v) => v.status)).toEqual(['draft', 'draft']);
    problem(await act(A.supervisor2, a.id, 'approve'), 409, 'invalid_transition');
  });

  it('diffs two versions line by line and restores an old one as a new draft', async () => {
    const a = await create(A.supervisor, { body: '1. マイページを開く\n2. 注文履歴を選ぶ\n3. 返品を申し込む', tags: ['返品'] });
    await ok(await put(A.supervisor, a.id, 1, { body: '1. マイページを開く\n2. 注文履歴から商品を選ぶ\n3. 返品を申し込む', tags: ['返品', '返却'] }));
    const diff = await ok<{ fields: { field: string; hunks: { lines: { op: string; text: string }[] }[] }[] }>(await A.supervisor.get(`${K}/articles/${a.id}/diff?from=1&to=2`));
    expect(diff.fields.map((f) => f.field)).toEqual(['body', 'tags']);
    const lines = diff.fields[0]!.hunks[0]!.lines;
    expect(lines.filter((l) => l.op === 'remove').map((l) => l.text)).toEqual(['2. 注文履歴を選ぶ']);
    expect(lines.filter((l) => l.op === 'add').map((l) => l.text)).toEqual(['2. 注文履歴から商品を選ぶ']);
    expect(diff.fields[1]!.hunks[0]!.lines.filter((l) => l.op === 'add')).toEqual([{ op: 'add', text: '返却' }]);
    problem(await A.supervisor.get(`${K}/articles/${a.id}/diff?from=1&to=9`), 404, 'not_found');
    problem(await A.supervisor.get(`${K}/articles/${a.id}/diff?from=x&to=2`), 400, 'validation_failed');

    problem(await A.supervisor.post(`${K}/articles/${a.id}/restore`, { version: 1, baseVersion: 1 }), 409, 'conflict');
    expect(await ok(await A.supervisor.post(`${K}/articles/${a.id}/restore`, { version: 1, baseVersion: 2 }))).toMatchObject({ latestVersion: 3, status: 'draft' });
    const v3 = await ok<{ body: string; tags: string[]; note: string }>(await A.supervisor.get(`${K}/articles/${a.id}/versions/3`));
    expect(v3).toMatchObject({ body: '1. マイページを開く\n2. 注文履歴を選ぶ\n3. 返品を申し込む', tags: ['返品'], note: 'restored from version 1' });
    // Nothing was overwritten: version 2 is still there.
    expect(await ok(await A.supervisor.get(`${K}/articles/${a.id}/versions/2`))).toMatchObject({ tags: ['返品', '返却'] });
    expect((await ok<unknown[]>(await A.supervisor.get(`${K}/articles/${a.id}/versions`))).length).toBe(3);
  });

  it('links related articles of the same tenant only; readers see the published ones', async () => {
    const published = await ok(await A.supervisor.post(`${K}/articles`, { ...content({ title: '交換の方法' }), publish: true }), 201);
    const draft = await create(A.supervisor, { title: '下書きの関連記事' });
    const other = await ok(await adminB.post(`${K}/articles`, { ...content({ title: '他社の記事' }), publish: true }), 201);
    const a = await ok(await A.supervisor.post(`${K}/articles`, { ...content(), relatedIds: [published.id, draft.id], publish: true }), 201);
    expect(a.related).toEqual([{ id: published.id, title: '交換の方法' }, { id: draft.id, title: '下書きの関連記事' }]);
    expect((await ok(await A.agent.get(`${K}/articles/${a.id}`))).related).toEqual([{ id: published.id, title: '交換の方法' }]);

    const refused = problem(await put(A.supervisor, a.id, a.latestVersion, { relatedIds: [published.id, other.id] }), 400, 'validation_failed');
    expect(refused.errors).toEqual([{ path: 'relatedIds.1', message: 'no such article in this tenant' }]);
    expect(JSON.stringify(refused)).not.toContain('他社');
    const missing = problem(await put(A.supervisor, a.id, a.latestVersion, { relatedIds: ['00000000-0000-4000-8000-000000000000'] }), 400, 'validation_failed');
    expect(missing.errors).toEqual(refused.errors!.map((e) => ({ ...e, path: 'relatedIds.0' })));
    expect(problem(await put(A.supervisor, a.id, a.latestVersion, { relatedIds: [a.id] }), 400, 'validation_failed').errors![0]!.message).toContain('itself');
    problem(await put(A.supervisor, a.id, a.latestVersion, { relatedIds: [published.id, published.id] }), 400, 'validation_failed');
    problem(await put(A.supervisor, a.id, a.latestVersion, { relatedIds: Array.from({ length: 11 }, (_, i) => `00000000-0000-4000-8000-0000000000${String(i).padStart(2, '0')}`) }), 400, 'validation_failed');
    problem(await A.supervisor.post(`${K}/articles`, { ...content(), relatedIds: [other.id] }), 400, 'validation_failed');
  });

  it('keeps tenants apart: another tenant’s article ids give 404 on every workflow route', async () => {
    const a = await create(A.supervisor);
    await ok(await act(A.supervisor, a.id, 'submit'));
    problem(await put(adminB, a.id, 1), 404, 'not_found');
    for (const action of ['submit', 'approve', 'archive']) problem(await act(adminB, a.id, action), 404, 'not_found');
    problem(await act(adminB, a.id, 'reject', { note: 'x' }), 404, 'not_found');
    problem(await adminB.post(`${K}/articles/${a.id}/restore`, { version: 1 }), 404, 'not_found');
    problem(await adminB.get(`${K}/articles/${a.id}/versions`), 404, 'not_found');
    problem(await adminB.get(`${K}/articles/${a.id}/versions/1`), 404, 'not_found');
    problem(await adminB.get(`${K}/articles/${a.id}/diff?from=1&to=1`), 404, 'not_found');
    // Still in review, untouched.
    expect((await ok<{ status: string }[]>(await A.supervisor.get(`${K}/articles/${a.id}/versions`)))[0]!.status).toBe('in_review');
  });

  it('audits the workflow moves', async () => {
    const a = await create(A.supervisor);
    await ok(await act(A.supervisor, a.id, 'submit'));
    await ok(await act(A.supervisor2, a.id, 'approve'));
    const audit = (await A.admin.get(`/api/v1/audit?entity=knowledge_article&entityId=${a.id}`)).json() as { items: { action: string }[] };
    expect(audit.items.map((i) => i.action).sort()).toEqual(['knowledge.article.approve', 'knowledge.article.create', 'knowledge.article.submit']);
  });
});
