import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPagesApp, csrfOf, Jar, type PagesApp } from './pages-app';

let p: PagesApp;
beforeAll(async () => {
  p = await buildPagesApp();
});
afterAll(async () => {
  await p.close();
});

const form = (fields: Record<string, string>): string => new URLSearchParams(fields).toString();
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

async function getPage(
  jar: Jar,
  url: string,
  headers: Record<string, string> = {},
): Promise<string> {
  const res = await p.app.inject({
    method: 'GET',
    url,
    headers: { cookie: jar.header(), ...headers },
  });
  jar.take(res.headers);
  return res.body;
}

async function postForm(jar: Jar, url: string, fields: Record<string, string>) {
  const res = await p.app.inject({
    method: 'POST',
    url,
    headers: { ...FORM, cookie: jar.header() },
    payload: form(fields),
  });
  jar.take(res.headers);
  return res;
}

const PASSWORD = 'geheimes passwort 4711';
const BLOCK_PASSWORD = 'sperr mich 0815 bitte';

async function createAccount(
  jar: Jar,
  username: string,
  extra: Record<string, string> = {},
): Promise<string> {
  const page = await getPage(jar, '/register');
  const res = await postForm(jar, '/register', {
    _csrf: csrfOf(page),
    'attr.givenNames': 'Erika',
    'attr.familyName': 'Mustermann',
    'attr.email': `${username}@example.org`,
    username,
    password: PASSWORD,
    blockPassword: BLOCK_PASSWORD,
    ...extra,
  });
  expect(res.statusCode).toBe(303);
  expect(res.headers.location).toBe('/register/done');
  return getPage(jar, '/register/done');
}

/** Posts a form and follows its 303 (post/redirect/get) like a browser: the page it lands on. */
async function submit(
  jar: Jar,
  url: string,
  fields: Record<string, string>,
): Promise<{ location: string; body: string }> {
  const res = await postForm(jar, url, fields);
  expect(res.statusCode, `${url} answers 303`).toBe(303);
  const location = String(res.headers.location);
  return { location, body: await getPage(jar, location) };
}

describe('CSRF on every form', () => {
  it('refuses pre-login forms without or with a wrong token (403) and accepts the right one', async () => {
    const jar = new Jar();
    const page = await getPage(jar, '/login');
    const token = csrfOf(page);
    for (const url of ['/login', '/register', '/block']) {
      expect((await postForm(jar, url, { username: 'x', password: 'y' })).statusCode).toBe(403);
      expect(
        (await postForm(jar, url, { _csrf: `${token}x`, username: 'x', password: 'y' })).statusCode,
      ).toBe(403);
    }
    // A token without the matching cookie (a forged cross-site post) is refused too.
    const res = await p.app.inject({
      method: 'POST',
      url: '/login',
      headers: FORM,
      payload: form({ _csrf: token, username: 'x', password: 'y' }),
    });
    expect(res.statusCode).toBe(403);
    // With the right token the form is processed: a wrong login goes back to the form with the generic notice.
    const ok = await submit(jar, '/login', {
      _csrf: token,
      username: 'nobody',
      password: 'wrong password',
    });
    expect(ok.location).toBe('/login');
    expect(ok.body).toContain('notice-error');
  });

  it('refuses logged-in forms without or with a wrong session token and accepts the right one', async () => {
    const jar = new Jar();
    await createAccount(jar, 'csrf-user');
    const overview = await getPage(jar, '/account');
    const token = csrfOf(overview);
    const passwordRow = /data-means-id="([^"]+)" data-kind="password"/.exec(overview);
    expect(passwordRow).not.toBeNull();
    expect((await postForm(jar, '/logout', {})).statusCode).toBe(403);
    expect((await postForm(jar, '/logout', { _csrf: 'nope' })).statusCode).toBe(403);
    expect((await postForm(jar, '/means/new/totp', { _csrf: 'nope' })).statusCode).toBe(403);
    expect((await postForm(jar, '/delete', { _csrf: '', confirm: 'yes' })).statusCode).toBe(403);
    // Still logged in after the refused logout; the right token logs out.
    expect(await getPage(jar, '/account')).toContain('data-testid="max-level"');
    const out = await postForm(jar, '/logout', { _csrf: token });
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/login');
  });

  it('puts the CSRF field into every form of every page', async () => {
    const jar = new Jar();
    await createAccount(jar, 'forms-user');
    for (const url of [
      '/account',
      '/means/new',
      '/auth?next=%2Faccount',
      '/verify-email',
      '/delete',
      '/eid?purpose=verify',
      '/block',
    ]) {
      const page = await getPage(jar, url);
      const forms = page.match(/<form\b/g)?.length ?? 0;
      const fields =
        page.match(/<form\b[^>]*>\s*<input type="hidden" name="_csrf" value="[^"]+">/g)?.length ??
        0;
      expect(forms, url).toBeGreaterThan(0);
      expect(fields, url).toBe(forms);
    }
  });
});

describe('escaping and secrets', () => {
  it('escapes user-controlled attributes on the overview', async () => {
    const jar = new Jar();
    await createAccount(jar, 'xss-user', {
      'attr.address': '<script>alert(1)</script>"><img src=x onerror=alert(2)>',
    });
    const page = await getPage(jar, '/account');
    expect(page).not.toContain('<script>alert(1)');
    expect(page).not.toContain('<img src=x');
    expect(page).toContain(
      '&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;',
    );
  });

  it('never echoes a password, block password or code back into a page', async () => {
    const jar = new Jar();
    const created = await createAccount(jar, 'secret-user');
    expect(created).not.toContain(PASSWORD);
    expect(created).not.toContain(BLOCK_PASSWORD);

    // A failed registration keeps the username and attributes but not the passwords.
    const jar2 = new Jar();
    const page = await getPage(jar2, '/register');
    const dup = await submit(jar2, '/register', {
      _csrf: csrfOf(page),
      'attr.givenNames': 'E',
      'attr.familyName': 'M',
      username: 'secret-user',
      password: PASSWORD,
      blockPassword: BLOCK_PASSWORD,
    });
    expect(dup.location).toBe('/register');
    expect(dup.body).toContain('value="secret-user"');
    expect(dup.body).not.toContain(PASSWORD);
    expect(dup.body).not.toContain(BLOCK_PASSWORD);

    // A failed login is generic and echoes neither the password nor which factor failed.
    const login = await getPage(jar2, '/login');
    const wrong = await submit(jar2, '/login', {
      _csrf: csrfOf(login),
      username: 'secret-user',
      password: `${PASSWORD}!`,
    });
    expect(wrong.body).not.toContain(`${PASSWORD}!`);
    const unknown = await submit(jar2, '/login', {
      _csrf: csrfOf(login),
      username: 'no-such-user',
      password: `${PASSWORD}!`,
    });
    const message = (body: string): string =>
      /<p class="notice notice-error"[^>]*>([^<]*)<\/p>/.exec(body)?.[1] ?? '';
    expect(message(unknown.body)).not.toBe('');
    expect(message(unknown.body)).toBe(message(wrong.body));

    // A wrong TOTP code during confirmation is not echoed either; the QR stays (post/redirect/get).
    const overview = await getPage(jar, '/account');
    const totp = await submit(jar, '/means/new/totp', { _csrf: csrfOf(overview), label: 'Handy' });
    expect(totp.body).toContain('otpauth://totp/');
    const meansId = /action="\/means\/([^/]+)\/confirm"/.exec(totp.body)?.[1] ?? '';
    expect(totp.location).toBe(`/means/${meansId}/confirm`);
    const bad = await submit(jar, `/means/${meansId}/confirm`, {
      _csrf: csrfOf(overview),
      code: '987654',
    });
    expect(bad.location).toBe(`/means/${meansId}/confirm`);
    expect(bad.body).not.toContain('987654');
    expect(bad.body).toContain('otpauth://totp/');
    expect(bad.body).toContain(`id="code-${meansId}-error"`);
    // Block password form: wrong and right answers never show the block password.
    const blockPage = await getPage(jar2, '/block');
    const blocked = await submit(jar2, '/block', {
      _csrf: csrfOf(blockPage),
      username: 'secret-user',
      blockPassword: BLOCK_PASSWORD,
      kind: 'password+totp',
    });
    expect(blocked.body).not.toContain(BLOCK_PASSWORD);
  });

  it('§5.1 e-mail link: GET shows the code prefilled and does nothing; the confirm button verifies, also without a session', async () => {
    const jar = new Jar();
    await createAccount(jar, 'link-user');
    const page = await getPage(jar, '/verify-email');
    const sent = await postForm(jar, '/verify-email/send', { _csrf: csrfOf(page) });
    expect(sent.statusCode).toBe(303);
    const mail = p.services.ctx.outbox
      .messages('email')
      .find((m) => m.recipient === 'link-user@example.org');
    const link = /https?:\/\/[^/\s]+(\/verify-email\?v=[^\s]+)/.exec(mail?.body ?? '')?.[1] ?? '';
    const v = new URL(link, 'http://x').searchParams;
    expect(v.get('code')).toMatch(/^\d{8}$/);

    // Opened in another browser (no session): the code is in the form, nothing is verified yet.
    const other = new Jar();
    const linkPage = await getPage(other, link);
    expect(linkPage).toContain(`value="${v.get('code')}"`);
    expect(linkPage).toContain('id="email-code-form"');
    expect(p.services.ctx.verifications.byId(v.get('v') as string)?.usedAt).toBeNull();
    const level = (): string | undefined =>
      p.services.ctx.accounts.byUsername('link-user')?.attributes.find((a) => a.name === 'email')
        ?.level;
    expect(level()).toBe('basisregistrierung');
    // A crafted link cannot inject markup: odd values are not echoed.
    expect(await getPage(other, '/verify-email?v=abc&code=%22%3E%3Cscript%3E')).not.toContain(
      '<script>',
    );

    const ok = await submit(other, '/verify-email', {
      _csrf: csrfOf(linkPage),
      verificationId: v.get('v') as string,
      code: v.get('code') as string,
    });
    expect(ok.location).toBe('/login');
    expect(ok.body).toContain('notice-ok');
    expect(level()).toBe('niedrig');
    // Single use: the same link again is the code error on the code field.
    const again = await submit(other, '/verify-email', {
      _csrf: csrfOf(linkPage),
      verificationId: v.get('v') as string,
      code: v.get('code') as string,
    });
    expect(again.body).toContain('id="f-code-error"');
  });

  it('§4.4 block form: one kind blocks every usable means of it; a kind the account lacks is the generic failure', async () => {
    const jar = new Jar();
    await createAccount(jar, 'block-kind-user');
    const overview = await getPage(jar, '/account');
    for (let i = 0; i < 2; i++)
      expect((await postForm(jar, '/means/new/totp', { _csrf: csrfOf(overview) })).statusCode).toBe(
        303,
      );
    const anon = new Jar();
    const form = await getPage(anon, '/block');
    const none = await submit(anon, '/block', {
      _csrf: csrfOf(form),
      username: 'block-kind-user',
      blockPassword: BLOCK_PASSWORD,
      kind: 'password+sms',
    });
    const wrong = await submit(anon, '/block', {
      _csrf: csrfOf(form),
      username: 'block-kind-user',
      blockPassword: 'wrong block password',
      kind: 'password+totp',
    });
    const message = (body: string): string =>
      /<p class="notice notice-error"[^>]*>([^<]*)<\/p>/.exec(body)?.[1] ?? '';
    expect(message(none.body)).not.toBe('');
    expect(message(none.body)).toBe(message(wrong.body));
    const ok = await submit(anon, '/block', {
      _csrf: csrfOf(form),
      username: 'block-kind-user',
      blockPassword: BLOCK_PASSWORD,
      kind: 'password+totp',
    });
    expect(ok.body).toContain('notice-ok');
    const kinds = p.services.ctx.accounts
      .byUsername('block-kind-user')
      ?.means.map((m) => [m.kind, m.status]);
    expect(kinds).toEqual([
      ['password', 'active'],
      ['password+totp', 'blocked'],
      ['password+totp', 'blocked'],
    ]);
  });

  it('shows the test-mode banner and both languages', async () => {
    const jar = new Jar();
    const de = await getPage(jar, '/login', { 'accept-language': 'de-DE,de;q=0.9' });
    expect(de).toContain('<html lang="de">');
    expect(de).toContain('data-testid="test-mode-banner"');
    const en = await getPage(new Jar(), '/login', { 'accept-language': 'en-GB,en;q=0.9' });
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('<h1>Log in</h1>');
  });
});
