import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './support/browser.js';
import { startE2eServer, type E2eServer } from './support/server.js';
import { systemContext } from '../../src/server/platform/system-context.js';

const AXE = fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url));
const EVIL = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">';

interface AxeViolation { id: string; impact: string | null; nodes: { target: unknown[] }[] }

/** axe-core in the page: the serious and critical violations (none allowed). */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const { violations, passes } = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: AxeViolation[]; passes: unknown[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return { violations: r.violations, passes: r.passes.length };
  });
  // axe really ran its rules on this page (contrast, labels, landmarks …).
  expect(passes).toBeGreaterThan(10);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
}

const xssFlag = (page: Page) => page.evaluate(() => (window as unknown as { __xss?: number }).__xss ?? null);

// An anonymous visitor on a client company's portal: browses, searches, votes and writes in, without
// JavaScript of the site's own; user text never runs; axe finds nothing serious on any page.
describe('FAQ portal in Chromium', () => {
  let server: E2eServer;
  let chromium: { browser: Browser; close(): Promise<void> };
  let articleId: string;

  beforeAll(async () => {
    server = await startE2eServer();
    chromium = await launchChromium();
    const tenant = await server.services.tenants.getBySlug('sakura-denki');
    const ctx = systemContext(tenant, 'e2e');
    const category = await server.services.knowledge.createCategory(ctx, { name: 'E2E お手入れ' });
    articleId = await server.services.knowledge.createArticle(ctx, {
      title: 'E2E 冷蔵庫の霜取りの方法', body: '電源を切り、**扉を開けたまま**2時間お待ちください。\n\n- 水受け皿を空にする\n- 乾いた布で拭く', tags: ['霜取り'],
      categoryId: category.id, visibility: 'public', publish: true,
    });
    await server.services.knowledge.createArticle(ctx, { title: `E2E ${EVIL}`, body: `霜取り ${EVIL}\n\n[x](javascript:window.__xss=3)`, categoryId: category.id, visibility: 'public', publish: true });
  });
  afterAll(async () => {
    await chromium?.close();
    await server?.close();
  });

  it('browses, searches, votes and sends the contact form; no user text runs; no serious axe violations', async () => {
    // CSP bypassed so that axe can be injected, and so that escaping alone is what keeps __xss unset.
    const context = await chromium.browser.newContext({ locale: 'ja-JP', timezoneId: 'UTC', bypassCSP: true });
    const page = await context.newPage();
    const failures: string[] = [];
    page.on('pageerror', (e) => failures.push(e.message));
    const base = `${server.url}/portal/sakura-denki`;

    await page.goto(`${base}/`);
    expect(await page.title()).toBe('さくら電機 お客様サポート');
    expect(await page.getByRole('link', { name: 'E2E お手入れ' }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await xssFlag(page)).toBeNull();

    // Search from the header, with markup in the query.
    await page.getByLabel('キーワードで探す').fill(`霜取り ${EVIL}`);
    await page.getByLabel('キーワードで探す').press('Enter');
    await page.waitForURL(/\/search\?q=/);
    await page.getByLabel('キーワードで探す').fill('霜取り');
    await page.getByRole('button', { name: '検索' }).click();
    await page.waitForURL(/\/search\?q=%E9%9C%9C/);
    expect(await page.locator('mark', { hasText: '霜取り' }).count()).toBeGreaterThan(0);
    expect(await page.getByRole('link', { name: `E2E ${EVIL}` }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await xssFlag(page)).toBeNull();

    await page.getByRole('link', { name: 'E2E 冷蔵庫の霜取りの方法' }).click();
    await page.waitForURL(new RegExp(`/articles/${articleId}`));
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('E2E 冷蔵庫の霜取りの方法');
    expect(await page.locator('article strong').textContent()).toBe('扉を開けたまま');
    expect(await page.getByText(/最終更新: \d{4}年\d{1,2}月\d{1,2}日（日本時間）/).count()).toBe(1);
    const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!) as { '@type': string };
    expect(ld['@type']).toBe('FAQPage');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'はい' }).click();
    await expect.poll(() => page.getByText('ご意見ありがとうございました。').count()).toBe(1);
    const tenant = await server.services.tenants.getBySlug('sakura-denki');
    expect((await server.services.knowledge.getArticle(systemContext(tenant, 'e2e'), articleId)).helpful).toBe(1);

    // The article with markup in its title and body.
    await page.goto(`${base}/search?q=${encodeURIComponent('霜取り')}`);
    await page.getByRole('link', { name: `E2E ${EVIL}` }).click();
    await page.waitForURL(/\/articles\//);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`E2E ${EVIL}`);
    const jsLink = page.getByRole('link', { name: 'x', exact: true });
    expect(await jsLink.count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await xssFlag(page)).toBeNull();

    // The contact form: errors first (re-shown with the values), then a real message.
    await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: 'お問い合わせ' }).click();
    await page.waitForURL(/\/contact$/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('お名前').fill(EVIL);
    await page.getByLabel('メールアドレス').fill('not-an-address');
    await page.getByRole('button', { name: '送信する' }).click();
    await expect.poll(() => page.getByText('入力内容を確認してください。').count()).toBe(1);
    expect(await page.getByLabel('お名前').inputValue()).toBe(EVIL);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await xssFlag(page)).toBeNull();
    await page.getByLabel('メールアドレス').fill('e2e.visitor@example.jp');
    await page.getByLabel('件名').fill(`E2E 霜取りの相談 ${EVIL}`);
    await page.getByLabel('お問い合わせ内容').fill(EVIL);
    await page.getByLabel('入力した個人情報を').check();
    await page.getByRole('button', { name: '送信する' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'お問い合わせを受け付けました' }).count()).toBe(1);
    const reference = (await page.locator('strong').textContent())!;
    expect(await seriousViolations(page)).toEqual([]);
    expect(await xssFlag(page)).toBeNull();
    const ctx = systemContext(tenant, 'e2e');
    const found = await server.services.cases.listCases(ctx, { q: 'E2E 霜取りの相談', page: 1, pageSize: 5 });
    expect(found.items.map((c) => c.displayNumber)).toEqual([reference]);
    expect((await server.services.cases.getCase(ctx, found.items[0]!.id)).interactions[0]).toMatchObject({ channel: 'web', direction: 'inbound' });

    // Voices, and the English portal.
    await page.goto(`${base}/voices`);
    expect(await page.getByRole('heading', { name: '修理の進み具合がわからない' }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(/lang=en/);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Customer voices and our actions');
    await page.getByRole('link', { name: 'Home' }).click();
    await page.waitForURL(/\/portal\/sakura-denki\/\?lang=en$/);
    expect(await seriousViolations(page)).toEqual([]);

    expect(failures).toEqual([]);
    await context.close();
  });

  it('runs no script at all under the portal’s own CSP', async () => {
    const context = await chromium.browser.newContext();
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) violations.push(m.text()); });
    await page.goto(`${server.url}/portal/sakura-denki/`);
    await page.addScriptTag({ content: 'window.__xss = 9' }).catch(() => undefined);
    expect(await xssFlag(page)).toBeNull();
    expect(violations.length).toBeGreaterThan(0);
    // The page's own stylesheet is allowed by its hash: the header has the brand colour.
    expect(await page.locator('header.site').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(176, 18, 79)');
    await context.close();
  });
});
