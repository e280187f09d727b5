/**
 * More Servicekonto pages in Debian Chromium (test mode, 127.0.0.1 port 0): SMS step-up with the code
 * read from the SMS outbox page, the test eID (attributes at hoch, re-confirmation of the others),
 * unblocking a blocked TOTP means with its own code, and deleting the account, after which the login
 * fails with the generic message.
 */
import { expect, test, type Page } from '@playwright/test';
import { totpCodeAt } from '../../server/means/totp';
import {
  createAccount,
  loginWithPassword,
  logout,
  newUser,
  startServer,
  type RunningServer,
} from './server-pages-helpers';

let server: RunningServer;
test.beforeAll(async () => {
  server = await startServer();
});
test.afterAll(async () => {
  await server.close();
});

/** The newest 8-digit code the SMS outbox page shows for `phone` (the tester's phone). */
async function smsCodeFromOutbox(page: Page, phone: string): Promise<string> {
  const outbox = await page.context().newPage();
  await outbox.goto(`${server.origin}/outbox/sms`);
  // The server stores the number in its compact E.164 form (+49151…), whatever spacing was typed.
  const text = await outbox
    .locator('[data-testid="outbox"] tbody tr', { hasText: phone.replace(/ /g, '') })
    .first()
    .locator('.message-body')
    .innerText();
  await outbox.close();
  const code = /: (\d{8})/.exec(text)?.[1];
  if (!code) throw new Error(`no code in ${text}`);
  return code;
}

/** TOTP code at the server's (test) clock. */
async function totpAtServer(secret: string): Promise<string> {
  const { now } = (await (await fetch(`${server.origin}/test/clock`)).json()) as { now: number };
  return totpCodeAt(secret, now);
}

/** Registers a test eID from the overview: §4.2 registration + §5.1 takeover of the minimum data set. One eID binds to one account. */
async function registerEid(page: Page, identity: 'erika' | 'max'): Promise<void> {
  await page.goto(`${server.origin}/means/new`);
  await page.click('section[data-kind="eid"] button[type=submit]');
  await page.waitForURL(/\/eid\?purpose=register/);
  await page.click(`li[data-identity="${identity}"] button[type=submit]`);
  await page.waitForURL(/\/account\?done=confirmed/);
}

test('SMS: register with the code from the outbox, then step up after login with a new SMS code → substanziell', async ({
  page,
}) => {
  const user = newUser();
  const phone = `+49 151 ${Math.floor(1_000_000 + Math.random() * 8_000_000)}`;
  await createAccount(page, server.origin, user);
  await page.goto(`${server.origin}/means/new`);
  await page.fill('#new-sms #f-phone', phone);
  await page.click('#new-sms button[type=submit]');
  await page.waitForURL(/\/means\/[^/]+\/confirm/);
  await page.fill('input[name="code"]', await smsCodeFromOutbox(page, phone));
  await page.click('section[data-means-id] form button[type=submit]');
  await page.waitForURL(/\/account\?done=confirmed/);
  await expect(page.locator('tr[data-kind="password+sms"]')).toHaveAttribute(
    'data-status',
    'active',
  );
  await expect(page.getByTestId('max-level')).toHaveAttribute('data-level', 'substanziell');
  await logout(page);

  await loginWithPassword(page, server.origin, user);
  await page.waitForURL(/\/auth\?next=/);
  await expect(page.getByTestId('session-level')).toHaveAttribute('data-level', 'niedrig');
  await page.click('section[data-means-id] button[type=submit]'); // "send SMS code"
  await expect(page.locator('section[data-means-id] input[name="code"]')).toBeVisible();
  await page.fill('input[name="code"]', await smsCodeFromOutbox(page, phone));
  await page.click('section[data-means-id] form button[type=submit]');
  await page.waitForURL(/\/account$/);
  await expect(page.getByTestId('session-level')).toHaveAttribute('data-level', 'substanziell');
});

test('test eID: the minimum data set is shown at hoch; the other attributes ask for re-confirmation', async ({
  page,
}) => {
  const user = newUser();
  await createAccount(page, server.origin, user);
  await registerEid(page, 'erika');
  await expect(page.getByTestId('max-level')).toHaveAttribute('data-level', 'hoch');
  await expect(page.getByTestId('session-level')).toHaveAttribute('data-level', 'hoch');
  for (const [name, value] of [
    ['familyName', 'MUSTERMANN'],
    ['givenNames', 'ERIKA'],
  ] as const) {
    const row = page.locator(`tr[data-attribute="${name}"]`);
    await expect(row.locator('[data-level]')).toHaveAttribute('data-level', 'hoch');
    await expect(row).toContainText(value);
  }
  // The e-mail address (not in the eID) must be re-confirmed by the user (§5.1).
  const email = page.locator('tr[data-attribute="email"]');
  await expect(email).toHaveAttribute('data-needs-confirmation', 'true');
  await expect(page.locator('p.notice-info', { hasText: /eID/ })).toBeVisible();
  await expect(page.locator('tr[data-attribute="familyName"]')).not.toHaveAttribute(
    'data-needs-confirmation',
    'true',
  );
  await email.locator('input[value="confirm"] + button').click();
  await page.waitForURL(/\/account\?done=reconfirmed/);
  await expect(page.locator('tr[data-attribute="email"]')).not.toHaveAttribute(
    'data-needs-confirmation',
    'true',
  );
  await expect(page.locator('tr[data-attribute="email"] [data-level]')).toHaveAttribute(
    'data-level',
    'basisregistrierung',
  );
});

test('unblock: a blocked TOTP means is unblocked with its own code from a session at ≥ its level', async ({
  page,
}) => {
  const user = newUser();
  await createAccount(page, server.origin, user);
  await registerEid(page, 'max'); // session hoch, so it stays above the TOTP's level once the TOTP is blocked
  await page.goto(`${server.origin}/means/new`);
  await page.click('#new-totp button[type=submit]');
  const uri = await page.getByTestId('otpauth-uri').inputValue();
  const secret = new URL(uri).searchParams.get('secret') as string;
  await page.fill('input[name="code"]', await totpAtServer(secret));
  await page.click('#confirm-form button[type=submit]');
  await page.waitForURL(/\/account\?done=confirmed/);
  const row = page.locator('tr[data-kind="password+totp"]');
  await expect(row).toHaveAttribute('data-status', 'active');

  await row.locator(`form[action$="/block"] button`).click();
  await page.waitForURL(/\/account\?done=blocked/);
  await expect(row).toHaveAttribute('data-status', 'blocked');
  await row.locator('a[href$="/unblock"]').click();
  await page.waitForURL(/\/means\/[^/]+\/unblock/);
  // A wrong code (it counts toward the 3 strikes) stays on the unblock page with the field marked.
  await page.fill('input[name="code"]', '000000');
  await page.click('section[data-means-id] form button[type=submit]');
  await expect(page.locator('.field-error')).toBeVisible();
  await expect(page.locator('input[name="code"]')).toHaveAttribute('aria-invalid', 'true');
  await expect(page).toHaveURL(/\/means\/[^/]+\/unblock$/);
  await server.clock({ advanceSeconds: 30 }); // the confirmation used this TOTP step already
  await page.fill('input[name="code"]', await totpAtServer(secret));
  await page.click('section[data-means-id] form button[type=submit]');
  await page.waitForURL(/\/account\?done=unblocked/);
  await expect(row).toHaveAttribute('data-status', 'active');
});

test('delete now: the account is gone and the same login fails with the generic message', async ({
  page,
}) => {
  const user = newUser();
  await createAccount(page, server.origin, user);
  await page.goto(`${server.origin}/delete`);
  await expect(page.getByTestId('delete-level')).toHaveAttribute('data-level', 'niedrig');
  await page.check('input[name="when"][value="now"]');
  await page.check('#del-confirm');
  await page.click('#delete-form button[type=submit]');
  await expect(page.locator('.notice-ok')).toBeVisible();

  await loginWithPassword(page, server.origin, user);
  await expect(page.locator('.notice-error')).toBeVisible();
  const afterDelete = await page.locator('.notice-error').innerText();
  // Exactly the message of a wrong password for an existing account.
  const other = newUser();
  await createAccount(page, server.origin, other);
  await logout(page);
  await loginWithPassword(page, server.origin, { ...other, password: `${other.password} wrong` });
  await expect(page.locator('.notice-error')).toHaveText(afterDelete);
  await page.goto(`${server.origin}/account`);
  await page.waitForURL(/\/login/);
});
