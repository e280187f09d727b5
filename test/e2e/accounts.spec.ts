import { RFC_TIME_MS } from '../harness/harness';
import { FaktorApp } from './support/app';
import { expect, test } from './support/fixtures';
import { RFC_CODES_AT_1234567890, RFC_SEEDS, oathHotp, oathTotp, shown } from './support/oath';

const GITHUB = 'JBSWY3DPEHPK3PXP';

test('adds accounts manually and by link; codes equal the RFC 6238 / oathtool values at the pinned clock', async ({
  harness,
  page,
}) => {
  const app = new FaktorApp(page);
  await expect(page.getByText('No accounts yet')).toBeVisible();

  // Manual: RFC 6238 Appendix B, SHA1, 8 digits, T = 1234567890 → 89005924.
  const dialog = await app.addManual({
    issuer: 'RFC SHA1',
    label: 'vector',
    secret: RFC_SEEDS.SHA1,
    digits: 8,
  });
  await expect(dialog).toBeHidden();
  await expect.poll(() => app.codeOf('RFC SHA1')).toBe(RFC_CODES_AT_1234567890.SHA1);

  // By link: SHA256 and SHA512 seeds.
  await app.addUri(
    `otpauth://totp/RFC%20SHA256:vector?secret=${RFC_SEEDS.SHA256}&issuer=RFC%20SHA256&algorithm=SHA256&digits=8`,
  );
  await app.addUri(
    `otpauth://totp/RFC%20SHA512:vector?secret=${RFC_SEEDS.SHA512}&issuer=RFC%20SHA512&algorithm=SHA512&digits=8`,
  );
  await expect.poll(() => app.codeOf('RFC SHA256')).toBe(RFC_CODES_AT_1234567890.SHA256);
  await expect.poll(() => app.codeOf('RFC SHA512')).toBe(RFC_CODES_AT_1234567890.SHA512);

  // An everyday 6-digit account, checked against oathtool, and the countdown of a fresh 30 s window.
  await app.addUri(`otpauth://totp/GitHub:alice?secret=${GITHUB}&issuer=GitHub`);
  await expect.poll(() => app.codeOf('GitHub')).toBe(oathTotp(GITHUB, RFC_TIME_MS));
  await expect(app.row('GitHub').getByRole('timer')).toHaveText('30');

  // Time passes: countdown ticks locally; at the boundary the codes are refetched from main.
  await harness.advance(10_000);
  await expect(app.row('GitHub').getByRole('timer')).toHaveText('20');
  await harness.advance(20_000);
  await expect.poll(() => app.codeOf('GitHub')).toBe(oathTotp(GITHUB, RFC_TIME_MS + 30_000));
  await expect
    .poll(() => app.codeOf('RFC SHA1'))
    .toBe(oathTotp(RFC_SEEDS.SHA1, RFC_TIME_MS + 30_000, { digits: 8 }));
  await expect(app.row('GitHub').getByRole('timer')).toHaveText('30');
  await expect(page.getByText('4 accounts')).toBeVisible();
});

test('codes with different periods each change at their own boundary, with their countdowns', async ({
  harness,
  page,
}) => {
  const app = new FaktorApp(page);
  // T = 1234567890 s starts both a 30 s and a 45 s window.
  await app.addUri(`otpauth://totp/Thirty:a?secret=${GITHUB}&issuer=Thirty`);
  await app.addUri(
    `otpauth://totp/FortyFive:b?secret=${RFC_SEEDS.SHA1}&issuer=FortyFive&period=45`,
  );
  await expect.poll(() => app.codeOf('Thirty')).toBe(oathTotp(GITHUB, RFC_TIME_MS));
  await expect
    .poll(() => app.codeOf('FortyFive'))
    .toBe(oathTotp(RFC_SEEDS.SHA1, RFC_TIME_MS, { period: 45 }));

  // At +30 s only the 30 s code has a new window; the 45 s one keeps its code and counts on.
  await harness.advance(30_000);
  await expect.poll(() => app.codeOf('Thirty')).toBe(oathTotp(GITHUB, RFC_TIME_MS + 30_000));
  await expect(app.row('Thirty').getByRole('timer')).toHaveText('30');
  expect(await app.codeOf('FortyFive')).toBe(oathTotp(RFC_SEEDS.SHA1, RFC_TIME_MS, { period: 45 }));
  await expect(app.row('FortyFive').getByRole('timer')).toHaveText('15');

  // At +45 s the 45 s code changes, and its countdown starts over.
  await harness.advance(15_000);
  await expect
    .poll(() => app.codeOf('FortyFive'))
    .toBe(oathTotp(RFC_SEEDS.SHA1, RFC_TIME_MS + 45_000, { period: 45 }));
  await expect(app.row('FortyFive').getByRole('timer')).toHaveText('45');
  await expect(app.row('Thirty').getByRole('timer')).toHaveText('15');
  await expect(
    app.row('FortyFive').getByRole('button', {
      name: `Copy code ${shown(oathTotp(RFC_SEEDS.SHA1, RFC_TIME_MS + 45_000, { period: 45 }))} for FortyFive (b)`,
    }),
  ).toBeVisible();
});

test('copy puts the code on the clipboard and clears it after the configured time', async ({
  harness,
  page,
}) => {
  const app = new FaktorApp(page);
  await app.addUri(`otpauth://totp/GitHub:alice?secret=${GITHUB}&issuer=GitHub`);
  const code = oathTotp(GITHUB, RFC_TIME_MS);
  await expect.poll(() => app.codeOf('GitHub')).toBe(code);

  // Keyboard: focus the code and press Enter.
  await app
    .row('GitHub')
    .getByRole('button', { name: `Copy code ${shown(code)} for GitHub (alice)` })
    .press('Enter');
  await expect(app.status).toContainText('Code copied, cleared from the clipboard in 30 s.');
  expect(harness.clipboard.text).toBe(code);

  await harness.advance(29_000);
  expect(harness.clipboard.text).toBe(code);
  await harness.advance(1_500);
  expect(harness.clipboard.text).toBe('');

  // Something else the user copied meanwhile is left alone.
  await app
    .row('GitHub')
    .getByRole('button', { name: /^Copy code/ })
    .click();
  harness.clipboard.text = 'my own text';
  await harness.advance(31_000);
  expect(harness.clipboard.text).toBe('my own text');
});

test('search filters by issuer or account name', async ({ page }) => {
  const app = new FaktorApp(page);
  await app.addUri(`otpauth://totp/GitHub:alice?secret=${GITHUB}&issuer=GitHub`);
  await app.addUri(
    `otpauth://totp/Servicekonto%20Berlin:max.mustermann?secret=${RFC_SEEDS.SHA1}&issuer=Servicekonto%20Berlin`,
  );
  await app.addUri(
    `otpauth://totp/Mail:alice@example.com?secret=${RFC_SEEDS.SHA256}&issuer=Mail&algorithm=SHA256`,
  );
  await expect(app.list.getByRole('listitem')).toHaveCount(3);

  const search = page.getByRole('searchbox', { name: 'Search accounts' });
  await search.fill('servicekonto');
  await expect(app.list.getByRole('listitem')).toHaveCount(1);
  await expect(app.row('Servicekonto Berlin')).toBeVisible();
  await search.fill('ALICE');
  await expect(app.list.getByRole('listitem')).toHaveCount(2);
  await search.fill('nothing like this');
  await expect(page.getByText('No account matches “nothing like this”.')).toBeVisible();
  await search.press('Escape');
  await expect(app.list.getByRole('listitem')).toHaveCount(3);
});

test('edit renames an account and keeps its code', async ({ page }) => {
  const app = new FaktorApp(page);
  await app.addUri(`otpauth://totp/GitHub:alice?secret=${GITHUB}&issuer=GitHub`);
  const code = oathTotp(GITHUB, RFC_TIME_MS);
  await app.row('GitHub').getByRole('button', { name: 'Edit GitHub (alice)' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit account' });
  await dialog.getByLabel('Account name').fill('');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByText('Enter an account name.')).toBeVisible();
  await dialog.getByLabel('Service (issuer)').fill('GitHub Enterprise');
  await dialog.getByLabel('Account name').fill('alice@work');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(app.row('GitHub Enterprise')).toContainText('alice@work');
  expect(await app.codeOf('GitHub Enterprise')).toBe(code);
  // Escape closes a dialog without saving.
  await app.row('GitHub Enterprise').getByRole('button', { name: /^Edit/ }).click();
  await page
    .getByRole('dialog', { name: 'Edit account' })
    .getByLabel('Account name')
    .fill('changed');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(app.row('GitHub Enterprise')).toContainText('alice@work');
});

test('delete asks first, then removes, and Undo brings the account back', async ({ page }) => {
  const app = new FaktorApp(page);
  await app.addUri(`otpauth://totp/GitHub:alice?secret=${GITHUB}&issuer=GitHub`);
  await app.addUri(`otpauth://totp/Mail:bob?secret=${RFC_SEEDS.SHA1}&issuer=Mail`);
  await app.row('GitHub').getByRole('button', { name: 'Delete GitHub (alice)' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete GitHub (alice)?' });
  // The safe choice has the focus; keeping it changes nothing.
  await expect(confirm.getByRole('button', { name: 'Keep it' })).toBeFocused();
  await confirm.getByRole('button', { name: 'Keep it' }).click();
  await expect(app.row('GitHub')).toHaveCount(1);
  await app.row('GitHub').getByRole('button', { name: 'Delete GitHub (alice)' }).click();
  await page
    .getByRole('dialog', { name: 'Delete GitHub (alice)?' })
    .getByRole('button', { name: 'Delete', exact: true })
    .click();
  await expect(app.row('GitHub')).toHaveCount(0);
  await expect(app.status).toContainText('GitHub (alice) deleted.');
  await app.status.getByRole('button', { name: 'Undo' }).click();
  await expect(app.row('GitHub')).toHaveCount(1);
  await expect.poll(() => app.codeOf('GitHub')).toBe(oathTotp(GITHUB, RFC_TIME_MS));
  await expect(app.status).toContainText('GitHub (alice) restored.');
});

test('reorder with the keyboard persists across a reload', async ({ page }) => {
  const app = new FaktorApp(page);
  for (const name of ['Alpha', 'Bravo', 'Charlie']) {
    await app.addUri(`otpauth://totp/${name}:user?secret=${GITHUB}&issuer=${name}`);
  }
  await expect.poll(() => app.rowNames()).toEqual(['Alpha', 'Bravo', 'Charlie']);
  await expect(
    app.row('Alpha').getByRole('button', { name: 'Move Alpha (user) up' }),
  ).toBeDisabled();
  await app.row('Charlie').getByRole('button', { name: 'Move Charlie (user) up' }).focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => app.rowNames()).toEqual(['Alpha', 'Charlie', 'Bravo']);
  await page.keyboard.press('Space');
  await expect.poll(() => app.rowNames()).toEqual(['Charlie', 'Alpha', 'Bravo']);
  await page.reload();
  await expect.poll(() => app.rowNames()).toEqual(['Charlie', 'Alpha', 'Bravo']);
});

test('HOTP shows a code only on request and advances the counter', async ({ page }) => {
  const app = new FaktorApp(page);
  await app.addUri(`otpauth://hotp/Bank:alice?secret=${GITHUB}&issuer=Bank&counter=5`);
  await expect(app.row('Bank').getByRole('button', { name: /^Copy code/ })).toHaveCount(0);
  await app
    .row('Bank')
    .getByRole('button', { name: 'Generate the next code for Bank (alice)' })
    .click();
  // The code for the stored counter (5); main persists counter 6 before answering.
  await expect.poll(() => app.codeOf('Bank')).toBe(oathHotp(GITHUB, 5));
  await expect(app.row('Bank')).toContainText('Counter 6');
  await app
    .row('Bank')
    .getByRole('button', { name: /^Generate the next code/ })
    .click();
  await expect.poll(() => app.codeOf('Bank')).toBe(oathHotp(GITHUB, 6));
  await page.reload();
  await expect(app.row('Bank')).toContainText('Counter 7');
});
