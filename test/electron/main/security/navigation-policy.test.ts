import { describe, expect, it } from 'vitest';
import {
  createNavigationPolicy,
  decideWindowOpen,
} from '../../../../electron/main/security/navigation-policy';
import { APP_ORIGIN } from '../../../../electron/main/security/app-origin';

describe('createNavigationPolicy', () => {
  const mayNavigate = createNavigationPolicy([APP_ORIGIN]);
  it('allows our own pages (reload, in-app hash routes)', () => {
    expect(mayNavigate('app://faktor/index.html')).toBe(true);
    expect(mayNavigate('app://faktor/index.html#/settings')).toBe(true);
  });
  it.each([
    'https://evil.example/',
    'http://127.0.0.1:8080/',
    'app://faktor.evil/index.html',
    'app://faktor@evil.example/',
    'app://evil/index.html',
    'file:///etc/passwd',
    'data:text/html,<script>alert(1)</script>',
    'javascript:alert(1)',
    'about:blank',
    'chrome://gpu',
    'devtools://devtools/bundled/inspector.html',
    'view-source:app://faktor/index.html',
    'blob:app://faktor/1234',
    '',
    'app:faktor/index.html',
  ])('denies %j', (url) => expect(mayNavigate(url)).toBe(false));
});

describe('decideWindowOpen', () => {
  it('always denies the window', () => {
    expect(decideWindowOpen('https://github.com/', () => true)).toEqual({
      action: 'deny',
      openExternally: true,
    });
    expect(decideWindowOpen('https://evil.example/', () => false)).toEqual({
      action: 'deny',
      openExternally: false,
    });
    expect(decideWindowOpen('app://faktor/index.html', () => false).action).toBe('deny');
  });
});
