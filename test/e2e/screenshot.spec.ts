import { FaktorApp } from './support/app';
import { expect, test } from './support/fixtures';
import { RFC_SEEDS } from './support/oath';

test.use({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });

test('README screenshot: several accounts, light theme, 1280×800 → docs/screenshot.png', async ({
  harness,
  page,
}) => {
  const accounts = [
    `otpauth://totp/Servicekonto%20Berlin:max.mustermann@example.de?secret=${RFC_SEEDS.SHA1}&issuer=Servicekonto%20Berlin`,
    `otpauth://totp/ELSTER:erika.musterfrau?secret=JBSWY3DPEHPK3PXP&issuer=ELSTER`,
    `otpauth://totp/GitHub:erika?secret=${RFC_SEEDS.SHA256}&issuer=GitHub&algorithm=SHA256`,
    `otpauth://totp/Nextcloud:erika@cloud.example.org?secret=GEZDGNBVGY3TQOJQ&issuer=Nextcloud`,
    `otpauth://totp/Mailbox.org:erika@mailbox.org?secret=${RFC_SEEDS.SHA512}&issuer=Mailbox.org&algorithm=SHA512&digits=8`,
    `otpauth://hotp/Hausbank:erika?secret=KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TFOQ&issuer=Hausbank&counter=0`,
  ];
  const app = new FaktorApp(page);
  for (const uri of accounts) await app.addUri(uri);
  await expect(app.list.getByRole('listitem')).toHaveCount(accounts.length);
  await app
    .row('Hausbank')
    .getByRole('button', { name: /^Generate the next code/ })
    .click();
  await expect(app.row('Hausbank').getByRole('button', { name: /^Copy code/ })).toBeVisible();
  await harness.advance(11_000);
  // Let the "added" messages go, so the screenshot shows the list itself.
  await page.evaluate(() =>
    document.querySelectorAll<HTMLButtonElement>('.toast button.icon').forEach((b) => b.click()),
  );
  await expect(page.locator('.toast')).toHaveCount(0);
  await page.mouse.move(0, 0);
  await page.screenshot({ path: 'docs/screenshot.png' });
});
