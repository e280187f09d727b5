import { defineConfig } from '@playwright/test';
import { CHROMIUM_LAUNCH } from './test/support/chromium';

/** E2E in Debian Chromium (a downloaded browser is impossible here); see test/support/chromium.ts. */
export default defineConfig({
  testDir: 'test',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  timeout: 60_000,
  retries: 0,
  reporter: [['list']],
  use: {
    launchOptions: CHROMIUM_LAUNCH,
    headless: true,
    reducedMotion: 'reduce',
  },
});
