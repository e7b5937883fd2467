import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, HttpSession, type TestApp } from '../support/test-app.js';
import { testEngines } from '../support/test-db.js';
import { expectProblem } from '../support/http-expect.js';
import { createTenantWithStaff, TEST_PASSWORD } from '../factories/tenant.factory.js';

const K = '/api/v1/knowledge';
/** A problem body with its `reason` (the finer code of a refusal). */
const problem = (...args: Parameters<typeof expectProblem>) => expectProblem(...args) as ReturnType<typeof expectProblem> & { reason?: string };
const MB = 1024 * 1024;
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('取扱説明書の本文'), Buffer.from('\n%%EOF\n')]);

/** A multipart/form-data body with one file in the field `field`. */
function multipart(fileName: string, data: Buffer, field = 'file', contentType = 'application/octet-stream') {
  const boundary = '----madoguchi-test-boundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`;
  return { payload: Buffer.concat([Buffer.from(head), data, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

// Files attached to articles: type and size checks, download headers, tenants apart.
describe.each(testEngines())('knowledge attachments [%s]', (engine) => {
  let t: TestApp;
  let supervisor: HttpSession;
  let agent: HttpSession;
  let adminB: HttpSession;
  let article: string;
  let draft: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    const A = await createTenantWithStaff(t.services, 'ka-alpha');
    const B = await createTenantWithStaff(t.services, 'ka-beta');
    const login = (email: string) => new HttpSession(t.app).login(email, TEST_PASSWORD);
    [supervisor, agent, adminB] = await Promise.all([login(A.users.supervisor.email), login(A.users.agent.email), login(B.users.admin.email)]);
    article = (await supervisor.post(`${K}/articles`, { title: '取扱説明書', body: '添付をご覧ください。', visibility: 'public', publish: true })).json().id;
    draft = (await supervisor.post(`${K}/articles`, { title: '下書き', body: 'x' })).json().id;
  });
  afterAll(() => t.close());

  const upload = (s: HttpSession, id: string, fileName: string, data: Buffer, contentType?: string) => {
    const m = multipart(fileName, data, 'file', contentType);
    return s.request('POST', `${K}/articles/${id}/attachments`, m.payload, m.headers);
  };

  it('stores a file with its sha256, lists it and serves it as a download', async () => {
    const res = await upload(supervisor, article, '取扱説明書 v2.pdf', PDF, 'text/html');
    expect(res.statusCode, res.body).toBe(201);
    const att = res.json() as { id: string; fileName: string; contentType: string; size: number; sha256: string };
    // The stored type comes from the checked file, not from what the browser declared.
    expect(att).toMatchObject({ fileName: '取扱説明書 v2.pdf', contentType: 'application/pdf', size: PDF.length });
    const { createHash } = await import('node:crypto');
    expect(att.sha256).toBe(createHash('sha256').update(PDF).digest('hex'));

    expect((await agent.get(`${K}/articles/${article}/attachments`)).json()).toEqual([expect.objectContaining({ id: att.id, fileName: '取扱説明書 v2.pdf' })]);
    const dl = await agent.get(`${K}/articles/${article}/attachments/${att.id}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.headers['content-disposition']).toBe(`attachment; filename="_____ v2.pdf"; filename*=UTF-8''${encodeURIComponent('取扱説明書 v2.pdf')}`);
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    expect(dl.rawPayload.equals(PDF)).toBe(true);
  });

  it('accepts a file of exactly 10 MB and refuses a larger one with 413 in Japanese and English', async () => {
    const exact = Buffer.alloc(10 * MB, 0x41);
    PDF.copy(exact);
    expect((await upload(supervisor, article, 'big.pdf', exact)).statusCode).toBe(201);
    const over = Buffer.concat([exact, Buffer.from('x')]);
    const p = problem(await upload(supervisor, article, 'big.pdf', over), 413, 'payload_too_large');
    expect(p.reason).toBe('file_too_large');
    expect(p.detail).toContain('10 MB までです');
    expect(p.detail).toContain('limited to 10 MB');
  });

  it('refuses other types and files whose bytes do not match their extension', async () => {
    const html = problem(await upload(supervisor, article, 'page.html', Buffer.from('<script>alert(1)</script>')), 415, 'unsupported_media_type');
    expect(html.reason).toBe('type_not_allowed');
    expect(html.detail).toContain('PDF');
    expect(problem(await upload(supervisor, article, 'photo.png', Buffer.from('<html><script>alert(1)</script>')), 415, 'unsupported_media_type').reason).toBe('content_mismatch');
    expect(problem(await upload(supervisor, article, 'empty.pdf', Buffer.alloc(0)), 400, 'bad_request').reason).toBe('empty_file');
    expect(problem(await supervisor.post(`${K}/articles/${article}/attachments`, { file: 'x' }), 415, 'unsupported_media_type').reason).toBe('not_multipart');
    const wrongField = multipart('a.pdf', PDF, 'document');
    expect(problem(await supervisor.request('POST', `${K}/articles/${article}/attachments`, wrongField.payload, wrongField.headers), 400, 'bad_request').reason).toBe('no_file');
    const cut = multipart('a.pdf', PDF);
    expect(problem(await supervisor.request('POST', `${K}/articles/${article}/attachments`, cut.payload.subarray(0, cut.payload.length - 8), cut.headers), 400, 'bad_request').reason).toBe('malformed_multipart');
    expect(await (await t.services.knowledgeAttachments.list(
      { tenantId: (await t.services.tenants.list()).find((x) => x.slug === 'ka-alpha')!.id, tenantSlug: 'ka-alpha', timeZone: 'Asia/Tokyo', role: 'admin', actorUserId: null, actorTokenId: null, ip: null, userAgent: null },
      article, { drafts: true },
    )).map((x) => x.fileName).sort()).toEqual(['big.pdf', '取扱説明書 v2.pdf']);
  });

  it('lets readers read attachments of published articles only; editors add and delete', async () => {
    const csv = await upload(supervisor, draft, '一覧.csv', Buffer.from('型番,容量\nSD-AC22,6畳\n'));
    expect(csv.statusCode, csv.body).toBe(201);
    const id = csv.json().id as string;
    problem(await agent.get(`${K}/articles/${draft}/attachments`), 404, 'not_found');
    problem(await agent.get(`${K}/articles/${draft}/attachments/${id}`), 404, 'not_found');
    expect((await supervisor.get(`${K}/articles/${draft}/attachments/${id}`)).headers['content-type']).toBe('text/csv');
    problem(await upload(agent, article, 'a.pdf', PDF), 403, 'forbidden');
    problem(await agent.delete(`${K}/articles/${draft}/attachments/${id}`), 403, 'forbidden');
    expect((await supervisor.delete(`${K}/articles/${draft}/attachments/${id}`)).statusCode).toBe(204);
    problem(await supervisor.delete(`${K}/articles/${draft}/attachments/${id}`), 404, 'not_found');
  });

  it('keeps tenants apart: another tenant’s article and attachment ids give 404', async () => {
    const att = (await upload(supervisor, article, 'secret.txt', Buffer.from('社外秘'))).json().id as string;
    problem(await upload(adminB, article, 'x.pdf', PDF), 404, 'not_found');
    problem(await adminB.get(`${K}/articles/${article}/attachments`), 404, 'not_found');
    problem(await adminB.get(`${K}/articles/${article}/attachments/${att}`), 404, 'not_found');
    problem(await adminB.delete(`${K}/articles/${article}/attachments/${att}`), 404, 'not_found');
    // The attachment id under another article of the right tenant is not found either.
    problem(await supervisor.get(`${K}/articles/${draft}/attachments/${att}`), 404, 'not_found');
    expect((await agent.get(`${K}/articles/${article}/attachments/${att}`)).body).toBe('社外秘');
  });
});
