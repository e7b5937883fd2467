import { beforeAll, describe, expect, it } from 'vitest';
import type { E2eServer } from './support/server.js';
import { adminTokenOf, signIn, tileCount, tokenApi, UI_TIMEOUT, useE2eStack } from './support/stack.js';

// The CTI promise through the generic CTI webhook (any PBX): the PBX rings extension 4301 with a
// call from 090-1234-5678. The agent with that extension (木村 健太) sees 山田 太郎 and his
// refrigerator's serial while it rings; the PBX reports the answer, the desk shows the call being
// handled; the PBX reports the hang-up, the agent wraps up. The call is counted in 修理受付 (the
// tenant's CTI queue): the supervisor's wallboard shows it answered, and the call log lists it.

const TENANT = 'sakura-denki';
const AGENT = { email: 'agent.sakura@mirai-cc.example.jp', name: '木村 健太' };
const SUPERVISOR = { email: 'sv@mirai-cc.example.jp' };
const CALLER = { phone: '09012345678', serial: 'SR4501-23A-00417', name: '山田 太郎' };
/** Not a demo value: made up for this test. */
const EXTENSION = '4301';

interface AdminQueue { id: string; name: string }
interface AdminAgent { userId: string; displayName: string; capacity: Record<string, number>; voiceBlocksOthers: boolean; othersBlockVoice: boolean; skills: { skillId: string; level: number }[] }
interface CallRow { id: string; externalId: string; status: string; outcome: string | null; customer: { name: string } | null; agent: { name: string } | null; answeredBy: string | null }

describe('a PBX call through the CTI webhook: pop before answering, handled and wrapped up on the desk, counted on the wallboard', () => {
  const stack = useE2eStack();
  let server: E2eServer;
  let api: ReturnType<typeof tokenApi>;
  beforeAll(async () => {
    ({ server } = stack());
    api = tokenApi(server, await adminTokenOf(server, TENANT, 'e2e cti'));
  });

  async function cti(token: string, event: Record<string, unknown>) {
    const res = await fetch(`${server.url}/api/v1/cti/${token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) });
    expect(res.status, `${String(event.event)}: ${await res.clone().text()}`).toBe(200);
  }

  it('newCall → pop → answer → hang-up → wrap-up, on the wallboard and in the call log', async () => {
    // ---- setup through the admin API: the agent's extension, the CTI token and the CTI queue --------
    const agents = (await api<{ items: AdminAgent[] }>('GET', '/api/v1/routing/agents')).body.items;
    const kimura = agents.find((a) => a.displayName === AGENT.name)!;
    const profile = { capacity: kimura.capacity, voiceBlocksOthers: kimura.voiceBlocksOthers, othersBlockVoice: kimura.othersBlockVoice, skills: kimura.skills.map((s) => ({ skillId: s.skillId, level: s.level })) };
    expect((await api('PUT', `/api/v1/routing/agents/${kimura.userId}`, { ...profile, extension: EXTENSION })).status).toBe(200);
    const token = (await api<{ token: string }>('POST', '/api/v1/telephony/cti-token')).body.token;
    const repair = (await api<{ items: AdminQueue[] }>('GET', '/api/v1/routing/queues')).body.items.find((q) => q.name === '修理受付')!;
    expect((await api('PUT', '/api/v1/telephony/settings', { ctiQueueId: repair.id })).status).toBe(200);

    const [desk, wallboard] = await Promise.all([signIn(stack(), AGENT.email, '/desk'), signIn(stack(), SUPERVISOR.email, `/wallboard?tenants=${TENANT}`)]);
    const answeredTile = 'queue-修理受付-answered';
    await wallboard.getByTestId(answeredTile).waitFor({ timeout: UI_TIMEOUT });
    const answeredBefore = await tileCount(wallboard, answeredTile);
    await desk.getByRole('button', { name: '受付可', exact: true }).click();
    await expect.poll(() => desk.getByTestId('agent-activity').textContent(), { timeout: UI_TIMEOUT }).toBe('受付可');

    // ---- the PBX rings extension 4301: the pop shows the customer and his refrigerator ---------------
    const call = { callId: 'e2e-cti-1', from: CALLER.phone, to: '0120417001', direction: 'in' };
    await cti(token, { event: 'newCall', ...call, user: [EXTENSION] });
    const pop = desk.getByTestId('call-pop').first();
    await pop.waitFor({ timeout: UI_TIMEOUT });
    await expect.poll(() => pop.getByText(CALLER.name).count(), { timeout: UI_TIMEOUT }).toBeGreaterThan(0);
    await expect.poll(() => pop.getByText(CALLER.serial).count(), { timeout: UI_TIMEOUT }).toBeGreaterThan(0);
    // Madoguchi does not offer it: the PBX distributes its calls.
    expect(await desk.locator('[data-testid^="offer-"]:not([data-testid="offer-countdown"])').count()).toBe(0);

    // ---- answered on the phone: the desk holds the call ----------------------------------------------
    await cti(token, { event: 'answer', ...call, answeringNumber: EXTENSION });
    await expect.poll(() => desk.getByTestId('agent-activity').textContent(), { timeout: UI_TIMEOUT }).toBe('対応中');
    // The call is now a work item with the customer's record: the pop steps aside.
    await expect.poll(() => desk.getByTestId('screen-pop').getByText(CALLER.serial).count(), { timeout: UI_TIMEOUT }).toBeGreaterThan(0);
    await expect.poll(() => desk.getByTestId('call-pop').count(), { timeout: UI_TIMEOUT }).toBe(0);

    // ---- hung up: 後処理, then finished ---------------------------------------------------------------
    await cti(token, { event: 'hangup', ...call, answeringNumber: EXTENSION, cause: 'normalClearing' });
    await expect.poll(() => desk.getByTestId('agent-activity').textContent(), { timeout: UI_TIMEOUT }).toBe('後処理');
    await desk.getByRole('button', { name: '後処理完了', exact: true }).click();
    await expect.poll(() => desk.getByTestId('agent-activity').textContent(), { timeout: UI_TIMEOUT }).toBe('受付可');
    expect(await desk.getByTestId('call-pop').count()).toBe(0); // and does not come back

    // ---- the wallboard and the call log ------------------------------------------------------------
    await expect.poll(() => tileCount(wallboard, answeredTile), { timeout: UI_TIMEOUT }).toBe(answeredBefore + 1);
    const calls = (await api<{ items: CallRow[] }>('GET', '/api/v1/calls?limit=50')).body.items;
    expect(calls.find((c) => c.externalId === call.callId)).toMatchObject({
      status: 'ended', outcome: 'answered', customer: { name: CALLER.name }, agent: { name: AGENT.name }, answeredBy: EXTENSION,
    });
    await desk.getByRole('button', { name: 'ログオフ', exact: true }).click();
    expect(stack().failures).toEqual([]);
  });
});
