import { describe, expect, it } from 'vitest';
import {
  onWindowClose,
  onWindowMinimize,
  START_HIDDEN_ARG,
  startsHidden,
} from '../../../../../electron/main/services/desktop/window-behaviour';

describe('window behaviour', () => {
  it('close hides to the tray only with the setting, a tray, and no quit under way', () => {
    expect(onWindowClose({ closeToTray: true }, false, true)).toBe('hide');
    expect(onWindowClose({ closeToTray: true }, true, true)).toBe('close');
    expect(onWindowClose({ closeToTray: true }, false, false)).toBe('close');
    expect(onWindowClose({ closeToTray: false }, false, true)).toBe('close');
  });

  it('minimise hides only with the setting and a tray', () => {
    expect(onWindowMinimize({ minimizeToTray: true }, true)).toBe('hide');
    expect(onWindowMinimize({ minimizeToTray: true }, false)).toBe('minimize');
    expect(onWindowMinimize({ minimizeToTray: false }, true)).toBe('minimize');
  });

  it('starts hidden when the login item launched it, never without a tray to come back from', () => {
    expect(startsHidden(['/opt/Faktor/faktor', START_HIDDEN_ARG], false, true)).toBe(true);
    expect(startsHidden(['/opt/Faktor/faktor'], true, true)).toBe(true);
    expect(startsHidden(['/opt/Faktor/faktor'], false, true)).toBe(false);
    expect(startsHidden([START_HIDDEN_ARG], true, false)).toBe(false);
  });
});
