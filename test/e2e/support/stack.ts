import { afterAll, beforeAll, expect } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser.js';
import { startE2eServer, type E2eServer } from './server.js';

/** The demo accounts' password (src/server/features/demo). */
export const DEMO_PASSWORD = 'madoguchi-demo';
/** Offers, pops and pushes arrive over WebSockets within a second or two. */
export const UI_TIMEOUT = 10_000;

/** The demo server and a Chromium for one describe block; pages' uncaught errors are collected. */
export interface E2eStack {
  server: E2eServer;
  browser: Browser;
  /** Uncaught errors in any page opened through `signIn`: a test expects none. */
  failures: string[];
}

/** Starts the server (demo data) and Chromium before the block's tests, closes both after them. */
export function useE2eStack(): () => E2eStack {
  let stack: E2eStack | undefined;
  let chromium: Awaited<ReturnType<typeof launchChromium>> | undefined;
  let server: E2eServer | undefined;
  beforeAll(async () => {
    server = await startE2eServer();
    chromium = await launchChromium();
    stack = { server, browser: chromium.browser, failures: [] };
  });
  afterAll(async () => {
    // Closing the browser closes every context opened in it.
    await chromium?.close();
    await server?.close();
  });
  return () => {
    if (!stack) throw new Error('the e2e stack starts in beforeAll');
    return stack;
  };
}

/**
 * A fresh browser context in Japanese (the product's first language; some demo accounts chose
 * English), signed in through the login form, on `path`; by default also waits for the live socket.
 */
export async function signIn(stack: E2eStack, email: string, path: string, opts: { waitForSocket?: boolean } = {}): Promise<Page> {
  const context = await stack.browser.newContext({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo', viewport: { width: 1500, height: 1100 } });
  await context.addInitScript(() => window.localStorage.setItem('madoguchi.language', 'ja'));
  const page = await context.newPage();
  page.on('pageerror', (e) => stack.failures.push(`${email}: ${e.message}`));
  // A protected page sends us to the login form, which brings us back after signing in.
  await page.goto(`${stack.server.url}${path}`);
  await page.waitForURL(/\/login$/);
  await page.getByLabel('メールアドレス').fill(email);
  await page.getByLabel('パスワード').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.waitForURL((url) => `${url.pathname}${url.search}` === path, { timeout: UI_TIMEOUT });
  if (opts.waitForSocket !== false) {
    // Offers and wallboard figures only arrive over the live connection.
    await expect.poll(() => page.getByTestId('socket-status').getAttribute('data-status'), { timeout: UI_TIMEOUT }).toBe('open');
  }
  return page;
}

/** The JSON API with an API token of a tenant (no session, no CSRF). */
export function tokenApi(server: E2eServer, token: string) {
  return async function api<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  };
}

/** An admin API token of a demo tenant. */
export async function adminTokenOf(server: E2eServer, slug: string, name: string): Promise<string> {
  const tenant = await server.services.tenants.getBySlug(slug);
  return (await server.services.auth.createApiToken({ tenantId: tenant.id, role: 'admin', name })).token;
}

/** A wallboard tile's number; `—` (no contacts yet today) is 0. */
export async function tileCount(page: Page, testId: string): Promise<number> {
  const text = ((await page.getByTestId(testId).textContent()) ?? '').trim();
  if (text === '—' || text === '') return 0;
  const n = Number(text.replace(/,/g, ''));
  if (!Number.isFinite(n)) throw new Error(`tile ${testId} shows "${text}"`);
  return n;
}
