import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import '../../support/fast-check-seed';
import { checkAccelerator, isShortcutSetting } from '../../../shared/desktop/accelerator';

describe('checkAccelerator', () => {
  it('accepts Electron accelerators with a real modifier and spells them canonically', () => {
    const cases: Array<[string, string]> = [
      ['CommandOrControl+Shift+K', 'CommandOrControl+Shift+K'],
      ['cmdorctrl+alt+s', 'CommandOrControl+Alt+S'],
      ['Ctrl+F12', 'Control+F12'],
      ['Super+Space', 'Super+Space'],
      ['Option+Plus', 'Alt+Plus'],
      ['Meta+num5', 'Super+num5'],
      ['Alt+/', 'Alt+/'],
      [' Ctrl + Shift + 1 ', 'Control+Shift+1'],
    ];
    for (const [text, canonical] of cases)
      expect([text, checkAccelerator(text)]).toEqual([text, { ok: true, accelerator: canonical }]);
  });

  it('refuses what would misfire or cannot register, with the reason', () => {
    const cases: Array<[string, string]> = [
      ['', 'no-key'],
      ['Ctrl+', 'no-key'],
      ['Ctrl+Shift', 'no-key'],
      ['K', 'needs-modifier'],
      ['Shift+K', 'needs-modifier'],
      ['Ctrl+K+L', 'two-keys'],
      ['Ctrl+Ctrl+K', 'duplicate-modifier'],
      ['Cmd+Command+K', 'duplicate-modifier'],
      ['Ctrl+Hyper+K', 'unknown-part'],
      ['Ctrl+F25', 'unknown-part'],
      ['Ctrl+ä', 'unknown-part'],
      [`Ctrl+${'A'.repeat(80)}`, 'too-long'],
    ];
    for (const [text, problem] of cases)
      expect([text, checkAccelerator(text)]).toEqual([text, { ok: false, problem }]);
  });

  it('never throws, and whatever it accepts is stable under a second check (a stored setting stays valid)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 80 }),
          fc
            .array(
              fc.constantFrom('Ctrl', 'shift', 'Alt', 'K', 'F5', 'Plus', '+', '', 'x', 'Cmd'),
              { maxLength: 6 },
            )
            .map((a) => a.join('+')),
        ),
        (text) => {
          const c = checkAccelerator(text);
          if (c.ok) {
            expect(checkAccelerator(c.accelerator)).toEqual(c);
            expect(isShortcutSetting(c.accelerator)).toBe(true);
          }
        },
      ),
    );
    expect(isShortcutSetting('')).toBe(true);
    expect(isShortcutSetting('ctrl+k')).toBe(false);
  });
});
