import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, HttpSession, type TestApp } from '../support/test-app.js';
import { testEngines } from '../support/test-db.js';
import { expectProblem } from '../support/http-expect.js';
import { createTenantWithStaff, TEST_PASSWORD } from '../factories/tenant.factory.js';
import { supportFlow } from '../../src/core/ivr/ivr-test-kit.js';
import type { IvrFlow } from '../../src/core/ivr/ivr.types.js';

const F = '/api/v1/ivr-flows';
interface Problem { code: string; nodeId: string | null; message: { ja: string; en: string } }
interface Version { version: number; flow: IvrFlow; problems: Problem[]; publishable: boolean }
interface Flow { id: string; name: string; status: string; numbers: string[]; publishedVersion: number | null; latestVersion: number; latest: Version; published: Version | null }

/** The support line of the core's test kit, on this tenant's queue. */
const lineFor = (queueId: string): IvrFlow => {
  const f = supportFlow();
  return { ...f, nodes: f.nodes.map((n) => ('queueId' in n ? { ...n, queueId } : n.type === 'hours' ? { ...n, calendar: queueId } : n)) };
};

// IVR flows per tenant and dialled number: drafts, validation naming node and reason, publishing,
// the test panel, numbers unique across tenants, the tenant wall and roles.
describe.each(testEngines())('IVR flows API [%s]', (engine) => {
  let t: TestApp;
  let admin: HttpSession;
  let sv: HttpSession;
  let agent: HttpSession;
  let adminB: HttpSession;
  let queueA: string;
  let queueB: string;
  let seq = 0;
  const name = (s: string) => `${s} ${++seq}`;

  beforeAll(async () => {
    t = await createTestApp(engine);
    const A = await createTenantWithStaff(t.services, 'ivr-alpha');
    const B = await createTenantWithStaff(t.services, 'ivr-beta');
    const login = (email: string) => new HttpSession(t.app).login(email, TEST_PASSWORD);
    [admin, sv, agent, adminB] = await Promise.all([login(A.users.admin.email), login(A.users.supervisor.email), login(A.users.agent.email), login(B.users.admin.email)]);
    const queueOf = async (s: HttpSession) => ((await s.post('/api/v1/routing/queues', { name: name('修理受付') })).json() as { id: string }).id;
    [queueA, queueB] = [await queueOf(admin), await queueOf(adminB)];
  });
  afterAll(() => t.close());

  const create = async (flow: IvrFlow, numbers: string[] = [], s = admin) => {
    const res = await s.post(F, { name: name('サポート窓口'), numbers, flow });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Flow;
  };

  it('creates a draft for its numbers (stored in E.164), publishes it, and lists it', async () => {
    const created = await create(lineFor(queueA), ['0120-123-456', '+81 3-1234-5678']);
    expect(created).toMatchObject({ status: 'draft', publishedVersion: null, latestVersion: 1, numbers: ['+81120123456', '+81312345678'] });
    expect(created.latest).toMatchObject({ version: 1, problems: [], publishable: true });
    const published = (await admin.post(`${F}/${created.id}/publish`, { version: 1 })).json() as Flow;
    expect(published).toMatchObject({ status: 'published', publishedVersion: 1 });
    expect(published.published?.flow.start).toBe('hours');
    const list = (await sv.get(F)).json() as { id: string; numbers: string[] }[];
    expect(list.find((f) => f.id === created.id)?.numbers).toEqual(['+81120123456', '+81312345678']);
  });

  it('saves a flow with problems as a draft, and refuses to publish it naming each node and reason', async () => {
    const broken = lineFor(queueA);
    broken.nodes = broken.nodes.map((n) => (n.id === 'unknown' ? { ...n, next: 'find' } : n.id === 'find' && n.type === 'lookup' ? { ...n, found: 'nowhere' } : n));
    const created = await create(broken);
    expect(created.latest.problems.map((p) => [p.code, p.nodeId])).toEqual([
      ['dangling_next', 'find'], ['unreachable_node', 'vip'], ['unreachable_node', 'priority'], ['dead_end', 'find'], ['dead_end', 'unknown'], ['loop_without_input', 'find'],
    ]);
    const body = expectProblem(await admin.post(`${F}/${created.id}/publish`, { version: 1 }), 422, 'unprocessable');
    expect(body.errors).toContainEqual({ path: 'flow.nodes.6', message: 'dangling_next: Node "find" (found) leads to "nowhere", which does not exist.' });
    expect(body.detail).toContain('Loop without input: find → unknown → find.');
    expect(((await admin.get(`${F}/${created.id}`)).json() as Flow).publishedVersion).toBeNull();
  });

  it('treats another tenant’s queue as unknown (422 at publish), and never shows one tenant’s flows to another', async () => {
    const created = await create(lineFor(queueB));
    expect(created.latest.problems.every((p) => p.code === 'unknown_queue')).toBe(true);
    expect(created.latest.problems.map((p) => p.nodeId)).toEqual(['hours', 'message', 'queue', 'callback']);
    expectProblem(await admin.post(`${F}/${created.id}/publish`, { version: 1 }), 422, 'unprocessable');
    expectProblem(await adminB.get(`${F}/${created.id}`), 404, 'not_found');
    expectProblem(await adminB.request('PUT', `${F}/${created.id}`, { baseVersion: 1, flow: lineFor(queueB) }), 404, 'not_found');
    expect(((await adminB.get(F)).json() as { id: string }[]).map((f) => f.id)).not.toContain(created.id);
  });

  it('gives a number to one flow only, across tenants; a bad number is a 400 naming it', async () => {
    await create(lineFor(queueA), ['0120-999-001']);
    const taken = expectProblem(await adminB.post(F, { name: name('別会社'), numbers: ['+81120999001'], flow: lineFor(queueB) }), 409, 'conflict');
    expect(taken.detail).toContain('+81120999001');
    expect(taken.detail).not.toContain('ivr-alpha');
    const bad = expectProblem(await admin.post(F, { name: name('番号誤り'), numbers: ['0120-999-002', '12ab'], flow: lineFor(queueA) }), 400, 'validation_failed');
    expect(bad.errors).toEqual([{ path: 'numbers.1', message: '"12ab" is not a valid phone number' }]);
  });

  it('saves versions on top of the latest only (409 version_conflict), with new numbers', async () => {
    const created = await create(lineFor(queueA), ['0120-999-010']);
    const v2 = (await admin.request('PUT', `${F}/${created.id}`, { baseVersion: 1, flow: lineFor(queueA), numbers: ['0120-999-011'] })).json() as Flow;
    expect(v2).toMatchObject({ latestVersion: 2, numbers: ['+81120999011'] });
    expectProblem(await admin.request('PUT', `${F}/${created.id}`, { baseVersion: 1, flow: lineFor(queueA) }), 409, 'conflict');
    // The number given up is free again.
    await create(lineFor(queueA), ['0120-999-010']);
  });

  it('walks a version in the test panel with typed keys: serial, lookup, VIP priority, queue', async () => {
    const created = await create(lineFor(queueA));
    const res = await sv.post(`${F}/${created.id}/test`, {
      open: true,
      events: [{ type: 'digits', digits: '1' }, { type: 'digits', digits: '450123004#' }, { type: 'lookup_result', found: true, attributes: { vip: true } }, { type: 'digits', digits: '9' }],
    });
    expect(res.statusCode, res.body).toBe(200);
    const walk = res.json() as { steps: { event: string | null; nodeId: string; status: string; actions: { type: string }[] }[]; outcome: unknown; unused: number };
    expect(walk.steps.map((s) => [s.event, s.nodeId, s.status])).toEqual([
      [null, 'main', 'waiting_input'], ['digits 1', 'serial', 'waiting_input'], ['digits 450123004#', 'find', 'waiting_lookup'], ['lookup_result', 'find', 'ended'],
    ]);
    expect(walk.steps.at(-1)!.actions.at(-1)).toMatchObject({ type: 'enqueue', queueId: queueA, priority: 5, entered: { serial: '450123004' } });
    expect(walk).toMatchObject({ outcome: { kind: 'enqueue', queueId: queueA }, unused: 1 });
    const closed = (await sv.post(`${F}/${created.id}/test`, { open: false, events: [] })).json() as { outcome: unknown };
    expect(closed.outcome).toEqual({ kind: 'voicemail', queueId: queueA });
  });

  it('checks input at the edge, and leaves editing to admins (supervisors read and test, agents neither)', async () => {
    const created = await create(lineFor(queueA));
    const bad = expectProblem(await admin.post(F, { name: name('壊れ'), flow: { start: 'a', nodes: [{ type: 'menu', id: 'a', prompt: 'x', options: [{ key: 'A', next: 'a' }], timeoutSec: 5, retries: 1, onFail: 'a' }] } }), 400, 'validation_failed');
    expect(bad.errors?.[0]?.path).toBe('body.flow.nodes.0.options.0.key');
    const badTransfer = lineFor(queueA);
    badTransfer.nodes = badTransfer.nodes.map((n) => (n.type === 'transfer' ? { ...n, number: '03-1234-ABCD' } : n));
    const dial = expectProblem(await admin.post(F, { name: name('転送先誤り'), flow: badTransfer }), 400, 'validation_failed');
    expect(dial.errors).toEqual([{ path: 'body.flow.nodes.12.number', message: 'must be a phone number (e.g. 03-1234-5678 or +81 3 1234 5678)' }]);
    expectProblem(await sv.post(`${F}/${created.id}/test`, { events: [{ type: 'digits', digits: '1<script>' }] }), 400, 'validation_failed');
    expectProblem(await sv.post(F, { name: name('SV'), flow: lineFor(queueA) }), 403, 'forbidden');
    expectProblem(await sv.post(`${F}/${created.id}/publish`, { version: 1 }), 403, 'forbidden');
    expectProblem(await agent.get(F), 403, 'forbidden');
  });
});
