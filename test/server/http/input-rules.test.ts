/**
 * Issue #7 items 4, 6 and 14 through the real server (API and HTML pages alike):
 * - input rules live in the service layer: the pages get the same password, username, block-password
 *   and phone rules as the API;
 * - account creation is throttled per client address and a taken name is answered only after the same
 *   work as a free one;
 * - one configured delayed-deletion period for the §7 notice, the pages and the API.
 */
import { describe, expect, it } from 'vitest';
import { BLOCK_PASSWORD, Client, PASSWORD, serverNow, startTestServer } from './client';
import { useTestServer, uniqueNamer } from './use-test-server';
import { checkPassword, commonPasswords } from '../../../server/app/input-rules';

/** A browser on the HTML pages: keeps cookies, reads the form's CSRF token, posts forms. */
class Browser {
  private readonly cookies = new Map<string, string>();
  constructor(private readonly base: string) {}

  private async send(
    method: string,
    url: string,
    body?: Record<string, string>,
  ): Promise<{ status: number; text: string; location?: string }> {
    const headers: Record<string, string> = {
      cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
    };
    if (body) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(this.base + url, {
      method,
      headers,
      redirect: 'manual',
      ...(body ? { body: new URLSearchParams(body).toString() } : {}),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = (pair ?? '').indexOf('=');
      if (i > 0) this.cookies.set((pair as string).slice(0, i), (pair as string).slice(i + 1));
    }
    return {
      status: res.status,
      text: await res.text(),
      location: res.headers.get('location') ?? undefined,
    };
  }

  /** GETs a page. */
  get(url: string): Promise<{ status: number; text: string }> {
    return this.send('GET', url);
  }

  /** GETs `page`, posts `fields` (plus the page's _csrf) to `action`, and follows its 303 (post/redirect/get). */
  async submit(
    page: string,
    action: string,
    fields: Record<string, string>,
  ): Promise<{ status: number; text: string; url: string }> {
    const got = await this.get(page);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(got.text)?.[1];
    if (!csrf) throw new Error(`no form on ${page}`);
    const posted = await this.send('POST', action, { _csrf: csrf, ...fields });
    if (posted.status !== 303 || !posted.location)
      throw new Error(`${action} answered ${posted.status}, not 303`);
    return { ...(await this.get(posted.location)), url: posted.location };
  }
}

const t = useTestServer({ options: { deletionDelayDays: 3 } });
const uniq = uniqueNamer();

const exists = (username: string): boolean =>
  t.server.services.ctx.accounts.byUsername(username) !== undefined;

describe('the pages get the API’s input rules (issue #7 item 4)', () => {
  const register = (fields: Record<string, string>) =>
    new Browser(t.url).submit('/register', '/register', {
      username: uniq('page'),
      password: PASSWORD,
      blockPassword: BLOCK_PASSWORD,
      ...fields,
    });

  it('refuses a username with a bidi override, a one-letter password, an empty or common block password', async () => {
    expect((await register({ username: '\u202Enimda' })).text).toContain('id="f-username-error"');
    expect(exists('\u202Enimda')).toBe(false);
    const refused: Record<string, string>[] = [
      { password: 'a' },
      { blockPassword: '' },
      { blockPassword: 'iloveyou' },
      { password: 'password1' },
      { username: 'tab\tname' },
    ];
    for (const fields of refused) {
      const r = await register({ username: 'refused-user', ...fields });
      expect(r.url, JSON.stringify(fields)).toBe('/register');
      expect(r.text, JSON.stringify(fields)).toContain('class="field-error"');
      expect(exists('refused-user') || exists('tab\tname')).toBe(false);
    }
    expect((await register({ username: 'accepted-user' })).url).toBe('/register/done');
    expect(exists('accepted-user')).toBe(true);
  });

  it('an SMS means needs an E.164-like phone number on the pages and the API', async () => {
    const b = new Browser(t.url);
    expect(
      (
        await b.submit('/register', '/register', {
          username: uniq('sms'),
          password: PASSWORD,
          blockPassword: BLOCK_PASSWORD,
        })
      ).url,
    ).toBe('/register/done');
    const refused = await b.submit('/means/new', '/means/new/sms', { phone: 'call me maybe' });
    expect(refused.url).toBe('/means/new');
    expect(refused.text).toContain('notice-error');
    const c = new Client(t.url);
    await c.post('/api/accounts', {
      username: uniq('sms'),
      password: PASSWORD,
      blockPassword: BLOCK_PASSWORD,
    });
    for (const phone of ['0151 2345678', '+0 151 2345678', '+49 151', '+49 151 2345678 9999 1']) {
      expect((await c.post('/api/means', { kind: 'password+sms', phone })).status, phone).toBe(400);
    }
    expect(
      (await c.post('/api/means', { kind: 'password+sms', phone: '+49 151 2345678' })).status,
    ).toBe(201);
  });

  it('the shipped common-password list is used, with length first (no composition rules)', () => {
    expect(commonPasswords().size).toBeGreaterThan(4000);
    expect(() => checkPassword('trustno1', 'password')).toThrow();
    expect(() => checkPassword('Pferd Batterie Heftklammer', 'password')).not.toThrow();
    expect(() => checkPassword('sieben7', 'password')).toThrow();
  });
});

describe('account creation: throttled per address, a taken name costs the same work (issue #7 item 6)', () => {
  it('a taken username is answered only after both Argon2id hashes, like a free one', async () => {
    const hasher = t.server.services.ctx.hasher;
    const original = hasher.hash.bind(hasher);
    let hashes = 0;
    // Counts calls of the real hasher (nothing is replaced).
    hasher.hash = async (pw: string) => {
      hashes++;
      return original(pw);
    };
    try {
      const name = uniq('same-work');
      expect(
        (
          await new Client(t.url).post('/api/accounts', {
            username: name,
            password: PASSWORD,
            blockPassword: BLOCK_PASSWORD,
          })
        ).status,
      ).toBe(201);
      expect(hashes).toBe(2);
      const taken = await new Client(t.url).post('/api/accounts', {
        username: name.toUpperCase(),
        password: PASSWORD,
        blockPassword: BLOCK_PASSWORD,
      });
      expect(taken.status).toBe(409);
      expect(hashes).toBe(4);
    } finally {
      hasher.hash = original;
    }
  });

  it('the 11th creation from one address within 15 minutes is 429 with Retry-After, taken names included', async () => {
    const own = await startTestServer({ maxAccountCreations: 10 });
    try {
      const first = uniq('burst');
      const statuses: number[] = [];
      for (let i = 0; i < 10; i++)
        statuses.push(
          (
            await new Client(own.url).post('/api/accounts', {
              username: i % 2 ? first : `${first}-${i}`,
              password: PASSWORD,
              blockPassword: BLOCK_PASSWORD,
            })
          ).status,
        );
      expect(statuses.filter((s) => s === 429)).toHaveLength(0);
      const blocked = await new Client(own.url).post('/api/accounts', {
        username: uniq('late'),
        password: PASSWORD,
        blockPassword: BLOCK_PASSWORD,
      });
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
      await fetch(`${own.url}/test/clock`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ advanceSeconds: 15 * 60 }),
      });
      expect(
        (
          await new Client(own.url).post('/api/accounts', {
            username: uniq('later'),
            password: PASSWORD,
            blockPassword: BLOCK_PASSWORD,
          })
        ).status,
      ).toBe(201);
    } finally {
      await own.stop();
    }
  });
});

describe('one delayed-deletion period (issue #7 item 14)', () => {
  it('the §7 notice, the registered page, the delete page and the API all use the configured 3 days', async () => {
    const c = new Client(t.url);
    const created = await c.post<{ deletionNotice: { delayMs: number } }>('/api/accounts', {
      username: uniq('del'),
      password: PASSWORD,
      blockPassword: BLOCK_PASSWORD,
    });
    expect(created.body.deletionNotice.delayMs).toBe(3 * 86_400_000);
    const b = new Browser(t.url);
    const page = await b.submit('/register', '/register', {
      username: uniq('delpage'),
      password: PASSWORD,
      blockPassword: BLOCK_PASSWORD,
      lang: 'en',
    });
    expect(page.text).toContain('data-days="3"');
    const now = await serverNow(t.url);
    const del = await b.submit('/delete', '/delete', { when: 'delayed', confirm: 'yes' });
    expect(del.url).toBe('/login');
    expect(del.text).toContain(new Date(now + 3 * 86_400_000).toISOString().slice(0, 10));
    const r = await c.post<{ eraseAt: number }>('/api/account/delete', { mode: 'delayed' });
    expect(r.body.eraseAt).toBeGreaterThanOrEqual(now + 3 * 86_400_000);
    expect(r.body.eraseAt).toBeLessThan(now + 3 * 86_400_000 + 60_000);
  });

  it('the delete page offers the configured period', async () => {
    const b = new Browser(t.url);
    await b.submit('/register', '/register', {
      username: uniq('delpage'),
      password: PASSWORD,
      blockPassword: BLOCK_PASSWORD,
    });
    expect((await b.get('/delete?lang=en')).text).toContain('Delete in 3 days');
  });
});
