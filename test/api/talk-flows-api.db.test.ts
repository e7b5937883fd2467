import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, HttpSession, type TestApp } from '../support/test-app.js';
import { testEngines } from '../support/test-db.js';
import { expectProblem } from '../support/http-expect.js';
import { createTenantWithStaff, TEST_PASSWORD } from '../factories/tenant.factory.js';
import { end, flow, info, q, returnsFlow } from '../../src/core/talk-flow/talk-flow-test-kit.js';
import type { TalkFlowGraph } from '../../src/core/talk-flow/talk-flow.types.js';

const F = '/api/v1/talk-flows';
const MISSING = '00000000-0000-4000-8000-00000000beef';

interface Problem { code: string; nodeId: string | null; nodeIds?: string[]; message: { ja: string; en: string } }
interface Version { version: number; graph: TalkFlowGraph; problems: Problem[]; publishable: boolean }
interface Flow { id: string; name: string; status: string; publishedVersion: number | null; latestVersion: number; latest: Version | null; published: Version | null }

/** 返品受付 with the information node linking an article. */
const withArticle = (articleId: string): TalkFlowGraph => {
  const g = returnsFlow();
  return { ...g, nodes: g.nodes.map((n) => (n.id === 'i1' && n.type === 'info' ? { ...n, articleIds: [articleId] } : n)) };
};
const cyclic = () => flow('q1',
  q('q1', '一', [['a', 'はい', 'q2'], ['b', 'いいえ', 'e']]),
  q('q2', '二', [['a', 'もう一度', 'q1'], ['b', '終わり', 'e']]),
  end('e', '終了', { kind: 'escalate' }));

// Editing, publishing and the tenant wall of talk flows (runs: talk-flows-runs.db.test.ts).
describe.each(testEngines())('talk flows API [%s]', (engine) => {
  let t: TestApp;
  let sv: HttpSession;
  let agent: HttpSession;
  let hq: HttpSession;
  let viewer: HttpSession;
  let adminB: HttpSession;
  let articleA: string;
  let articleB: string;
  let seq = 0;
  const name = (s: string) => `${s} ${++seq}`;

  beforeAll(async () => {
    t = await createTestApp(engine);
    const A = await createTenantWithStaff(t.services, 'tf-alpha');
    const B = await createTenantWithStaff(t.services, 'tf-beta');
    const login = (email: string) => new HttpSession(t.app).login(email, TEST_PASSWORD);
    [sv, agent, hq, viewer, adminB] = await Promise.all([
      login(A.users.supervisor.email), login(A.users.agent.email), login(A.users.hq.email), login(A.users.client_viewer.email), login(B.users.admin.email),
    ]);
    const article = async (s: HttpSession, title: string) => {
      const res = await s.post('/api/v1/knowledge/articles', { title, body: '未使用で8日以内なら返品できます。', visibility: 'internal', publish: true });
      expect(res.statusCode, res.body).toBe(201);
      return (res.json() as { id: string }).id;
    };
    articleA = await article(sv, '返品の条件');
    articleB = await article(adminB, '他社の返品条件');
  });
  afterAll(() => t.close());

  const create = async (graph: TalkFlowGraph, s = sv, flowName = name('返品受付')) => {
    const res = await s.post(F, { name: flowName, description: '通販の返品', graph });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Flow;
  };

  it('creates a draft, publishes it, and shows agents the published version only', async () => {
    const created = await create(withArticle(articleA));
    expect(created).toMatchObject({ status: 'draft', publishedVersion: null, latestVersion: 1, published: null });
    expect(created.latest).toMatchObject({ version: 1, problems: [], publishable: true });
    expect(created.latest!.graph.nodes.find((n) => n.id === 'i1')).toMatchObject({ articleIds: [articleA] });
    expectProblem(await agent.get(`${F}/${created.id}`), 404, 'not_found');
    expect(((await agent.get(F)).json() as { items: { id: string }[] }).items.map((f) => f.id)).not.toContain(created.id);

    const published = await sv.post(`${F}/${created.id}/publish`, { version: 1 });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ status: 'published', publishedVersion: 1 });
    const seen = (await agent.get(`${F}/${created.id}`)).json() as Flow;
    expect(seen).toMatchObject({ latest: null, published: { version: 1, publishable: true } });
    expect(((await agent.get(F)).json() as { items: { id: string }[] }).items.map((f) => f.id)).toContain(created.id);
  });

  it('keeps the editor’s node positions', async () => {
    const g = returnsFlow();
    g.nodes[0] = { ...g.nodes[0]!, position: { x: 120.5, y: -40 } };
    const created = await create(g);
    expect(created.latest!.graph.nodes[0]).toMatchObject({ id: 'q1', position: { x: 120.5, y: -40 } });
  });

  it('saves a cyclic draft with its problems, and refuses to publish it (422, every problem listed)', async () => {
    const created = await create(cyclic());
    expect(created.latest!.publishable).toBe(false);
    expect(created.latest!.problems).toEqual([expect.objectContaining({ code: 'cycle', nodeId: 'q1', nodeIds: ['q1', 'q2'] })]);
    expect(created.latest!.problems[0]!.message.ja).toContain('q1 → q2 → q1');
    const body = expectProblem(await sv.post(`${F}/${created.id}/publish`, { version: 1 }), 422, 'unprocessable') as { reason?: string; errors?: { path: string; message: string }[] };
    expect(body.reason).toBe('talk_flow_invalid');
    expect(body.errors).toEqual([{ path: 'graph.nodes.0', message: expect.stringMatching(/^cycle: Cycle: q1 → q2 → q1/) }]);
    expect((await sv.get(`${F}/${created.id}`)).json()).toMatchObject({ status: 'draft', publishedVersion: null });

    // Fixed in version 2, which then publishes; version 1 is still there, unchanged.
    const fixed = await sv.request('PUT', `${F}/${created.id}`, { graph: returnsFlow(), baseVersion: 1 });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json()).toMatchObject({ latestVersion: 2, latest: { version: 2, publishable: true } });
    expectProblem(await sv.post(`${F}/${created.id}/publish`, { version: 1 }), 422, 'unprocessable');
    expect((await sv.post(`${F}/${created.id}/publish`, { version: 2 })).statusCode).toBe(200);
    expect(((await sv.get(`${F}/${created.id}/versions/1`)).json() as Version).graph).toEqual(cyclic());
    expect((await sv.get(`${F}/${created.id}/versions`)).json()).toEqual([
      expect.objectContaining({ version: 2, published: true, problemCount: 0 }),
      expect.objectContaining({ version: 1, published: false, problemCount: 1 }),
    ]);
  });

  it('refuses a save over a newer version (409 version_conflict) and keeps both editors’ work apart', async () => {
    const created = await create(returnsFlow());
    const first = await sv.request('PUT', `${F}/${created.id}`, { graph: returnsFlow(), baseVersion: 1, name: name('返品受付 改') });
    expect(first.statusCode, first.body).toBe(200);
    const stale = expectProblem(await hq.request('PUT', `${F}/${created.id}`, { graph: cyclic(), baseVersion: 1 }), 409, 'conflict') as { reason?: string };
    expect(stale.reason).toBe('version_conflict');
    expectProblem(await sv.request('PUT', `${F}/${created.id}`, { graph: returnsFlow(), baseVersion: 7 }), 409, 'conflict');
    const now = (await sv.get(`${F}/${created.id}`)).json() as Flow;
    expect(now.latestVersion).toBe(2);
    expect(now.latest!.graph).toEqual(returnsFlow());
  });

  it('answers bad graphs with 400 naming the field, and writes nothing', async () => {
    const before = ((await sv.get(F)).json() as { total: number }).total;
    const bad: unknown[] = [
      { start: 'q', nodes: [{ type: 'question', id: 'q', text: 'x'.repeat(2001), choices: [] }] },
      { start: 'q', nodes: [q('q', '？', Array.from({ length: 13 }, (_, i): [string, string, string] => [`c${i}`, `回答${i}`, 'e']))] },
      { start: 'q', nodes: Array.from({ length: 501 }, (_, i) => end(`e${i}`, '終了', { kind: 'escalate' })) },
      { start: 'bad id!', nodes: [] },
      { start: 'e', nodes: [{ type: 'end', id: 'e', text: '終了', outcome: { kind: 'disposition', code: ' ' } }] },
      { start: 'e', nodes: [{ type: 'end', id: 'e', text: '終了', outcome: { kind: 'teleport' } }] },
      { start: 'e', nodes: [{ type: 'loop', id: 'e', text: '？' }] },
      { start: 'i', nodes: [{ type: 'info', id: 'i', text: '案内', next: 'e', articleIds: ['not-a-uuid'] }] },
      { start: 'e', nodes: [{ ...end('e', '終了', { kind: 'create_case', priority: 'asap' as 'high' }) }] },
      { start: 'e', nodes: [{ ...end('e', '終了', { kind: 'escalate' }), position: { x: 'left', y: 0 } }] },
      'not a graph',
    ];
    for (const graph of bad) {
      const body = expectProblem(await sv.post(F, { name: name('不正'), graph }), 400, 'validation_failed');
      expect(body.errors?.[0]?.path, JSON.stringify(graph).slice(0, 80)).toMatch(/^body\.graph/);
    }
    expectProblem(await sv.post(F, { name: ' ', graph: returnsFlow() }), 400, 'validation_failed');
    const created = await create(returnsFlow());
    expectProblem(await sv.request('PUT', `${F}/${created.id}`, { graph: returnsFlow() }), 400, 'validation_failed');
    expectProblem(await sv.post(`${F}/${created.id}/publish`, { version: 0 }), 400, 'validation_failed');
    expectProblem(await sv.post(`${F}/${created.id}/publish`, { version: 9 }), 404, 'not_found');
    expectProblem(await sv.get(`${F}/${created.id}/stats?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z`), 400, 'validation_failed');
    expectProblem(await sv.post(F, { name: created.name, graph: returnsFlow() }), 409, 'duplicate');
    expect(((await sv.get(F)).json() as { total: number }).total).toBe(before + 1);
  });

  it('refuses links to another tenant’s article or queue (422, the same answer as for no such id) and saves nothing', async () => {
    const before = ((await sv.get(F)).json() as { total: number }).total;
    const foreign = expectProblem(await sv.post(F, { name: name('他社記事'), graph: withArticle(articleB) }), 422, 'unprocessable') as { reason?: string; errors?: { path: string; message: string }[] };
    const missing = expectProblem(await sv.post(F, { name: name('存在しない記事'), graph: withArticle(MISSING) }), 422, 'unprocessable') as typeof foreign;
    expect(foreign.reason).toBe('unknown_reference');
    expect(foreign.errors).toEqual([{ path: 'graph.nodes.2.articleIds', message: `Node "i1" links articles that do not exist: ${articleB}` }]);
    expect(JSON.stringify(foreign).replaceAll(articleB, 'ID')).toBe(JSON.stringify(missing).replaceAll(MISSING, 'ID'));
    expect(JSON.stringify(foreign)).not.toContain('他社');

    const queueOf = async (s: HttpSession) => ((await s.post('/api/v1/routing/queues', { name: name('SV席') })).json() as { id: string }).id;
    const escalateTo = (queueId: string) => flow('e', end('e', 'SVへ', { kind: 'escalate', queueId }));
    const admin = await new HttpSession(t.app).login('admin@tf-alpha.test', TEST_PASSWORD);
    expect((await sv.post(F, { name: name('自社キュー'), graph: escalateTo(await queueOf(admin)) })).statusCode).toBe(201);
    const body = expectProblem(await sv.post(F, { name: name('他社キュー'), graph: escalateTo(await queueOf(adminB)) }), 422, 'unprocessable');
    expect(body.errors).toEqual([expect.objectContaining({ path: 'graph.nodes.0.outcome.queueId' })]);

    const created = await create(returnsFlow());
    expectProblem(await sv.request('PUT', `${F}/${created.id}`, { graph: withArticle(articleB), baseVersion: 1 }), 422, 'unprocessable');
    expect(((await sv.get(`${F}/${created.id}`)).json() as Flow).latestVersion).toBe(1);
    expect(((await sv.get(F)).json() as { total: number }).total).toBe(before + 2);
  });

  it('keeps tenants apart: another tenant’s flow is not found anywhere, and not listed', async () => {
    const mine = await create(returnsFlow());
    expect((await sv.post(`${F}/${mine.id}/publish`, { version: 1 })).statusCode).toBe(200);
    for (const res of [
      await adminB.get(`${F}/${mine.id}`),
      await adminB.request('PUT', `${F}/${mine.id}`, { graph: cyclic(), baseVersion: 1 }),
      await adminB.post(`${F}/${mine.id}/publish`, { version: 1 }),
      await adminB.post(`${F}/${mine.id}/archive`),
      await adminB.get(`${F}/${mine.id}/versions`),
      await adminB.get(`${F}/${mine.id}/versions/1`),
      await adminB.get(`${F}/${mine.id}/stats`),
      await adminB.post(`${F}/${mine.id}/runs`, {}),
    ]) {
      const body = expectProblem(res, 404, 'not_found');
      expect(JSON.stringify(body)).not.toContain('返品');
    }
    expect(((await adminB.get(F)).json() as { items: { id: string }[] }).items.map((f) => f.id)).not.toContain(mine.id);
    // Nothing changed for the owner.
    expect((await sv.get(`${F}/${mine.id}`)).json()).toMatchObject({ status: 'published', latestVersion: 1 });
    // The same name is free in the other tenant.
    expect((await adminB.post(F, { name: mine.name, graph: returnsFlow() })).statusCode).toBe(201);
  });

  it('archives a flow: no new runs, no edits, gone from the agents’ list', async () => {
    const f = await create(returnsFlow());
    await sv.post(`${F}/${f.id}/publish`, { version: 1 });
    const archived = await sv.post(`${F}/${f.id}/archive`);
    expect(archived.statusCode, archived.body).toBe(200);
    expect(archived.json()).toMatchObject({ status: 'archived', publishedVersion: 1 });
    expectProblem(await agent.post(`${F}/${f.id}/runs`, {}), 409, 'invalid_transition');
    expectProblem(await sv.request('PUT', `${F}/${f.id}`, { graph: returnsFlow(), baseVersion: 1 }), 409, 'invalid_transition');
    expectProblem(await sv.post(`${F}/${f.id}/archive`), 409, 'invalid_transition');
    expectProblem(await agent.get(`${F}/${f.id}`), 404, 'not_found');
    expect(((await sv.get(`${F}?status=archived`)).json() as { items: { id: string }[] }).items.map((x) => x.id)).toContain(f.id);
  });

  it('lets supervisors and HQ edit, agents read and run, client viewers nothing', async () => {
    expectProblem(await agent.post(F, { name: name('x'), graph: returnsFlow() }), 403, 'forbidden');
    expectProblem(await viewer.get(F), 403, 'forbidden');
    const byHq = await create(returnsFlow(), hq);
    expectProblem(await agent.get(`${F}/${byHq.id}/stats`), 403, 'forbidden');
    expectProblem(await agent.get(`${F}/${byHq.id}/versions`), 403, 'forbidden');
    await hq.post(`${F}/${byHq.id}/publish`, { version: 1 });
    expectProblem(await hq.post(`${F}/${byHq.id}/runs`, {}), 403, 'forbidden');
    expect((await agent.post(`${F}/${byHq.id}/runs`, {})).statusCode).toBe(201);
  });

  it('records every edit in the audit log', async () => {
    const f = await create(returnsFlow());
    await sv.request('PUT', `${F}/${f.id}`, { graph: returnsFlow(), baseVersion: 1 });
    await sv.post(`${F}/${f.id}/publish`, { version: 2 });
    await sv.post(`${F}/${f.id}/archive`);
    const admin = await new HttpSession(t.app).login('admin@tf-alpha.test', TEST_PASSWORD);
    const log = (await admin.get(`/api/v1/audit?entity=talk_flow&entityId=${f.id}`)).json() as { items: { action: string; changes: unknown }[] };
    expect(log.items.map((e) => e.action).sort()).toEqual(['talk_flow.archive', 'talk_flow.create', 'talk_flow.publish', 'talk_flow.update']);
    expect(log.items.find((e) => e.action === 'talk_flow.publish')?.changes).toMatchObject({ version: 2 });
  });

  it('keeps a link to a draft article in the flow but shows agents published articles only', async () => {
    const draft = (await sv.post('/api/v1/knowledge/articles', { title: '下書きの記事', body: '検討中' })).json() as { id: string };
    const f = await create(flow('i', info('i', '案内', 'e', [draft.id, articleA]), end('e', '終了', { kind: 'schedule_callback' })));
    expect(f.latest!.publishable).toBe(true);
    await sv.post(`${F}/${f.id}/publish`, { version: 1 });
    const run = (await agent.post(`${F}/${f.id}/runs`, {})).json() as { articles: { id: string; title: string }[] };
    expect(run.articles).toEqual([{ id: articleA, title: '返品の条件' }]);
  });
});
