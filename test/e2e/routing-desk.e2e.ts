import { beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { AgentId } from '../../src/core/routing/routing.types.js';
import { ja } from '../../src/web/ui/i18n/ja.js';
import type { E2eServer } from './support/server.js';
import { adminTokenOf, signIn as signInAs, tileCount, tokenApi, UI_TIMEOUT, useE2eStack } from './support/stack.js';

// The routing quality bar, through three real browsers on the real server: two agents with
// different skills and a supervisor. A call for the repair queue (修理受付) goes to the agent who
// has the repair skill although the other agent has been idle longer; the offer's screen pop shows
// the caller's product serial; the agent answers and transfers the call with a note to the English
// queue (英語窓口), which only the other agent can take; that agent is offered it with the note
// (転送メモ) and answers; the supervisor's wallboard counts the call in both queues.
//
// Demo data (src/server/features/demo/demo-routing.ts), tenant さくら電機:
//   agent@        中村 さやか  製品サポート 6, 英語対応 8  → 英語窓口, not 修理受付
//   agent.sakura@ 木村 健太   修理受付 8, 製品サポート 5  → 修理受付, not 英語窓口
//   sv@           高橋 美咲   supervisor, watches the wallboard and never goes ready
// The caller is the demo anchor 山田 太郎 (090-1234-5678), owner of the refrigerator SR4501-23A-00417.

const TENANT = 'sakura-denki';
const AGENT_A = { email: 'agent@mirai-cc.example.jp', name: '中村 さやか' };
const AGENT_B = { email: 'agent.sakura@mirai-cc.example.jp', name: '木村 健太' };
const SUPERVISOR = { email: 'sv@mirai-cc.example.jp', name: '高橋 美咲' };
const REPAIR_QUEUE = '修理受付';
const ENGLISH_QUEUE = '英語窓口';
const CALLER = { phone: '090-1234-5678', serial: 'SR4501-23A-00417', name: '山田 太郎' };
const ADMIN_EMAIL = 'admin@mirai-cc.example.jp';
/** A number no demo customer has. */
const UNKNOWN_PHONE = '080-5555-0417';
const NEW_CUSTOMER = '新規 花子';
const TRANSFER_NOTE = 'E-21 が再表示。延長保証期間内です。ご家族が英語でのご説明を希望されています。';

/** The wallboard pushes at most once a second while anything changes. */
const WALLBOARD_TIMEOUT = 5_000;

interface AdminQueue { id: string; name: string; hoursId: string | null; requiredSkills: { skillId: string; minLevel: number }[] }
interface AdminAgent { userId: string; email: string; displayName: string; skills: { skillId: string; level: number }[] }
interface Contact { id: string; interactionId: string; status: string; agentUserId: string | null; customerId: string | null; queueId: string }

const meets = (agent: AdminAgent, queue: AdminQueue) =>
  queue.requiredSkills.every((r) => agent.skills.some((s) => s.skillId === r.skillId && s.level >= r.minLevel));


describe('routing desk: skills, screen pop, transfer with a note and the wallboard, in three browsers', () => {
  const stack = useE2eStack();
  let server: E2eServer;
  let api: ReturnType<typeof tokenApi>;
  let failures: string[];
  /** The three signed-in browsers and the repair queue, for the follow-up test. */
  let shared: { pageA: Page; pageB: Page; pageSv: Page; repairQueueId: string } | undefined;

  const signIn = (email: string, path: string) => signInAs(stack(), email, path);

  /** 受付可 through the desk's state selector, and wait until the desk shows it. */
  async function goReady(page: Page) {
    await page.getByRole('button', { name: '受付可', exact: true }).click();
    await expect.poll(() => page.getByTestId('agent-activity').textContent(), { timeout: UI_TIMEOUT }).toBe('受付可');
    await expect.poll(() => page.getByTestId('desk-idle').textContent(), { timeout: UI_TIMEOUT }).toContain('着信を待っています');
  }

  const offersOn = (page: Page): Locator => page.locator('[data-testid^="offer-"]:not([data-testid="offer-countdown"])');

  beforeAll(async () => {
    ({ server, failures } = stack());
    api = tokenApi(server, await adminTokenOf(server, TENANT, 'e2e routing desk'));
  });

  it('routes by skill over idle time, pops the serial, transfers with a note to the other agent, and counts it on the wallboard', async () => {
    const timings: Record<string, number> = {};

    // ---- setup through the admin API (the demo itself is not changed) ----------------------------
    const queues = (await api<{ items: AdminQueue[] }>('GET', '/api/v1/routing/queues')).body.items;
    const repair = queues.find((q) => q.name === REPAIR_QUEUE);
    const english = queues.find((q) => q.name === ENGLISH_QUEUE);
    if (!repair || !english) throw new Error(`demo queues missing: ${queues.map((q) => q.name).join(', ')}`);
    // The demo queues keep Japanese business hours; this test must not depend on the time of day.
    for (const q of [repair, english]) {
      const res = await api<AdminQueue>('PATCH', `/api/v1/routing/queues/${q.id}`, { hoursId: null });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.hoursId).toBeNull();
    }
    // The premise, from the demo config: each agent can take exactly one of the two queues.
    const agents = (await api<{ items: AdminAgent[] }>('GET', '/api/v1/routing/agents')).body.items;
    const agentA = agents.find((a) => a.email === AGENT_A.email);
    const agentB = agents.find((a) => a.email === AGENT_B.email);
    if (!agentA || !agentB) throw new Error('demo agents missing');
    expect({ aRepair: meets(agentA, repair), aEnglish: meets(agentA, english), bRepair: meets(agentB, repair), bEnglish: meets(agentB, english) }).toEqual({
      aRepair: false, aEnglish: true, bRepair: true, bEnglish: false,
    });

    // ---- three browsers, each signed in through the login form -----------------------------------
    const [pageA, pageB, pageSv] = await Promise.all([
      signIn(AGENT_A.email, '/desk'),
      signIn(AGENT_B.email, '/desk'),
      signIn(SUPERVISOR.email, `/wallboard?tenants=${TENANT}`),
    ]);
    shared = { pageA, pageB, pageSv, repairQueueId: repair.id };
    for (const page of [pageA, pageB]) {
      await expect.poll(() => page.getByTestId('agent-activity').textContent(), { timeout: UI_TIMEOUT }).toBe('ログオフ');
    }
    const tiles = {
      repairOffered: `queue-${REPAIR_QUEUE}-offered`,
      repairAnswered: `queue-${REPAIR_QUEUE}-answered`,
      englishOffered: `queue-${ENGLISH_QUEUE}-offered`,
      englishAnswered: `queue-${ENGLISH_QUEUE}-answered`,
    };
    await pageSv.getByTestId(tiles.repairOffered).waitFor({ timeout: UI_TIMEOUT });
    const before: Record<keyof typeof tiles, number> = {
      repairOffered: await tileCount(pageSv, tiles.repairOffered),
      repairAnswered: await tileCount(pageSv, tiles.repairAnswered),
      englishOffered: await tileCount(pageSv, tiles.englishOffered),
      englishAnswered: await tileCount(pageSv, tiles.englishAnswered),
    };

    // ---- A goes ready first (idle longer), then B -----------------------------------------------
    await goReady(pageA);
    // A's time in state ticks past 0:00 before B is ready: A has visibly been idle longer.
    await expect.poll(() => pageA.getByTestId('agent-time-in-state').textContent(), { timeout: UI_TIMEOUT }).not.toBe('0:00');
    await goReady(pageB);
    const state = server.services.routing.current();
    const idleA = state.agents.get(agentA.userId as AgentId)?.idleSince;
    const idleB = state.agents.get(agentB.userId as AgentId)?.idleSince;
    expect(idleA, 'A is idle longer than B').toBeLessThan(idleB ?? 0);
    // The supervisor sees both agents ready.
    for (const name of [AGENT_A.name, AGENT_B.name]) {
      await expect.poll(() => pageSv.getByTestId(`agent-${name}-state`).getAttribute('data-activity'), { timeout: WALLBOARD_TIMEOUT }).toBe('available');
    }

    // ---- a call for 修理受付 comes in through the contacts API ------------------------------------
    const t0 = Date.now();
    const created = await api<Contact>('POST', '/api/v1/contacts', {
      channel: 'voice', queueId: repair.id, externalId: `e2e-routing-desk-${t0}`, from: CALLER.phone, serial: CALLER.serial, subject: '冷蔵庫の冷えが悪い',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const contact = created.body;
    expect(contact.customerId, 'the caller is identified by the serial').not.toBeNull();

    // It rings in B's browser — not in A's, although A has been idle longer (A lacks the repair skill).
    const offerB = pageB.getByTestId(`offer-${contact.id}`);
    const ringsFor = await Promise.race([
      offerB.waitFor({ timeout: UI_TIMEOUT }).then(() => 'B (repair skill)'),
      pageA.getByTestId(`offer-${contact.id}`).waitFor({ timeout: UI_TIMEOUT }).then(() => 'A (idle longer, no repair skill)', () => new Promise<string>(() => undefined)),
    ]);
    expect(ringsFor, 'the call rings for').toBe('B (repair skill)');
    timings.offerToSkilledAgentMs = Date.now() - t0;
    // The screen pop in the offer: the caller and the product serial.
    const popB = offerB.getByTestId('screen-pop');
    await expect.poll(() => popB.getByText(CALLER.serial).count(), { timeout: UI_TIMEOUT }).toBeGreaterThan(0);
    await expect.poll(() => popB.getByText(CALLER.name).count(), { timeout: UI_TIMEOUT }).toBeGreaterThan(0);
    // A, idle longer but without the repair skill, gets nothing.
    expect(await offersOn(pageA).count()).toBe(0);
    expect(await pageA.getByTestId('desk-idle').isVisible()).toBe(true);
    expect(contact.agentUserId, 'offered to B by the server too').toBe(agentB.userId);

    // ---- B answers with the keyboard (F2) -----------------------------------------------------------
    await pageB.keyboard.press('F2');
    const panelB = pageB.getByTestId(`contact-${contact.id}`);
    await panelB.waitFor({ timeout: UI_TIMEOUT });
    await expect.poll(() => offersOn(pageB).count(), { timeout: UI_TIMEOUT }).toBe(0);
    await expect.poll(() => pageB.getByTestId('agent-activity').textContent(), { timeout: UI_TIMEOUT }).toBe('対応中');
    // Still nothing for A.
    expect(await offersOn(pageA).count()).toBe(0);

    // ---- B transfers it to 英語窓口 with a note, while connected -----------------------------------
    await panelB.getByRole('button', { name: '転送・相談' }).click();
    const dialog = pageB.getByRole('dialog');
    await dialog.waitFor({ timeout: UI_TIMEOUT });
    await dialog.getByRole('textbox', { name: /^キュー/ }).click();
    await pageB.getByRole('option', { name: new RegExp(`^${ENGLISH_QUEUE}`) }).click();
    await dialog.getByRole('textbox', { name: /^転送メモ/ }).fill(TRANSFER_NOTE);
    const offerA = pageA.getByTestId(`offer-${contact.id}`);
    const t1 = Date.now();
    const offerAShownAt = offerA.waitFor({ timeout: UI_TIMEOUT }).then(() => Date.now());
    offerAShownAt.catch(() => undefined); // awaited below; a failure in between must not go unhandled
    await dialog.getByRole('button', { name: '転送する' }).click();
    await dialog.waitFor({ state: 'detached', timeout: UI_TIMEOUT });
    // B is in 後処理 for the call it passed on.
    await expect.poll(() => pageB.getByTestId('agent-activity').textContent(), { timeout: UI_TIMEOUT }).toBe('後処理');

    // ---- A is offered it, with B's note visible before answering -------------------------------
    timings.transferToOtherAgentMs = (await offerAShownAt) - t1;
    const notesA = offerA.getByTestId('transfer-notes');
    await notesA.waitFor({ timeout: UI_TIMEOUT });
    expect(await notesA.textContent()).toContain('転送メモ');
    expect(await notesA.textContent()).toContain(TRANSFER_NOTE);
    expect(await notesA.textContent()).toContain(`${AGENT_B.name} さんから`);
    expect(await offerA.getByTestId('screen-pop').getByText(CALLER.serial).count()).toBeGreaterThan(0);
    expect(await offerA.textContent()).toContain(ENGLISH_QUEUE);
    // B is not offered it back.
    expect(await offersOn(pageB).count()).toBe(0);

    // ---- A answers ---------------------------------------------------------------------------------
    const t2 = Date.now();
    await offerA.getByRole('button', { name: '応答' }).click();
    const panelA = pageA.getByTestId(`contact-${contact.id}`);
    await panelA.waitFor({ timeout: UI_TIMEOUT });
    expect(await panelA.getByTestId('transfer-notes').textContent()).toContain(TRANSFER_NOTE);
    await expect.poll(() => pageA.getByTestId('agent-activity').textContent(), { timeout: UI_TIMEOUT }).toBe('対応中');

    // ---- the supervisor's wallboard counts it in both queues, within a few seconds --------------
    await expect
      .poll(async () => ({
        repairOffered: await tileCount(pageSv, tiles.repairOffered),
        repairAnswered: await tileCount(pageSv, tiles.repairAnswered),
        englishOffered: await tileCount(pageSv, tiles.englishOffered),
        englishAnswered: await tileCount(pageSv, tiles.englishAnswered),
      }), { timeout: WALLBOARD_TIMEOUT, interval: 100 })
      .toEqual({
        repairOffered: before.repairOffered + 1,
        repairAnswered: before.repairAnswered + 1,
        englishOffered: before.englishOffered + 1,
        englishAnswered: before.englishAnswered + 1,
      });
    timings.answerToWallboardMs = Date.now() - t2;
    await expect.poll(() => pageSv.getByTestId(`agent-${AGENT_A.name}-state`).getAttribute('data-activity'), { timeout: WALLBOARD_TIMEOUT }).toBe('busy');
    await expect.poll(() => pageSv.getByTestId(`agent-${AGENT_B.name}-state`).getAttribute('data-activity'), { timeout: WALLBOARD_TIMEOUT }).toBe('acw');
    // The push kept the board live the whole time (no fallback to 10 s polling).
    expect(await pageSv.getByTestId('socket-status').getAttribute('data-status')).toBe('open');

    expect(failures).toEqual([]);
    console.info(`routing-desk e2e timings: ${JSON.stringify(timings)}`);
  });

  it('follow-ups: an unknown caller registered during the call is linked, refusals are worded, a consult carries the screen pop, break labels reach the wallboard, only routed roles see the desk', async () => {
    if (!shared) throw new Error('needs the signed-in browsers of the first test');
    const { pageA, pageB, pageSv, repairQueueId } = shared;
    const activityOf = (page: Page) => page.getByTestId('agent-activity').textContent();

    // B finishes the wrap-up of the call it transferred (Alt+W), unless its 60 s limit already did.
    if ((await pageB.getByRole('button', { name: '後処理完了', exact: true }).count()) > 0) await pageB.keyboard.press('Alt+KeyW');
    await expect.poll(() => activityOf(pageB), { timeout: UI_TIMEOUT }).toBe('受付可');

    // An unknown caller for 修理受付: B is the only one who can take it (A is on the transferred call).
    const created = await api<Contact>('POST', '/api/v1/contacts', { channel: 'voice', queueId: repairQueueId, from: UNKNOWN_PHONE, externalId: `e2e-unknown-${Date.now()}` });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const contact = created.body;
    expect(contact.customerId, `${UNKNOWN_PHONE} must be unknown in the demo`).toBeNull();
    const offer = pageB.getByTestId(`offer-${contact.id}`);
    await offer.getByTestId('screen-pop-unknown').waitFor({ timeout: UI_TIMEOUT });
    await offer.getByRole('button', { name: '応答', exact: true }).click();
    const panel = pageB.getByTestId(`contact-${contact.id}`);
    await panel.waitFor({ timeout: UI_TIMEOUT });

    // A refusal is worded from the rule the server names (agent_has_contacts): no logging off during a call.
    await pageB.getByRole('button', { name: 'ログオフ', exact: true }).click();
    await pageB.getByText(ja.desk.refused.agent_has_contacts).waitFor({ timeout: UI_TIMEOUT });
    expect(await activityOf(pageB)).toBe('対応中');

    // 新規顧客登録 from the screen pop: the contact and its interaction get the customer, the screen pop refreshes.
    await panel.getByRole('button', { name: '新規顧客登録', exact: true }).click();
    const form = panel.getByRole('form', { name: '新規顧客登録' });
    await form.getByRole('textbox', { name: /^氏名/ }).fill(NEW_CUSTOMER);
    await form.getByRole('button', { name: '登録', exact: true }).click();
    // The tab is named after the work item's own screen pop: the desk holds the server's refreshed AgentMe.
    await pageB.getByRole('tab', { name: new RegExp(NEW_CUSTOMER) }).waitFor({ timeout: UI_TIMEOUT });
    await panel.getByTestId('screen-pop').getByText(NEW_CUSTOMER).first().waitFor({ timeout: UI_TIMEOUT });
    const linked = (await api<Contact>('GET', `/api/v1/contacts/${contact.id}`)).body;
    expect(linked.customerId).not.toBeNull();
    const interaction = (await api<{ customerId: string | null }>('GET', `/api/v1/interactions/${linked.interactionId}`)).body;
    expect(interaction.customerId).toBe(linked.customerId);

    // 相談: B asks A (on the other call) for advice; A's desk reads the contact from the frame's item.
    await panel.getByRole('button', { name: '転送・相談', exact: true }).click();
    const dialog = pageB.getByRole('dialog');
    await dialog.waitFor({ timeout: UI_TIMEOUT });
    await dialog.locator('label', { hasText: /^相談$/ }).click();
    await dialog.getByRole('textbox', { name: /^オペレーター/ }).click();
    await pageB.getByRole('option', { name: new RegExp(`^${AGENT_A.name}`) }).click();
    await dialog.getByRole('textbox', { name: /^転送メモ/ }).fill('初めてのお客様です。修理の受付条件を確認させてください。');
    await dialog.getByRole('button', { name: '相談を送る', exact: true }).click();
    await dialog.waitFor({ state: 'detached', timeout: UI_TIMEOUT });
    const consult = pageA.getByTestId(`consult-${contact.id}`);
    await consult.waitFor({ timeout: UI_TIMEOUT });
    expect(await consult.textContent()).toContain(`${AGENT_B.name} さんからの相談`);
    expect(await consult.textContent()).toContain(`お客様: ${NEW_CUSTOMER}`);
    await consult.getByRole('button', { name: '顧客情報を表示', exact: true }).click();
    await consult.getByTestId('screen-pop').getByText(NEW_CUSTOMER).first().waitFor({ timeout: UI_TIMEOUT });
    await consult.getByRole('button', { name: '閉じる', exact: true }).click();
    await consult.waitFor({ state: 'detached', timeout: UI_TIMEOUT });

    // A talk flow that ends in an escalation opens the transfer dialog with the flow's end as its note.
    await panel.getByRole('tab', { name: 'トークスクリプト' }).click();
    await panel.getByRole('textbox', { name: 'トークスクリプト' }).click();
    await pageB.getByRole('option', { name: '故障受付' }).click();
    await panel.getByRole('button', { name: '開始', exact: true }).click();
    await panel.getByRole('button', { name: '購入直後に動かない（初期不良）' }).click();
    await panel.getByRole('button', { name: '次へ', exact: true }).click();
    const escalation = pageB.getByRole('dialog');
    await escalation.waitFor({ timeout: UI_TIMEOUT });
    expect(await escalation.getByRole('textbox', { name: /^転送メモ/ }).inputValue()).toBe('故障受付: 初期不良の対応を修理受付のSVへエスカレーションします。');
    await escalation.getByRole('button', { name: 'キャンセル', exact: true }).click();
    await escalation.waitFor({ state: 'detached', timeout: UI_TIMEOUT });
    // One that ends in a callback opens the callback dialog.
    await panel.getByRole('button', { name: '別のスクリプトを使う', exact: true }).click();
    expect(await panel.getByRole('textbox', { name: 'トークスクリプト' }).inputValue()).toBe('故障受付'); // still chosen
    await panel.getByRole('button', { name: '開始', exact: true }).click();
    await panel.getByRole('button', { name: 'その他の製品' }).click();
    await panel.getByRole('button', { name: 'わからない（保証書がない）' }).click();
    const callback = pageB.getByRole('dialog', { name: '折り返し予約' });
    await callback.waitFor({ timeout: UI_TIMEOUT });
    await callback.getByRole('button', { name: 'キャンセル', exact: true }).click();
    await callback.waitFor({ state: 'detached', timeout: UI_TIMEOUT });

    // End, finish 後処理, and take a lunch break: the wallboard shows the reason's label, not its code.
    await panel.getByRole('button', { name: '終了', exact: true }).click();
    await pageB.getByRole('button', { name: '後処理完了', exact: true }).click();
    await expect.poll(() => activityOf(pageB), { timeout: UI_TIMEOUT }).toBe('受付可');
    await pageB.getByRole('button', { name: '休憩', exact: true }).click();
    await pageB.getByRole('menuitem', { name: '昼休憩', exact: true }).click();
    await expect.poll(() => activityOf(pageB), { timeout: UI_TIMEOUT }).toBe('休憩（昼休憩）');
    await expect.poll(() => pageSv.getByTestId(`agent-${AGENT_B.name}-state`).textContent(), { timeout: WALLBOARD_TIMEOUT }).toBe('休憩（昼休憩）');

    // The エージェント menu item: for agents and supervisors, not for an admin who takes no contacts.
    expect(await pageSv.locator('nav a[href="/desk"]').count()).toBe(1);
    const adminPage = await signIn(ADMIN_EMAIL, `/wallboard?tenants=${TENANT}`);
    await adminPage.locator('nav a[href="/wallboard"]').waitFor({ timeout: UI_TIMEOUT });
    expect(await adminPage.locator('nav a[href="/desk"]').count()).toBe(0);

    expect(failures).toEqual([]);
  });
});
