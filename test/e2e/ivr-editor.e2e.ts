import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { IVR_TEXTS } from '../../src/core/ivr/ivr-interpreter.js';
import type { IvrFlow } from '../../src/core/ivr/ivr.types.js';
import type { E2eServer } from './support/server.js';
import { signIn as signInAs, UI_TIMEOUT, useE2eStack } from './support/stack.js';

// Issue 4's editor through a real browser: an admin creates an IVR flow for a dialled number and
// draws menu → gather serial → lookup → queue / hang-up on the canvas. A link left unwired is named
// with its node before saving; a link to a deleted node is saved as a draft, named with its node,
// highlighted on the canvas and refused at publish (422), then fixed from the problem list. The
// fixed version is published, and the test panel walks it: a silence, key 1, the serial, a lookup
// answered "found" — the transcript reaches the repair queue (修理受付, demo data of さくら電機).

const ADMIN = 'admin@mirai-cc.example.jp';
const SUPERVISOR = 'sv@mirai-cc.example.jp';
const TENANT = 'sakura-denki';
const REPAIR_QUEUE = '修理受付';
const FLOW_NAME = 'E2E 修理受付ライン';
const NUMBER = '0120-555-417';

describe('the IVR flow editor in Chromium', () => {
  const stack = useE2eStack();
  let server: E2eServer;
  beforeAll(() => void ({ server } = stack()));

  /** Picks an option of a Mantine select by the field's label. */
  async function choose(page: Page, label: string, option: string) {
    await page.getByRole('textbox', { name: label, exact: true }).click();
    await page.getByRole('option', { name: option, exact: true }).click();
  }
  async function addNode(page: Page, type: string) {
    await page.getByRole('button', { name: 'ノードを追加' }).click();
    await page.getByRole('menuitem', { name: type, exact: true }).click();
  }
  const signIn = (email: string, path: string) => signInAs(stack(), email, path, { waitForSocket: false });
  async function tenantCtx() {
    const tenant = await server.services.tenants.getBySlug(TENANT);
    return { tenantId: tenant.id, tenantSlug: TENANT, timeZone: 'Asia/Tokyo', role: 'admin' as const, actorUserId: null, actorTokenId: null, ip: null, userAgent: 'e2e' };
  }
  const canvasNode = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
  const classesOf = async (page: Page, id: string) => ((await canvasNode(page, id).getAttribute('class')) ?? '').split(/\s+/);
  const editorTitle = (page: Page) => page.getByTestId('node-editor-title').textContent();
  const transcript = (page: Page) => page.getByTestId('ivr-transcript').textContent();
  const testStatus = (page: Page) => page.getByTestId('ivr-test-status').textContent();

  it('builds, checks, publishes and test-calls a flow', async () => {
    const failures = stack().failures;

    // ---- sign in on the way to the IVR list, create a flow for a number ------------------------
    const listPath = `/t/${TENANT}/ivr-flows`;
    const page = await signIn(ADMIN, listPath);
    // The menu leads here too.
    expect(await page.getByRole('navigation').getByRole('link', { name: 'IVR' }).getAttribute('aria-current')).toBe('page');
    await page.getByRole('button', { name: '新しいIVRフロー' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('名前').fill(FLOW_NAME);
    await dialog.getByRole('textbox', { name: 'ダイヤル番号' }).fill(NUMBER);
    await dialog.getByRole('textbox', { name: 'ダイヤル番号' }).press('Enter');
    await dialog.getByRole('button', { name: '作成して編集' }).click();
    await page.waitForURL(/\/ivr-flows\/[0-9a-f-]{36}$/, { timeout: UI_TIMEOUT });
    const flowId = new URL(page.url()).pathname.split('/').at(-1)!;
    // The starter flow (menu main → hang-up bye) is valid.
    await page.getByText('すべての経路が通話の終わり').waitFor({ timeout: UI_TIMEOUT });
    expect(await page.getByTestId('ivr-numbers').textContent()).toBe('+81120555417');

    // ---- draw the flow: queue, announcement, lookup, gather -----------------------------------
    await addNode(page, 'キューへ接続');
    expect(await editorTitle(page)).toBe('キューへ接続 · enqueue1');
    await choose(page, 'キュー', REPAIR_QUEUE);

    await addNode(page, '案内');
    await choose(page, '次へ', 'main · メニュー');

    await addNode(page, '顧客照会');
    expect(await editorTitle(page)).toBe('顧客照会 · lookup1');
    await choose(page, '照会に使う番号', '入力された製造番号');
    await choose(page, '該当あり', 'enqueue1 · キューへ接続');
    await choose(page, '該当なし', 'say1 · 案内');

    await addNode(page, '番号入力');
    expect(await editorTitle(page)).toBe('番号入力 · gather1');
    await page.getByRole('textbox', { name: '最小桁数' }).fill('8');
    await choose(page, '次へ', 'lookup1 · 顧客照会');

    // The gather's onFail is not wired yet: named with its node before anything is saved, and no save.
    const unwired = page.getByText('ノード「gather1」の「失敗時」の行き先が選ばれていません。');
    await unwired.waitFor({ timeout: UI_TIMEOUT });
    expect(await page.getByRole('button', { name: '保存', exact: true }).isDisabled()).toBe(true);
    expect(await classesOf(page, 'gather1')).toContain('is-problem');
    await choose(page, '失敗時', 'bye · 切断');
    await unwired.waitFor({ state: 'detached', timeout: UI_TIMEOUT });

    await choose(page, 'ノードを選択', 'main · メニュー');
    expect(await editorTitle(page)).toBe('メニュー · main (開始)');
    await choose(page, 'キー1', 'gather1 · 番号入力');
    await page.getByText('すべての経路が通話の終わり').waitFor({ timeout: UI_TIMEOUT });
    // Each link drawn on the canvas with its name.
    for (const label of ['キー1', '失敗時', '次へ', '該当あり', '該当なし']) {
      expect(await page.locator('.react-flow__edge-text', { hasText: label }).count(), label).toBeGreaterThan(0);
    }

    // ---- a link to a deleted node: saved as a draft, named, refused at publish, fixed ----------
    await choose(page, 'ノードを選択', 'say1 · 案内');
    await page.getByTestId('ivr-node-editor').getByRole('button', { name: '削除' }).click();
    const dangling = 'ノード「lookup1」（notFound）の次のノード「say1」がありません。';
    await page.getByText(dangling).waitFor({ timeout: UI_TIMEOUT });
    expect(await classesOf(page, 'lookup1')).toContain('is-problem');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByText('第2版として保存しました。').waitFor({ timeout: UI_TIMEOUT });
    // The saved draft's problems, as the server reports them.
    await page.getByText(dangling).waitFor({ timeout: UI_TIMEOUT });
    await page.getByRole('button', { name: 'この版を公開' }).click();
    await page.getByTestId('ivr-publish-refused').waitFor({ timeout: UI_TIMEOUT });
    expect(await page.getByTestId('ivr-status').textContent()).toBe('下書き');
    expect(await classesOf(page, 'lookup1')).toContain('is-problem');
    expect(await page.getByTestId('ivr-node-editor').count()).toBe(0); // nothing selected after the delete
    // Clicking the problem selects its node.
    await page.locator('[data-node="lookup1"]', { hasText: dangling }).click();
    expect(await editorTitle(page)).toBe('顧客照会 · lookup1');
    expect(await classesOf(page, 'lookup1')).toContain('is-selected');
    await choose(page, '該当なし', 'bye · 切断');
    await page.getByText('すべての経路が通話の終わり').waitFor({ timeout: UI_TIMEOUT });
    expect(await classesOf(page, 'lookup1')).not.toContain('is-problem');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByText('第3版として保存しました。').waitFor({ timeout: UI_TIMEOUT });
    await page.getByRole('button', { name: 'この版を公開' }).click();
    await page.getByText('第3版を公開しました。').waitFor({ timeout: UI_TIMEOUT });
    await expect.poll(() => page.getByTestId('ivr-status').textContent(), { timeout: UI_TIMEOUT }).toBe('公開中');

    // ---- the test panel walks the saved version ------------------------------------------------
    await page.getByRole('tab', { name: 'テスト通話' }).click();
    await page.getByRole('button', { name: '通話を開始' }).click();
    await expect.poll(() => testStatus(page), { timeout: UI_TIMEOUT }).toBe('入力待ち: main');
    expect(await classesOf(page, 'main')).toContain('is-active');
    expect(await transcript(page)).toContain('ご用件の番号を押してください。');
    // A silence: asked again.
    await page.getByRole('button', { name: '無入力（タイムアウト）' }).click();
    await expect.poll(() => transcript(page), { timeout: UI_TIMEOUT }).toContain(IVR_TEXTS.retry);
    await page.getByRole('textbox', { name: 'キー入力' }).fill('1');
    await page.getByRole('button', { name: '送信' }).click();
    await expect.poll(() => testStatus(page), { timeout: UI_TIMEOUT }).toBe('入力待ち: gather1');
    expect(await classesOf(page, 'gather1')).toContain('is-active');
    expect(await classesOf(page, 'main')).not.toContain('is-active');
    await page.getByRole('textbox', { name: 'キー入力' }).fill('450123004#');
    await page.getByRole('button', { name: '送信' }).click();
    await expect.poll(() => testStatus(page), { timeout: UI_TIMEOUT }).toBe('顧客照会の結果待ち: lookup1');
    expect(await transcript(page)).toContain('顧客を照会します: 入力された製造番号 = 450123004');
    await page.getByRole('textbox', { name: '見つかった顧客の属性' }).fill('vip=true');
    await page.getByRole('button', { name: '該当あり', exact: true }).click();
    await expect.poll(() => testStatus(page), { timeout: UI_TIMEOUT }).toBe(`通話終了: キュー「${REPAIR_QUEUE}」へ接続`);
    const lines = (await page.getByTestId('ivr-transcript').locator('[data-kind]').allTextContents()).map((l) => l.trim());
    expect(lines).toEqual([
      '🔊 ご用件の番号を押してください。キー1つを待ちます（5秒）',
      '📞 発信者は何も押しませんでした（タイムアウト）',
      `🔊 ${IVR_TEXTS.retry}`,
      '🔊 ご用件の番号を押してください。キー1つを待ちます（5秒）',
      '📞 発信者が 1 を押しました',
      '🔊 番号を入力し、最後に#を押してください。8〜12桁と # を待ちます（10秒）',
      '📞 発信者が 450123004# を押しました',
      '⚙ 顧客を照会します: 入力された製造番号 = 450123004',
      '📞 照会結果: 該当あり (vip=true)',
      '🔊 担当者におつなぎします。',
      `⚙ キュー「${REPAIR_QUEUE}」へ接続します`,
    ]);
    expect(await classesOf(page, 'enqueue1')).toContain('is-active');

    // ---- what was stored, and the list --------------------------------------------------------
    const ctx = await tenantCtx();
    const stored = await server.services.ivrFlows.getFlow(ctx, flowId);
    expect(stored).toMatchObject({ name: FLOW_NAME, status: 'published', publishedVersion: 3, latestVersion: 3, numbers: ['+81120555417'] });
    const published = stored.published?.flow as IvrFlow;
    expect(published.start).toBe('main');
    expect(published.nodes.map((n) => n.id).sort()).toEqual(['bye', 'enqueue1', 'gather1', 'lookup1', 'main']);
    expect(published.nodes.find((n) => n.id === 'lookup1')).toEqual({ type: 'lookup', id: 'lookup1', by: 'serial', found: 'enqueue1', notFound: 'bye' });
    expect(published.nodes.find((n) => n.id === 'gather1')).toMatchObject({ type: 'gather', into: 'serial', minDigits: 8, next: 'lookup1', onFail: 'bye' });
    expect(published.nodes.find((n) => n.id === 'main')).toMatchObject({ options: [{ key: '1', next: 'gather1' }], onFail: 'bye' });

    await page.getByRole('link', { name: 'IVR（自動音声応答）' }).click();
    const row = page.getByRole('row', { name: new RegExp(FLOW_NAME) });
    await row.waitFor({ timeout: UI_TIMEOUT });
    expect(await row.textContent()).toContain('+81120555417');
    expect(await row.textContent()).toContain('第3版');

    await page.context().close();
    expect(failures).toEqual([]);
  }, 180_000);
  it('refuses a save over a version someone else saved meanwhile, says so, and loads the latest', async () => {
    const failures = stack().failures;
    const ctx = await tenantCtx();
    const flow = (prompt: string): IvrFlow => ({
      start: 'main',
      nodes: [
        { type: 'menu', id: 'main', prompt, options: [{ key: '1', next: 'bye' }], timeoutSec: 5, retries: 2, onFail: 'bye' },
        { type: 'hangup', id: 'bye' },
      ],
    });
    const created = await server.services.ivrFlows.createFlow(ctx, { name: 'E2E 競合テスト', description: '', numbers: [], flow: flow('最初の案内です。') });
    const page = await signIn(ADMIN, `/t/${TENANT}/ivr-flows/${created.id}`);
    await choose(page, 'ノードを選択', 'main · メニュー');
    // Someone else saves version 2 while the page is open.
    await server.services.ivrFlows.updateFlow(ctx, created.id, { baseVersion: 1, flow: flow('別の人が書いた案内です。') });
    await page.getByRole('textbox', { name: '入力を促す案内' }).fill('わたしの案内です。');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    const conflict = page.getByTestId('ivr-conflict');
    await conflict.waitFor({ timeout: UI_TIMEOUT });
    expect(await conflict.textContent()).toContain('別の人が新しい版（第2版）を保存しました。あなたの変更（第1版からの編集）はまだ保存されていません。');
    expect(await page.getByRole('button', { name: '保存', exact: true }).isDisabled()).toBe(true);
    expect((await server.services.ivrFlows.getFlow(ctx, created.id)).latestVersion).toBe(2);
    // Loading the latest shows the other person's version, on which a save goes through.
    await conflict.getByRole('button', { name: '最新版を読み込む（自分の変更は破棄）' }).click();
    await conflict.waitFor({ state: 'detached', timeout: UI_TIMEOUT });
    await expect.poll(() => page.getByRole('textbox', { name: '入力を促す案内' }).inputValue(), { timeout: UI_TIMEOUT }).toBe('別の人が書いた案内です。');
    await page.getByRole('textbox', { name: '入力を促す案内' }).fill('わたしの案内です。');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByText('第3版として保存しました。').waitFor({ timeout: UI_TIMEOUT });
    const stored = await server.services.ivrFlows.getFlow(ctx, created.id);
    expect(stored.latestVersion).toBe(3);
    expect(stored.latest.flow.nodes[0]).toMatchObject({ id: 'main', prompt: 'わたしの案内です。' });
    await page.context().close();

    // A supervisor reads and tests the flow, and cannot edit it.
    const sv = { page: await signIn(SUPERVISOR, `/t/${TENANT}/ivr-flows`) };
    await sv.page.getByRole('link', { name: 'E2E 競合テスト' }).click();
    await sv.page.waitForURL(/\/ivr-flows\/[0-9a-f-]{36}$/, { timeout: UI_TIMEOUT });
    await choose(sv.page, 'ノードを選択', 'main · メニュー');
    expect(await sv.page.getByRole('textbox', { name: '入力を促す案内' }).isDisabled()).toBe(true);
    for (const name of ['保存', 'この版を公開', 'ノードを追加', '削除']) expect(await sv.page.getByRole('button', { name, exact: true }).count(), name).toBe(0);
    expect(await sv.page.getByRole('button', { name: '新しいIVRフロー' }).count()).toBe(0);
    await sv.page.getByRole('tab', { name: 'テスト通話' }).click();
    await sv.page.getByRole('button', { name: '通話を開始' }).click();
    await expect.poll(() => testStatus(sv.page), { timeout: UI_TIMEOUT }).toBe('入力待ち: main');
    await sv.page.getByRole('button', { name: '電話を切る' }).click();
    await expect.poll(() => testStatus(sv.page), { timeout: UI_TIMEOUT }).toBe('通話終了: 切断');
    expect(await transcript(sv.page)).toContain('発信者が電話を切りました');
    await sv.page.context().close();
    expect(failures).toEqual([]);
  }, 120_000);
});
