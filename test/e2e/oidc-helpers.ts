/**
 * What the OpenID Connect e2e specs share: the reference server in test mode with the demo
 * Online-Leistung (`scripts/demo-service.ts`, a real openid-client relying party in its own process)
 * registered as a client, the password login a service starts, and the check of the ID token the
 * service shows after a login at substanziell.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { expect, type Page } from '@playwright/test';
import { freePort } from '../support/free-port';
import { startServer, type RunningServer, type TestUser } from './server-pages-helpers';

/** The Servicekonto and the demo service beside it. */
export interface OidcDemo {
  /** The Servicekonto (its origin uses "localhost", as the browser sees it). */
  server: RunningServer;
  /** The demo service's origin, e.g. http://localhost:41234. */
  demoUrl: string;
  /** Stops the demo service and the server. */
  close(): Promise<void>;
}

/** The eIDAS LoA the demo service asks for with its "substanziell" button, and gets back as `acr`. */
export const SUBSTANTIAL_ACR = 'http://eidas.europa.eu/LoA/substantial';

/** Starts the server, registers the demo service through the test-mode route and starts it; resolves once it listens. */
export async function startOidcDemo(): Promise<OidcDemo> {
  const server = await startServer();
  const demoPort = await freePort();
  const demoUrl = `http://localhost:${demoPort}`;
  const client = {
    client_id: 'demo-online-leistung',
    client_secret: 'demo-secret-change-me-0123456789abcdef',
    client_name: 'Demo-Online-Leistung',
    redirect_uris: [`${demoUrl}/callback`],
    post_logout_redirect_uris: [`${demoUrl}/`],
  };
  const reg = await fetch(`${server.origin}/test/oidc/clients`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(client),
  });
  expect(reg.status).toBe(201);
  const demo: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'scripts/demo-service.ts',
      '--issuer',
      `${server.origin}/oidc`,
      '--port',
      String(demoPort),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const close = async (): Promise<void> => {
    demo.kill();
    await server.close();
  };
  try {
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
  } catch (e) {
    await close();
    throw e;
  }
  return { server, demoUrl, close };
}

/** §5.1: the test eID verifies the minimum data set at the session's level (the session must be substanziell for the claims to be). */
export async function verifyWithTestEid(page: Page, origin: string): Promise<void> {
  await page.goto(`${origin}/eid?purpose=verify`);
  await page.click('li[data-identity="erika"] button[type=submit]');
  await page.waitForURL(/\/account\?done=eid/);
}

/** At the demo service: "Anmelden (substanziell)", then the password on the Servicekonto's login page; ends on the step-up page. */
export async function passwordLoginFromDemo(
  page: Page,
  demoUrl: string,
  user: TestUser,
): Promise<void> {
  await page.goto(`${demoUrl}/`);
  await page.click('a[href="/login?level=substanziell"]');
  await page.waitForURL(/\/login\?next=/);
  await page.fill('#f-username', user.username);
  await page.fill('#f-password', user.password);
  await page.click('#login-form button[type=submit]');
  await page.waitForURL(/\/auth\?next=/);
  // The OIDC layer sent the niedrig session to the existing step-up page.
  await expect(page.getByTestId('session-level')).toHaveAttribute('data-level', 'niedrig');
}

/** The consent page (first login at this service): every attribute pre-ticked; allow. */
export async function allowConsent(page: Page): Promise<void> {
  await expect(page.getByTestId('consent-released')).toBeVisible();
  await expect(page.getByTestId('consent-familyName')).toBeChecked();
  await page.getByTestId('consent-allow').click();
}

/**
 * Back at the demo service: `acr` is the substanziell eIDAS URN, the test eID's data left as
 * `verified_claims` at substanziell, and the self-entered e-mail (waiting for re-confirmation after the
 * eID) is withheld and listed.
 */
export async function expectSubstantialLogin(
  page: Page,
  demoUrl: string,
): Promise<Record<string, unknown>> {
  await page.waitForURL(`${demoUrl}/`);
  await expect(page.locator('#acr')).toHaveText(SUBSTANTIAL_ACR);
  const claims = JSON.parse(await page.locator('#claims').innerText()) as Record<string, unknown>;
  expect(claims.acr).toBe(SUBSTANTIAL_ACR);
  expect(claims.verified_claims).toEqual([
    {
      verification: { trust_framework: 'de_bsi_tr_03160_1', assurance_level: 'substanziell' },
      claims: {
        family_name: 'MUSTERMANN',
        given_name: 'ERIKA MARIA',
        birth_family_name: 'GABLER',
        birthdate: '1964-08-12',
        place_of_birth: { locality: 'BERLIN' },
      },
    },
  ]);
  expect(claims.withheld_claims).toEqual(
    expect.arrayContaining([expect.objectContaining({ claim: 'email' })]),
  );
  return claims;
}

/** RP-initiated logout from the demo service: confirm on the Servicekonto's page, back at the service, the Servicekonto session is gone. */
export async function logoutFromDemo(page: Page, demoUrl: string, origin: string): Promise<void> {
  await page.goto(`${demoUrl}/`);
  await page.click('a[href="/logout"]');
  await page.getByTestId('logout-yes').click();
  await page.waitForURL(`${demoUrl}/`);
  await page.goto(`${origin}/account`);
  await page.waitForURL(/\/login/);
}
