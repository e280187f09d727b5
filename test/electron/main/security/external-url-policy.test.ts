import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ALLOWED_EXTERNAL_HOSTS, createExternalUrlPolicy } from '../../../../electron/main/security/external-url-policy';

const canOpen = createExternalUrlPolicy(['github.com']);

describe('createExternalUrlPolicy', () => {
  it('opens an allowlisted https URL, normalised', () => {
    expect(canOpen('https://github.com/faktor/faktor/issues')).toBe('https://github.com/faktor/faktor/issues');
    expect(canOpen('https://GitHub.com/x')).toBe('https://github.com/x');
    expect(canOpen('https://github.com:443/x')).toBe('https://github.com/x');
  });
  it.each([
    'http://github.com/',
    'https://github.com.evil.example/',
    'https://evil-github.com/',
    'https://evil.example/github.com',
    'https://github.com@evil.example/',
    'https://user:pw@github.com/',
    'https://github.com:8443/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'smb://github.com/share',
    'ms-msdt:/id PCWDiagnostic',
    'app://faktor/index.html',
    'data:text/html,x',
    '//github.com/',
    'github.com',
    '',
    `https://github.com/${'a'.repeat(3000)}`,
  ])('refuses %j', (url) => expect(canOpen(url)).toBeNull());

  it('refuses non-strings', () => {
    expect(canOpen(undefined as unknown as string)).toBeNull();
    expect(canOpen({ toString: () => 'https://github.com/' } as unknown as string)).toBeNull();
  });

  it('property: whatever it returns is https on an allowlisted host', () => {
    fc.assert(
      fc.property(fc.oneof(fc.webUrl(), fc.string()), (url) => {
        const out = canOpen(url);
        if (out === null) return true;
        const u = new URL(out);
        return u.protocol === 'https:' && u.hostname === 'github.com' && u.username === '' && u.port === '';
      }),
    );
  });

  it('ships a short, wildcard-free allowlist', () => {
    for (const h of ALLOWED_EXTERNAL_HOSTS) expect(h).toMatch(/^[a-z0-9.-]+$/);
  });
});
