import { describe, expect, it } from 'vitest';
import {
  DESTRUCTIVE_CONSENT,
  requireConsent,
} from '../../../../electron/main/security/destructive-consent';
import { ScriptedDialogs } from '../../../support/doubles';

describe('native consent before block / remove / reset', () => {
  it('words every question in German and English, with the action on button 0 and Cancel on button 1', () => {
    for (const [action, texts] of Object.entries(DESTRUCTIVE_CONSENT)) {
      expect(texts.de.buttons[1], action).toBe('Abbrechen');
      expect(texts.en.buttons[1], action).toBe('Cancel');
      for (const t of [texts.de, texts.en])
        expect(
          [t.title, t.message, t.detail, t.buttons[0]].every((s) => s.trim().length > 0),
          action,
        ).toBe(true);
    }
  });

  it('refuses as cancelled on a "no" and when the platform has no such dialog; passes on a "yes"', async () => {
    const dialogs = new ScriptedDialogs();
    dialogs.nextDestructiveConsent(false);
    await expect(requireConsent(dialogs, 'block-means', 'en')).rejects.toMatchObject({
      code: 'cancelled',
    });
    await expect(requireConsent(undefined, 'reset-key', 'de')).rejects.toMatchObject({
      code: 'cancelled',
    });
    await expect(requireConsent({}, 'remove-device', 'de')).rejects.toMatchObject({
      code: 'cancelled',
    });
    await requireConsent(dialogs, 'remove-device', 'de');
    expect(dialogs.destructiveAsked).toEqual([
      { action: 'block-means', language: 'en' },
      { action: 'remove-device', language: 'de' },
    ]);
  });
});
