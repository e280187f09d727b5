/**
 * Test helpers: a real server in test mode on 127.0.0.1 port 0 with a throwaway data directory, and
 * a tiny HTTP client that behaves like `curl -c jar -b jar` plus the X-CSRF-Token header.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServer, type CreateServerOptions, type RunningServer } from '../../../server/main';
import { totpCodeAt } from '../../../server/means/totp';
import { testStoreOptions } from '../store/test-store';

/** FAKTOR_DATA_KEYS for test servers (never a real key). */
export const TEST_DATA_KEYS = `t1:${Buffer.alloc(32, 7).toString('base64')}`;

/** A started server plus cleanup. */
export interface TestServer {
  server: RunningServer;
  url: string;
  dataDir: string;
  stop: () => Promise<void>;
}

/** Starts a test-mode server (silent logs) on a free port. */
export async function startTestServer(options: CreateServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'faktor-server-'));
  // Many accounts from one address per server: the creation throttle (10 per 15 min) is tested on its own.
  // A fixed data key so normal-mode servers start too (test mode alone would generate one).
  const server = await createServer({
    host: '127.0.0.1',
    port: 0,
    testMode: true,
    logLevel: process.env.FAKTOR_TEST_LOG ?? 'silent',
    maxAccountCreations: 1000,
    dataKeys: TEST_DATA_KEYS,
    ...testStoreOptions(dataDir),
    ...options,
    dataDir,
  });
  return {
    server,
    url: server.url,
    dataDir,
    stop: async () => {
      await server.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** One HTTP answer. */
export interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

/** A cookie-keeping client (one browser, one curl jar). */
export class Client {
  cookie: string | undefined;
  csrf: string | undefined;

  constructor(readonly base: string) {}

  /** Sends a request; JSON in, JSON out; keeps the session cookie and the CSRF token. */
  async req<T = Record<string, unknown>>(
    method: string,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer<T>> {
    const h: Record<string, string> = { ...headers };
    if (body !== undefined) h['content-type'] ??= 'application/json';
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrf && method !== 'GET' && !('x-csrf-token' in h)) h['x-csrf-token'] = this.csrf;
    const res = await fetch(this.base + url, {
      method,
      headers: h,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const set = res.headers.getSetCookie().find((c) => c.startsWith('sk_session='));
    if (set) {
      const value = set.split(';')[0] as string;
      this.cookie = value === 'sk_session=' ? undefined : value;
    }
    const text = await res.text();
    const parsed = text ? (JSON.parse(text) as T) : ({} as T);
    const csrf = (parsed as { csrfToken?: unknown }).csrfToken;
    if (typeof csrf === 'string') this.csrf = csrf;
    return { status: res.status, body: parsed, headers: res.headers };
  }

  get<T = Record<string, unknown>>(url: string): Promise<Answer<T>> {
    return this.req<T>('GET', url);
  }

  post<T = Record<string, unknown>>(url: string, body: unknown = {}): Promise<Answer<T>> {
    return this.req<T>('POST', url, body);
  }
}

/** Server time (the test clock). */
export async function serverNow(base: string): Promise<number> {
  const r = await fetch(`${base}/test/clock`);
  return ((await r.json()) as { now: number }).now;
}

/** Moves the server clock forward. */
export async function advance(base: string, seconds: number): Promise<void> {
  const r = await fetch(`${base}/test/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advanceSeconds: seconds }),
  });
  if (r.status !== 200) throw new Error(`clock ${r.status}`);
}

/** The TOTP code for `secret` at the server's current time (optionally shifted by steps). */
export async function totpNow(base: string, secret: string, stepOffset = 0): Promise<string> {
  return totpCodeAt(secret, (await serverNow(base)) + stepOffset * 30_000);
}

/** Latest outbox message to `recipient` on a channel. */
export async function lastMessage(
  base: string,
  channel: 'sms' | 'email',
  recipient?: string,
): Promise<{ body: string; recipient: string }> {
  const r = await fetch(`${base}/test/outbox/${channel}`);
  const { messages } = (await r.json()) as { messages: { body: string; recipient: string }[] };
  const m = messages.find((x) => recipient === undefined || x.recipient === recipient);
  if (!m) throw new Error(`no ${channel} message`);
  return m;
}

/** Extracts the 8-digit code and the verification id from an outbox message. */
export function parseCode(body: string): { code: string; id?: string } {
  const code = /: (\d{8})/.exec(body)?.[1];
  if (!code) throw new Error('no code in message');
  const id = /Verifikations-ID: ([A-Za-z0-9-]+)/.exec(body)?.[1];
  return { code, ...(id ? { id } : {}) };
}

/** Creates an account and returns a logged-in client. */
export async function newAccount(
  base: string,
  username: string,
  attributes: Record<string, string> = {},
): Promise<Client> {
  const c = new Client(base);
  const r = await c.post('/api/accounts', {
    username,
    password: 'correct horse battery',
    blockPassword: 'sperr-passwort-2024',
    attributes,
  });
  if (r.status !== 201) throw new Error(`create ${r.status} ${JSON.stringify(r.body)}`);
  return c;
}

/** Standard test password. */
export const PASSWORD = 'correct horse battery';
/** Standard test block password. */
export const BLOCK_PASSWORD = 'sperr-passwort-2024';
