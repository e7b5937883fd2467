import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { E2eServer } from './support/server.js';
import { useE2eStack } from './support/stack.js';

const docx = fileURLToPath(new URL('../fixtures/knowledge-import/aircon-manual.docx', import.meta.url));

// Issue 5's path through real browsers: an admin imports a Word manual and publishes two of its
// articles; an operator finds one with a half-width katakana query and follows a talk flow to its
// end; an anonymous visitor uses the public portal (search, helpful vote, contact form) and the
// contact arrives as a case.
describe('knowledge, talk flows and the public portal in Chromium', () => {
  const stack = useE2eStack();
  let server: E2eServer;
  let browser: Browser;
  beforeAll(() => void ({ server, browser } = stack()));

  async function login(page: Page, email: string) {
    await page.goto(`${server.url}/login`);
    await page.getByLabel('メールアドレス').fill(email);
    await page.getByLabel('パスワード').fill('madoguchi-demo');
    await page.getByRole('button', { name: 'ログイン' }).click();
    await page.getByText('さくら電機株式会社').click();
    await page.waitForURL(/\/t\/sakura-denki\//);
  }

  /** On an article's editor: send the draft for review, then approve it (an admin may approve her own). */
  async function reviewAndPublish(page: Page) {
    await page.waitForURL(/\/knowledge\/[0-9a-f-]{36}\/edit$/);
    await page.getByRole('button', { name: 'レビュー依頼' }).click();
    await page.getByRole('button', { name: '承認して公開' }).click();
    await expect.poll(() => page.getByText('公開済み', { exact: true }).count(), { timeout: 10_000 }).toBeGreaterThan(0);
  }

  it('imports a manual, publishes two articles, finds one by ﾀｲﾏｰ, follows a talk flow, and serves the portal', async () => {
    const failures: string[] = [];
    const context = await browser.newContext({ locale: 'ja-JP', timezoneId: 'UTC' });
    const page = await context.newPage();
    page.on('pageerror', (e) => failures.push(e.message));

    // 1. Import the Word manual as public drafts.
    await login(page, 'admin@mirai-cc.example.jp');
    await page.goto(`${server.url}/t/sakura-denki/knowledge`);
    await page.getByRole('button', { name: 'インポート' }).click();
    await page.locator('input[type=file]').setInputFiles({ name: 'aircon-manual.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: readFileSync(docx) });
    await page.getByText('公開', { exact: true }).click();
    await page.getByRole('button', { name: '読み込む' }).click();
    await expect.poll(() => page.getByText(/記事 6 件/).count(), { timeout: 30_000 }).toBe(1);

    // 2. Publish two of them through review: one from the import report, one found by an editor's search (drafts included).
    await page.getByRole('link', { name: 'タイマーの設定' }).click();
    await reviewAndPublish(page);
    await page.goto(`${server.url}/t/sakura-denki/knowledge?q=${encodeURIComponent('エラーコード一覧')}`);
    await page.getByRole('button', { name: /エラーコード一覧/ }).first().click();
    await page.getByRole('link', { name: '編集' }).click();
    await reviewAndPublish(page);
    await context.close();

    // 3. An operator finds the published article with half-width katakana.
    const agentContext = await browser.newContext({ locale: 'ja-JP', timezoneId: 'UTC' });
    const agent = await agentContext.newPage();
    agent.on('pageerror', (e) => failures.push(e.message));
    await login(agent, 'agent@mirai-cc.example.jp');
    await agent.goto(`${server.url}/t/sakura-denki/knowledge`);
    await agent.getByLabel('ナレッジを検索').fill('ﾀｲﾏｰ 設定');
    await agent.getByRole('button', { name: /タイマーの設定/ }).first().click();
    await expect.poll(() => agent.getByText('1時間・2時間・4時間').count(), { timeout: 10_000 }).toBeGreaterThan(0);

    // 4. …and follows the repair talk flow to its end on the customer's page.
    await agent.goto(`${server.url}/t/sakura-denki/customers?q=090-1234-5678`);
    await agent.getByRole('cell', { name: '山田 太郎' }).click();
    await agent.getByRole('textbox', { name: 'トークスクリプト' }).click();
    await agent.getByRole('option', { name: '故障受付' }).click();
    await agent.getByRole('button', { name: '開始' }).click();
    await agent.getByRole('button', { name: 'エアコン' }).click();
    await agent.getByRole('button', { name: '「E-08」' }).click();
    await agent.getByRole('button', { name: '次へ' }).click();
    await agent.getByRole('button', { name: '解消した' }).click();
    await expect.poll(() => agent.getByText('ご案内で解決しました。').count(), { timeout: 10_000 }).toBe(1);
    await agentContext.close();

    // 5. An anonymous visitor on the public portal: search, read, vote, write in.
    const visitorContext = await browser.newContext({ locale: 'ja-JP', javaScriptEnabled: false });
    const visitor = await visitorContext.newPage();
    await visitor.goto(`${server.url}/portal/sakura-denki/`);
    await visitor.getByLabel('キーワードで探す').fill('ﾀｲﾏｰ');
    await visitor.getByRole('button', { name: '検索' }).click();
    await visitor.getByRole('link', { name: 'タイマーの設定' }).click();
    expect(await visitor.getByText('最終更新').count()).toBeGreaterThan(0);
    await visitor.getByRole('button', { name: 'はい' }).click();
    await expect.poll(() => visitor.getByText('ご意見ありがとうございました').count()).toBe(1);

    await visitor.goto(`${server.url}/portal/sakura-denki/contact`);
    await visitor.getByLabel(/お名前/).fill('佐藤 花子');
    await visitor.getByLabel(/メールアドレス/).fill('hanako.e2e@example.jp');
    await visitor.getByLabel(/件名/).fill('E2E タイマーが動かない');
    await visitor.getByLabel(/お問い合わせ内容/).fill('切タイマーを設定しても止まりません。<script>window.pwned=1</script>');
    await visitor.getByLabel(/同意します/).check();
    await visitor.getByRole('button', { name: '送信する' }).click();
    await expect.poll(() => visitor.getByText('お問い合わせを受け付けました').count()).toBe(1);
    await visitorContext.close();

    // 6. The contact arrived: a case with the message, and the vote was counted.
    const tenant = await server.services.tenants.getBySlug('sakura-denki');
    const ctx = { tenantId: tenant.id, tenantSlug: 'sakura-denki', timeZone: 'Asia/Tokyo', role: 'admin' as const, actorUserId: null, actorTokenId: null, ip: null, userAgent: 'e2e' };
    const cases = await server.services.cases.listCases(ctx, { q: 'E2E タイマーが動かない', page: 1, pageSize: 5 });
    expect(cases.total).toBe(1);
    const hits = await server.services.knowledge.search(ctx, 'タイマーの設定', { audience: 'portal', limit: 5 });
    const timer = await server.services.knowledge.getArticle(ctx, hits.hits[0]!.id, { drafts: false });
    expect(timer).toMatchObject({ title: 'タイマーの設定', status: 'published', visibility: 'public', helpful: 1 });
    // The talk flow run was recorded with its path: 故障受付 → エアコン → E-08 → guidance → solved.
    const flows = await server.services.talkFlows.listFlows(ctx, { page: 1, pageSize: 20 }, { editor: true });
    const repair = flows.items.find((f) => f.name === '故障受付')!;
    const stats = await server.services.talkFlows.stats(ctx, repair.id, {});
    expect(stats.runs).toMatchObject({ total: 1, completed: 1 });
    expect(stats.choices.filter((c) => c.runs > 0).map((c) => c.label)).toEqual(expect.arrayContaining(['エアコン', '「E-08」', '解消した']));

    // …and the operator sees it in the console.
    const checkContext = await browser.newContext({ locale: 'ja-JP', timezoneId: 'UTC' });
    const check = await checkContext.newPage();
    await login(check, 'agent@mirai-cc.example.jp');
    await check.goto(`${server.url}/t/sakura-denki/cases`);
    await expect.poll(() => check.getByText('E2E タイマーが動かない').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await checkContext.close();
    expect(failures).toEqual([]);
  }, 180_000);
});
