/**
 * axe-core on every page of the reference Servicekonto (issue #12): no violation of impact serious or
 * critical, in both languages and both colour schemes, at 1280 and 480 px, including the error states
 * (field errors, notices). The pages are enumerated from fastify's route table, so a new page without
 * a visit here fails this test. At 480 px no page may scroll sideways (tables stack into labelled
 * lines), and times are rewritten to the browser's own zone by /assets/local-time.js.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { createServer, type RunningServer } from '../../server/http/server';
import { totpCodeAt } from '../../server/means/totp';
import { AXE_VARIANTS } from './support/axe-variants';
import { fillRegisterForm, newUser } from './server-pages-helpers';

/** GET routes that are not pages (JSON, test controls, the provider's protocol endpoints, files, redirects). */
const NOT_PAGES = [
  /^\/api\//,
  /^\/test\//,
  /^\/oidc(\/|$)/,
  /^\/assets\//,
  /^\/openapi\.json$/,
  /^\/\*$/,
  /^\/$/,
  /^\/\.well-known\//,
];

/** Full paths of the GET routes in fastify's printed route tree (`printRoutes({ commonPrefix: false })`). */
function getRoutes(tree: string): string[] {
  const stack: string[] = [];
  const out: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^([│ ]*)[├└]── (.+?)(?: \(([^)]*)\))?$/.exec(line);
    if (!m) continue;
    const depth = (m[1] ?? '').length / 4;
    stack.length = depth;
    const full = (stack[depth - 1] ?? '') + (m[2] ?? '');
    stack[depth] = full;
    if ((m[3] ?? '').split(', ').includes('GET')) out.push(full);
  }
  return out;
}

/** A route pattern as a regex over a pathname (`:id` is one segment). */
const routeRegex = (route: string): RegExp =>
  new RegExp(`^${route.replace(/:[A-Za-z]+/g, '[^/]+')}$`);

let server: RunningServer;
let origin: string;
let dataDir: string;
let pages: string[];
/** Page routes some test below checked, over all variants. */
const visited = new Set<string>();
/** Violations found, as "state (path): rule (impact) at target" lines. */
const found: string[] = [];

/** Checks the page as it is now under `state`: one h1, axe serious/critical, no sideways scrolling. */
async function check(page: Page, state: string): Promise<void> {
  const pathname = new URL(page.url()).pathname;
  for (const r of pages) if (routeRegex(r).test(pathname)) visited.add(r);
  await expect(page.locator('h1')).toHaveCount(1);
  const result = await new AxeBuilder({ page }).analyze();
  const size = page.viewportSize()?.width ?? 0;
  for (const v of result.violations.filter(
    (x) => x.impact === 'serious' || x.impact === 'critical',
  )) {
    found.push(
      ...v.nodes.map(
        (n) =>
          `${state} at ${size} px (${pathname}): ${v.id} (${v.impact}) at ${n.target.join(' ')}`,
      ),
    );
  }
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  if (overflow > 0)
    found.push(`${state} at ${size} px (${pathname}): scrolls ${overflow} px sideways`);
}

test.beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'faktor-pages-axe-'));
  server = await createServer({
    host: '127.0.0.1',
    port: 0,
    dataDir,
    testMode: true,
    logLevel: 'silent',
    rpId: 'localhost',
    maxAccountCreations: 1000,
  });
  origin = server.url.replace('127.0.0.1', 'localhost');
  pages = getRoutes(server.app.printRoutes({ commonPrefix: false })).filter(
    (r) => !NOT_PAGES.some((re) => re.test(r)),
  );
});
test.afterAll(async () => {
  await server?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function totpAtServer(secret: string): Promise<string> {
  const { now } = (await (await fetch(`${origin}/test/clock`)).json()) as { now: number };
  return totpCodeAt(secret, now);
}

for (const [locale, colorScheme, width] of AXE_VARIANTS) {
  test.describe(`${locale}, ${colorScheme}, ${width} px`, () => {
    test.use({
      locale,
      colorScheme,
      viewport: { width, height: 800 },
      timezoneId: 'Europe/Berlin',
    });

    test('pages without a session and their error states', async ({ page }) => {
      test.setTimeout(600_000);
      found.length = 0;
      const open = async (url: string): Promise<void> => {
        await page.goto(`${origin}${url}`);
        await check(page, url);
      };
      // ---- without a session ----
      for (const url of [
        '/login',
        '/register',
        '/block',
        '/login/desktop-app',
        '/outbox/sms',
        '/outbox/email',
        '/eid?purpose=authenticate',
      ])
        await open(url);
      await page.goto(`${origin}/login`);
      await page.fill('#f-username', 'nobody-here');
      await page.fill('#f-password', 'not the password at all');
      await page.click('#login-form button[type=submit]');
      await expect(page.locator('.notice-error')).toBeVisible();
      await check(page, 'login failed');
      await page.goto(`${origin}/register`);
      await page.fill('#f-attr\\.givenNames', 'Erika');
      await page.fill('#f-attr\\.familyName', 'Mustermann');
      await page.fill('#f-username', 'x');
      await page.fill('#f-password', 'short');
      await page.fill('#f-blockPassword', 'short');
      await page.click('#register-form button[type=submit]');
      await expect(page.locator('.field-error')).toHaveCount(3);
      await check(page, 'register with field errors');
      await page.goto(`${origin}/block`);
      await page.fill('#f-username', 'nobody-here');
      await page.fill('#f-blockPassword', 'not the block password');
      await page.locator('#block-form').evaluate((f: HTMLFormElement) => (f.noValidate = true));
      await page.click('#block-form button[type=submit]');
      await expect(page.locator('#block-kind-error')).toBeVisible();
      await check(page, 'block without a choice');
      // Online approval login: the waiting page re-checks itself every 2 s (Refresh header); the header
      // is dropped here so the page stays still while axe reads it.
      await page.route('**/push/wait*', async (route) => {
        const response = await route.fetch();
        const headers = { ...response.headers() };
        delete headers.refresh;
        await route.fulfill({ response, headers });
      });
      await page.goto(`${origin}/login/desktop-app/push`);
      await check(page, 'online login');
      // A fresh unknown name per variant: the server holds at most 3 unanswered requests per name, so
      // the fourth variant would (rightly) get "too many attempts" instead of the waiting page.
      await page.fill(
        '#push-login-form input[name="username"]',
        `nobody-${Math.random().toString(36).slice(2, 10)}`,
      );
      await page.click('#push-login-form button[type=submit]');
      await page.waitForURL(/\/login\/desktop-app\/push\/wait/);
      // The form's 303 lands on the waiting page without passing the route above (Playwright routes
      // only the first request of a redirect chain), so it would still reload every 2 s: load it
      // again directly, through the route.
      await page.goto(page.url());
      await expect(page.getByTestId('push-number')).toBeVisible();
      await check(page, 'online login, waiting with the number');
      await page.goto(`${origin}/auth/push/wait?tx=unknown&next=%2Faccount&back=%2Fauth`);
      await check(page, 'online approval refused');
      await page.unroute('**/push/wait*');
      expect(found).toEqual([]);
    });

    test('pages of an account, its means and an online service, and their error states', async ({
      page,
    }) => {
      test.setTimeout(600_000);
      found.length = 0;
      const open = async (url: string, state = url): Promise<void> => {
        await page.goto(`${origin}${url}`);
        await check(page, state);
      };
      const user = newUser();
      await fillRegisterForm(page, origin, user);
      await page.click('#register-form button[type=submit]');
      await expect(page.getByTestId('delete-level')).toBeVisible();
      await check(page, 'registered');
      await open('/account');
      await open('/means/new');
      await page.click('#new-totp button[type=submit]');
      await page.waitForURL(/\/means\/[^/]+\/confirm$/);
      await check(page, 'TOTP set-up');
      const secret = new URL(await page.getByTestId('otpauth-uri').inputValue()).searchParams.get(
        'secret',
      ) as string;
      await page.fill('input[name="code"]', '000000');
      await page.click('#confirm-form button[type=submit]');
      await expect(page.locator('.field-error')).toBeVisible();
      await expect(page.getByTestId('totp-qr')).toBeVisible();
      await check(page, 'TOTP set-up, wrong code');
      await page.fill('input[name="code"]', await totpAtServer(secret));
      await page.click('#confirm-form button[type=submit]');
      await page.waitForURL(/\/account\?done=confirmed/);
      await check(page, 'means confirmed');
      // Times on the overview are shown in the browser's zone (Europe/Berlin), with the zone named.
      const lastUsed = page.locator('tr[data-kind="password+totp"] time[data-local-time]');
      await expect(lastUsed).toHaveAttribute('data-localized', 'true');
      expect(await lastUsed.innerText()).not.toContain('UTC');
      expect(await lastUsed.innerText()).toMatch(/MEZ|CET|GMT\+1/);

      await fetch(`${origin}/test/clock`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ advanceSeconds: 30 }),
      });
      await open('/auth?next=%2Faccount', 'step-up');
      await page.fill('section[data-means-id] input[name="code"]', '000000');
      await page.click('section[data-means-id] form button[type=submit]');
      await expect(page.locator('.field-error')).toBeVisible();
      await check(page, 'step-up, wrong code');

      await open('/verify-email');
      await page.click('#email-send-form button[type=submit]');
      await page.waitForURL(/\/verify-email\?v=/);
      await check(page, 'e-mail code sent');
      const v = new URL(page.url()).searchParams.get('v') ?? '';
      await open(`/verify-email?v=${v}&code=12345678`, 'e-mail link');

      await open('/means/desktop-app/pair', 'pairing QR');
      await page.goto(`${origin}/means/desktop-app/continue`);
      await check(page, 'pairing not yet done');
      await page.goto(`${origin}/login/desktop-app`);
      await page.fill('#f-username', user.username);
      await page.click('#desktop-login-form button[type=submit]');
      await page.waitForURL(/\/login\/desktop-app\/qr\?tx=/);
      await check(page, 'offline login QR');

      // ---- an online service's login: the consent page ----
      const clientId = `axe-${randomBytes(4).toString('hex')}`;
      const reg = await fetch(`${origin}/test/oidc/clients`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          client_id: clientId,
          client_secret: randomBytes(24).toString('hex'),
          client_name: 'Demo',
          redirect_uris: ['http://localhost:9/callback'],
        }),
      });
      expect(reg.status).toBe(201);
      const verifier = randomBytes(32).toString('base64url');
      const auth = new URL(`${origin}/oidc/auth`);
      for (const [k, val] of Object.entries({
        client_id: clientId,
        response_type: 'code',
        scope: 'openid profile email',
        redirect_uri: 'http://localhost:9/callback',
        code_challenge: createHash('sha256').update(verifier).digest('base64url'),
        code_challenge_method: 'S256',
        state: 's',
        nonce: 'n',
      })) {
        auth.searchParams.set(k, val);
      }
      await page.goto(auth.href);
      await page.waitForURL(/\/interaction\//);
      await check(page, 'consent');

      // ---- a blocked means, deletion ----
      await page.goto(`${origin}/account`);
      await page.locator('tr[data-kind="password+totp"] form[action$="/block"] button').click();
      await page.waitForURL(/done=blocked/);
      await page.locator('tr[data-kind="password+totp"] a[href$="/unblock"]').click();
      await page.waitForURL(/\/unblock$/);
      await check(page, 'unblock');
      await open('/delete');
      await page.check('#del-confirm');
      await page.locator('#delete-form').evaluate((f: HTMLFormElement) => (f.noValidate = true));
      await page.click('#delete-form button[type=submit]');
      await expect(page.locator('#delete-when-error')).toBeVisible();
      await check(page, 'delete without a choice');

      expect(found).toEqual([]);
    });
  });
}

test('every page in the route table was checked above', () => {
  expect(pages.length).toBeGreaterThan(15);
  expect(pages.filter((r) => !visited.has(r))).toEqual([]);
});
