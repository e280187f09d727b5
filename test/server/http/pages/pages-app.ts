/**
 * Builds a fastify app with only the page routes over the real services and a real SQLite file, for
 * the page tests. (The full server from server/main.ts adds the JSON API and headers; the page
 * behaviour under test — escaping, CSRF, no secrets echoed — does not depend on them.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import { AdjustableClock, AppContext, createServices, type Services } from '../../../../server/app';
import { DEFAULT_POLICY } from '../../../../server/domain';
import { openTestStore } from '../../store/test-store';
import { pagesPlugin } from '../../../../server/http/pages/plugin';

/** An app with the pages, its services and clock, and a cleanup. */
export interface PagesApp {
  app: FastifyInstance;
  services: Services;
  clock: AdjustableClock;
  close(): Promise<void>;
}

/** Starts the pages on a throwaway database (cheap Argon2 parameters: this tests pages, not hashing). */
export async function buildPagesApp(): Promise<PagesApp> {
  const dir = mkdtempSync(path.join(tmpdir(), 'faktor-pages-unit-'));
  const db = openTestStore(dir);
  const clock = new AdjustableClock();
  const ctx = new AppContext(
    db,
    clock,
    DEFAULT_POLICY,
    { rpId: 'localhost', rpName: 'Servicekonto', origins: ['http://localhost'] },
    {
      testMode: true,
      issuer: 'Servicekonto',
      origin: 'http://localhost',
      argon2: { memoryCost: 1024, timeCost: 1, parallelism: 1 },
    },
  );
  const services = createServices(ctx);
  const app = Fastify({ logger: false });
  await app.register(cookie);
  await app.register(formbody);
  await app.register(pagesPlugin, { services, testMode: true, secureCookies: false });
  await app.ready();
  return {
    app,
    services,
    clock,
    async close() {
      await app.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A minimal cookie jar over inject() responses. */
export class Jar {
  private readonly cookies = new Map<string, string>();
  /** Stores the Set-Cookie values of a response (an empty value clears). */
  take(headers: Record<string, unknown>): void {
    const raw = headers['set-cookie'];
    const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
    for (const c of list as string[]) {
      const [pair] = c.split(';');
      const [k, ...v] = (pair ?? '').split('=');
      if (!k) continue;
      const value = v.join('=');
      if (value === '' || /Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(c))
        this.cookies.delete(k.trim());
      else this.cookies.set(k.trim(), value);
    }
  }
  /** The Cookie request header. */
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/** The `_csrf` value of the first form on a page. */
export function csrfOf(page: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(page);
  if (!m?.[1]) throw new Error('no csrf field on page');
  return m[1];
}
