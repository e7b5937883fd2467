import { beforeAll, describe, expect, it } from 'vitest';
import { fetchTransport, TwilioPhone } from '../../src/cli/simulate/twilio-phone.js';
import type { E2eServer } from './support/server.js';
import { adminTokenOf, signIn, tileCount, tokenApi, UI_TIMEOUT, useE2eStack } from './support/stack.js';

// The CTI promise end to end, through the Twilio contract: a caller dials さくら電機's demo line
// (0120-417-001), presses 1 and keys the digits of the refrigerator's serial (SR4501-23A-00417 →
// 45012300417), and waits in 修理受付. The agent with the repair skill (木村 健太) sees the offer with
// 山田 太郎's record and the refrigerator before anything rings; answers; the caller leaves the
// queue and is bridged to the agent; they talk and hang up; the agent wraps up. The supervisor's
// wallboard counts the answered call, and the call log lists it for the customer and the agent.
// The phone network is simulated by TwilioPhone (signed webhooks, TwiML followed as Twilio does).

const TENANT = 'sakura-denki';
const AGENT = { email: 'agent.sakura@mirai-cc.example.jp', name: '木村 健太' };
const SUPERVISOR = { email: 'sv@mirai-cc.example.jp' };
const LINE = '+81120417001';
const CALLER = { phone: '+819012345678', keyedSerial: '45012300417', serial: 'SR4501-23A-00417', name: '山田 太郎' };
const ACCOUNT_SID = `AC${'e2'.repeat(16)}`;
const AUTH_TOKEN = 'e2e-twilio-auth-token-0001';
const WALLBOARD_TIMEOUT = 5_000;

interface AdminQueue { id: string; name: string; hoursId: string | null }
interface CallRow { id: string; status: string; outcome: string | null; customer: { id: string; name: string } | null; agent: { userId: string; name: string } | null; hasRecording: boolean; talkSec: number | null }


describe('voice: a caller keys a serial, the agent sees the customer before answering (Twilio contract)', () => {
  const stack = useE2eStack();
  let server: E2eServer;
  let api: ReturnType<typeof tokenApi>;
  beforeAll(async () => {
    ({ server } = stack());
    api = tokenApi(server, await adminTokenOf(server, TENANT, 'e2e voice'));
  });

  it('IVR → queue → screen pop → answer → hang up → wrap-up, on the wallboard and in the call log', async () => {
    // ---- setup through the admin API: the tenant's Twilio account; hours off for a time-independent test
    const settings = await api('PUT', '/api/v1/telephony/settings', { twilioAccountSid: ACCOUNT_SID, twilioAuthToken: AUTH_TOKEN });
    expect(settings.status, JSON.stringify(settings.body)).toBe(200);
    const repair = (await api<{ items: AdminQueue[] }>('GET', '/api/v1/routing/queues')).body.items.find((q) => q.name === '修理受付')!;
    expect((await api('PATCH', `/api/v1/routing/queues/${repair.id}`, { hoursId: null })).status).toBe(200);

    const [pageAgent, pageSv] = await Promise.all([signIn(stack(), AGENT.email, '/desk'), signIn(stack(), SUPERVISOR.email, `/wallboard?tenants=${TENANT}`)]);
    const answeredTile = 'queue-修理受付-answered';
    await pageSv.getByTestId(answeredTile).waitFor({ timeout: UI_TIMEOUT });
    const answeredBefore = await tileCount(pageSv, answeredTile);
    await pageAgent.getByRole('button', { name: '受付可', exact: true }).click();
    await expect.poll(() => pageAgent.getByTestId('agent-activity').textContent(), { timeout: UI_TIMEOUT }).toBe('受付可');

    // ---- the caller dials and keys the serial -------------------------------------------------
    const phone = new TwilioPhone({ transport: fetchTransport, baseUrl: server.url, accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, from: CALLER.phone, to: LINE });
    expect(await phone.dial()).toBe('gather');
    expect(phone.heard[0]).toContain('さくら電機サポートセンター');
    expect(await phone.press('1')).toBe('gather');
    expect(await phone.press(`${CALLER.keyedSerial}#`)).toBe('queued');
    expect(phone.heard.at(-1)).toBe('修理受付の担当者におつなぎします。');

    // ---- the agent's browser shows the customer and the refrigerator before anything rings ----------
    const offer = pageAgent.locator('[data-testid^="offer-"]:not([data-testid="offer-countdown"])').first();
    await offer.waitFor({ timeout: UI_TIMEOUT });
    const pop = offer.getByTestId('screen-pop');
    await expect.poll(() => pop.getByText(CALLER.name).count(), { timeout: UI_TIMEOUT }).toBeGreaterThan(0);
    await expect.poll(() => pop.getByText(CALLER.serial).count(), { timeout: UI_TIMEOUT }).toBeGreaterThan(0);
    expect(await phone.waitInQueue(), 'the caller stays in the queue until the agent answers').toBe(false);
    expect(phone.state).toBe('queued');

    // ---- answer: the caller leaves the queue and the agent's softphone rings -----------------------
    await offer.getByRole('button', { name: '応答', exact: true }).click();
    await expect.poll(() => pageAgent.getByTestId('agent-activity').textContent(), { timeout: UI_TIMEOUT }).toBe('対応中');
    expect(await phone.waitInQueue()).toBe(true);
    expect(phone.agentTarget).toMatch(/^client:agent_[0-9a-f]{32}$/);
    expect(await phone.agentLeg({ answered: true, talkSec: 180 })).toBe('ended');

    // ---- the hang-up puts the agent in wrap-up; the agent finishes it --------------------------------
    await expect.poll(() => pageAgent.getByTestId('agent-activity').textContent(), { timeout: UI_TIMEOUT }).toBe('後処理');
    await pageAgent.getByRole('button', { name: '後処理完了', exact: true }).click();
    await expect.poll(() => pageAgent.getByTestId('agent-activity').textContent(), { timeout: UI_TIMEOUT }).toBe('受付可');

    // ---- the wallboard and the call log --------------------------------------------------------
    await expect.poll(() => tileCount(pageSv, answeredTile), { timeout: WALLBOARD_TIMEOUT }).toBe(answeredBefore + 1);
    const customers = (await api<{ items: { id: string; name: string }[] }>('GET', `/api/v1/customers?q=${encodeURIComponent(CALLER.name)}`)).body.items;
    const customerId = customers.find((c) => c.name === CALLER.name)!.id;
    const calls = (await api<{ items: CallRow[] }>('GET', `/api/v1/calls?customerId=${customerId}`)).body.items;
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ status: 'ended', outcome: 'answered', customer: { id: customerId, name: CALLER.name }, agent: { name: AGENT.name }, hasRecording: true });
    const byAgent = (await api<{ items: CallRow[] }>('GET', `/api/v1/calls?agentUserId=${calls[0]!.agent!.userId}`)).body.items;
    expect(byAgent.map((c) => c.id)).toContain(calls[0]!.id);

    await pageAgent.getByRole('button', { name: 'ログオフ', exact: true }).click();
    expect(stack().failures).toEqual([]);
  });
});
