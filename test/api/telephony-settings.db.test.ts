import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, HttpSession, type TestApp } from '../support/test-app.js';
import { testEngines } from '../support/test-db.js';
import { expectProblem } from '../support/http-expect.js';
import { createTenantWithStaff, TEST_PASSWORD } from '../factories/tenant.factory.js';
import { routingAdmin } from '../factories/routing.factory.js';
import { telephonySettings } from '../../src/server/db/schema/voice.table.js';
import { sha256 } from '../../src/server/platform/secrets.js';

const S = '/api/v1/telephony/settings';
const ACCOUNT_SID = `AC${'a1'.repeat(16)}`;
const AUTH_TOKEN = 'f'.repeat(32);
const API_KEY_SID = `SK${'b2'.repeat(16)}`;
const API_KEY_SECRET = 'Secret0Secret1Secret2Secret3Sec4';
const TWIML_APP_SID = `AP${'c3'.repeat(16)}`;

interface Settings {
  twilio: { configured: boolean; accountSid: string | null; softphoneConfigured: boolean; callerId: string | null };
  cti: { tokenSet: boolean; webhookUrl: string; dialUrl: string | null; dialAuthorizationSet: boolean };
  blockedNumbers: string[];
  updatedAt: string | null;
}

// Telephony settings per tenant (admins): Twilio credentials that never come back out, blocked
// numbers in E.164, the CTI token shown once and kept as a hash; agents' extensions and phones.
describe.each(testEngines())('telephony settings API [%s]', (engine) => {
  let t: TestApp;
  let A: Awaited<ReturnType<typeof createTenantWithStaff>>;
  let B: Awaited<ReturnType<typeof createTenantWithStaff>>;
  let admin: HttpSession;
  let adminB: HttpSession;
  let sv: HttpSession;

  beforeAll(async () => {
    t = await createTestApp(engine, { env: { MADOGUCHI_PUBLIC_URL: 'https://cc.example.jp' } });
    A = await createTenantWithStaff(t.services, 'tel-alpha');
    B = await createTenantWithStaff(t.services, 'tel-beta');
    const login = (email: string) => new HttpSession(t.app).login(email, TEST_PASSWORD);
    [admin, adminB, sv] = await Promise.all([login(A.users.admin.email), login(B.users.admin.email), login(A.users.supervisor.email)]);
  });
  afterAll(() => t.close());

  const settingsOf = async (s: HttpSession) => {
    const res = await s.get(S);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Settings;
  };
  const put = (body: object, s = admin) => s.request('PUT', S, body);

  it('starts empty and shows where the PBX posts, with the token as a placeholder', async () => {
    expect(await settingsOf(admin)).toEqual({
      twilio: { configured: false, accountSid: null, softphoneConfigured: false, callerId: null, holdMusicUrl: null },
      cti: { tokenSet: false, webhookUrl: 'https://cc.example.jp/api/v1/cti/{token}', dialUrl: null, dialAuthorizationSet: false, queueId: null },
      payment: { url: null, authorizationSet: false },
      blockedNumbers: [],
      updatedAt: null,
    });
  });

  it('stores Twilio credentials and blocked numbers (E.164, once each) and never returns a secret', async () => {
    const res = await put({
      twilioAccountSid: ACCOUNT_SID, twilioAuthToken: AUTH_TOKEN, twilioApiKeySid: API_KEY_SID, twilioApiKeySecret: API_KEY_SECRET, twilioTwimlAppSid: TWIML_APP_SID,
      blockedNumbers: ['090-1111-2222', '+81 3-1234-5678', '０９０－１１１１－２２２２'],
    });
    expect(res.statusCode, res.body).toBe(200);
    for (const body of [res.body, (await admin.get(S)).body]) {
      expect(body).not.toContain(AUTH_TOKEN);
      expect(body).not.toContain(API_KEY_SECRET);
    }
    expect(res.json()).toMatchObject({
      twilio: { configured: true, accountSid: ACCOUNT_SID, softphoneConfigured: true },
      blockedNumbers: ['+81312345678', '+819011112222'],
    });
    // The adapter gets them; another tenant has none.
    expect(await t.services.telephonySettings.twilioSecretsOf(A.tenant.id)).toEqual({
      accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, apiKeySid: API_KEY_SID, apiKeySecret: API_KEY_SECRET, twimlAppSid: TWIML_APP_SID, holdMusicUrl: null, payment: null,
    });
    expect(await t.services.telephonySettings.twilioSecretsOf(B.tenant.id)).toBeNull();
    expect((await settingsOf(adminB)).twilio.configured).toBe(false);
  });

  it('keeps omitted fields, clears null ones', async () => {
    const res = await put({ twilioApiKeySecret: null });
    expect(res.json()).toMatchObject({ twilio: { configured: true, softphoneConfigured: false }, blockedNumbers: ['+81312345678', '+819011112222'] });
    expect((await put({ twilioApiKeySecret: API_KEY_SECRET })).json().twilio.softphoneConfigured).toBe(true);
  });

  it('refuses a bad blocked number naming the entry, and a malformed SID, changing nothing', async () => {
    const body = expectProblem(await put({ blockedNumbers: ['03-1234-5678', 'not a number', '12'] }), 400, 'validation_failed');
    expect(body.errors?.map((e) => e.path)).toEqual(['blockedNumbers.1', 'blockedNumbers.2']);
    const sid = expectProblem(await put({ twilioAccountSid: 'AC123' }), 400, 'validation_failed');
    expect(sid.errors?.[0]?.path).toBe('body.twilioAccountSid');
    const now = await settingsOf(admin);
    expect(now.blockedNumbers).toEqual(['+81312345678', '+819011112222']);
    expect(now.twilio.accountSid).toBe(ACCOUNT_SID);
  });

  describe('click-to-call (発信)', () => {
    const ARI = 'http://pbx.example:8088/ari/channels?endpoint=PJSIP/{extension}&extension={national}&context=from-internal&priority=1';
    const ARI_AUTH = `Basic ${Buffer.from('madoguchi:ari-password-1').toString('base64')}`;

    it('stores the Twilio caller id in E.164, the PBX dial URL as written, and its Authorization value write-only', async () => {
      const res = await put({ twilioCallerId: '03-1234-0000', ctiDialUrl: ARI, ctiDialAuthorization: ARI_AUTH });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ twilio: { callerId: '+81312340000' }, cti: { dialUrl: ARI, dialAuthorizationSet: true } });
      for (const body of [res.body, (await admin.get(S)).body]) {
        expect(body).not.toContain(ARI_AUTH);
        expect(body).not.toContain('ari-password-1');
        expect(body).not.toContain(ARI_AUTH.slice('Basic '.length));
      }
      const [row] = await t.db.database.db.select().from(telephonySettings).where(eq(telephonySettings.tenantId, A.tenant.id));
      expect(row).toMatchObject({ twilioCallerId: '+81312340000', ctiDialUrl: ARI, ctiDialAuthorization: ARI_AUTH });
      // Omitted: kept; null: cleared.
      expect((await put({ twilioCallerId: '+81 3-1234-0000' })).json().cti.dialAuthorizationSet).toBe(true);
      expect((await put({ ctiDialAuthorization: null })).json()).toMatchObject({ cti: { dialUrl: ARI, dialAuthorizationSet: false } });
      expect((await put({ ctiDialUrl: null, twilioCallerId: null })).json()).toMatchObject({ twilio: { callerId: null }, cti: { dialUrl: null } });
      // The audit log names the fields, never the values.
      const audit = await admin.get('/api/v1/audit?entity=telephony_settings&pageSize=100');
      expect(audit.body).toContain('ctiDialAuthorization (cleared)');
      expect(audit.body).not.toContain(ARI_AUTH);
      expect(audit.body).not.toContain('pbx.example');
    });

    it('refuses a template with other placeholders, no number or another scheme, and a caller id that is not a number, naming the field', async () => {
      for (const [url, says] of [
        ['http://pbx.example/ari/channels?endpoint=PJSIP/{ext}&extension={national}', '{ext}'],
        ['http://pbx.example/ari/channels?endpoint=PJSIP/{extension}', '{number} or {national}'],
        ['ftp://pbx.example/{number}', 'http'],
        ['http://admin:pw@pbx.example/{number}', 'ctiDialAuthorization'],
      ] as const) {
        const body = expectProblem(await put({ ctiDialUrl: url }), 400, 'validation_failed');
        expect(body.errors, url).toEqual([expect.objectContaining({ path: 'body.ctiDialUrl', message: expect.stringContaining(says) })]);
      }
      const caller = expectProblem(await put({ twilioCallerId: 'our main line' }), 400, 'validation_failed');
      expect(caller.errors?.map((e) => e.path)).toEqual(['body.twilioCallerId']);
      expect(expectProblem(await put({ ctiDialAuthorization: 'Basic a\r\nX-Injected: 1' }), 400, 'validation_failed').errors?.[0]?.path).toBe('body.ctiDialAuthorization');
      expect(await settingsOf(admin)).toMatchObject({ twilio: { callerId: null }, cti: { dialUrl: null, dialAuthorizationSet: false } });
    });
  });

  it('rotates the CTI token: shown once, stored as its hash only; the old one stops working at once', async () => {
    const first = await admin.post('/api/v1/telephony/cti-token');
    expect(first.statusCode, first.body).toBe(200);
    const { token, webhookUrl } = first.json() as { token: string; webhookUrl: string };
    expect(token.length).toBeGreaterThanOrEqual(40);
    expect(webhookUrl).toBe(`https://cc.example.jp/api/v1/cti/${token}`);
    const [row] = await t.db.database.db.select().from(telephonySettings).where(eq(telephonySettings.tenantId, A.tenant.id));
    expect(row?.ctiTokenHash).toBe(sha256(token));
    expect(JSON.stringify(row)).not.toContain(token);
    const settings = await settingsOf(admin);
    expect(settings.cti.tokenSet).toBe(true);
    expect(JSON.stringify(settings)).not.toContain(token);

    const event = (tok: string) => t.app.inject({ method: 'POST', url: `/api/v1/cti/${tok}`, payload: { event: 'answer', callId: 'nothing-yet', direction: 'in' } });
    expect((await event(token)).statusCode).toBe(200);
    const second = (await admin.post('/api/v1/telephony/cti-token')).json() as { token: string };
    expect(second.token).not.toBe(token);
    expectProblem(await event(token), 404, 'not_found');
    expect((await event(second.token)).statusCode).toBe(200);
  });

  it('audits changes without secrets or numbers', async () => {
    const res = await admin.get('/api/v1/audit?entity=telephony_settings&pageSize=100');
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as { action: string; changes: unknown }[];
    expect(items.map((i) => i.action)).toEqual(expect.arrayContaining(['telephony_settings.update', 'telephony_settings.cti_token_rotate']));
    expect(res.body).not.toContain(AUTH_TOKEN);
    expect(res.body).not.toContain(API_KEY_SECRET);
    expect(res.body).not.toContain('+819011112222');
  });

  it('is for admins only', async () => {
    expectProblem(await sv.get(S), 403, 'forbidden');
    expectProblem(await put({ blockedNumbers: [] }, sv), 403, 'forbidden');
    expectProblem(await sv.post('/api/v1/telephony/cti-token'), 403, 'forbidden');
  });

  describe('agents’ extensions and phones (routing admin)', () => {
    const agentUrl = (id: string) => `/api/v1/routing/agents/${id}`;
    const putAgent = (s: HttpSession, id: string, extra: object) => s.request('PUT', agentUrl(id), { capacity: { voice: 1 }, skills: [], ...extra });

    it('sets an extension and a phone (E.164); an omitted one stays, null removes it', async () => {
      const res = await putAgent(admin, A.users.agent.id, { extension: '201', phone: '090-1234-0000' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ extension: '201', phone: '+819012340000' });
      expect((await putAgent(admin, A.users.agent.id, {})).json()).toMatchObject({ extension: '201', phone: '+819012340000' });
      expect((await putAgent(admin, A.users.agent.id, { phone: null })).json()).toMatchObject({ extension: '201', phone: null });
      const listed = (await admin.get('/api/v1/routing/agents')).json().items.find((a: { userId: string }) => a.userId === A.users.agent.id);
      expect(listed).toMatchObject({ extension: '201', phone: null });
    });

    it('refuses an extension another agent has (any tenant) with 409, without saying whose', async () => {
      const same = expectProblem(await putAgent(admin, A.users.supervisor.id, { extension: '201' }), 409);
      expect(same.detail).not.toContain('agent@');
      expect(same.detail).not.toContain(A.users.agent.id);
      const other = expectProblem(await putAgent(adminB, B.users.agent.id, { extension: '201' }), 409);
      expect(JSON.stringify(other)).not.toMatch(/tel-alpha|agent tel-alpha/);
      // Nothing of the refused change was applied.
      const sup = (await admin.get('/api/v1/routing/agents')).json().items.find((a: { userId: string }) => a.userId === A.users.supervisor.id);
      expect(sup.extension).toBeNull();
      expect((await putAgent(admin, A.users.supervisor.id, { extension: '202' })).json().extension).toBe('202');
    });

    it('refuses a phone that is not a phone number and an extension with spaces, naming the field', async () => {
      expect(expectProblem(await putAgent(admin, A.users.agent.id, { phone: 'call me' }), 400, 'validation_failed').errors?.[0]?.path).toBe('body.phone');
      expect(expectProblem(await putAgent(admin, A.users.agent.id, { extension: '2 01' }), 400, 'validation_failed').errors?.[0]?.path).toBe('body.extension');
    });

    it('keeps using the routing factory shape (no extension given) without touching it', async () => {
      await routingAdmin(admin).agent(A.users.agent.id, []);
      const listed = (await admin.get('/api/v1/routing/agents')).json().items.find((a: { userId: string }) => a.userId === A.users.agent.id);
      expect(listed.extension).toBe('201');
    });
  });
});
