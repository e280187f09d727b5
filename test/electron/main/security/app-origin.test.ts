import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  createOriginSet,
  originOf,
} from '../../../../electron/main/security/app-origin';
import { createSenderPolicy } from '../../../../electron/main/security/sender-policy';

describe('originOf', () => {
  it.each([
    ['app://faktor/index.html', 'app://faktor'],
    ['app://FAKTOR/x', 'app://faktor'],
    ['APP://faktor/x', 'app://faktor'],
    ['http://localhost:5173/src/main.tsx', 'http://localhost:5173'],
    ['https://github.com:443/x', 'https://github.com'],
  ])('%s → %s', (url, origin) => expect(originOf(url)).toBe(origin));

  it.each([
    '',
    'not a url',
    'file:///etc/passwd',
    'app:faktor',
    'app:///faktor',
    'data:text/html,x',
    'javascript:alert(1)',
    'about:blank',
    'app://faktor@evil/',
    'app://x:y@faktor/',
    'blob:app://faktor/uuid',
  ])('%j has no usable origin', (url) => expect(originOf(url)).toBeNull());

  it('keeps look-alikes apart', () => {
    expect(originOf('app://faktor.evil/')).not.toBe(APP_ORIGIN);
    expect(originOf('app://faktor:1/')).not.toBe(APP_ORIGIN);
    expect(originOf('app://faktor%2f/')).not.toBe(APP_ORIGIN);
  });
});

describe('createOriginSet', () => {
  it('rejects a configuration entry that is not an origin', () => {
    expect(() => createOriginSet(['not a url'])).toThrow();
  });
  it('normalises entries', () => {
    const is = createOriginSet(['http://localhost:5173/']);
    expect(is('http://localhost:5173/index.html')).toBe(true);
    expect(is('http://localhost:5174/index.html')).toBe(false);
    expect(is('http://127.0.0.1:5173/')).toBe(false);
  });
});

describe('createSenderPolicy', () => {
  const isTrusted = createSenderPolicy([APP_ORIGIN]);
  it('accepts the top frame of the app', () => {
    expect(isTrusted({ url: APP_ENTRY_URL, isMainFrame: true })).toBe(true);
    expect(isTrusted({ url: `${APP_ORIGIN}/#/settings`, isMainFrame: true })).toBe(true);
  });
  it.each([
    [APP_ENTRY_URL, false],
    ['app://faktor.evil/index.html', true],
    ['app://faktorx/index.html', true],
    ['app://evil/faktor', true],
    ['https://faktor/', true],
    ['http://localhost:5173/', true],
    ['file:///app/index.html', true],
    ['', true],
  ])('refuses %s (main frame %s)', (url, isMainFrame) => {
    expect(isTrusted({ url, isMainFrame })).toBe(false);
  });
  it('refuses malformed senders', () => {
    expect(
      isTrusted({ url: undefined, isMainFrame: true } as unknown as {
        url: string;
        isMainFrame: boolean;
      }),
    ).toBe(false);
    expect(
      isTrusted({ url: APP_ENTRY_URL, isMainFrame: 'yes' } as unknown as {
        url: string;
        isMainFrame: boolean;
      }),
    ).toBe(false);
  });
  it('trusts the dev server only when configured (development)', () => {
    const dev = createSenderPolicy([APP_ORIGIN, 'http://localhost:5173']);
    expect(dev({ url: 'http://localhost:5173/', isMainFrame: true })).toBe(true);
    expect(isTrusted({ url: 'http://localhost:5173/', isMainFrame: true })).toBe(false);
  });
});
