import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { WarningTick } from '../../../renderer/src/components/WarningTick';

/** The real component rendered to markup by react-dom/server (no DOM needed for what is checked). */
const html = (checked: boolean, autoFocus?: boolean) =>
  renderToStaticMarkup(
    <WarningTick
      warning="This erases everything."
      label="I understand"
      checked={checked}
      onChange={() => undefined}
      autoFocus={autoFocus}
    />,
  );

describe('WarningTick', () => {
  it('ties the tick to its warning, so a screen reader reads the warning with the box', () => {
    const markup = html(false);
    const warningId = /<p class="warning" id="([^"]+)">This erases everything\.<\/p>/.exec(
      markup,
    )?.[1];
    expect(warningId).toBeTruthy();
    expect(markup).toContain(`aria-describedby="${warningId}"`);
    expect(markup).toMatch(
      /<label class="checkbox"><input type="checkbox"[^>]*\/>I understand<\/label>/,
    );
  });

  it('shows the box unticked until the user ticks it', () => {
    expect(html(false)).not.toContain('checked=""');
    expect(html(true)).toContain('checked=""');
  });

  it('gives two ticks on one screen different warning ids', () => {
    const both = renderToStaticMarkup(
      <>
        <WarningTick warning="A" label="a" checked={false} onChange={() => undefined} />
        <WarningTick warning="B" label="b" checked={false} onChange={() => undefined} />
      </>,
    );
    const ids = [...both.matchAll(/aria-describedby="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(2);
  });
});
