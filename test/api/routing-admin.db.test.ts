import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { eq } from 'drizzle-orm';
import { newId } from '../../src/server/platform/ids.js';
import { systemClock } from '../../src/server/platform/clock.js';
import { AppError } from '../../src/server/platform/app-error.js';
import { validateRoutingConfig } from '../../src/core/routing/routing-config.js';
import type { RoutingConfig } from '../../src/core/routing/routing.types.js';
import { routingQueues, routingSkills } from '../../src/server/db/schema.js';
import { loadRoutingConfig } from '../../src/server/features/routing/routing-config.loader.js';
import type { RoutingConfigSink } from '../../src/server/features/routing/routing-config.sink.js';
import { createRoutingAdminService } from '../../src/server/features/routing-admin/routing-admin.service.js';
import { createTestApp, HttpSession, type TestApp } from '../support/test-app.js';
import { testEngines } from '../support/test-db.js';
import { expectProblem } from '../support/http-expect.js';
import { createTenantWithStaff, TEST_PASSWORD } from '../factories/tenant.factory.js';

type Staff = Awaited<ReturnType<typeof createTenantWithStaff>>;
type Res = LightMyRequestResponse;

const R = '/api/v1/routing';
const WEEKDAY = [{ open: '09:00', close: '18:00' }];
const OFFICE_HOURS = {
  weekly: { mon: WEEKDAY, tue: WEEKDAY, wed: WEEKDAY, thu: WEEKDAY, fri: WEEKDAY, sat: [{ open: '10:00', close: '17:00' }] },
  nationalHolidays: 'closed',
  annualClosures: [{ from: '12-29', to: '01-03', name: '年末年始' }],
};

/** A sink that validates like the engine would and counts reloads: for the service-level tests of the write protocol. */
function checkingSink() {
  const sink = {
    reloads: 0,
    async check(config: RoutingConfig) {
      const issues = validateRoutingConfig(config);
      if (issues.length) throw new AppError('validation_failed', 'Invalid routing configuration', issues);
    },
    async reload() {
      sink.reloads++;
    },
  };
  return sink;
}

async function created(p: Promise<Res>): Promise<{ id: string } & Record<string, unknown>> {
  const res = await p;
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function ok(p: Promise<Res>, status = 200) {
  const res = await p;
  expect(res.statusCode, res.body).toBe(status);
  return status === 204 ? null : res.json();
}

const put = (s: HttpSession, url: string, body: unknown) => s.request('PUT', url, body as never);

describe.each(testEngines())('routing admin API [%s]', (engine) => {
  let t: TestApp;
  let A: Staff;
  let B: Staff;
  let adminA: HttpSession;
  let adminB: HttpSession;
  let agentA: HttpSession;
  let supervisorA: HttpSession;
  let hqA: HttpSession;

  beforeAll(async () => {
    t = await createTestApp(engine);
    A = await createTenantWithStaff(t.services, 'alpha');
    B = await createTenantWithStaff(t.services, 'beta');
    const login = (email: string) => new HttpSession(t.app).login(email, TEST_PASSWORD);
    [adminA, adminB, agentA, supervisorA, hqA] = await Promise.all([
      login(A.users.admin.email), login(B.users.admin.email), login(A.users.agent.email), login(A.users.supervisor.email), login(A.users.hq.email),
    ]);
  });
  afterAll(() => t.close());

  const skill = async (s: HttpSession, name: string) => (await created(s.post(`${R}/skills`, { name }))).id;
  const expectConfigValid = async () => expect(validateRoutingConfig(await loadRoutingConfig(t.db.database.db))).toEqual([]);

  describe('skills', () => {
    it('are created, listed, renamed and deleted; names are unique per tenant', async () => {
      const s = await created(adminA.post(`${R}/skills`, { name: ' 製品知識 ' }));
      expect(s).toMatchObject({ name: '製品知識' });
      expect((await ok(adminA.get(`${R}/skills`))).items.map((x: { id: string }) => x.id)).toContain(s.id);
      expect(await ok(adminA.patch(`${R}/skills/${s.id}`, { name: '製品サポート' }))).toMatchObject({ id: s.id, name: '製品サポート' });
      expectProblem(await adminA.post(`${R}/skills`, { name: '製品サポート' }), 409, 'duplicate');
      await skill(adminB, '製品サポート'); // the same name in another tenant is fine
      const other = await skill(adminA, '英語対応');
      expectProblem(await adminA.patch(`${R}/skills/${other}`, { name: '製品サポート' }), 409, 'duplicate');
      await ok(adminA.delete(`${R}/skills/${s.id}`), 204);
      expect((await ok(adminA.get(`${R}/skills`))).items.map((x: { name: string }) => x.name)).toEqual(['英語対応']);
      expectProblem(await adminA.delete(`${R}/skills/${s.id}`), 404, 'not_found');
    });

    it('refuse empty or overlong names', async () => {
      expectProblem(await adminA.post(`${R}/skills`, { name: '  ' }), 400, 'validation_failed');
      expectProblem(await adminA.post(`${R}/skills`, { name: 'x'.repeat(81) }), 400, 'validation_failed');
      expectProblem(await adminA.post(`${R}/skills`, {}), 400, 'validation_failed');
    });
  });

  describe('business hours', () => {
    it('are stored with the tenant zone, read back, replaced and previewed day by day', async () => {
      const h = await created(adminA.post(`${R}/hours`, { name: '平日・土曜', spec: OFFICE_HOURS }));
      expect(h.spec).toMatchObject({ timeZone: 'Asia/Tokyo', nationalHolidays: 'closed' });
      expect(await ok(adminA.get(`${R}/hours/${h.id}`))).toMatchObject({ id: h.id, name: '平日・土曜' });
      expect((await ok(adminA.get(`${R}/hours`))).items.map((x: { id: string }) => x.id)).toContain(h.id);

      const preview = await ok(adminA.get(`${R}/hours/${h.id}/preview?from=2026-01-01&days=14`));
      expect(preview.items).toHaveLength(14);
      const day = (date: string) => preview.items.find((d: { date: string }) => d.date === date);
      expect(day('2026-01-01')).toMatchObject({ rule: 'closure', name: '年末年始', holiday: '元日', open: false, intervals: [] });
      expect(day('2026-01-05')).toMatchObject({ weekday: 'mon', rule: 'weekly', open: true, intervals: [{ open: '09:00', close: '18:00' }] });
      expect(day('2026-01-10')).toMatchObject({ weekday: 'sat', intervals: [{ open: '10:00', close: '17:00' }] });
      expect(day('2026-01-11')).toMatchObject({ weekday: 'sun', open: false });
      expect(day('2026-01-12')).toMatchObject({ rule: 'holiday', name: '成人の日', holiday: '成人の日', open: false });

      const replaced = await ok(put(adminA, `${R}/hours/${h.id}`, {
        name: '平日のみ', spec: { ...OFFICE_HOURS, timeZone: 'Asia/Tokyo', weekly: { mon: WEEKDAY }, nationalHolidays: [{ open: '10:00', close: '15:00' }], specialDays: [{ date: '2026-01-11', intervals: [{ open: '10:00', close: '12:00' }], name: '初売り' }] },
      }));
      expect(replaced).toMatchObject({ name: '平日のみ', spec: { weekly: { mon: WEEKDAY } } });
      const again = await ok(adminA.get(`${R}/hours/${h.id}/preview?from=2026-01-11&days=2`));
      expect(again.items).toMatchObject([
        { date: '2026-01-11', rule: 'special', name: '初売り', intervals: [{ open: '10:00', close: '12:00' }] },
        { date: '2026-01-12', rule: 'holiday', name: '成人の日', intervals: [{ open: '10:00', close: '15:00' }] },
      ]);
      expect((await ok(adminA.get(`${R}/hours/${h.id}/preview`))).items).toHaveLength(14);
      await ok(adminA.delete(`${R}/hours/${h.id}`), 204);
      expectProblem(await adminA.get(`${R}/hours/${h.id}`), 404, 'not_found');
    });

    it('answer 400 naming every problem: close before open, bad times, dates, weekdays and zones', async () => {
      const bad = (spec: unknown) => adminA.post(`${R}/hours`, { name: '不正', spec });
      const closeFirst = expectProblem(await bad({ ...OFFICE_HOURS, weekly: { mon: [{ open: '18:00', close: '09:00' }], tue: WEEKDAY } }), 400, 'validation_failed');
      expect(closeFirst.errors).toEqual([{ path: 'body.spec.weekly.mon.0', message: 'open must be before close' }]);
      expect(closeFirst.detail).toContain('open must be before close');
      expectProblem(await bad({ ...OFFICE_HOURS, weekly: { mon: [{ open: '9:00', close: '18:00' }] } }), 400, 'validation_failed');
      expectProblem(await bad({ ...OFFICE_HOURS, weekly: { funday: WEEKDAY } }), 400, 'validation_failed');
      expectProblem(await bad({ ...OFFICE_HOURS, nationalHolidays: 'sometimes' }), 400, 'validation_failed');
      expectProblem(await bad({ ...OFFICE_HOURS, closures: [{ from: '2026-02-30', to: '2026-03-01' }] }), 400, 'validation_failed');
      expectProblem(await bad({ ...OFFICE_HOURS, annualClosures: [{ from: '13-01', to: '01-03' }] }), 400, 'validation_failed');
      const leap = expectProblem(await bad({ ...OFFICE_HOURS, closures: [{ from: '2026-05-06', to: '2026-05-01' }], timeZone: 'Mars/Olympus' }), 400, 'validation_failed');
      expect(leap.errors?.map((e) => e.path).sort()).toEqual(['body.spec.closures.0', 'body.spec.timeZone']);
      expectProblem(await adminA.get(`${R}/hours/${newId()}/preview?from=2026-01-01`), 404, 'not_found');
      const h = await created(adminA.post(`${R}/hours`, { name: 'プレビュー用', spec: OFFICE_HOURS }));
      const last = await ok(adminA.get(`${R}/hours/${h.id}/preview?from=9999-12-31&days=366`));
      expect(last.items.map((d: { date: string }) => d.date)).toEqual(['9999-12-31']);
      for (const q of ['from=2026-13-01', 'days=0', 'days=367', 'days=abc', 'from=0000-01-01']) {
        expectProblem(await adminA.get(`${R}/hours/${h.id}/preview?${q}`), 400, 'validation_failed');
      }
    });
  });

  describe('queues', () => {
    let product: string;
    let english: string;
    let hours: string;
    let base: string;

    beforeAll(async () => {
      product = await skill(adminA, '家電知識');
      english = await skill(adminA, '英会話');
      hours = (await created(adminA.post(`${R}/hours`, { name: '窓口時間', spec: OFFICE_HOURS }))).id;
      base = (await created(adminA.post(`${R}/queues`, { name: '総合窓口', requiredSkills: [{ skillId: product, minLevel: 1 }] }))).id;
    });

    it('are created with defaults, read, changed and deleted', async () => {
      const q = await created(adminA.post(`${R}/queues`, {
        name: '英語窓口', requiredSkills: [{ skillId: product, minLevel: 3 }, { skillId: english, minLevel: 5 }], priority: 10,
        overflow: [{ afterSec: 60, kind: 'relax_level', by: 2 }, { afterSec: 120, kind: 'add_queue', queueId: base }], hoursId: hours,
        whenClosed: { email: 'reject' },
      }));
      expect(q).toMatchObject({
        name: '英語窓口', priority: 10, agingPerMinute: 1, offerTimeoutSec: 20, wrapUpLimitSec: 60, serviceLevelSec: 20, serviceLevelTarget: 0.8,
        stickyWindowSec: 0, hoursId: hours, whenClosed: { email: 'reject' },
      });
      expect(await ok(adminA.get(`${R}/queues/${q.id}`))).toEqual(q);
      const changed = await ok(adminA.patch(`${R}/queues/${q.id}`, { priority: -5, serviceLevelTarget: 0.9, stickyWindowSec: 3600, hoursId: null }));
      expect(changed).toMatchObject({ priority: -5, serviceLevelTarget: 0.9, stickyWindowSec: 3600, hoursId: null, name: '英語窓口' });
      expect((await ok(adminA.get(`${R}/queues`))).items.map((x: { name: string }) => x.name)).toEqual(['総合窓口', '英語窓口']);
      await expectConfigValid();
      await ok(adminA.delete(`${R}/queues/${q.id}`), 204);
      expectProblem(await adminA.get(`${R}/queues/${q.id}`), 404, 'not_found');
    });

    it('refuse out-of-range fields, unknown references, self overflow and duplicate names', async () => {
      const bad = async (body: Record<string, unknown>, path?: string) => {
        const p = expectProblem(await adminA.post(`${R}/queues`, { name: '不正キュー', ...body }), 400, 'validation_failed');
        if (path) expect(p.errors?.map((e) => e.path)).toContain(path);
        return p;
      };
      await bad({ requiredSkills: [{ skillId: product, minLevel: 0 }] }, 'body.requiredSkills.0.minLevel');
      await bad({ requiredSkills: [{ skillId: product, minLevel: 11 }] }, 'body.requiredSkills.0.minLevel');
      await bad({ requiredSkills: [{ skillId: product, minLevel: 2 }, { skillId: product, minLevel: 3 }] });
      const unknown = await bad({ requiredSkills: [{ skillId: product, minLevel: 2 }, { skillId: newId(), minLevel: 3 }] }, 'body.requiredSkills.1.skillId');
      expect(unknown.errors).toHaveLength(1);
      await bad({ priority: 101 }, 'body.priority');
      await bad({ priority: 1.5 }, 'body.priority');
      await bad({ agingPerMinute: -1 });
      await bad({ offerTimeoutSec: 4 });
      await bad({ wrapUpLimitSec: 3601 });
      await bad({ serviceLevelSec: 0 });
      await bad({ serviceLevelTarget: 1.1 });
      await bad({ stickyWindowSec: 30 * 86_400 + 1 });
      await bad({ overflow: [{ afterSec: 0, kind: 'relax_level', by: 1 }] });
      await bad({ overflow: [{ afterSec: 10, kind: 'relax_level', by: 10 }] });
      await bad({ overflow: [{ afterSec: 10, kind: 'jump' }] });
      await bad({ overflow: [{ afterSec: 10, kind: 'add_queue', queueId: newId() }] }, 'body.overflow.0.queueId');
      await bad({ hoursId: newId() }, 'body.hoursId');
      await bad({ whenClosed: { fax: 'queue' } });
      await bad({ name: '' });
      const self = expectProblem(await adminA.patch(`${R}/queues/${base}`, { overflow: [{ afterSec: 30, kind: 'add_queue', queueId: base }] }), 400, 'validation_failed');
      expect(self.errors).toEqual([{ path: 'body.overflow.0.queueId', message: 'a queue cannot overflow into itself' }]);
      expectProblem(await adminA.post(`${R}/queues`, { name: '総合窓口' }), 409, 'duplicate');
      expect((await ok(adminA.get(`${R}/queues`))).items.map((x: { name: string }) => x.name)).not.toContain('不正キュー');
    });

    it('keep what queues use: a required skill, an overflow target and hours in use are not deleted (409)', async () => {
      const target = (await created(adminA.post(`${R}/queues`, { name: '応援キュー', hoursId: hours }))).id;
      const source = (await created(adminA.post(`${R}/queues`, { name: '溢れ元', overflow: [{ afterSec: 30, kind: 'add_queue', queueId: target }] }))).id;
      const inUse = expectProblem(await adminA.delete(`${R}/skills/${product}`), 409, 'conflict');
      expect(inUse.detail).toContain('総合窓口');
      expect(expectProblem(await adminA.delete(`${R}/queues/${target}`), 409, 'conflict').detail).toContain('溢れ元');
      expect(expectProblem(await adminA.delete(`${R}/hours/${hours}`), 409, 'conflict').detail).toContain('応援キュー');
      await ok(adminA.delete(`${R}/queues/${source}`), 204);
      await ok(adminA.delete(`${R}/queues/${target}`), 204);
      expect((await ok(adminA.get(`${R}/skills`))).items.map((x: { id: string }) => x.id)).toContain(product);
    });
  });

  describe('agents', () => {
    let level: string;
    let english: string;
    let shared: { id: string; email: string };

    beforeAll(async () => {
      level = await skill(adminA, '修理受付');
      english = await skill(adminA, '英語');
      // one operator serving both tenants (BPO)
      shared = await t.services.users.createUser({ email: 'shared@bpo.test', password: TEST_PASSWORD, displayName: '共有 オペレーター' });
      await t.services.users.grantRole(shared.id, A.tenant.id, 'agent');
      await t.services.users.grantRole(shared.id, B.tenant.id, 'agent');
    });

    it('lists the agents and supervisors of the tenant, without a profile at first', async () => {
      const items = (await ok(adminA.get(`${R}/agents`))).items as { userId: string; role: string; hasProfile: boolean }[];
      expect(items.map((a) => a.userId).sort()).toEqual([A.users.agent.id, A.users.supervisor.id, shared.id].sort());
      expect(items.find((a) => a.userId === A.users.agent.id)).toMatchObject({
        role: 'agent', hasProfile: false, capacity: { voice: 0, chat: 0, email: 0, line: 0, web: 0 }, voiceBlocksOthers: true, othersBlockVoice: false, skills: [],
      });
    });

    it('sets capacity and blocking and replaces skills of this tenant only', async () => {
      const body = { capacity: { voice: 1, chat: 3, email: 5 }, voiceBlocksOthers: true, othersBlockVoice: true, skills: [{ skillId: level, level: 7 }, { skillId: english, level: 3 }] };
      const a = await ok(put(adminA, `${R}/agents/${shared.id}`, body));
      expect(a).toMatchObject({ userId: shared.id, hasProfile: true, capacity: { voice: 1, chat: 3, email: 5, line: 0, web: 0 }, othersBlockVoice: true });
      expect(a.skills.map((s: { name: string; level: number }) => [s.name, s.level])).toEqual([['修理受付', 7], ['英語', 3]]);

      // B's admin sets B's skills and the (center-wide) capacity; A's skills stay, B's are not shown to A
      const bSkill = await skill(adminB, 'ベータ知識');
      const b = await ok(put(adminB, `${R}/agents/${shared.id}`, { capacity: { voice: 1, chat: 2 }, skills: [{ skillId: bSkill, level: 4 }] }));
      expect(b.skills).toEqual([{ skillId: bSkill, name: 'ベータ知識', level: 4 }]);
      const seenByA = (await ok(adminA.get(`${R}/agents`))).items.find((x: { userId: string }) => x.userId === shared.id);
      expect(seenByA.skills.map((s: { skillId: string }) => s.skillId).sort()).toEqual([level, english].sort());
      expect(seenByA.capacity).toEqual({ voice: 1, chat: 2, email: 0, line: 0, web: 0 });

      await ok(put(adminA, `${R}/agents/${shared.id}`, { capacity: { voice: 1 }, skills: [{ skillId: english, level: 9 }] }));
      const config = await loadRoutingConfig(t.db.database.db);
      expect(config.agents.find((x) => x.id === shared.id)?.skills).toEqual({ [english]: 9, [bSkill]: 4 });
      await expectConfigValid();
    });

    it('refuses bad levels, capacities and skills of another tenant (400), and users who are not agents here (404)', async () => {
      const bad = async (body: Record<string, unknown>, path?: string) => {
        const p = expectProblem(await put(adminA, `${R}/agents/${A.users.agent.id}`, { capacity: {}, ...body }), 400, 'validation_failed');
        if (path) expect(p.errors?.map((e) => e.path)).toContain(path);
      };
      await bad({ skills: [{ skillId: level, level: 0 }] }, 'body.skills.0.level');
      await bad({ skills: [{ skillId: level, level: 11 }] }, 'body.skills.0.level');
      await bad({ skills: [{ skillId: level, level: 2 }, { skillId: level, level: 3 }] });
      await bad({ skills: [{ skillId: newId(), level: 5 }] }, 'body.skills.0.skillId');
      const bSkill = (await ok(adminB.get(`${R}/skills`))).items[0].id as string;
      await bad({ skills: [{ skillId: bSkill, level: 5 }] }, 'body.skills.0.skillId');
      await bad({ capacity: { voice: 2 } }, 'body.capacity.voice');
      await bad({ capacity: { chat: 21 } }, 'body.capacity.chat');
      await bad({ capacity: { email: 51 } });
      await bad({ capacity: { line: -1 } });
      await bad({ capacity: { web: 1.5 } });
      expectProblem(await put(adminA, `${R}/agents/not-a-uuid`, { capacity: {} }), 400, 'validation_failed');
      expectProblem(await put(adminA, `${R}/agents/${B.users.agent.id}`, { capacity: {} }), 404, 'not_found');
      expectProblem(await put(adminA, `${R}/agents/${A.users.admin.id}`, { capacity: {} }), 404, 'not_found');
      expectProblem(await put(adminA, `${R}/agents/${newId()}`, { capacity: {} }), 404, 'not_found');
      expect((await ok(adminA.get(`${R}/agents`))).items.find((x: { userId: string }) => x.userId === A.users.agent.id).hasProfile).toBe(false);
    });
  });

  describe('reason codes', () => {
    it('are created, filtered by kind, changed and deleted; (kind, code) is unique per tenant', async () => {
      const lunch = await created(adminA.post(`${R}/reason-codes`, { kind: 'break', code: 'lunch', label: '昼休憩' }));
      expect(lunch).toMatchObject({ kind: 'break', code: 'lunch', label: '昼休憩', active: true, sortOrder: 0 });
      await created(adminA.post(`${R}/reason-codes`, { kind: 'break', code: 'break_rest', label: '休憩', sortOrder: 1 }));
      await created(adminA.post(`${R}/reason-codes`, { kind: 'disposition', code: 'lunch', label: '昼の対応' }));
      await created(adminB.post(`${R}/reason-codes`, { kind: 'break', code: 'lunch', label: '昼休憩' }));
      expectProblem(await adminA.post(`${R}/reason-codes`, { kind: 'break', code: 'lunch', label: '重複' }), 409, 'duplicate');

      const breaks = (await ok(adminA.get(`${R}/reason-codes?kind=break`))).items;
      expect(breaks.map((x: { code: string }) => x.code)).toEqual(['lunch', 'break_rest']);
      expect((await ok(adminA.get(`${R}/reason-codes`))).items).toHaveLength(3);
      expectProblem(await adminA.get(`${R}/reason-codes?kind=other`), 400, 'validation_failed');

      expect(await ok(adminA.patch(`${R}/reason-codes/${lunch.id}`, { label: 'お昼休憩', active: false }))).toMatchObject({ label: 'お昼休憩', active: false, code: 'lunch' });
      expect(await ok(adminA.patch(`${R}/reason-codes/${lunch.id}`, {}))).toMatchObject({ label: 'お昼休憩' });
      expectProblem(await adminA.patch(`${R}/reason-codes/${lunch.id}`, { code: 'break_rest' }), 409, 'duplicate');
      await ok(adminA.delete(`${R}/reason-codes/${lunch.id}`), 204);
      expectProblem(await adminA.delete(`${R}/reason-codes/${lunch.id}`), 404, 'not_found');
    });

    it('refuse bad codes and labels', async () => {
      for (const body of [
        { kind: 'break', code: 'Lunch', label: '昼' }, { kind: 'break', code: 'lunch time', label: '昼' }, { kind: 'break', code: '', label: '昼' },
        { kind: 'break', code: 'x'.repeat(41), label: '昼' }, { kind: 'break', code: 'ok', label: '' }, { kind: 'break', code: 'ok', label: 'あ'.repeat(81) },
        { kind: 'pause', code: 'ok', label: '昼' }, { kind: 'break', code: 'ok', label: '昼', sortOrder: -1 },
      ]) {
        expectProblem(await adminA.post(`${R}/reason-codes`, body), 400, 'validation_failed');
      }
    });
  });

  describe('roles', () => {
    it('lets only admins write; supervisors and HQ read the configuration; agents read reason codes', async () => {
      const s = await skill(adminA, 'ロール確認');
      for (const who of [agentA, supervisorA, hqA]) {
        expectProblem(await who.post(`${R}/skills`, { name: '権限なし' }), 403, 'forbidden');
        expectProblem(await who.patch(`${R}/skills/${s}`, { name: '権限なし' }), 403, 'forbidden');
        expectProblem(await who.delete(`${R}/skills/${s}`), 403, 'forbidden');
        expectProblem(await who.post(`${R}/queues`, { name: '権限なし' }), 403, 'forbidden');
        expectProblem(await who.post(`${R}/hours`, { name: '権限なし', spec: OFFICE_HOURS }), 403, 'forbidden');
        expectProblem(await put(who, `${R}/agents/${A.users.agent.id}`, { capacity: { chat: 20 } }), 403, 'forbidden');
        expectProblem(await who.post(`${R}/reason-codes`, { kind: 'break', code: 'nope', label: '権限なし' }), 403, 'forbidden');
      }
      for (const who of [supervisorA, hqA]) {
        for (const path of ['skills', 'queues', 'hours', 'agents']) await ok(who.get(`${R}/${path}`));
      }
      for (const path of ['skills', 'queues', 'hours', 'agents']) expectProblem(await agentA.get(`${R}/${path}`), 403, 'forbidden');
      await ok(agentA.get(`${R}/reason-codes?kind=break`));
      expectProblem(await new HttpSession(t.app).get(`${R}/skills`), 401, 'unauthenticated');
    });
  });

  describe('tenant isolation', () => {
    it('hides and protects another tenant\'s records and refuses references to them', async () => {
      const aSkill = await skill(adminA, '隔離スキル');
      const aHours = (await created(adminA.post(`${R}/hours`, { name: '隔離時間', spec: OFFICE_HOURS }))).id;
      const aQueue = (await created(adminA.post(`${R}/queues`, { name: '隔離キュー', requiredSkills: [{ skillId: aSkill, minLevel: 2 }], hoursId: aHours }))).id;
      const aCode = (await created(adminA.post(`${R}/reason-codes`, { kind: 'disposition', code: 'isolated', label: '隔離' }))).id;

      // reads
      for (const url of [`${R}/queues/${aQueue}`, `${R}/hours/${aHours}`, `${R}/hours/${aHours}/preview`]) expectProblem(await adminB.get(url), 404, 'not_found');
      for (const path of ['skills', 'queues', 'hours', 'reason-codes']) {
        const ids = (await ok(adminB.get(`${R}/${path}`))).items.map((x: { id: string }) => x.id);
        expect(ids).not.toContain(aSkill);
        expect(ids).not.toContain(aQueue);
        expect(ids).not.toContain(aHours);
        expect(ids).not.toContain(aCode);
      }
      // writes
      expectProblem(await adminB.patch(`${R}/skills/${aSkill}`, { name: '乗っ取り' }), 404, 'not_found');
      expectProblem(await adminB.delete(`${R}/skills/${aSkill}`), 404, 'not_found');
      expectProblem(await adminB.patch(`${R}/queues/${aQueue}`, { priority: 100 }), 404, 'not_found');
      expectProblem(await adminB.delete(`${R}/queues/${aQueue}`), 404, 'not_found');
      expectProblem(await put(adminB, `${R}/hours/${aHours}`, { name: '乗っ取り', spec: OFFICE_HOURS }), 404, 'not_found');
      expectProblem(await adminB.delete(`${R}/hours/${aHours}`), 404, 'not_found');
      expectProblem(await adminB.patch(`${R}/reason-codes/${aCode}`, { label: '乗っ取り' }), 404, 'not_found');
      expectProblem(await adminB.delete(`${R}/reason-codes/${aCode}`), 404, 'not_found');
      // references
      const refs = async (body: Record<string, unknown>, path: string) => {
        const p = expectProblem(await adminB.post(`${R}/queues`, { name: '越境キュー', ...body }), 400, 'validation_failed');
        expect(p.errors?.map((e) => e.path)).toEqual([path]);
      };
      await refs({ requiredSkills: [{ skillId: aSkill, minLevel: 1 }] }, 'body.requiredSkills.0.skillId');
      await refs({ overflow: [{ afterSec: 60, kind: 'add_queue', queueId: aQueue }] }, 'body.overflow.0.queueId');
      await refs({ hoursId: aHours }, 'body.hoursId');
      const bQueue = (await created(adminB.post(`${R}/queues`, { name: 'ベータ窓口' }))).id;
      expectProblem(await adminB.patch(`${R}/queues/${bQueue}`, { overflow: [{ afterSec: 60, kind: 'add_queue', queueId: aQueue }] }), 400, 'validation_failed');
      // the tenant is never taken from the body
      const sneaky = await created(adminB.post(`${R}/skills`, { name: 'ベータ専用', tenantId: A.tenant.id }));
      const [row] = await t.db.database.db.select().from(routingSkills).where(eq(routingSkills.id, sneaky.id));
      expect(row?.tenantId).toBe(B.tenant.id);

      // A's records are untouched
      expect(await ok(adminA.get(`${R}/queues/${aQueue}`))).toMatchObject({ name: '隔離キュー', priority: 0, overflow: [], hoursId: aHours });
      expect((await ok(adminA.get(`${R}/skills`))).items.find((x: { id: string }) => x.id === aSkill)).toMatchObject({ name: '隔離スキル' });
      expect(await ok(adminA.get(`${R}/hours/${aHours}`))).toMatchObject({ name: '隔離時間' });
      expect((await ok(adminA.get(`${R}/reason-codes`))).items.find((x: { id: string }) => x.id === aCode)).toMatchObject({ label: '隔離' });
      await expectConfigValid();
    });
  });

  it('never leaves a queue requiring a deleted skill, even when both happen at once', async () => {
    for (let round = 0; round < 4; round++) {
      const s = await skill(adminA, `競合スキル${round}`);
      const [queue, removal] = await Promise.all([
        adminA.post(`${R}/queues`, { name: `競合キュー${round}`, requiredSkills: [{ skillId: s, minLevel: 1 }] }),
        adminA.delete(`${R}/skills/${s}`),
      ]);
      if (queue.statusCode === 201) {
        expectProblem(removal, 409, 'conflict');
        await ok(adminA.delete(`${R}/queues/${queue.json().id}`), 204);
        await ok(adminA.delete(`${R}/skills/${s}`), 204);
      } else {
        expect(removal.statusCode, removal.body).toBe(204);
        expectProblem(queue, 400, 'validation_failed');
      }
    }
    const required = (await ok(adminA.get(`${R}/queues`))).items.flatMap((q: { requiredSkills: { skillId: string }[] }) => q.requiredSkills.map((r) => r.skillId));
    const skills = new Set((await ok(adminA.get(`${R}/skills`))).items.map((x: { id: string }) => x.id));
    expect(required.filter((id: string) => !skills.has(id))).toEqual([]);
  });

  it('records every write in the audit log', async () => {
    const s = await skill(adminA, '監査スキル');
    await ok(adminA.patch(`${R}/skills/${s}`, { name: '監査スキル2' }));
    await ok(adminA.delete(`${R}/skills/${s}`), 204);
    const trail = (await ok(adminA.get(`/api/v1/audit?entity=routing_skill&entityId=${s}`))).items as { action: string; actorUserId: string }[];
    expect(trail.map((e) => e.action).reverse()).toEqual(['routing_skill.create', 'routing_skill.rename', 'routing_skill.delete']);
    expect(trail.every((e) => e.actorUserId === A.users.admin.id)).toBe(true);
  });

  describe('the live engine\'s word', () => {
    const refusing = (): RoutingConfigSink & { reloads: number } => {
      const sink = {
        reloads: 0,
        check: async () => { throw new AppError('conflict', 'The engine refuses: a queue to be removed still has contacts'); },
        reload: async () => { sink.reloads++; },
      };
      return sink;
    };

    it('rolls a refused change back and reloads the engine only after a commit', async () => {
      const db = t.db.database.db;
      const sink = refusing();
      const sut = createRoutingAdminService({ db, ids: newId, clock: systemClock, audit: t.services.audit, routing: sink });
      await expect(sut.createQueue(A.ctx, { name: '拒否されるキュー' })).rejects.toMatchObject({ code: 'conflict' });
      expect(await db.select().from(routingQueues).where(eq(routingQueues.name, '拒否されるキュー'))).toEqual([]);
      expect(sink.reloads).toBe(0);

      const accepting = checkingSink();
      const ok2 = createRoutingAdminService({ db, ids: newId, clock: systemClock, audit: t.services.audit, routing: accepting });
      const q = await ok2.createQueue(A.ctx, { name: '受け入れられるキュー' });
      expect(accepting.reloads).toBe(1);
      await expect(sut.deleteQueue(A.ctx, q.id)).rejects.toMatchObject({ code: 'conflict' });
      expect((await ok2.getQueue(A.ctx, q.id)).name).toBe('受け入れられるキュー');
      await ok2.deleteQueue(A.ctx, q.id);
      expect(accepting.reloads).toBe(2);
    });
  });
});
