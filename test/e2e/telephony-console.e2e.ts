import { beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { E2eServer } from './support/server.js';
import { signIn as signInAs, UI_TIMEOUT, useE2eStack } from './support/stack.js';

// Issue 4's console for telephony, through real browsers on the real server. An admin gives an agent
// a PBX extension in the agent settings (an extension another agent has is refused on the field),
// issues the CTI token on the telephony settings page and reads it off the screen (blocked numbers
// that are not numbers are refused by line). A PBX then reports a call from 090-1234-5678 (the demo
// customer 山田 太郎 of さくら電機) to that extension while two agents have their desks open: the
// agent with the extension sees the call pop with the customer (着信, then 通話中 once answered), the
// other sees nothing; a number nobody has pops as 未登録の番号 and the customer registered from that
// pop gets the call in the call log. After the hang-up the call is in the customer's 通話履歴 and on the call log
// page as 応答, in the agent's own calls, and found by the agent filter; a call nobody answers is
// listed as 不在着信.

const TENANT = 'sakura-denki';
const ADMIN = 'admin@mirai-cc.example.jp';
/** Serves さくら電機 and はなまる通販: the call pop must work in the call's tenant. */
const AGENT = { email: 'agent@mirai-cc.example.jp', name: '中村 さやか' };
const OTHER = { email: 'agent.sakura@mirai-cc.example.jp', name: '木村 健太' };
const CALLER = { phone: '090-1234-5678', name: '山田 太郎' };
const DIALLED = '0120-555-100';
/** A number no demo customer has. */
const UNKNOWN_PHONE = '080-5555-0417';
/** Registered from the pop of that number. */
const NEW_CUSTOMER = '新井 ひかり';
/** Not a demo value: made up for this test. */
const EXTENSION = '4217';

describe('telephony in the console: extensions, CTI token, call pop and the call log', () => {
  const stack = useE2eStack();
  let server: E2eServer;
  beforeAll(() => void ({ server } = stack()));
  const signIn = (email: string, path: string) => signInAs(stack(), email, path, { waitForSocket: false });
  /** Call pops only arrive over the live connection. */
  const openDesk = (email: string) => signInAs(stack(), email, '/desk');

  /** One event of the generic CTI webhook, as a PBX posts it. */
  async function cti(token: string, event: Record<string, unknown>) {
    const res = await fetch(`${server.url}/api/v1/cti/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(event),
    });
    expect(res.status, `${String(event.event)}: ${await res.clone().text()}`).toBe(200);
    return (await res.json()) as Record<string, unknown>;
  }

  /** The agent row's edit dialog on the routing settings' agent tab. */
  async function editAgent(page: Page, name: string): Promise<Locator> {
    await page.getByRole('button', { name: `${name} を編集` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor({ timeout: UI_TIMEOUT });
    return dialog;
  }

  const callPops = (page: Page) => page.getByTestId('call-pop');

  it('sets an extension, issues the CTI token and pops, logs and lists the calls', async () => {
    // ---- the admin gives 中村 さやか the extension ---------------------------------------------------
    const admin = await signIn(ADMIN, `/t/${TENANT}/admin/routing?tab=agents`);
    let dialog = await editAgent(admin, AGENT.name);
    await dialog.getByRole('textbox', { name: '内線番号' }).fill(EXTENSION);
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'detached', timeout: UI_TIMEOUT });
    const agentRow = admin.getByRole('row').filter({ hasText: AGENT.name });
    await expect.poll(() => agentRow.textContent(), { timeout: UI_TIMEOUT }).toContain(EXTENSION);

    // The same extension for 木村 健太 is refused, on the field, and nothing changes.
    dialog = await editAgent(admin, OTHER.name);
    await dialog.getByRole('textbox', { name: '内線番号' }).fill(EXTENSION);
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.getByText('この内線番号はほかのオペレーターに割り当て済みです').waitFor({ timeout: UI_TIMEOUT });
    await dialog.getByRole('button', { name: 'キャンセル' }).click();
    await dialog.waitFor({ state: 'detached', timeout: UI_TIMEOUT });
    expect(await admin.getByRole('row').filter({ hasText: OTHER.name }).textContent()).not.toContain(EXTENSION);

    // ---- telephony settings: blocked numbers, then the CTI token -------------------------------------
    await admin.getByRole('navigation').getByRole('link', { name: '電話設定' }).click();
    await admin.waitForURL((url) => url.pathname === `/t/${TENANT}/admin/telephony`, { timeout: UI_TIMEOUT });
    const blocked = admin.getByRole('textbox', { name: '着信拒否する番号' });
    // Line 3 is not a phone number: the server's 400 is shown on the field, by line (the blank line counts).
    await blocked.fill('03-9999-0000\n\nよくある迷惑電話\n');
    await admin.getByRole('button', { name: '保存', exact: true }).click();
    await admin.getByText('電話番号として読めない行があります: 3 行目').waitFor({ timeout: UI_TIMEOUT });
    await blocked.fill('03-9999-0000\n+81 3 9999 0001');
    await admin.getByRole('button', { name: '保存', exact: true }).click();
    // Stored in E.164, shown back as dialled at home.
    await expect.poll(() => blocked.inputValue(), { timeout: UI_TIMEOUT }).toBe('03-9999-0000\n03-9999-0001');
    expect(await admin.getByTestId('state-twilioAuthToken').textContent()).toBe('未設定');

    expect(await admin.getByTestId('cti-token-state').textContent()).toBe('未発行');
    await admin.getByRole('button', { name: 'トークンを発行' }).click();
    const tokenText = admin.getByTestId('cti-token');
    await tokenText.waitFor({ timeout: UI_TIMEOUT });
    const token = ((await tokenText.textContent()) ?? '').trim();
    expect(token).toMatch(/^cti_/);
    expect(await admin.getByTestId('cti-webhook-url').textContent()).toBe(`${server.url}/api/v1/cti/${token}`);
    await expect.poll(() => admin.getByTestId('cti-token-state').textContent(), { timeout: UI_TIMEOUT }).toBe('発行済み');

    // ---- both agents open their desks; the PBX reports a call to the extension ----------------------
    const desk = await openDesk(AGENT.email);
    const otherDesk = await openDesk(OTHER.email);
    expect(await cti(token, { event: 'newCall', callId: 'e2e-pbx-1', from: CALLER.phone, to: DIALLED, direction: 'in', user: [EXTENSION] })).toEqual({});

    const pop = callPops(desk).first();
    await pop.waitFor({ timeout: UI_TIMEOUT });
    expect(await pop.getAttribute('data-status')).toBe('ringing');
    expect(await pop.getByRole('heading', { level: 2 }).first().textContent()).toBe('着信');
    expect(await pop.getByTestId('call-pop-number').textContent()).toBe(CALLER.phone);
    expect(await pop.getByTestId('call-pop-customer').textContent()).toBe(CALLER.name);
    // The customer's 360 summary, loaded in さくら電機 although the agent also serves another company.
    const summary = pop.getByTestId('screen-pop');
    await expect.poll(() => summary.getByText(CALLER.name).count(), { timeout: UI_TIMEOUT }).toBeGreaterThan(0);
    const answeredCallId = await pop.getAttribute('data-call-id');
    expect(answeredCallId).toMatch(/^[0-9a-f-]{36}$/);
    const customerHref = await pop.getByRole('link', { name: '顧客360を開く' }).getAttribute('href');
    expect(customerHref).toMatch(new RegExp(`^/t/${TENANT}/customers/[0-9a-f-]{36}$`));

    // The PBX answers at the extension: the same card says 通話中.
    await cti(token, { event: 'answer', callId: 'e2e-pbx-1', answeringNumber: EXTENSION, user: [EXTENSION] });
    await expect.poll(() => pop.getAttribute('data-status'), { timeout: UI_TIMEOUT }).toBe('answered');
    expect(await pop.getByRole('heading', { level: 2 }).first().textContent()).toBe('通話中');
    expect(await callPops(desk).count()).toBe(1);
    // The other agent's desk shows nothing (checked after the pop had time to arrive anywhere).
    expect(await callPops(otherDesk).count()).toBe(0);
    await cti(token, { event: 'hangup', callId: 'e2e-pbx-1', cause: 'normalClearing', answeringNumber: EXTENSION });
    // The hang-up: the same card says 通話終了 (it stays, for a registration or a note).
    await expect.poll(() => pop.getAttribute('data-status'), { timeout: UI_TIMEOUT }).toBe('ended');
    expect(await pop.getByRole('heading', { level: 2 }).first().textContent()).toBe('通話終了');

    // ---- the customer's page lists the call as answered ----------------------------------------------
    await admin.goto(`${server.url}${customerHref}`);
    const customerCalls = admin.getByRole('region', { name: '通話履歴' });
    const answeredRow = customerCalls.getByTestId(`call-row-${answeredCallId}`);
    await answeredRow.waitFor({ timeout: UI_TIMEOUT });
    expect(await answeredRow.getAttribute('data-outcome')).toBe('answered');
    const answeredText = (await answeredRow.textContent()) ?? '';
    for (const part of ['応答', CALLER.phone, DIALLED, AGENT.name, '着信']) expect(answeredText).toContain(part);

    // ---- a call nobody answers: 不在着信 --------------------------------------------------------------
    await cti(token, { event: 'newCall', callId: 'e2e-pbx-2', from: '09012345678', to: DIALLED, direction: 'in', user: [EXTENSION] });
    await expect.poll(() => callPops(desk).count(), { timeout: UI_TIMEOUT }).toBe(2);
    const missedPop = callPops(desk).first();
    const missedCallId = await missedPop.getAttribute('data-call-id');
    expect(missedCallId).not.toBe(answeredCallId);
    expect(await missedPop.getAttribute('data-status')).toBe('ringing');
    await cti(token, { event: 'hangup', callId: 'e2e-pbx-2', cause: 'noAnswer' });
    const missedCard = desk.locator(`[data-testid="call-pop"][data-call-id="${missedCallId}"]`);
    await expect.poll(() => missedCard.getAttribute('data-status'), { timeout: UI_TIMEOUT }).toBe('ended');
    expect(await missedCard.getByRole('heading', { level: 2 }).first().textContent()).toBe('不在着信');

    // ---- a number no customer has: 未登録の番号, with a registration and a search --------------------
    await cti(token, { event: 'newCall', callId: 'e2e-pbx-3', from: UNKNOWN_PHONE, to: DIALLED, direction: 'in', user: [EXTENSION] });
    await expect.poll(() => callPops(desk).count(), { timeout: UI_TIMEOUT }).toBe(3);
    const unknownPop = callPops(desk).first();
    expect(await unknownPop.getByTestId('call-pop-customer').textContent()).toBe('未登録の番号');
    expect(await unknownPop.getByTestId('call-pop-number').textContent()).toBe(UNKNOWN_PHONE);
    const unknownBox = unknownPop.getByTestId('screen-pop-unknown');
    expect(await unknownBox.getByRole('button', { name: '新規顧客登録' }).count()).toBe(1);
    expect(await unknownBox.getByRole('link', { name: 'この番号で顧客を検索' }).getAttribute('href')).toBe(`/t/${TENANT}/customers?q=${encodeURIComponent(UNKNOWN_PHONE)}`);
    // Registered from the pop: the call joins the new customer's call log.
    await unknownBox.getByRole('button', { name: '新規顧客登録', exact: true }).click();
    const form = unknownPop.getByRole('form', { name: '新規顧客登録' });
    await form.getByRole('textbox', { name: /^氏名/ }).fill(NEW_CUSTOMER);
    await form.getByRole('button', { name: '登録', exact: true }).click();
    await unknownPop.getByTestId('screen-pop').getByText(NEW_CUSTOMER).first().waitFor({ timeout: UI_TIMEOUT });
    await cti(token, { event: 'hangup', callId: 'e2e-pbx-3', cause: 'cancel' });

    // The agent closes the pops.
    for (let i = 0; i < 3; i++) await callPops(desk).first().getByRole('button', { name: '通話の表示を閉じる' }).click();
    await expect.poll(() => callPops(desk).count(), { timeout: UI_TIMEOUT }).toBe(0);
    expect(await callPops(otherDesk).count()).toBe(0);

    // ---- the call log page (admin): both calls, the filters --------------------------------------------
    await admin.getByRole('navigation').getByRole('link', { name: '通話履歴' }).click();
    await admin.waitForURL((url) => url.pathname === `/t/${TENANT}/calls`, { timeout: UI_TIMEOUT });
    const logAnswered = admin.getByTestId(`call-row-${answeredCallId}`);
    const logMissed = admin.getByTestId(`call-row-${missedCallId}`);
    await logMissed.waitFor({ timeout: UI_TIMEOUT });
    expect(await logAnswered.getAttribute('data-outcome')).toBe('answered');
    expect(await logAnswered.textContent()).toContain(CALLER.name);
    expect(await logMissed.getAttribute('data-outcome')).toBe('missed');
    expect(await logMissed.textContent()).toContain('不在着信');
    expect(await logMissed.textContent()).toContain(CALLER.phone);
    // Newest first: the unknown number, the missed call, the answered one.
    const rows = admin.locator('[data-testid^="call-row-"]');
    expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-outcome')))).toEqual(['missed', 'missed', 'answered']);
    await expect.poll(async () => (await rows.first().textContent()) ?? '', { timeout: UI_TIMEOUT }).toContain(NEW_CUSTOMER);
    expect(await rows.nth(1).getAttribute('data-testid')).toBe(`call-row-${missedCallId}`);

    // By agent: the answered call is hers, the missed one nobody's.
    await admin.getByRole('combobox', { name: '担当者' }).selectOption({ label: AGENT.name });
    await logMissed.waitFor({ state: 'detached', timeout: UI_TIMEOUT });
    await logAnswered.waitFor({ timeout: UI_TIMEOUT });
    // By day (JST): nothing from tomorrow on.
    const tomorrow = new Date(Date.now() + 24 * 3600_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Tokyo' });
    await admin.getByLabel('開始日').fill(tomorrow);
    await admin.getByTestId('calls-empty').waitFor({ timeout: UI_TIMEOUT });

    // The missed call is in the customer's history too.
    await admin.goto(`${server.url}${customerHref}`);
    const customerMissed = admin.getByRole('region', { name: '通話履歴' }).getByTestId(`call-row-${missedCallId}`);
    await customerMissed.waitFor({ timeout: UI_TIMEOUT });
    expect(await customerMissed.getAttribute('data-outcome')).toBe('missed');

    // ---- the agents' own calls ---------------------------------------------------------------------
    await desk.goto(`${server.url}/t/${TENANT}/calls`);
    await desk.getByRole('heading', { name: '自分の通話' }).waitFor({ timeout: UI_TIMEOUT });
    await desk.getByTestId(`call-row-${answeredCallId}`).waitFor({ timeout: UI_TIMEOUT });
    expect(await desk.getByTestId(`call-row-${missedCallId}`).count()).toBe(0);
    await otherDesk.goto(`${server.url}/t/${TENANT}/calls`);
    await otherDesk.getByTestId('calls-empty').waitFor({ timeout: UI_TIMEOUT });

    expect(stack().failures).toEqual([]);
  });
});
