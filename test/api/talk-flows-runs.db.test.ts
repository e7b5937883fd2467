import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, HttpSession, type TestApp } from '../support/test-app.js';
import { testEngines } from '../support/test-db.js';
import { expectProblem } from '../support/http-expect.js';
import { createTenantWithStaff, TEST_PASSWORD } from '../factories/tenant.factory.js';
import { returnsFlow } from '../../src/core/talk-flow/talk-flow-test-kit.js';

const F = '/api/v1/talk-flows';
const R = '/api/v1/talk-flow-runs';
const MISSING = '00000000-0000-4000-8000-00000000beef';

interface Run {
  id: string; status: string; node: { id: string; type: string }; path: { nodeId: string; choiceId?: string; at: string }[];
  canGoBack: boolean; endNodeId: string | null; outcome: { kind: string } | null; caseId: string | null;
  interactionId: string | null; customerId: string | null; articles: { id: string; title: string }[]; finishedAt: string | null;
}

// Agents following a published flow on a contact: the path, the outcome, the note and the case.
describe.each(testEngines())('talk flow runs [%s]', (engine) => {
  let t: TestApp;
  let sv: HttpSession;
  let agent: HttpSession;
  let adminB: HttpSession;
  let flowId: string;
  let customerA: string;
  let customerB: string;
  let interactionB: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    const A = await createTenantWithStaff(t.services, 'tr-alpha');
    const B = await createTenantWithStaff(t.services, 'tr-beta');
    const login = (email: string) => new HttpSession(t.app).login(email, TEST_PASSWORD);
    [sv, agent, adminB] = await Promise.all([login(A.users.supervisor.email), login(A.users.agent.email), login(B.users.admin.email)]);
    const make = async (s: HttpSession, url: string, body: object) => {
      const res = await s.post(url, body);
      expect(res.statusCode, res.body).toBe(201);
      return (res.json() as { id: string }).id;
    };
    customerA = await make(agent, '/api/v1/customers', { name: '山田 太郎' });
    customerB = await make(adminB, '/api/v1/customers', { name: '他社 花子' });
    interactionB = await make(adminB, '/api/v1/interactions', { customerId: customerB, channel: 'phone', notes: '他社のメモ' });
    flowId = await make(sv, F, { name: '返品受付', graph: returnsFlow() });
    expect((await sv.post(`${F}/${flowId}/publish`, { version: 1 })).statusCode).toBe(200);
  });
  afterAll(() => t.close());

  const newInteraction = async (notes?: string) => {
    const res = await agent.post('/api/v1/interactions', { customerId: customerA, channel: 'phone', ...(notes ? { notes } : {}) });
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as { id: string }).id;
  };
  const start = async (body: object = {}) => {
    const res = await agent.post(`${F}/${flowId}/runs`, body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Run;
  };
  const step = async (runId: string, body: object) => {
    const res = await agent.post(`${R}/${runId}/steps`, body);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Run;
  };

  it('runs to a create_case end: path recorded, case created and linked, the path written on the interaction', async () => {
    const interactionId = await newInteraction('お客様から入電');
    const run = await start({ interactionId });
    expect(run).toMatchObject({ status: 'in_progress', node: { id: 'q1', type: 'question' }, canGoBack: false, interactionId, customerId: customerA });
    const atQ2 = await step(run.id, { choiceId: 'c1' });
    expect(atQ2).toMatchObject({ node: { id: 'q2' }, canGoBack: true });
    const done = await step(run.id, { choiceId: 'c1' });
    expect(done).toMatchObject({ status: 'completed', endNodeId: 'e_case', outcome: { kind: 'create_case', category: '返品・交換', priority: 'high' }, canGoBack: false });
    expect(done.path.map((s) => [s.nodeId, s.choiceId])).toEqual([['q1', 'c1'], ['q2', 'c1'], ['e_case', undefined]]);
    expect(done.finishedAt).not.toBeNull();
    expect(done.caseId).toMatch(/^[0-9a-f-]{36}$/);

    const theCase = (await agent.get(`/api/v1/cases/${done.caseId}`)).json() as { title: string; priority: string; category: string; customerId: string; displayNumber: string; interactions: { id: string }[]; description: string };
    expect(theCase).toMatchObject({ title: '返品受付: 交換の案件を作成します。', priority: 'high', category: '返品・交換', customerId: customerA });
    expect(theCase.interactions.map((i) => i.id)).toEqual([interactionId]);
    expect(theCase.description).toContain('破損していた → 交換と返金のどちらをご希望ですか？ → 交換');

    const interaction = (await agent.get(`/api/v1/interactions/${interactionId}`)).json() as { notes: string; caseId: string };
    expect(interaction.caseId).toBe(done.caseId);
    expect(interaction.notes).toBe(`お客様から入電\nトーク「返品受付」: 商品の状態はいかがですか？ → 破損していた → 交換と返金のどちらをご希望ですか？ → 交換 → 終了: 案件作成（案件 ${theCase.displayNumber}）`);

    const listed = (await agent.get(`/api/v1/interactions/${interactionId}/talk-flow-runs`)).json() as Run[];
    expect(listed).toEqual([expect.objectContaining({ id: run.id, status: 'completed', caseId: done.caseId })]);
    expectProblem(await agent.post(`${R}/${run.id}/steps`, { back: true }), 409, 'invalid_transition');
    expectProblem(await agent.post(`${R}/${run.id}/abandon`), 409, 'invalid_transition');
  });

  it('escalates: recorded as the outcome, the path noted on the interaction, no case', async () => {
    const interactionId = await newInteraction();
    const run = await start({ interactionId });
    await step(run.id, { choiceId: 'c1' });
    const done = await step(run.id, { choiceId: 'c2' });
    expect(done).toMatchObject({ status: 'completed', outcome: { kind: 'escalate' }, caseId: null });
    const notes = ((await agent.get(`/api/v1/interactions/${interactionId}`)).json() as { notes: string; caseId: string | null });
    expect(notes).toMatchObject({ notes: 'トーク「返品受付」: 商品の状態はいかがですか？ → 破損していた → 交換と返金のどちらをご希望ですか？ → 返金 → 終了: エスカレーション', caseId: null });
  });

  it('passes an information node with {} and fills an empty disposition', async () => {
    const interactionId = await newInteraction();
    const run = await start({ interactionId });
    const atInfo = await step(run.id, { choiceId: 'c2' });
    expect(atInfo.node).toMatchObject({ id: 'i1', type: 'info' });
    expectProblem(await agent.post(`${R}/${run.id}/steps`, { choiceId: 'c1' }), 409, 'invalid_transition');
    const done = await step(run.id, {});
    expect(done).toMatchObject({ status: 'completed', outcome: { kind: 'disposition', code: 'RETURN_OK' } });
    expect((await agent.get(`/api/v1/interactions/${interactionId}`)).json()).toMatchObject({ disposition: 'RETURN_OK' });
  });

  it('goes back and forth; only the final path is kept, with the time each node came on screen', async () => {
    const run = await start({ customerId: customerA });
    expect(run.interactionId).toBeNull();
    const a = await step(run.id, { choiceId: 'c1' });
    const back = await step(run.id, { back: true });
    expect(back).toMatchObject({ node: { id: 'q1' }, canGoBack: false, path: [{ nodeId: 'q1', at: run.path[0]!.at }] });
    expect(back.path[0]!.choiceId).toBeUndefined();
    const body = expectProblem(await agent.post(`${R}/${run.id}/steps`, { back: true }), 409, 'invalid_transition') as { reason?: string };
    expect(body.reason).toBe('at_start');
    const again = await step(run.id, { choiceId: 'c2' });
    expect(again.path.map((s) => s.nodeId)).toEqual(['q1', 'i1']);
    expect(again.path[0]!.at).toBe(a.path[0]!.at);
    expect((await agent.get(`${R}/${run.id}`)).json()).toMatchObject({ status: 'in_progress', node: { id: 'i1' } });
  });

  it('abandons a run where it stands; statistics count it as a drop-off there', async () => {
    const run = await start({ customerId: customerA });
    await step(run.id, { choiceId: 'c1' });
    const abandoned = await agent.post(`${R}/${run.id}/abandon`);
    expect(abandoned.statusCode, abandoned.body).toBe(200);
    expect(abandoned.json()).toMatchObject({ status: 'abandoned', node: { id: 'q2' }, outcome: null });
    expectProblem(await agent.post(`${R}/${run.id}/steps`, { choiceId: 'c1' }), 409, 'invalid_transition');

    const stats = (await sv.get(`${F}/${flowId}/stats`)).json() as {
      version: number; runs: { total: number; abandoned: number }; nodes: { nodeId: string; dropOffs: number; visits: number }[];
      choices: { nodeId: string; choiceId: string; escalationShare: number | null; runs: number }[]; outcomes: { nodeId: string; count: number }[];
    };
    expect(stats.version).toBe(1);
    expect(stats.runs.abandoned).toBeGreaterThanOrEqual(1);
    expect(stats.nodes.find((n) => n.nodeId === 'q2')!.dropOffs).toBeGreaterThanOrEqual(1);
    expect(stats.runs.total).toBe(stats.nodes.find((n) => n.nodeId === 'q1')!.visits);
    const future = (await sv.get(`${F}/${flowId}/stats?from=2099-01-01T00:00:00Z`)).json() as { runs: { total: number } };
    expect(future.runs.total).toBe(0);
  });

  it('computes statistics that add up on a fresh flow', async () => {
    const id = ((await sv.post(F, { name: '集計用', graph: returnsFlow() })).json() as { id: string }).id;
    await sv.post(`${F}/${id}/publish`, { version: 1 });
    const go = async (choices: (string | null)[], abandon = false) => {
      const run = (await agent.post(`${F}/${id}/runs`, {})).json() as Run;
      for (const c of choices) await step(run.id, c ? { choiceId: c } : {});
      if (abandon) await agent.post(`${R}/${run.id}/abandon`);
    };
    await go(['c1', 'c2']);
    await go(['c1', 'c2']);
    await go(['c1', 'c1']);
    await go(['c2', null]);
    await go(['c1'], true);
    const stats = (await sv.get(`${F}/${id}/stats`)).json() as { runs: unknown; choices: { nodeId: string; choiceId: string; runs: number; completed: number; escalated: number; escalationShare: number | null }[]; outcomes: { nodeId: string; count: number }[] };
    expect(stats.runs).toEqual({ total: 5, completed: 4, abandoned: 1, inProgress: 0 });
    expect(stats.choices.find((c) => c.nodeId === 'q1' && c.choiceId === 'c1')).toMatchObject({ runs: 4, completed: 3, escalated: 2, escalationShare: 2 / 3 });
    expect(stats.choices.find((c) => c.nodeId === 'q2' && c.choiceId === 'c2')).toMatchObject({ runs: 2, escalationShare: 1 });
    expect(stats.outcomes).toEqual([{ nodeId: 'e_case', kind: 'create_case', count: 1 }, { nodeId: 'e_esc', kind: 'escalate', count: 2 }, { nodeId: 'e_done', kind: 'disposition', count: 1 }]);
  });

  it('completes once when the last answer is sent twice at the same time (one case)', async () => {
    const interactionId = await newInteraction();
    const run = await start({ interactionId });
    await step(run.id, { choiceId: 'c1' });
    const [x, y] = await Promise.all([agent.post(`${R}/${run.id}/steps`, { choiceId: 'c1' }), agent.post(`${R}/${run.id}/steps`, { choiceId: 'c1' })]);
    expect([x.statusCode, y.statusCode].sort()).toEqual([200, 409]);
    const cases = (await agent.get(`/api/v1/cases?customerId=${customerA}&pageSize=100`)).json() as { items: { id: string; title: string }[] };
    const linked = (await agent.get(`/api/v1/interactions/${interactionId}`)).json() as { caseId: string; notes: string };
    expect(cases.items.filter((c) => c.id === linked.caseId)).toHaveLength(1);
    expect(linked.notes.split('\n')).toHaveLength(1);
  });

  it('refuses bad steps with a problem body', async () => {
    const run = await start();
    const unknown = expectProblem(await agent.post(`${R}/${run.id}/steps`, { choiceId: 'c9' }), 422, 'unprocessable') as { reason?: string };
    expect(unknown.reason).toBe('unknown_choice');
    expectProblem(await agent.post(`${R}/${run.id}/steps`, {}), 409, 'invalid_transition');
    expectProblem(await agent.post(`${R}/${run.id}/steps`, { choiceId: 'c1', back: true }), 400, 'validation_failed');
    expectProblem(await agent.post(`${R}/${run.id}/steps`, { back: false }), 400, 'validation_failed');
    expectProblem(await agent.post(`${R}/${run.id}/steps`, { choiceId: 'bad id!' }), 400, 'validation_failed');
    expectProblem(await agent.post(`${R}/not-a-uuid/steps`, {}), 400, 'validation_failed');
    expectProblem(await agent.post(`${R}/${MISSING}/steps`, {}), 404, 'not_found');
    expectProblem(await agent.post(`${F}/${flowId}/runs`, { interactionId: 'x' }), 400, 'validation_failed');
    expect((await agent.get(`${R}/${run.id}`)).json()).toMatchObject({ path: [{ nodeId: 'q1' }] });
  });

  it('refuses a draft flow and a customer who is not the interaction’s', async () => {
    const draft = ((await sv.post(F, { name: '下書き', graph: returnsFlow() })).json() as { id: string }).id;
    const body = expectProblem(await agent.post(`${F}/${draft}/runs`, {}), 409, 'invalid_transition') as { reason?: string };
    expect(body.reason).toBe('not_published');
    const other = ((await agent.post('/api/v1/customers', { name: '佐藤 次郎' })).json() as { id: string }).id;
    const mismatch = expectProblem(await agent.post(`${F}/${flowId}/runs`, { interactionId: await newInteraction(), customerId: other }), 422, 'unprocessable') as { reason?: string };
    expect(mismatch.reason).toBe('customer_mismatch');
  });

  it('keeps tenants apart: another tenant’s runs, interactions and customers are not found and leak nothing', async () => {
    const interactionId = await newInteraction();
    const run = await start({ interactionId });
    for (const res of [
      await adminB.get(`${R}/${run.id}`),
      await adminB.post(`${R}/${run.id}/steps`, { choiceId: 'c1' }),
      await adminB.post(`${R}/${run.id}/abandon`),
      await adminB.get(`/api/v1/interactions/${interactionId}/talk-flow-runs`),
    ]) {
      const body = expectProblem(res, 404, 'not_found');
      expect(JSON.stringify(body)).not.toMatch(/返品|q1/);
    }
    expect((await agent.get(`${R}/${run.id}`)).json()).toMatchObject({ status: 'in_progress', path: [{ nodeId: 'q1' }] });
    expectProblem(await agent.get(`/api/v1/interactions/${interactionB}/talk-flow-runs`), 404, 'not_found');

    // Another tenant's interaction or customer in the body: 422, the same answer as for no such id.
    const foreign = expectProblem(await agent.post(`${F}/${flowId}/runs`, { interactionId: interactionB }), 422, 'unprocessable');
    const missing = expectProblem(await agent.post(`${F}/${flowId}/runs`, { interactionId: MISSING }), 422, 'unprocessable');
    expect(foreign).toEqual(missing);
    expect(JSON.stringify(foreign)).not.toContain('他社');
    expect(expectProblem(await agent.post(`${F}/${flowId}/runs`, { customerId: customerB }), 422, 'unprocessable'))
      .toEqual(expectProblem(await agent.post(`${F}/${flowId}/runs`, { customerId: MISSING }), 422, 'unprocessable'));
    // The other tenant's interaction was not touched.
    expect((await adminB.get(`/api/v1/interactions/${interactionB}`)).json()).toMatchObject({ notes: '他社のメモ' });
  });
});
