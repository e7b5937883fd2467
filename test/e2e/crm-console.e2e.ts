import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { E2eServer } from './support/server.js';
import { signIn, UI_TIMEOUT, useE2eStack } from './support/stack.js';

// The whole foundation through a real browser: log in as the BPO agent who serves both client
// companies, pick one, find a demo customer by a hyphenated phone number, open the 360 view, log an
// interaction and create a case from it.
describe('web console in Chromium', () => {
  const stack = useE2eStack();
  let server: E2eServer;
  let browser: Browser;
  beforeAll(() => void ({ server, browser } = stack()));

  it('logs in, finds 山田 太郎 by 090-1234-5678, shows the 360 view, logs an interaction, creates a case and moves it through its statuses', async () => {
    const context = await browser.newContext({ locale: 'ja-JP', timezoneId: 'UTC' });
    const page = await context.newPage();
    const failures: string[] = [];
    page.on('pageerror', (e) => failures.push(e.message));

    await page.goto(`${server.url}/login`);
    await page.getByLabel('メールアドレス').fill('agent@mirai-cc.example.jp');
    await page.getByLabel('パスワード').fill('madoguchi-demo');
    await page.getByRole('button', { name: 'ログイン' }).click();

    // One operator, two client companies: the tenant picker comes first.
    await page.getByText('さくら電機株式会社').click();
    await page.waitForURL(/\/t\/sakura-denki\/customers/);

    await page.getByLabel('顧客検索').fill('090-1234-5678');
    await page.getByLabel('顧客検索').press('Enter');
    await page.getByRole('cell', { name: '山田 太郎' }).click();
    await page.waitForURL(/\/t\/sakura-denki\/customers\/[0-9a-f-]{36}$/);

    // The 360 view: contact, owned product with its serial, history, open cases.
    await expect.poll(() => page.getByText('SR4501-23A-00417').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText('090-1234-5678').count()).toBeGreaterThan(0);
    expect(await page.getByRole('heading', { name: '未完了の案件' }).count()).toBe(1);

    await page.getByRole('button', { name: '対応を記録' }).first().click();
    await page.getByLabel('チャネル').selectOption('fax');
    await page.getByLabel('件名').fill('E2E 冷蔵庫の霜取り不良');
    await page.getByLabel('メモ').fill('FAXにて修理依頼。製造番号を確認済み。');
    await page.getByLabel('案件を作成').check();
    await page.getByRole('button', { name: '記録する' }).click();

    // The interaction is in the timeline and the new case is among the open cases.
    await expect.poll(() => page.getByText('E2E 冷蔵庫の霜取り不良').count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(2);

    // …and the server agrees: the case is linked to the interaction, for this tenant only.
    const ctx = { tenantId: '', tenantSlug: 'sakura-denki', timeZone: 'Asia/Tokyo', role: 'admin' as const, actorUserId: null, actorTokenId: null, ip: null, userAgent: 'e2e' };
    const tenant = await server.services.tenants.getBySlug('sakura-denki');
    ctx.tenantId = tenant.id;
    const found = await server.services.cases.listCases(ctx, { q: 'E2E 冷蔵庫', page: 1, pageSize: 5 });
    expect(found.total).toBe(1);
    const detail = await server.services.cases.getCase(ctx, found.items[0]!.id);
    expect(detail.customerName).toBe('山田 太郎');
    expect(detail.interactions.map((i) => i.channel)).toEqual(['fax']);

    // Times show in the tenant's zone (Asia/Tokyo) although this browser runs in UTC.
    const jst = new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .format(new Date(detail.interactions[0]!.createdAt));
    await expect.poll(() => page.getByText(jst).count()).toBeGreaterThan(0);

    // Move the case through its workflow in the browser and find it on the filtered case list.
    await page.goto(`${server.url}/t/sakura-denki/cases/${found.items[0]!.id}`);
    await page.getByRole('button', { name: '対応中にする' }).click();
    await expect.poll(() => page.getByRole('button', { name: '解決済みにする' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: '対応中にする' }).count()).toBe(0);
    await page.getByRole('button', { name: '解決済みにする' }).click();
    await expect.poll(async () => (await server.services.cases.getCase(ctx, found.items[0]!.id)).status).toBe('resolved');

    await page.goto(`${server.url}/t/sakura-denki/cases?status=resolved`);
    await page.getByLabel('キーワード').fill('E2E');
    await expect.poll(() => page.getByRole('cell', { name: 'E2E 冷蔵庫の霜取り不良' }).count()).toBe(1);
    await page.goto(`${server.url}/t/sakura-denki/cases?status=new&status=open`);
    await page.getByLabel('キーワード').fill('E2E');
    await expect.poll(() => page.getByText('E2E 冷蔵庫の霜取り不良').count()).toBe(0);

    expect(failures).toEqual([]);
    await context.close();
  });

  it('badges the VIP (優良顧客) in the search results and on the profile; the edit form’s checkbox unsets and sets it', async () => {
    const page = await signIn(stack(), 'agent@mirai-cc.example.jp', '/t/sakura-denki/customers', { waitForSocket: false });
    const search = async (q: string, name: string) => {
      await page.getByLabel('顧客検索').fill(q);
      await page.getByLabel('顧客検索').press('Enter');
      await page.getByRole('cell', { name }).waitFor({ timeout: UI_TIMEOUT });
      return page.getByRole('table', { name: '顧客の検索結果' });
    };
    const vipBadges = () => page.getByTestId('vip-badge').count();
    const suzukiVip = async () => {
      const tenant = await server.services.tenants.getBySlug('sakura-denki');
      const ctx = { tenantId: tenant.id, tenantSlug: tenant.slug, timeZone: 'Asia/Tokyo', role: 'admin' as const, actorUserId: null, actorTokenId: null, ip: null, userAgent: 'e2e' };
      const id = await server.services.customers.identify(ctx, { phone: '03-3123-4567' });
      return (await server.services.customers.getCustomer(ctx, id!)).vip;
    };

    // 山田 太郎 is not a VIP; 鈴木 一郎 of the demo is.
    expect(await (await search('090-1234-5678', '山田 太郎')).getByTestId('vip-badge').count()).toBe(0);
    const results = await search('03-3123-4567', '鈴木 一郎');
    expect(await results.getByRole('row').filter({ hasText: '鈴木 一郎' }).getByTestId('vip-badge').textContent()).toBe('VIP');
    await page.getByRole('cell', { name: '鈴木 一郎' }).click();
    await page.waitForURL(/\/t\/sakura-denki\/customers\/[0-9a-f-]{36}$/);
    await expect.poll(vipBadges, { timeout: UI_TIMEOUT }).toBe(1);

    // Unset in the edit form: the badge goes, the server agrees; set again: it comes back.
    for (const vip of [false, true]) {
      await page.getByRole('button', { name: '編集', exact: true }).click();
      const box = page.getByRole('checkbox', { name: '優良顧客（VIP）' });
      expect(await box.isChecked()).toBe(!vip);
      await box.setChecked(vip);
      await page.getByRole('button', { name: '保存', exact: true }).click();
      await expect.poll(vipBadges, { timeout: UI_TIMEOUT }).toBe(vip ? 1 : 0);
      await expect.poll(suzukiVip).toBe(vip);
    }
    expect(stack().failures).toEqual([]);
  });
});
