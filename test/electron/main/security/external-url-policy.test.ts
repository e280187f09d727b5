import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ALLOWED_EXTERNAL_URLS,
  createExternalUrlPolicy,
} from '../../../../electron/main/security/external-url-policy';

const ISSUES = 'https://github.com/faktor/faktor/issues';
const canOpen = createExternalUrlPolicy([ISSUES]);

describe('createExternalUrlPolicy', () => {
  it('opens an allowlisted URL, normalised', () => {
    expect(canOpen(ISSUES)).toBe(ISSUES);
    expect(canOpen('https://GitHub.com/faktor/faktor/issues')).toBe(ISSUES);
    expect(canOpen('https://github.com:443/faktor/faktor/issues')).toBe(ISSUES);
  });
  it.each([
    // issue #7 item 11: the same host with any other path, a query or a fragment is an exfiltration channel
    'https://github.com/',
    'https://github.com/x',
    'https://github.com/faktor/faktor/issues/new?title=SEED',
    'https://github.com/faktor/faktor/issues?q=JBSWY3DPEHPK3PXP',
    'https://github.com/faktor/faktor/issues#JBSWY3DPEHPK3PXP',
    'https://github.com/faktor/faktor/issues?',
    'https://github.com/attacker/exfil/JBSWY3DPEHPK3PXP',
    'https://github.com/faktor/faktor/issues/../../attacker',
    'http://github.com/faktor/faktor/issues',
    'https://github.com.evil.example/faktor/faktor/issues',
    'https://evil-github.com/',
    'https://evil.example/github.com',
    'https://github.com@evil.example/',
    'https://user:pw@github.com/faktor/faktor/issues',
    'https://github.com:8443/faktor/faktor/issues',
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
    expect(canOpen({ toString: () => ISSUES } as unknown as string)).toBeNull();
  });

  it('property: whatever it returns is exactly an allowlisted URL', () => {
    const open = createExternalUrlPolicy(ALLOWED_EXTERNAL_URLS);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.webUrl({ withQueryParameters: true, withFragments: true }),
          fc.string(),
          fc.constantFrom(...ALLOWED_EXTERNAL_URLS).chain((u) => fc.string().map((x) => u + x)),
        ),
        (url) => {
          const out = open(url);
          return out === null || ALLOWED_EXTERNAL_URLS.includes(out);
        },
      ),
    );
  });

  it('ships a short list of whole https URLs without query or fragment', () => {
    expect(ALLOWED_EXTERNAL_URLS.length).toBeLessThanOrEqual(5);
    for (const u of ALLOWED_EXTERNAL_URLS) {
      const parsed = new URL(u);
      expect([parsed.protocol, parsed.search, parsed.hash, parsed.href]).toEqual([
        'https:',
        '',
        '',
        u,
      ]);
    }
  });
});
