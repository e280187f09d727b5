/**
 * OpenID Connect end to end in Debian Chromium: the demo Online-Leistung (`npm run demo-service`, a
 * real openid-client relying party in its own process) sends the user to the Servicekonto, which logs
 * them in with the password on its own pages, steps the session up to substanziell with TOTP, asks for
 * consent per attribute and returns to the service; the service shows the ID token's acr and claims.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { createServer, type RunningServer } from '../../server/http/server';
import { totpCodeAt } from '../../server/means/totp';
import { createAccount, logout, newUser } from './server-pages-helpers';
import { freePort } from '../support/free-port';

let server: RunningServer;
let origin: string;
let dataDir: string;
let demo: ChildProcess;
let demoUrl: string;

test.beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'faktor-oidc-e2e-'));
  server = await createServer({ host: '127.0.0.1', port: 0, dataDir, testMode: true, logLevel: 'silent', rpId: 'localhost' });
  origin = server.url.replace('127.0.0.1', 'localhost');
  const demoPort = await freePort();
  demoUrl = `http://localhost:${demoPort}`;
  const client = {
    client_id: 'demo-online-leistung',
    client_secret: 'demo-secret-change-me-0123456789abcdef',
    client_name: 'Demo-Online-Leistung',
    redirect_uris: [`${demoUrl}/callback`],
    post_logout_redirect_uris: [`${demoUrl}/`],
  };
  const reg = await fetch(`${origin}/test/oidc/clients`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(client) });
  expect(reg.status).toBe(201);
  demo = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo-service.ts', '--issuer', `${origin}/oidc`, '--port', String(demoPort)], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('demo-service did not start')), 30_000);
    demo.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Demo-Online-Leistung: open')) {
        clearTimeout(timer);
        resolve();
      }
    });
    demo.once('exit', (code) => reject(new Error(`demo-service exited with ${code}`)));
  });
});

test.afterAll(async () => {
  demo?.kill();
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function totpAtServer(secret: string): Promise<string> {
  const { now } = (await (await fetch(`${origin}/test/clock`)).json()) as { now: number };
  return totpCodeAt(secret, now);
}

/** Registers TOTP on the pages (session → substanziell) and returns its secret. */
async function registerTotp(page: Page): Promise<string> {
  await page.goto(`${origin}/means/new`);
  await page.click('#new-totp button[type=submit]');
  const secret = new URL(await page.getByTestId('otpauth-uri').inputValue()).searchParams.get('secret') as string;
  await page.fill('input[name="code"]', await totpAtServer(secret));
  await page.click('#confirm-form button[type=submit]');
  await page.waitForURL(/\/account\?done=confirmed/);
  return secret;
}

test('a service asks for substanziell: password, TOTP step-up, consent; the ID token carries acr and verified claims', async ({ page }) => {
  const user = newUser();
  await createAccount(page, origin, user);
  const secret = await registerTotp(page);
  // §5.1: the test eID verifies the minimum data set, at the session's level (substanziell).
  await page.goto(`${origin}/eid?purpose=verify`);
  await page.click('li[data-identity="erika"] button[type=submit]');
  await page.waitForURL(/\/account\?done=eid/);
  await logout(page);
  // The TOTP confirmation used the current time step; codes are single use.
  await fetch(`${origin}/test/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceSeconds: 30 }) });

  await page.goto(`${demoUrl}/`);
  await page.click('a[href="/login?level=substanziell"]');
  await page.waitForURL(/\/login\?next=/);
  await page.fill('#f-username', user.username);
  await page.fill('#f-password', user.password);
  await page.click('#login-form button[type=submit]');
  await page.waitForURL(/\/auth\?next=/);
  await expect(page.getByTestId('session-level')).toHaveAttribute('data-level', 'niedrig');
  await page.fill('section[data-means-id] input[name="code"]', await totpAtServer(secret));
  await page.click('section[data-means-id] form button[type=submit]');

  await expect(page.getByTestId('consent-released')).toBeVisible();
  await expect(page.getByTestId('consent-familyName')).toBeChecked();
  await page.getByTestId('consent-allow').click();

  await page.waitForURL(`${demoUrl}/`);
  await expect(page.locator('#acr')).toHaveText('http://eidas.europa.eu/LoA/substantial');
  const claims = JSON.parse(await page.locator('#claims').innerText()) as Record<string, unknown>;
  expect(claims.verified_claims).toEqual([
    {
      verification: { trust_framework: 'de_bsi_tr_03160_1', assurance_level: 'substanziell' },
      claims: { family_name: 'MUSTERMANN', given_name: 'ERIKA MARIA', birth_family_name: 'GABLER', birthdate: '1964-08-12', place_of_birth: { locality: 'BERLIN' } },
    },
  ]);
  // The self-entered e-mail is Basisregistrierung and waits for re-confirmation after the eID: withheld, and said so.
  expect(claims.withheld_claims).toEqual(expect.arrayContaining([expect.objectContaining({ claim: 'email' })]));

  // The overview lists the service with the attributes the user agreed to give it.
  await page.goto(`${origin}/account`);
  await expect(page.locator('[data-client-id="demo-online-leistung"] [data-consent="familyName"]')).toBeVisible();

  // RP-initiated logout from the service ends the Servicekonto session.
  await page.goto(`${demoUrl}/`);
  await page.click('a[href="/logout"]');
  await page.getByTestId('logout-yes').click();
  await page.waitForURL(`${demoUrl}/`);
  await page.goto(`${origin}/account`);
  await page.waitForURL(/\/login/);
});
