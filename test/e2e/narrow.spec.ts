import { FaktorApp } from './support/app';
import { expect, test } from './support/fixtures';

const SEED = 'JBSWY3DPEHPK3PXP';

/** Boxes of one row's parts, measured from the DOM. */
interface RowBoxes {
  row: DOMRect;
  parts: { name: string; rect: DOMRect; fits: boolean }[];
}

for (const width of [400, 480, 1280]) {
  test(`at ${width} px every row shows issuer, account, code and all actions, none clipped`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: 800 });
    const app = new FaktorApp(page);
    await app.addUri(`otpauth://totp/Sparkasse:max.mustermann?secret=${SEED}&issuer=Sparkasse`);
    await app.addUri(`otpauth://totp/GitHub:alice?secret=${SEED}&issuer=GitHub&digits=8`);
    await app.addUri(`otpauth://hotp/Bank:bob?secret=${SEED}&issuer=Bank&counter=1`);
    await expect.poll(() => app.rowNames()).toEqual(['Sparkasse', 'GitHub', 'Bank']);
    // Issue #12: a pinned row (on top), groups after the account name, service icons in the avatars.
    await app.togglePin('GitHub');
    await app.setTags('Sparkasse', 'Bank, Family, Private savings');
    await expect.poll(() => app.rowNames()).toEqual(['GitHub', 'Sparkasse', 'Bank']);
    await expect(page.locator('li.account .avatar[data-icon] svg')).toHaveCount(2);

    const rows = await page.locator('li.account').evaluateAll((items) =>
      items.map((li): RowBoxes => {
        const part = (name: string, el: Element | null) => {
          const e = el as HTMLElement;
          // fits: the text is not cut (no ellipsis, no overflow) and the box has a size.
          return {
            name,
            rect: e.getBoundingClientRect().toJSON() as DOMRect,
            fits: e.scrollWidth <= e.clientWidth + 1 && e.clientWidth > 0,
          };
        };
        return {
          row: li.getBoundingClientRect().toJSON() as DOMRect,
          parts: [
            part('issuer', li.querySelector('.issuer')),
            part('label', li.querySelector('.label')),
            part('code', li.querySelector('.code')),
            part('avatar', li.querySelector('.avatar')),
            ...[...li.querySelectorAll('.row-actions button, .next-code')].map((b, i) =>
              part(`action ${i}`, b),
            ),
          ],
        };
      }),
    );
    expect(rows).toHaveLength(3);
    // Groups may be cut with an ellipsis (they give way first) but stay inside their row.
    const tags = await page
      .locator('li.account .tags')
      .evaluateAll((items) =>
        items.map(
          (e) =>
            [
              e.getBoundingClientRect().toJSON() as DOMRect,
              e.closest('li')!.getBoundingClientRect().toJSON() as DOMRect,
            ] as const,
        ),
      );
    expect(tags).toHaveLength(1);
    for (const [box, row] of tags) expect(box.right).toBeLessThanOrEqual(row.right);
    for (const { row, parts } of rows) {
      expect(row.right).toBeLessThanOrEqual(width);
      for (const p of parts) {
        expect(p.fits, `${p.name} is cut at ${width} px`).toBe(true);
        expect(p.rect.width, `${p.name} has no width at ${width} px`).toBeGreaterThan(0);
        expect(p.rect.left, `${p.name} starts outside its row`).toBeGreaterThanOrEqual(row.left);
        expect(p.rect.right, `${p.name} ends outside its row at ${width} px`).toBeLessThanOrEqual(
          row.right,
        );
        expect(p.rect.bottom, `${p.name} is below its row`).toBeLessThanOrEqual(row.bottom);
      }
      // No two parts overlap.
      for (let i = 0; i < parts.length; i++) {
        for (let j = i + 1; j < parts.length; j++) {
          const a = parts[i]!.rect;
          const b = parts[j]!.rect;
          const overlap =
            a.left < b.right - 1 &&
            b.left < a.right - 1 &&
            a.top < b.bottom - 1 &&
            b.top < a.bottom - 1;
          expect(overlap, `${parts[i]!.name} overlaps ${parts[j]!.name} at ${width} px`).toBe(
            false,
          );
        }
      }
    }
    await page.screenshot({ path: `test-results/narrow-${width}.png` });
  });
}
