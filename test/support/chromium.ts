/**
 * Where the browser tests and the UI benchmarks get their browser: Debian's Chromium (Playwright's own
 * browsers cannot be downloaded on the build machines; CHROMIUM_PATH overrides).
 */

/**
 * Debian Chromium, headless and without network chatter: the same launch options as the e2e suite
 * (playwright.config.ts) and the UI benchmarks (scripts/bench-ui.ts, profile-ui.ts), so a benchmark
 * measures what the tests run.
 */
export const CHROMIUM_LAUNCH = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
  headless: true,
};
