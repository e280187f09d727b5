import { defineConfig } from 'vitest/config';

/**
 * Unit and integration tests (Node). Playwright specs (*.spec.ts) run separately. `*.pg.test.ts` need
 * a PostgreSQL cluster and run only under `npm run test:server:pg` (FAKTOR_TEST_DATABASE_URL set).
 */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: [
      '**/node_modules/**',
      ...(process.env.FAKTOR_TEST_DATABASE_URL ? [] : ['test/**/*.pg.test.ts']),
    ],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    setupFiles: ['test/support/fast-check-seed.ts'],
  },
});
