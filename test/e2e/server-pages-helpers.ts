/**
 * Helpers for the Servicekonto page specs: a real server in test mode on 127.0.0.1 port 0 (own data
 * directory), the DevTools virtual authenticator, and the page steps every spec repeats.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, type CDPSession, type Page } from '@playwright/test';
import { createServer } from '../../server/http/server';

/** A running test-mode server; `origin` uses "localhost" because WebAuthn needs a domain as RP id. */
export interface RunningServer {
  origin: string;
  /** POST /test/clock, e.g. { advanceSeconds: 1860 }. */
  clock(body: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
}

/** Starts the server the way testers do (`--test-mode`), on a free port, with a throwaway database. */
export async function startServer(): Promise<RunningServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'faktor-pages-'));
  const server = await createServer({
    host: '127.0.0.1',
    port: 0,
    dataDir,
    testMode: true,
    logLevel: 'silent',
    rpId: 'localhost',
    maxAccountCreations: 1000,
  });
  // WebAuthn needs a domain as RP id: the browser visits localhost (Chromium maps it to loopback).
  const origin = server.url.replace('127.0.0.1', 'localhost');
  return {
    origin,
    async clock(body) {
      const res = await fetch(`${origin}/test/clock`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`POST /test/clock → ${res.status} ${await res.text()}`);
    },
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Adds a CTAP2 USB security key to the page's browser through the DevTools WebAuthn domain. */
export async function addVirtualSecurityKey(
  page: Page,
): Promise<{ cdp: CDPSession; authenticatorId: string }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'usb',
      hasResidentKey: false,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, authenticatorId };
}

/** The credentials a spec uses for one account (random username so specs never collide). */
export interface TestUser {
  username: string;
  password: string;
  blockPassword: string;
}

/** A fresh user with distinct password and block password. */
export function newUser(): TestUser {
  const n = Math.random().toString(36).slice(2, 10);
  return {
    username: `erika-${n}`,
    password: `correct horse battery ${n}`,
    blockPassword: `sperr staple ${n} lost key`,
  };
}

/** Opens the create-account form and fills it for `user` (not submitted). */
export async function fillRegisterForm(page: Page, origin: string, user: TestUser): Promise<void> {
  await page.goto(`${origin}/register`);
  await page.fill('#f-attr\\.givenNames', 'Erika');
  await page.fill('#f-attr\\.familyName', 'Mustermann');
  await page.fill('#f-attr\\.email', `${user.username}@example.org`);
  await page.fill('#f-username', user.username);
  await page.fill('#f-password', user.password);
  await page.fill('#f-blockPassword', user.blockPassword);
}

/** Fills and submits the create-account form, then continues to the overview. */
export async function createAccount(page: Page, origin: string, user: TestUser): Promise<void> {
  await fillRegisterForm(page, origin, user);
  await page.click('#register-form button[type=submit]');
  await expect(page.getByTestId('delete-level')).toBeVisible();
  await page.click('a[href="/account"].button');
  await expect(page.getByTestId('max-level')).toHaveAttribute('data-level', 'niedrig');
}

/** Registers a security key with the virtual authenticator and confirms it in the same session (§4.2). */
export async function registerSecurityKey(page: Page, origin: string): Promise<void> {
  await page.goto(`${origin}/means/new`);
  await page.click('#new-security-key button[type=submit]');
  await page.click('button[data-webauthn="register"]');
  // §4.2: the new means is pending until used once in this session.
  await page.waitForURL(/\/means\/[^/]+\/confirm/);
  await page.click('button[data-webauthn="authenticate"]');
  await page.waitForURL(/\/account/);
  const row = page.locator('tr[data-kind="password+security-key"]');
  await expect(row).toHaveAttribute('data-status', 'active');
}

/** Logs out through the navigation's logout form. */
export async function logout(page: Page): Promise<void> {
  await page.click('#logout-form button[type=submit]');
  await page.waitForURL(/\/login/);
}

/** Password first; lands on the step-up page when other means exist, else on the overview. */
export async function loginWithPassword(page: Page, origin: string, user: TestUser): Promise<void> {
  await page.goto(`${origin}/login`);
  await page.fill('#f-username', user.username);
  await page.fill('#f-password', user.password);
  await page.click('#login-form button[type=submit]');
}

/** The public block-password form (§4.4, no login): blocks every means of `kind` of the user's account. */
export async function blockWithPassword(
  page: Page,
  origin: string,
  user: TestUser,
  kind: string,
): Promise<void> {
  await page.goto(`${origin}/block`);
  await page.fill('#f-username', user.username);
  await page.fill('#f-blockPassword', user.blockPassword);
  await page.check(`input[name="kind"][value="${kind}"]`);
  await page.click('#block-form button[type=submit]');
}
