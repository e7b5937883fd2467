import { and, count, eq } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, HttpSession, type TestApp } from '../support/test-app.js';
import { createSharedTestDatabase, testEngines } from '../support/test-db.js';
import { expectProblem } from '../support/http-expect.js';
import { openSocket, type Frame } from '../support/ws-client.js';
import { createTenantWithStaff, TEST_PASSWORD } from '../factories/tenant.factory.js';
import { interactions } from '../../src/server/db/schema.js';
import { voiceCalls } from '../../src/server/db/schema/voice.table.js';

type Fields = Record<string, string | string[]>;
type Kind = 'json' | 'form' | 'multipart';

interface Call {
  id: string; provider: string; externalId: string; direction: string; from: string; to: string; status: string; outcome: string | null; cause: string | null;
  customer: { id: string; name: string } | null; agent: { userId: string; name: string } | null; answeredBy: string | null; interactionId: string | null;
  startedAt: string; answeredAt: string | null; endedAt: string | null; ringSec: number | null; talkSec: number | null; hasRecording: boolean; recordingUrl: string | null;
}
interface Interaction { id: string; channel: string; direction: string; agentUserId: string | null; subject: string | null; disposition: string | null; queue: string | null; answeredAt: string | null; endedAt: string | null }

/** A PBX posting one event: JSON, urlencoded (user[] repeated, as Zammad's PBXs send it) or multipart (curl --form). */
function request(token: string, fields: Fields, kind: Kind = 'json'): InjectOptions {
  const url = `/api/v1/cti/${token}`;
  if (kind === 'json') return { method: 'POST', url, payload: fields };
  const pairs = Object.entries(fields).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x] as const) : [[k, v] as const]));
  if (kind === 'form') {
    return { method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&') };
  }
  const boundary = '----madoguchi-cti-test';
  const body = pairs.map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join('') + `--${boundary}--\r\n`;
  return { method: 'POST', url, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: Buffer.from(body) };
}

// The generic CTI webhook end to end: the PBX's events (as Zammad's generic CTI defines them) become
// one call log row and one phone interaction per call, the screen pop reaches only the agent with the
// extension, and wrong tokens, bad payloads, resent and unknown events change nothing.
describe.each(testEngines())('generic CTI webhook [%s]', (engine) => {
  let t: TestApp;
  let A: Awaited<ReturnType<typeof createTenantWithStaff>>;
  let B: Awaited<ReturnType<typeof createTenantWithStaff>>;
  let admin: HttpSession;
  let sv: HttpSession;
  let agent: HttpSession;
  let agent2: HttpSession;
  let adminB: HttpSession;
  let agent2Id: string;
  let tokenA: string;
  let tokenB: string;
  let customerId: string;

  const send = (token: string, fields: Fields, kind: Kind = 'json') => t.app.inject(request(token, fields, kind));
  const ok = async (token: string, fields: Fields, kind: Kind = 'json') => {
    const res = await send(token, fields, kind);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Record<string, unknown>;
  };
  const rowsOf = (tenantId: string, callId?: string) => t.db.database.db.select().from(voiceCalls)
    .where(and(eq(voiceCalls.tenantId, tenantId), callId ? eq(voiceCalls.externalId, callId) : undefined));
  const countRows = async (tenantId: string) => Number((await t.db.database.db.select({ n: count() }).from(voiceCalls).where(eq(voiceCalls.tenantId, tenantId)))[0]?.n);
  const countInteractions = async (tenantId: string) => Number((await t.db.database.db.select({ n: count() }).from(interactions).where(eq(interactions.tenantId, tenantId)))[0]?.n);
  const callsOf = async (s: HttpSession, query = '') => {
    const res = await s.get(`/api/v1/calls${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: Call[]; nextCursor: string | null };
  };
  const callOf = async (callId: string, s = sv) => (await callsOf(s, '?limit=200')).items.find((c) => c.externalId === callId);
  const interactionOf = async (id: string) => (await sv.get(`/api/v1/interactions/${id}`)).json() as Interaction;

  beforeAll(async () => {
    t = await createTestApp(engine);
    A = await createTenantWithStaff(t.services, 'cti-alpha');
    B = await createTenantWithStaff(t.services, 'cti-beta');
    const second = await t.services.users.createUser({ email: 'agent2@cti-alpha.test', password: TEST_PASSWORD, displayName: '二番 花子' });
    await t.services.users.grantRole(second.id, A.tenant.id, 'agent');
    agent2Id = second.id;
    const login = (email: string) => new HttpSession(t.app).login(email, TEST_PASSWORD);
    [admin, sv, agent, agent2, adminB] = await Promise.all([
      login(A.users.admin.email), login(A.users.supervisor.email), login(A.users.agent.email), login('agent2@cti-alpha.test'), login(B.users.admin.email),
    ]);
    const putAgent = async (s: HttpSession, userId: string, extension: string) => {
      const res = await s.request('PUT', `/api/v1/routing/agents/${userId}`, { capacity: { voice: 1 }, skills: [], extension });
      expect(res.statusCode, res.body).toBe(200);
    };
    await putAgent(admin, A.users.agent.id, '201');
    await putAgent(admin, agent2Id, '202');
    await putAgent(admin, A.users.supervisor.id, '299');
    await putAgent(adminB, B.users.agent.id, '301');
    tokenA = (await admin.post('/api/v1/telephony/cti-token')).json().token;
    tokenB = (await adminB.post('/api/v1/telephony/cti-token')).json().token;
    expect((await admin.request('PUT', '/api/v1/telephony/settings', { blockedNumbers: ['03-9999-0000'] })).statusCode).toBe(200);
    const c = await agent.post('/api/v1/customers', { name: '山田 太郎', phones: [{ value: '+81 90-1234-5678' }] });
    expect(c.statusCode, c.body).toBe(201);
    customerId = c.json().id;
  });
  afterAll(() => t.close());

  it('logs a full call: newCall, answered by extension 201, hung up normally; the caller found from 09012345678', async () => {
    expect(await ok(tokenA, { event: 'newCall', callId: 'full-1', from: '09012345678', to: '0312345678', direction: 'in', user: ['受付'], queue: 'support' })).toEqual({});
    expect(await ok(tokenA, { event: 'answer', callId: 'full-1', from: '09012345678', to: '0312345678', direction: 'in', answeringNumber: '201' })).toEqual({});
    expect(await ok(tokenA, { event: 'hangup', callId: 'full-1', from: '09012345678', to: '0312345678', direction: 'in', answeringNumber: '201', cause: 'normalClearing' })).toEqual({});

    expect(await rowsOf(A.tenant.id, 'full-1')).toHaveLength(1);
    const call = await callOf('full-1');
    expect(call).toMatchObject({
      provider: 'cti', direction: 'in', from: '+819012345678', to: '+81312345678', status: 'ended', outcome: 'answered', cause: 'normalClearing',
      customer: { id: customerId, name: '山田 太郎' }, agent: { userId: A.users.agent.id }, answeredBy: '201', hasRecording: false, recordingUrl: null,
    });
    expect(call?.answeredAt).not.toBeNull();
    expect(call?.endedAt).not.toBeNull();
    const i = await interactionOf(call!.interactionId!);
    expect(i).toMatchObject({ channel: 'phone', direction: 'inbound', agentUserId: A.users.agent.id, queue: 'support', subject: '着信', disposition: null });
    expect(i.answeredAt).not.toBeNull();
    expect(i.endedAt).not.toBeNull();
    // It is in the customer's history.
    const history = (await sv.get(`/api/v1/interactions?customerId=${customerId}`)).json().items as Interaction[];
    expect(history.map((x) => x.id)).toContain(i.id);
  });

  it('marks a call that was never answered as missed, with its cause', async () => {
    await ok(tokenA, { event: 'newCall', callId: 'missed-1', from: '+81 90-1234-5678', to: '0312345678', direction: 'in', user: ['201'] });
    await ok(tokenA, { event: 'hangup', callId: 'missed-1', direction: 'in', cause: 'noAnswer' });
    const call = await callOf('missed-1');
    expect(call).toMatchObject({ status: 'ended', outcome: 'missed', cause: 'noAnswer', answeredAt: null, agent: null, customer: { id: customerId } });
    expect(await interactionOf(call!.interactionId!)).toMatchObject({ disposition: 'missed', subject: '不在着信 (noAnswer)', answeredAt: null, agentUserId: null });
  });

  it('takes form fields exactly as Zammad’s PBXs send them (user[] repeated), urlencoded and multipart', async () => {
    for (const kind of ['form', 'multipart'] as const) {
      const callId = `form-${kind}`;
      expect(await ok(tokenA, { event: 'newCall', from: '09012345678', to: '0312345678', direction: 'in', callId, 'user[]': ['受付 一郎', '202'], queue: '' }, kind)).toEqual({});
      // No answeringNumber: the first user[] names who answered.
      await ok(tokenA, { event: 'answer', from: '09012345678', to: '0312345678', direction: 'in', callId, 'user[]': ['202'] }, kind);
      await ok(tokenA, { event: 'hangup', from: '09012345678', to: '0312345678', direction: 'in', callId, 'user[]': ['202'], cause: 'normalClearing' }, kind);
      expect(await callOf(callId), kind).toMatchObject({ outcome: 'answered', agent: { userId: agent2Id }, answeredBy: '202', customer: { id: customerId } });
    }
    // A bad field in a form is named like in JSON.
    const body = expectProblem(await send(tokenA, { event: 'hangup', callId: 'form-form', cause: 'hungUp' }, 'form'), 400, 'validation_failed');
    expect(body.errors?.map((e) => e.path)).toEqual(['cause']);
  });

  it('changes nothing on redelivered events, sequential or concurrent (one row, one interaction)', async () => {
    const before = await countInteractions(A.tenant.id);
    const newCall = { event: 'newCall', callId: 'dup-1', from: '09012345678', to: '0312345678', direction: 'in', user: ['201'] };
    const all = await Promise.all(Array.from({ length: 5 }, () => send(tokenA, newCall)));
    expect(all.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200]);
    await ok(tokenA, newCall);
    for (let i = 0; i < 2; i++) await ok(tokenA, { event: 'answer', callId: 'dup-1', direction: 'in', answeringNumber: '201' });
    await Promise.all([0, 1, 2].map(() => send(tokenA, { event: 'hangup', callId: 'dup-1', direction: 'in', cause: 'normalClearing' })));
    const [settled] = await rowsOf(A.tenant.id, 'dup-1');
    // Late resends of other events, even with another cause, change nothing.
    await ok(tokenA, { event: 'hangup', callId: 'dup-1', direction: 'in', cause: 'busy' });
    await ok(tokenA, { event: 'answer', callId: 'dup-1', direction: 'in', answeringNumber: '202' });
    await ok(tokenA, newCall);
    const rows = await rowsOf(A.tenant.id, 'dup-1');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toEqual(settled);
    expect(rows[0]).toMatchObject({ status: 'ended', outcome: 'answered', cause: 'normalClearing', agentUserId: A.users.agent.id });
    expect(await countInteractions(A.tenant.id)).toBe(before + 1);
  });

  it('accepts an answer or hang-up of a call it never saw, and stores nothing', async () => {
    const [rows, inters] = [await countRows(A.tenant.id), await countInteractions(A.tenant.id)];
    expect(await ok(tokenA, { event: 'answer', callId: 'never-started', direction: 'in', answeringNumber: '201' })).toEqual({});
    expect(await ok(tokenA, { event: 'hangup', callId: 'never-started', direction: 'in', cause: 'normalClearing' }, 'form')).toEqual({});
    expect(await countRows(A.tenant.id)).toBe(rows);
    expect(await countInteractions(A.tenant.id)).toBe(inters);
  });

  it('answers 404 to a wrong token, with the same body whatever the token, and stores nothing', async () => {
    const rows = await countRows(A.tenant.id);
    const event = { event: 'newCall', callId: 'bad-token', from: '09012345678', to: '0312345678', direction: 'in' };
    const wrong = [`${tokenA.slice(0, -1)}x`, 'cti_short', 'x'.repeat(60), tokenA.toUpperCase()];
    const bodies = new Set<string>();
    for (const token of wrong) {
      const res = await send(token, event);
      expectProblem(res, 404, 'not_found');
      bodies.add(res.body);
    }
    // A wrong token with a bad payload, or a form body, reads the same too: the token is checked first.
    bodies.add((await send(wrong[0]!, { event: 'ring' })).body);
    bodies.add((await send(wrong[1]!, event, 'form')).body);
    expect(bodies.size).toBe(1);
    expect(await countRows(A.tenant.id)).toBe(rows);
  });

  it('rejects a blocked caller as busy and logs the call as rejected; a resend gets the same answer', async () => {
    const newCall = { event: 'newCall', callId: 'blocked-1', from: '0399990000', to: '0312345678', direction: 'in', user: ['201'] };
    expect(await ok(tokenA, newCall)).toEqual({ action: 'reject', reason: 'busy' });
    expect(await ok(tokenA, newCall, 'form')).toEqual({ action: 'reject', reason: 'busy' });
    await ok(tokenA, { event: 'hangup', callId: 'blocked-1', direction: 'in', cause: 'normalClearing' });
    const call = await callOf('blocked-1');
    expect(call).toMatchObject({ status: 'ended', outcome: 'rejected', cause: 'busy', from: '+81399990000' });
    expect(await interactionOf(call!.interactionId!)).toMatchObject({ disposition: 'rejected' });
    // The same number calling out is not blocked, nor is another caller.
    expect(await ok(tokenA, { event: 'newCall', callId: 'not-blocked', from: '0399990001', to: '0312345678', direction: 'in' })).toEqual({});
  });

  it('refuses a bad payload with 400 naming the field, and stores nothing', async () => {
    const rows = await countRows(A.tenant.id);
    const cases: [Fields, string][] = [
      [{ event: 'newCall', from: '09012345678', to: '0312345678', direction: 'in' }, 'callId'],
      [{ event: 'ring', callId: 'bad-1' }, 'event'],
      [{ callId: 'bad-1' }, 'event'],
      [{ event: 'hangup', callId: 'bad-1', cause: 'hungUp' }, 'cause'],
      [{ event: 'newCall', callId: 'bad-1', from: '09012345678', to: '0312345678', direction: 'sideways' }, 'direction'],
      [{ event: 'newCall', callId: 'bad-1', to: '0312345678', direction: 'in' }, 'from'],
      [{ event: 'newCall', callId: 'x'.repeat(251), from: '09012345678', to: '0312345678', direction: 'in' }, 'callId'],
    ];
    for (const [fields, path] of cases) {
      const body = expectProblem(await send(tokenA, fields), 400, 'validation_failed');
      expect(body.errors?.map((e) => e.path), JSON.stringify(fields)).toContain(path);
    }
    expectProblem(await t.app.inject({ method: 'POST', url: `/api/v1/cti/${tokenA}`, payload: '[1,2]', headers: { 'content-type': 'application/json' } }), 400, 'validation_failed');
    expectProblem(await t.app.inject({ method: 'POST', url: `/api/v1/cti/${tokenA}`, payload: '{"event":', headers: { 'content-type': 'application/json' } }), 400);
    expectProblem(await t.app.inject({ method: 'POST', url: `/api/v1/cti/${tokenA}`, payload: 'event=newCall', headers: { 'content-type': 'text/plain' } }), 415);
    expect(await countRows(A.tenant.id)).toBe(rows);
  });

  it('keeps tenants apart: B’s token never touches A’s calls, and B’s call log never lists A’s', async () => {
    const [before] = await rowsOf(A.tenant.id, 'full-1');
    expect(await ok(tokenB, { event: 'hangup', callId: 'full-1', direction: 'in', cause: 'busy' })).toEqual({});
    expect(await ok(tokenB, { event: 'answer', callId: 'missed-1', direction: 'in', answeringNumber: '201' })).toEqual({});
    expect((await rowsOf(A.tenant.id, 'full-1'))[0]).toEqual(before);
    expect((await rowsOf(A.tenant.id, 'missed-1'))[0]?.status).toBe('ended');
    // The same callId in B is B's own call; A's agent with extension 201 is not B's to pop or assign.
    await ok(tokenB, { event: 'newCall', callId: 'full-1', from: '09012345678', to: '0612345678', direction: 'in', user: ['301'] });
    await ok(tokenB, { event: 'answer', callId: 'full-1', direction: 'in', answeringNumber: '201' });
    const [bRow] = await rowsOf(B.tenant.id, 'full-1');
    expect(bRow).toMatchObject({ status: 'answered', agentUserId: null, answeredBy: '201', customerId: null });
    const listB = await callsOf(adminB, '?limit=200');
    expect(listB.items.map((c) => c.id)).toEqual([bRow!.id]);
    const listA = await callsOf(admin, '?limit=200');
    expect(listA.items.map((c) => c.id)).not.toContain(bRow!.id);
    expectProblem(await admin.get(`/api/v1/calls/${bRow!.id}`), 404, 'not_found');
  });

  it('pops the screen only for the agent with the extension the PBX names, never for every agent', async () => {
    const s201 = await openSocket(t.app, agent, '/api/v1/agent/ws');
    const s202 = await openSocket(t.app, agent2, '/api/v1/agent/ws');
    const s299 = await openSocket(t.app, sv, '/api/v1/agent/ws');
    try {
      await Promise.all([s201.next('hello'), s202.next('hello'), s299.next('hello')]);
      await ok(tokenA, { event: 'newCall', callId: 'pop-1', from: '09012345678', to: '0312345678', direction: 'in', user: ['201'], queue: 'support' });
      const ringing = await s201.next('call_pop');
      expect(ringing.call).toMatchObject({
        tenantId: A.tenant.id, provider: 'cti', callId: 'pop-1', direction: 'in', from: '+819012345678', status: 'ringing', queue: 'support',
        customerId, customerName: '山田 太郎',
      });
      await ok(tokenA, { event: 'answer', callId: 'pop-1', direction: 'in', answeringNumber: '201' });
      expect((await s201.next('call_pop')).call).toMatchObject({ callId: 'pop-1', status: 'answered', customerId });
      // Then a call for 202: it arrives after pop-1's pops were published, so 202 and the supervisor
      // would hold pop-1's frames by now if they had been sent to them.
      await ok(tokenA, { event: 'newCall', callId: 'pop-2', from: '0312340000', to: '0312345678', direction: 'in', user: ['202'] });
      expect((await s202.next('call_pop')).call).toMatchObject({ callId: 'pop-2', status: 'ringing', customerId: null });
      await ok(tokenA, { event: 'newCall', callId: 'pop-3', from: '0312340001', to: '0312345678', direction: 'in', user: ['299'] });
      await s299.next('call_pop');
      const pops = (frames: Frame[]) => frames.filter((f) => f.type === 'call_pop').map((f) => `${(f.call as { callId: string }).callId}:${(f.call as { status: string }).status}`);
      expect(pops(s201.frames)).toEqual(['pop-1:ringing', 'pop-1:answered']);
      expect(pops(s202.frames)).toEqual(['pop-2:ringing']);
      expect(pops(s299.frames)).toEqual(['pop-3:ringing']);
      // A resent newCall pops nothing again.
      await ok(tokenA, { event: 'newCall', callId: 'pop-2', from: '0312340000', to: '0312345678', direction: 'in', user: ['202'] });
      await ok(tokenA, { event: 'newCall', callId: 'pop-4', from: '0312340002', to: '0312345678', direction: 'in', user: ['202'] });
      await s202.next('call_pop');
      expect(pops(s202.frames)).toEqual(['pop-2:ringing', 'pop-4:ringing']);
      // A PBX that reports the leg to an extension names it as the dialled number.
      await ok(tokenA, { event: 'newCall', callId: 'pop-5', from: '0312340003', to: '202', direction: 'in' });
      await s202.next('call_pop');
      expect(pops(s202.frames)).toEqual(['pop-2:ringing', 'pop-4:ringing', 'pop-5:ringing']);
      expect(pops(s201.frames)).toEqual(['pop-1:ringing', 'pop-1:answered']);
      // The hang-up reaches every desk that showed the call: answered, or missed (nobody took it).
      await ok(tokenA, { event: 'hangup', callId: 'pop-1', direction: 'in', answeringNumber: '201', cause: 'normalClearing' });
      expect((await s201.next('call_pop')).call).toMatchObject({ callId: 'pop-1', status: 'ended', outcome: 'answered' });
      await ok(tokenA, { event: 'hangup', callId: 'pop-2', direction: 'in', cause: 'cancel' });
      expect((await s202.next('call_pop')).call).toMatchObject({ callId: 'pop-2', status: 'ended', outcome: 'missed' });
      expect(pops(s201.frames)).toEqual(['pop-1:ringing', 'pop-1:answered', 'pop-1:ended']);
      expect(pops(s299.frames)).toEqual(['pop-3:ringing']);
    } finally {
      s201.close();
      s202.close();
      s299.close();
    }
  });

  it('maps a name without a matching extension to the agent with that login e-mail or phone, never by real name', async () => {
    const res = await admin.request('PUT', `/api/v1/routing/agents/${agent2Id}`, { capacity: { voice: 1 }, skills: [], phone: '080-1111-0202' });
    expect(res.statusCode, res.body).toBe(200);
    const answeredBy = async (callId: string, name: string) => {
      await ok(tokenA, { event: 'newCall', callId, from: '0312340009', to: '0312345678', direction: 'in' });
      await ok(tokenA, { event: 'answer', callId, direction: 'in', answeringNumber: name });
      return (await rowsOf(A.tenant.id, callId))[0];
    };
    expect(await answeredBy('map-email', 'AGENT2@cti-alpha.test')).toMatchObject({ agentUserId: agent2Id, answeredBy: 'AGENT2@cti-alpha.test' });
    expect(await answeredBy('map-phone', '+81 80-1111-0202')).toMatchObject({ agentUserId: agent2Id });
    expect(await answeredBy('map-name', '二番 花子')).toMatchObject({ agentUserId: null, answeredBy: '二番 花子', status: 'answered' });
    // B's admin is not a member of A: their login names no one in A.
    expect(await answeredBy('map-foreign', 'admin@cti-beta.test')).toMatchObject({ agentUserId: null });
  });

  it('logs an outbound call: the agent is the caller (extension), the customer the called number', async () => {
    const s201 = await openSocket(t.app, agent, '/api/v1/agent/ws');
    try {
      await s201.next('hello');
      await ok(tokenA, { event: 'newCall', callId: 'out-1', from: '201', to: '090-1234-5678', direction: 'out', user: ['山田 (内線201)'] });
      expect((await s201.next('call_pop')).call).toMatchObject({ callId: 'out-1', direction: 'out', status: 'ringing', customerId, from: '201', to: '+819012345678' });
      await ok(tokenA, { event: 'answer', callId: 'out-1', direction: 'out', user: ['山田 (内線201)'] });
      await ok(tokenA, { event: 'hangup', callId: 'out-1', direction: 'out', cause: 'normalClearing' });
      const call = await callOf('out-1');
      expect(call).toMatchObject({ direction: 'out', from: '201', outcome: 'answered', agent: { userId: A.users.agent.id }, customer: { id: customerId } });
      expect(await interactionOf(call!.interactionId!)).toMatchObject({ direction: 'outbound', agentUserId: A.users.agent.id, subject: '発信' });
    } finally {
      s201.close();
    }
  });

  it('shows an agent only their own calls; supervisors see all, newest first, page by page', async () => {
    const mine = await callsOf(agent, '?limit=200');
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((c) => c.agent?.userId === A.users.agent.id)).toBe(true);
    expect(mine.items.map((c) => c.externalId)).toEqual(expect.arrayContaining(['full-1', 'dup-1', 'pop-1', 'out-1']));
    expect(mine.items.map((c) => c.externalId)).not.toContain('missed-1');
    expect((await callsOf(agent, `?agentUserId=${agent2Id}`)).items).toEqual([]);
    expectProblem(await agent.get(`/api/v1/calls/${(await callOf('form-form'))!.id}`), 404, 'not_found');

    const all = await callsOf(sv, '?limit=200');
    expect(all.items.map((c) => c.externalId)).toEqual(expect.arrayContaining(['missed-1', 'form-form', 'full-1']));
    const started = all.items.map((c) => c.startedAt);
    expect([...started].sort().reverse()).toEqual(started);
    // Pages of 3 cover the same calls in the same order.
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await callsOf(sv, `?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      paged.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all.items.map((c) => c.id));
    expect((await callsOf(sv, `?customerId=${customerId}&limit=200`)).items.every((c) => c.customer?.id === customerId)).toBe(true);
    expect((await callsOf(sv, `?agentUserId=${agent2Id}&limit=200`)).items.map((c) => c.externalId).sort()).toEqual(['form-form', 'form-multipart', 'map-email', 'map-phone']);
    expect((await callsOf(sv, '?from=2999-01-01T00:00:00Z')).items).toEqual([]);
    expectProblem(await sv.get('/api/v1/calls?cursor=not-a-cursor'), 400, 'validation_failed');
  });

  it('links a recording that only signed-in users of the tenant who may see the call can follow', async () => {
    const full = (await callOf('full-1'))!;
    await t.db.database.db.update(voiceCalls).set({ recordingUrl: 'https://recordings.example.jp/RE123.mp3', recordingDurationSec: 42 }).where(eq(voiceCalls.id, full.id));
    const listed = (await callOf('full-1'))!;
    expect(listed).toMatchObject({ hasRecording: true, recordingUrl: `/api/v1/calls/${full.id}/recording` });
    const res = await sv.get(listed.recordingUrl!);
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('https://recordings.example.jp/RE123.mp3');
    expect((await agent.get(listed.recordingUrl!)).statusCode).toBe(302); // the agent who took it
    expectProblem(await agent2.get(listed.recordingUrl!), 404, 'not_found');
    expectProblem(await adminB.get(listed.recordingUrl!), 404, 'not_found');
    expectProblem(await t.app.inject({ method: 'GET', url: listed.recordingUrl! }), 401, 'unauthenticated');
    expectProblem(await sv.get(`/api/v1/calls/${(await callOf('missed-1'))!.id}/recording`), 404, 'not_found');
  });

  it('stops accepting the old token the moment it is rotated', async () => {
    const old = tokenA;
    tokenA = (await admin.post('/api/v1/telephony/cti-token')).json().token;
    expectProblem(await send(old, { event: 'answer', callId: 'full-1', direction: 'in' }), 404, 'not_found');
    expect(await ok(tokenA, { event: 'answer', callId: 'full-1', direction: 'in' })).toEqual({});
  });

  it('links the customer an agent registers for an unknown caller: the call, its interaction and the customer’s call log', async () => {
    const base = { callId: 'link-1', from: '0455551234', to: '0312345678', direction: 'in' };
    await ok(tokenA, { event: 'newCall', ...base, user: ['201'] });
    const call = (await callOf('link-1'))!;
    expect(call.customer).toBeNull();
    const created = await agent.post('/api/v1/customers', { name: '新規 一郎', phones: [{ value: '045-555-1234' }] });
    expect(created.statusCode, created.body).toBe(201);
    const newId = created.json().id as string;
    // While it rings at the agent's desk, nobody has taken it: the agent may link it.
    const linked = await agent.post(`/api/v1/calls/${call.id}/customer`, { customerId: newId });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json().customer).toEqual({ id: newId, name: '新規 一郎' });
    expect(((await sv.get(`/api/v1/interactions/${call.interactionId}`)).json() as { customerId: string }).customerId).toBe(newId);
    expect((await callsOf(sv, `?customerId=${newId}`)).items.map((c) => c.externalId)).toEqual(['link-1']);
    // Linked again to the same customer: the same answer; to another: 409, nothing changed.
    expect((await agent.post(`/api/v1/calls/${call.id}/customer`, { customerId: newId })).statusCode).toBe(200);
    expectProblem(await agent.post(`/api/v1/calls/${call.id}/customer`, { customerId }), 409, 'conflict');
    // Once agent 201 answered, it is theirs: another agent gets a 404; another tenant's customer is unknown.
    await ok(tokenA, { event: 'answer', ...base, answeringNumber: '201' });
    expectProblem(await agent2.post(`/api/v1/calls/${call.id}/customer`, { customerId: newId }), 404, 'not_found');
    const foreign = (await adminB.post('/api/v1/customers', { name: '別会社 花子' })).json().id as string;
    const other = await ok(tokenA, { event: 'newCall', callId: 'link-2', from: '0455559999', to: '0312345678', direction: 'in' });
    expect(other).toEqual({});
    expectProblem(await sv.post(`/api/v1/calls/${(await callOf('link-2'))!.id}/customer`, { customerId: foreign }), 404, 'not_found');
    expect((await callOf('link-2'))!.customer).toBeNull();
    await ok(tokenA, { event: 'hangup', ...base, answeringNumber: '201', cause: 'normalClearing' });
    await ok(tokenA, { event: 'hangup', callId: 'link-2', from: '0455559999', to: '0312345678', direction: 'in', cause: 'cancel' });
  });
});

describe.each(testEngines())('CTI calls survive a restart [%s]', (engine) => {
  it('keeps a ringing call across a restart and ends it afterwards', async () => {
    const shared = await createSharedTestDatabase(engine);
    try {
      let database = await shared.open();
      let t = await createTestApp(engine, { reuse: { database, cleanup: async () => undefined } });
      const staff = await createTenantWithStaff(t.services, 'cti-restart');
      const admin = await new HttpSession(t.app).login(staff.users.admin.email, TEST_PASSWORD);
      const token = (await admin.post('/api/v1/telephony/cti-token')).json().token as string;
      const first = await t.app.inject(request(token, { event: 'newCall', callId: 'restart-1', from: '09012345678', to: '0312345678', direction: 'in' }));
      expect(first.statusCode, first.body).toBe(200);
      await t.close();
      await database.close();

      database = await shared.open();
      t = await createTestApp(engine, { reuse: { database, cleanup: async () => undefined } });
      try {
        const end = await t.app.inject(request(token, { event: 'hangup', callId: 'restart-1', direction: 'in', cause: 'cancel' }, 'form'));
        expect(end.statusCode, end.body).toBe(200);
        const sv = await new HttpSession(t.app).login(staff.users.supervisor.email, TEST_PASSWORD);
        const items = (await sv.get('/api/v1/calls')).json().items as Call[];
        expect(items).toHaveLength(1);
        expect(items[0]).toMatchObject({ externalId: 'restart-1', status: 'ended', outcome: 'missed', cause: 'cancel' });
      } finally {
        await t.close();
        await database.close();
      }
    } finally {
      await shared.cleanup();
    }
  });
});

describe.each(testEngines())('CTI webhook rate limit [%s]', (engine) => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(engine); });
  afterAll(() => t.close());

  it('limits events per client address (600 a minute), not for other addresses', async () => {
    const from = (remoteAddress: string) => t.app.inject({ ...request('cti_unknown', { event: 'hangup', callId: 'x' }), remoteAddress });
    for (let i = 0; i < 600; i += 50) {
      const batch = await Promise.all(Array.from({ length: 50 }, () => from('10.0.0.1')));
      expect(batch.every((r) => r.statusCode === 404)).toBe(true);
    }
    expectProblem(await from('10.0.0.1'), 429, 'rate_limited');
    expectProblem(await from('10.0.0.2'), 404, 'not_found');
  });
});
