import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, HttpSession, type TestApp } from '../support/test-app.js';
import { testEngines } from '../support/test-db.js';
import { expectProblem } from '../support/http-expect.js';
import { injectTransport } from '../support/twilio-inject.js';
import { createTenantWithStaff, TEST_PASSWORD } from '../factories/tenant.factory.js';
import { routingAdmin } from '../factories/routing.factory.js';
import type { IvrFlow } from '../../src/core/ivr/ivr.types.js';
import { TwilioPhone } from '../../src/cli/simulate/twilio-phone.js';
import { voiceCalls } from '../../src/server/db/schema/voice.table.js';

const ACCOUNT = `AC${'2'.repeat(32)}`;
const TOKEN = 'twilio-auth-token-of-skills-001';
const NUMBER = '+81312349001';
const BASE = 'https://cc.example.jp';

interface Contact { id: string; status: string; agentUserId: string | null; context: Record<string, unknown> | null }

// A contact can need skills besides its queue's (an IVR's `set` node, or the API's `skills`): only an
// agent with each at the level is offered it; the names are the tenant's skills, checked at the edge.
describe.each(testEngines())('contacts with skills of their own [%s]', (engine) => {
  let t: TestApp;
  let staff: Awaited<ReturnType<typeof createTenantWithStaff>>;
  let admin: HttpSession;
  let sv: HttpSession;
  let agent: HttpSession;
  let queueId: string;
  let repairId: string;
  let englishId: string;
  let foreignSkillId: string;

  const contactsCount = async () => ((await sv.get('/api/v1/contacts?limit=200')).json() as unknown[]).length;
  const giveEnglish = (level: number | null) =>
    routingAdmin(admin).agent(staff.users.agent.id, [{ skillId: repairId, level: 5 }, ...(level === null ? [] : [{ skillId: englishId, level }])], { voice: 1, chat: 2 });
  const contact = async (id: string) => (await sv.get(`/api/v1/contacts/${id}`)).json() as Contact;

  beforeAll(async () => {
    t = await createTestApp(engine, { env: { MADOGUCHI_PUBLIC_URL: BASE } });
    staff = await createTenantWithStaff(t.services, 'skills-alpha');
    const B = await createTenantWithStaff(t.services, 'skills-beta');
    const login = (email: string) => new HttpSession(t.app).login(email, TEST_PASSWORD);
    [admin, sv, agent] = await Promise.all([login(staff.users.admin.email), login(staff.users.supervisor.email), login(staff.users.agent.email)]);
    const a = routingAdmin(admin);
    repairId = (await a.skill('修理受付')).id;
    englishId = (await a.skill('English対応')).id;
    foreignSkillId = (await routingAdmin(await login(B.users.admin.email)).skill('English対応')).id;
    queueId = (await a.queue({ name: '修理窓口', requiredSkills: [{ skillId: repairId, minLevel: 3 }] })).id;
    await giveEnglish(null);
    expect((await agent.post('/api/v1/agent/presence', { change: 'ready' })).statusCode).toBe(200);
  });
  afterAll(() => t.close());

  it('waits for an agent with the skill, by name as typed (full-width, any case), and is offered once one has it', async () => {
    const created = await sv.post('/api/v1/contacts', { channel: 'chat', queueId, subject: 'Washing machine', skills: [{ skill: 'ｅｎｇｌｉｓｈ対応', minLevel: 4 }] });
    expect(created.statusCode, created.body).toBe(201);
    const c = created.json() as Contact;
    // The agent is ready and meets the queue, but has no English: the contact waits.
    expect(c).toMatchObject({ status: 'waiting', agentUserId: null });
    await giveEnglish(3); // below the level asked
    expect((await contact(c.id)).status).toBe('waiting');
    await giveEnglish(6);
    expect(await contact(c.id)).toMatchObject({ status: 'offered', agentUserId: staff.users.agent.id });
    expect((await sv.post(`/api/v1/contacts/${c.id}/abandon`)).statusCode).toBe(200);
    await giveEnglish(null);
  });

  it('refuses unknown skills, levels out of range, repeats and another tenant’s skill with a 400, creating nothing', async () => {
    const before = await contactsCount();
    const post = (skills: unknown) => sv.post('/api/v1/contacts', { channel: 'chat', queueId, skills });
    const unknown = expectProblem(await post([{ skill: 'フランス語', minLevel: 2 }]), 400, 'validation_failed');
    expect(unknown.errors).toEqual([{ path: 'skills[0].skill', message: 'no skill "フランス語" in this tenant' }]);
    const foreign = expectProblem(await post([{ skill: foreignSkillId, minLevel: 2 }]), 400, 'validation_failed');
    expect(foreign.errors?.[0]?.path).toBe('skills[0].skill');
    expectProblem(await post([{ skill: englishId, minLevel: 11 }]), 400, 'validation_failed');
    expectProblem(await post([{ skill: englishId, minLevel: 0 }]), 400, 'validation_failed');
    expectProblem(await post([{ skill: 'English対応', minLevel: 2 }, { skill: 'English対応', minLevel: 3 }]), 400, 'validation_failed');
    // The same skill by name and by id is one skill listed twice.
    expectProblem(await post([{ skill: 'English対応', minLevel: 2 }, { skill: englishId, minLevel: 3 }]), 400, 'validation_failed');
    expect(await contactsCount()).toBe(before);
  });

  it('an IVR flow naming an unknown skill cannot be published; a known one routes the call to an agent who has it', async () => {
    const flow = (skill: string): IvrFlow => ({
      start: 'hello',
      nodes: [
        { type: 'say', id: 'hello', text: 'お電話ありがとうございます。', next: 'english' },
        { type: 'set', id: 'english', skills: [{ skill, minLevel: 4 }], next: 'queue' },
        { type: 'enqueue', id: 'queue', queueId },
      ],
    });
    const bad = await admin.post('/api/v1/ivr-flows', { name: '英語窓口（誤り）', numbers: [], flow: flow('Spanish') });
    expect(bad.statusCode, bad.body).toBe(201);
    const badFlow = bad.json() as { id: string; latest: { problems: { code: string; nodeId: string }[] } };
    expect(badFlow.latest.problems.map((p) => [p.code, p.nodeId])).toEqual([['unknown_skill', 'english']]);
    expectProblem(await admin.post(`/api/v1/ivr-flows/${badFlow.id}/publish`, { version: 1 }), 422, 'unprocessable');

    const good = await admin.post('/api/v1/ivr-flows', { name: '英語窓口', numbers: [NUMBER], flow: flow('english対応') });
    expect(good.statusCode, good.body).toBe(201);
    expect((await admin.post(`/api/v1/ivr-flows/${good.json().id}/publish`, { version: 1 })).statusCode).toBe(200);
    expect((await admin.request('PUT', '/api/v1/telephony/settings', { twilioAccountSid: ACCOUNT, twilioAuthToken: TOKEN })).statusCode).toBe(200);

    const call = new TwilioPhone({ transport: injectTransport(t.app), baseUrl: BASE, accountSid: ACCOUNT, authToken: TOKEN, from: '+819055556666', to: NUMBER });
    expect(await call.dial()).toBe('queued');
    const [row] = await t.db.database.db.select().from(voiceCalls).where(eq(voiceCalls.externalId, call.callSid));
    const queued = await contact(row!.contactId!);
    expect(queued.status).toBe('waiting'); // the only agent has no English yet
    expect(queued.context).toMatchObject({ ivr: { skills: [{ skill: 'english対応', minLevel: 4 }] } });
    await giveEnglish(4);
    expect(await contact(queued.id)).toMatchObject({ status: 'offered', agentUserId: staff.users.agent.id });
    await call.hangUp();
    expect((await contact(queued.id)).status).toBe('ended');
  });
});
