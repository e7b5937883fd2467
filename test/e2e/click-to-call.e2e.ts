import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort, startFakeAriPbx, type FakeAriPbx } from '../support/fake-ari-pbx.js';
import type { E2eServer } from './support/server.js';
import { adminTokenOf, signIn, tokenApi, UI_TIMEOUT, useE2eStack } from './support/stack.js';

// Click-to-call (発信) in the console: さくら電機 dials through its PBX (a loopback server answering
// as Asterisk ARI's originate does). The agent 木村 健太 (extension 4301) opens 山田 太郎's page and
// clicks 発信 beside 090-1234-5678: the PBX receives the filled URL with the Authorization header,
// and the button says the PBX was asked. With the PBX down, the button says so.

const TENANT = 'sakura-denki';
const AGENT = { email: 'agent.sakura@mirai-cc.example.jp', name: '木村 健太' };
const CUSTOMER = { name: '山田 太郎', phone: '090-1234-5678' };
/** Not a demo value: made up for this test. */
const EXTENSION = '4301';
const PBX_AUTH = `Basic ${Buffer.from('madoguchi:e2e-ari-password').toString('base64')}`;
const template = (port: number) => `http://127.0.0.1:${port}/ari/channels?endpoint=PJSIP/{extension}&extension={national}&context=from-internal&priority=1`;

interface AgentRow { userId: string; displayName: string; capacity: Record<string, number>; skills: { skillId: string; level: number }[] }

describe('click-to-call from the customer page through the PBX', () => {
  const stack = useE2eStack();
  let server: E2eServer;
  let api: ReturnType<typeof tokenApi>;
  let pbx: FakeAriPbx;
  let customerId: string;

  beforeAll(async () => {
    ({ server } = stack());
    pbx = await startFakeAriPbx(PBX_AUTH);
    api = tokenApi(server, await adminTokenOf(server, TENANT, 'e2e click-to-call'));
    expect((await api('PUT', '/api/v1/telephony/settings', { ctiDialUrl: template(pbx.port), ctiDialAuthorization: PBX_AUTH })).status).toBe(200);
    // The agent's extension, keeping the rest of their profile.
    const agent = (await api<{ items: AgentRow[] }>('GET', '/api/v1/routing/agents')).body.items.find((a) => a.displayName === AGENT.name)!;
    const put = await api('PUT', `/api/v1/routing/agents/${agent.userId}`, { capacity: agent.capacity, skills: agent.skills.map((s) => ({ skillId: s.skillId, level: s.level })), extension: EXTENSION });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const found = await api<{ items: { id: string; name: string }[] }>('GET', `/api/v1/customers?q=${encodeURIComponent(CUSTOMER.phone)}`);
    customerId = found.body.items.find((c) => c.name === CUSTOMER.name)!.id;
  });
  afterAll(async () => {
    await pbx?.close();
  });

  it('the agent clicks 発信 beside the phone number; the PBX is asked to ring extension 4301, then 09012345678', async () => {
    const page = await signIn(stack(), AGENT.email, `/t/${TENANT}/customers/${customerId}`, { waitForSocket: false });
    const dial = page.getByRole('button', { name: `${CUSTOMER.phone} に発信` });
    await dial.waitFor({ timeout: UI_TIMEOUT });
    await dial.click();
    await expect.poll(() => page.getByTestId('dial-outcome').textContent(), { timeout: UI_TIMEOUT }).toBe('PBXに発信を依頼しました');
    expect(pbx.received).toEqual([{
      method: 'POST', authorization: PBX_AUTH,
      url: `/ari/channels?endpoint=PJSIP/${EXTENSION}&extension=09012345678&context=from-internal&priority=1`,
    }]);

    // The PBX is down: the button says so, in Japanese.
    expect((await api('PUT', '/api/v1/telephony/settings', { ctiDialUrl: template(await closedPort()) })).status).toBe(200);
    await dial.click();
    await expect.poll(() => page.getByTestId('dial-outcome').textContent(), { timeout: UI_TIMEOUT }).toContain('PBX に接続できませんでした');
    expect(await page.getByTestId('dial-outcome').getAttribute('role')).toBe('alert');
    expect(stack().failures).toEqual([]);
  });
});
