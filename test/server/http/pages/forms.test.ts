/**
 * Issue #12, server pages, through a real server on 127.0.0.1 port 0: every form answers 303 See Other
 * (post/redirect/get), errors come back as field errors on the same form with what is safe to keep,
 * radio choices start unselected, tables carry their column labels, times are <time> elements, every
 * page has one h1 in main between header and footer, and English pages gloss German terms once.
 */
import { describe, expect, it } from 'vitest';
import { GERMAN_TERMS_EN, glossFirstUse } from '../../../../server/i18n/terms';
import { LEVEL_GLOSS_EN } from '../../../../shared/levels';
import { newAccount } from '../client';
import { useTestServer } from '../use-test-server';
import { Browser, csrf } from './browser';

const t = useTestServer();
let n = 0;

const PASSWORD = 'geheimes passwort 4711';

describe('create account form', () => {
  it('marks each wrong field, keeps username and details, never the passwords', async () => {
    const b = new Browser(t.url, 'de');
    const form = await b.get('/register');
    const r = await b.submit('/register', {
      _csrf: csrf(form.text),
      'attr.givenNames': 'Erika',
      'attr.familyName': 'Mustermann',
      'attr.email': 'e@example.org',
      username: 'x',
      password: 'short',
      blockPassword: 'short',
    });
    expect(r.url).toBe('/register');
    for (const id of ['f-username', 'f-password', 'f-blockPassword']) {
      expect(r.text).toContain(`id="${id}-error"`);
      expect(r.text).toMatch(
        new RegExp(
          `<input id="${id}"[^>]*aria-describedby="${id}-error[^"]*"[^>]*aria-invalid="true"`,
        ),
      );
    }
    expect(r.text).toContain('value="Erika"');
    expect(r.text).toContain('value="e@example.org"');
    expect(r.text).toMatch(/<input id="f-username"[^>]*value="x"/);
    expect(r.text).not.toContain('value="short"');
    // One-time: a reload shows the empty form again.
    const again = await b.get('/register');
    expect(again.text).not.toContain('field-error');
    expect(again.text).not.toContain('value="Erika"');
  });

  it('a taken username marks the username field; success goes on to a GET page', async () => {
    const b = new Browser(t.url, 'en');
    const name = `taken${++n}`;
    const form = await b.get('/register');
    const fields = {
      _csrf: csrf(form.text),
      'attr.givenNames': 'Erika',
      'attr.familyName': 'Mustermann',
      username: name,
      password: PASSWORD,
      blockPassword: 'sperr mich 0815 bitte',
    };
    const ok = await b.submit('/register', fields);
    expect(ok.url).toBe('/register/done');
    expect(ok.text).toContain('data-testid="delete-level"');
    const other = new Browser(t.url, 'en');
    const dup = await other.submit('/register', {
      ...fields,
      _csrf: csrf((await other.get('/register')).text),
    });
    expect(dup.text).toContain('id="f-username-error"');
    expect(dup.text).not.toContain(PASSWORD);
  });
});

describe('the flash cookie', () => {
  it('is sealed (a forged or altered one is ignored) and only the page it is for takes it', async () => {
    const b = new Browser(t.url, 'en');
    const form = await b.get('/block');
    const posted = await b.post('/block', {
      _csrf: csrf(form.text),
      username: 'kept-name',
      blockPassword: 'whatever it is',
    });
    const sealed = /sk_flash=([^;]+)/.exec(posted.cookies.join('\n'))?.[1] ?? '';
    expect(sealed).not.toContain('kept-name');
    expect(Buffer.from(sealed.split('.')[2] ?? '', 'base64url').toString()).not.toContain(
      'kept-name',
    );
    // Another page leaves it alone; the block page shows it once.
    expect((await b.get('/login')).text).not.toContain('kept-name');
    expect((await b.get('/block')).text).toContain('value="kept-name"');
    expect((await b.get('/block')).text).not.toContain('value="kept-name"');
    // An altered or forged cookie shows nothing.
    const altered = sealed.slice(0, -2) + (sealed.endsWith('AA') ? 'BB' : 'AA');
    for (const value of [altered, 'forged.value.here']) {
      const forged = new Browser(t.url, 'en');
      forged.seed(`sk_flash=${value}`);
      const page = await forged.get('/block');
      expect(page.status).toBe(200);
      expect(page.text).not.toContain('kept-name');
      expect(page.text).not.toContain('field-error');
    }
  });
});

describe('the flash cookie is bound to the browser and single use', () => {
  /** A browser that posted the block form with `name`: the sealed flash it got, and its binding cookie. */
  async function flashFor(name: string): Promise<{ b: Browser; sealed: string; bind: string }> {
    const b = new Browser(t.url, 'en');
    const posted = await b.post('/block', {
      _csrf: csrf((await b.get('/block')).text),
      username: name,
      blockPassword: 'whatever it is',
    });
    expect(posted.status).toBe(303);
    const jar = posted.cookies.join('\n');
    return {
      b,
      sealed: /sk_flash=([^;]+)/.exec(jar)?.[1] ?? '',
      bind: /sk_fb=([^;]+)/.exec(jar)?.[1] ?? '',
    };
  }

  it('the same cookie value sent again within its minute shows nothing (replay)', async () => {
    const { b, sealed } = await flashFor('replayed-name');
    expect((await b.get('/block')).text).toContain('value="replayed-name"');
    b.seed(`sk_flash=${sealed}`);
    expect((await b.get('/block')).text).not.toContain('replayed-name');
  });

  it('a flash made in one browser shows nothing in another (planted by a sibling subdomain on http, or copied)', async () => {
    const attacker = await flashFor('planted-name');
    const victim = (await flashFor('own-name')).b; // with its own binding cookie
    expect((await victim.get('/block')).text).toContain('value="own-name"');
    victim.seed(`sk_flash=${attacker.sealed}`);
    const page = await victim.get('/block');
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('planted-name');
    // With the binding cookie as well it is the attacker's own browser state, which still works once.
    const copy = new Browser(t.url, 'en');
    copy.seed(`sk_fb=${attacker.bind}`);
    copy.seed(`sk_flash=${attacker.sealed}`);
    expect((await copy.get('/block')).text).toContain('value="planted-name"');
    expect((await attacker.b.get('/block')).text).not.toContain('planted-name');
  });
});

describe('choices start unselected', () => {
  it('the block form preselects no means and asks for one when none is chosen', async () => {
    const b = new Browser(t.url, 'en');
    const form = await b.get('/block');
    expect(form.text).not.toMatch(/type="radio"[^>]*checked/);
    expect(form.text).toMatch(/type="radio"[^>]*name="kind"[^>]*required/);
    const r = await b.submit('/block', {
      _csrf: csrf(form.text),
      username: 'someone',
      blockPassword: 'whatever it is',
    });
    expect(r.text).toContain('id="block-kind-error"');
    expect(r.text).toMatch(/<input id="f-username"[^>]*value="someone"/);
  });

  it('the delete form preselects neither "now" nor "later" and refuses a missing choice', async () => {
    const api = await newAccount(t.url, `del${++n}`);
    const b = new Browser(t.url, 'de');
    b.seed(api.cookie);
    const form = await b.get('/delete');
    expect(form.text).toContain('name="when"');
    expect(form.text).not.toMatch(/type="radio"[^>]*checked/);
    const r = await b.submit('/delete', { _csrf: csrf(form.text), confirm: 'yes' });
    expect(r.url).toBe('/delete');
    expect(r.text).toContain('id="delete-when-error"');
    expect((await b.get('/account')).status).toBe(200);
  });
});

describe('page structure', () => {
  it('one h1 inside main, header/nav/footer landmarks, no skipped heading level, tables labelled, times as <time>', async () => {
    const api = await newAccount(t.url, `struct${++n}`, { email: 'a@example.org' });
    const b = new Browser(t.url, 'en');
    b.seed(api.cookie);
    for (const url of [
      '/account',
      '/auth?next=%2Faccount',
      '/means/new',
      '/delete',
      '/block',
      '/outbox/email',
    ]) {
      const page = (await b.get(url)).text;
      expect(page.match(/<h1\b/g)?.length, url).toBe(1);
      expect(page, url).toMatch(
        /<header>[\s\S]*<nav [\s\S]*<\/header>\s*<main id="main">\s*<h1>[\s\S]*<\/main>\s*<footer>/,
      );
      const levels = [...page.matchAll(/<h([1-6])\b/g)].map((m) => Number(m[1]));
      levels.forEach((l, i) =>
        expect(l - (levels[i - 1] ?? 0), `${url} heading ${i}`).toBeLessThanOrEqual(1),
      );
    }
    const account = (await b.get('/account')).text;
    expect(account).toMatch(/<td role="cell" data-label="Last used">/);
    expect(account).toMatch(
      /<time datetime="\d{4}-\d\d-\d\dT[\d:.]+Z" data-local-time>[^<]+ UTC<\/time>/,
    );
    expect(account).toContain('<script src="/assets/local-time.js" defer></script>');
  });
});

describe('German terms in English pages', () => {
  it('glosses each term on its first use in the body only, the same way on every page', async () => {
    const full = (await new Browser(t.url, 'en').get('/register')).text;
    const page = full.slice(full.indexOf('<body'));
    for (const [term, gloss] of GERMAN_TERMS_EN) {
      const glossed = `${term} (${gloss})`;
      const uses = page.split(new RegExp(`(?<![\\p{L}-])${term}(?![\\p{L}-])`, 'u')).length - 1;
      if (uses === 0) continue;
      expect(page.split(glossed).length - 1, term).toBe(1);
      expect(page.indexOf(glossed), term).toBe(
        page.search(new RegExp(`(?<=>[^<]*)(?<![\\p{L}-])${term}(?![\\p{L}-])`, 'u')),
      );
    }
    expect(page).toContain(`Basisregistrierung (${LEVEL_GLOSS_EN.basisregistrierung})`);
    const de = (await new Browser(t.url, 'de').get('/register')).text;
    expect(de).not.toContain('(level of assurance)');
  });

  it('leaves tags, attributes and the title alone', () => {
    const out = glossFirstUse(
      '<html><head><title>Servicekonto</title></head><body><p data-x="hoch">hoch und hoch</p><span>Servicekonto</span></body></html>',
    );
    expect(out).toBe(
      `<html><head><title>Servicekonto</title></head><body><p data-x="hoch">hoch (${LEVEL_GLOSS_EN.hoch}) und hoch</p><span>Servicekonto (service account)</span></body></html>`,
    );
  });
});
