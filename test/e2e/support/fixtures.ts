// Brings in the renderer's `window.faktor` type for page.evaluate calls.
import type {} from '../../../renderer/src/global';
import { test as base, expect } from '@playwright/test';
import { startHarness, type Harness, type HarnessOptions } from '../../harness/harness';

/** True for URLs that stay on this machine (the harness server, data:, blob:, about:). */
export function isLocalUrl(url: string): boolean {
  if (/^(data|blob|about|chrome-error):/i.test(url)) return true;
  try {
    const host = new URL(url).hostname;
    return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
  } catch {
    return false;
  }
}

/**
 * Playwright fixtures for the e2e suite: `harness` starts a fresh harness (fresh temp app-data dir and
 * keychain service name) per test; the automatic `hermetic` fixture blocks and then FAILS the test on
 * any non-loopback request (Fiddle's assertClean idea) and on any CSP violation in the page.
 */
export const test = base.extend<{
  harnessOptions: HarnessOptions;
  harness: Harness;
  hermetic: void;
}>({
  harnessOptions: [{}, { option: true }],
  // Automatic: every test gets a harnessed page even if it never touches `harness` itself.
  harness: [
    async ({ page, harnessOptions }, use) => {
      const harness = await startHarness(page, harnessOptions);
      await use(harness);
      await harness.close();
    },
    { auto: true },
  ],
  hermetic: [
    async ({ context }, use) => {
      const offLoopback: string[] = [];
      const cspViolations: string[] = [];
      await context.route(
        (url) => !isLocalUrl(url.href),
        (route) => {
          offLoopback.push(route.request().url());
          return route.abort('blockedbyclient');
        },
      );
      context.on('console', (msg) => {
        if (/Content Security Policy/i.test(msg.text())) cspViolations.push(msg.text());
      });
      await use();
      expect(offLoopback, 'the app made requests that leave this machine').toEqual([]);
      expect(cspViolations, 'the page violated its Content-Security-Policy').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
