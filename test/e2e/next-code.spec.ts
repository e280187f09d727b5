import { RFC_TIME_MS } from '../harness/harness';
import { expect, test } from './support/fixtures';
import { oathTotp, shown } from './support/oath';

/**
 * Issue #12's next-code preview: in the last third of a period the row shows the next window's code
 * (main's codes-next, checked against oathtool), named for screen readers, in German too, without
 * leaving its column at the narrowest window; never for HOTP. Both clocks are pinned at RFC 6238's
 * T = 1234567890 s, the first instant of a 30 s window.
 */

const SEED = 'JBSWY3DPEHPK3PXP';

for (const [locale, width, name] of [
  ['en-US', 1280, 'Next code for GitHub (alice)'],
  ['de-DE', 400, 'Nächster Code für GitHub (alice)'],
] as const) {
  test.describe(`${locale} at ${width} px`, () => {
    test.use({
      harnessOptions: {
        locale,
        beforeLoad: async (api) => {
          await api['accounts-add-uri']({
            uri: `otpauth://totp/GitHub:alice?secret=${SEED}&issuer=GitHub`,
          });
          await api['accounts-add-uri']({
            uri: `otpauth://hotp/Bank:bob?secret=${SEED}&issuer=Bank&counter=0`,
          });
        },
      },
      viewport: { width, height: 700 },
    });

    test('the next code shows in the last 10 s of the period and becomes the code at the boundary', async ({
      page,
      harness,
    }) => {
      // Rows by their markup: the list's own name is translated.
      const row = page.locator('li.account', { hasText: 'GitHub' });
      const note = row.getByRole('note');
      const next = shown(oathTotp(SEED, RFC_TIME_MS + 30_000));
      await expect(row.locator('button.code')).toHaveAttribute(
        'data-code',
        oathTotp(SEED, RFC_TIME_MS),
      );

      await harness.advance(19_000); // 11 s left: too early, main would refuse
      await expect(note).toBeHidden();
      await harness.advance(1_000); // 10 s left
      await expect(note).toBeVisible();
      await expect(note).toHaveText(`→ ${next}`);
      await expect(note).toHaveAccessibleName(`${name}: ${next}`);
      // An HOTP row never previews (its next code is the deliberate "Next code" button).
      await expect(page.locator('li.account', { hasText: 'Bank' }).getByRole('note')).toBeHidden();

      // The preview stays inside its column and its row (measured from the DOM).
      const [box, column, rowBox] = await Promise.all([
        note.boundingBox(),
        row.locator('.countdown').boundingBox(),
        row.boundingBox(),
      ]);
      const scroll = await note.evaluate((el) => ({ sw: el.scrollWidth, cw: el.clientWidth }));
      expect(scroll.sw).toBeLessThanOrEqual(scroll.cw);
      expect(box!.x).toBeGreaterThanOrEqual(column!.x - 0.5);
      expect(box!.x + box!.width).toBeLessThanOrEqual(column!.x + column!.width + 0.5);
      expect(box!.y + box!.height).toBeLessThanOrEqual(rowBox!.y + rowBox!.height);

      await harness.advance(10_000); // the boundary: the preview is the code now, and goes away
      await expect(row.locator('button.code')).toHaveAttribute('data-code', next.replace(' ', ''));
      await expect(note).toBeHidden();
    });
  });
}
