/**
 * Online approval with number matching end to end (issue #9): Debian Chromium on the server's pages,
 * and on the other side the tester CLI (`faktor pair`, `faktor listen --approve-number-from-stdin`) —
 * the app's own main-process services, vault and keychain (the throwaway keyring of
 * scripts/with-test-keyring.sh) in their own process, talking to the server over HTTP and SSE. The
 * "user" reads the number in the browser and types it into the CLI. Covered: pairing confirmed by an
 * online approval (§4.2), a wrong number (refused, plainly), a login approved with the right number,
 * and an expired request (refused the same way).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';
import { cliSandbox } from '../electron/cli/run-cli';
import {
  createAccount,
  logout,
  newUser,
  startServer,
  type RunningServer,
} from './server-pages-helpers';

const REFUSED = 'The request was not confirmed (declined or expired).';

let server: RunningServer;
const box = cliSandbox();
const pin = box.file('pin', '468135\n');

test.beforeAll(async () => {
  server = await startServer();
});
test.afterAll(async () => {
  await server?.close();
  await box.cleanup();
});

type Request = { tx: string; purpose: string; numbers: number[] };

/** `faktor listen` with stdin kept open: the requests it prints, and a way to type an answer line. */
function listen(): {
  next(): Promise<Request>;
  type(line: string): void;
  answered(): Promise<Record<string, unknown>>;
  stop(): void;
} {
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'electron/cli/faktor.ts',
      'listen',
      '--pin-file',
      pin,
      '--approve-number-from-stdin',
      '--json',
      '--data-dir',
      box.dataDir,
      '--keychain-service',
      box.service,
    ],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const lines: Record<string, unknown>[] = [];
  const waiters: (() => void)[] = [];
  let buf = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout.on('data', (d: Buffer) => {
    buf += d.toString();
    let i: number;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      if (line.startsWith('{')) lines.push(JSON.parse(line) as Record<string, unknown>);
      waiters.splice(0).forEach((w) => w());
    }
  });
  const take = async (key: string): Promise<Record<string, unknown>> => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const at = lines.findIndex((l) => key in l);
      if (at >= 0) return lines.splice(at, 1)[0]![key] as Record<string, unknown>;
      if (Date.now() > deadline || child.exitCode !== null)
        throw new Error(`no "${key}" from faktor listen: ${stderr}`);
      await new Promise<void>((r) => {
        waiters.push(r);
        setTimeout(r, 500);
      });
    }
  };
  return {
    next: async () => (await take('request')) as unknown as Request,
    type: (line) => child.stdin.write(`${line}\n`),
    answered: () => take('answered'),
    stop: () => child.kill(),
  };
}

/** From the login page: "send a request to the desktop app", the username, then the number the page shows. */
async function requestLogin(page: Page, username: string): Promise<number> {
  await page.goto(`${server.origin}/login`);
  await page.getByTestId('push-login-link').click();
  await page.fill('#f-username', username);
  await page.click('#push-login-form button[type=submit]');
  await page.waitForURL(/\/login\/desktop-app\/push\/wait$/);
  return Number(await page.getByTestId('push-number').innerText());
}

test('log in through the browser page with an online approval answered by the app services (CLI): confirm, wrong number, approve, expiry', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const user = newUser();
  await createAccount(page, server.origin, user);

  // Pair: the pairing QR's text goes to `faktor pair` (the app's pairing service and vault).
  await page.goto(`${server.origin}/means/new`);
  await page.click('#new-desktop-app button[type=submit]');
  const pairing = await page.getByTestId('pairing-qr-payload').inputValue();
  const paired = await box.run([
    'pair',
    pairing,
    '--pin-file',
    pin,
    '--json',
    '--device-name',
    'E2E-Laptop',
  ]);
  expect(paired.code, paired.stderr).toBe(0);
  const app = listen();
  try {
    // §4.2 by online approval: the confirmation page sends a request to the new app; the right number confirms it.
    await page.getByTestId('pairing-continue').click();
    await page.waitForURL(/\/means\/[^/]+\/confirm$/);
    await page.getByTestId('push-send').click();
    const confirmNumber = Number(await page.getByTestId('push-number').innerText());
    const confirm = await app.next();
    expect(confirm.purpose).toBe('confirm-pairing');
    expect(confirm.numbers).toContain(confirmNumber);
    app.type(String(confirmNumber));
    expect(await app.answered()).toMatchObject({
      decision: 'approve',
      result: { state: 'approved' },
    });
    await page.waitForURL(/\/account\?done=confirmed$/, { timeout: 20_000 });
    await expect(page.locator('tr[data-kind="desktop-app"]')).toHaveAttribute(
      'data-status',
      'active',
    );
    await logout(page);

    // A wrong number: the app sends it, the server refuses, the page says plainly that it was not confirmed.
    const shown = await requestLogin(page, user.username);
    const wrongRequest = await app.next();
    expect(wrongRequest.purpose).toBe('login');
    app.type(String(wrongRequest.numbers.find((x) => x !== shown)));
    expect(await app.answered()).toMatchObject({ decision: 'approve', error: expect.anything() });
    await expect(page.getByRole('alert')).toHaveText(REFUSED, { timeout: 20_000 });
    await expect(page.getByTestId('push-number')).toHaveCount(0);

    // The right number logs the browser in (the page notices by itself, no click).
    const right = await requestLogin(page, user.username);
    expect((await app.next()).numbers).toContain(right);
    app.type(String(right));
    expect(await app.answered()).toMatchObject({ result: { state: 'approved' } });
    await page.waitForURL(/\/account$/, { timeout: 20_000 });
    await expect(page.getByTestId('max-level')).toHaveAttribute('data-level', 'substanziell');
    await logout(page);

    // Nobody answers: after 2 minutes (server test clock) the request has expired; same plain refusal.
    await requestLogin(page, user.username);
    await app.next();
    await server.clock({ advanceSeconds: 121 });
    await expect(page.getByRole('alert')).toHaveText(REFUSED, { timeout: 20_000 });
    await page.goto(`${server.origin}/account`);
    await page.waitForURL(/\/login/);
  } finally {
    app.stop();
  }
});
