import { describe, expect, it } from 'vitest';
import {
  findInsecurePreferences,
  secureWebPreferences,
} from '../../../../electron/main/security/window-options';

describe('secureWebPreferences', () => {
  const prefs = secureWebPreferences('/app/out/preload/index.cjs', false);
  it('sets every checklist preference explicitly', () => {
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: false,
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(findInsecurePreferences(prefs)).toEqual([]);
  });
  it('passes devTools through (on only in development)', () => {
    expect(secureWebPreferences('/p', true).devTools).toBe(true);
  });
});

describe('findInsecurePreferences', () => {
  const good = secureWebPreferences('/p', false);
  it.each([
    ['contextIsolation', false],
    ['sandbox', false],
    ['nodeIntegration', true],
    ['nodeIntegrationInWorker', true],
    ['nodeIntegrationInSubFrames', true],
    ['webviewTag', true],
    ['webSecurity', false],
    ['allowRunningInsecureContent', true],
    ['experimentalFeatures', true],
  ])('flags %s = %s', (key, value) => {
    expect(findInsecurePreferences({ ...good, [key]: value })).toEqual([key]);
  });
  it('flags a missing key instead of trusting a default', () => {
    const { sandbox: _s, ...rest } = good;
    expect(findInsecurePreferences(rest)).toEqual(['sandbox']);
  });
  it('flags enableBlinkFeatures', () => {
    expect(findInsecurePreferences({ ...good, enableBlinkFeatures: 'Foo' })).toEqual([
      'enableBlinkFeatures',
    ]);
  });
  it('flags an empty object on every key', () => {
    expect(findInsecurePreferences({}).length).toBeGreaterThanOrEqual(9);
  });
});
