import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's Chromium, headless, no calls home (this machine has no internet). playwright's launch()
 * gives every browser a fresh temporary profile (--user-data-dir) and removes it on close.
 */
export async function launchChromium(): Promise<{ browser: Browser; close(): Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
  return { browser, close: () => browser.close() };
}
