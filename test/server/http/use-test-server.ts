import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { CreateServerOptions } from '../../../server/main';
import { startTestServer, type TestServer } from './client';

/**
 * The test file's server on 127.0.0.1 port 0: started before the file's tests (or before each test
 * with `perTest`) and stopped after, by vitest hooks. The handle reads through to the live server, so
 * tests keep writing `t.url`.
 */
export function useTestServer(
  o: { perTest?: boolean; options?: CreateServerOptions } = {},
): TestServer {
  let live: TestServer | null = null;
  const current = (): TestServer => {
    if (!live) throw new Error('the test server runs only inside tests');
    return live;
  };
  (o.perTest ? beforeEach : beforeAll)(async () => {
    live = await startTestServer(o.options);
  });
  (o.perTest ? afterEach : afterAll)(async () => {
    await live?.stop();
    live = null;
  });
  return {
    get server() {
      return current().server;
    },
    get url() {
      return current().url;
    },
    get dataDir() {
      return current().dataDir;
    },
    stop: () => current().stop(),
  };
}

/**
 * Names unique within one test file (user names, e-mail local parts): `uniq('erika')` → erika1, erika2, …;
 * `uniq.count` is the number the last name got (e.g. for a distinct client address per test).
 */
export function uniqueNamer(): ((prefix: string) => string) & { readonly count: number } {
  let n = 0;
  const uniq = (prefix: string): string => `${prefix}${++n}`;
  return Object.defineProperty(uniq, 'count', { get: () => n }) as typeof uniq & {
    readonly count: number;
  };
}
