import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import '../../support/fast-check-seed';
import { MAX_PAYLOAD_CHARS } from '../../../shared/qr/router';
import { formatLoginPayload } from '../../../shared/servicekonto/login-payload';
import {
  formatSameDeviceLink,
  isSameDeviceLink,
  MAX_LINK_CHARS,
  unwrapSameDeviceLink,
} from '../../../shared/servicekonto/same-device-link';
import { codeOf } from './support';

const login = formatLoginPayload({
  origin: 'https://konto.example',
  account: 'acc-1',
  accountName: 'Jürgen Müller & Söhne',
  tx: 'AAAAAAAAAAAAAAAAAAAAAA',
  challenge: 'a'.repeat(40),
  service: 'Kfz-Zulassung ?&=#',
  level: 'substanziell',
  exp: 2_000_000_000,
});

describe('same-device link envelope', () => {
  it('carries the login payload unchanged, whatever characters it holds', () => {
    const link = formatSameDeviceLink(login);
    expect(link).toMatch(/^faktor:\/\/login\?v=1&p=faktor-login%3A/);
    expect(unwrapSameDeviceLink(link)).toBe(login);
    // Some OS hands the link over with a slash before the query, or the scheme in capitals.
    expect(unwrapSameDeviceLink(link.replace('login?', 'login/?'))).toBe(login);
    expect(unwrapSameDeviceLink(link.replace('faktor://', 'FAKTOR://'))).toBe(login);
    expect(isSameDeviceLink(link)).toBe(true);
    expect(isSameDeviceLink('--hidden')).toBe(false);
  });

  it('refuses hostile and broken links with a typed error', () => {
    const p = encodeURIComponent(login);
    const cases: Array<[unknown, string]> = [
      [42, 'protocol-malformed'],
      ['', 'protocol-malformed'],
      ['https://konto.example/login?v=1&p=' + p, 'protocol-malformed'],
      [`faktor://pair?v=1&p=${p}`, 'protocol-malformed'],
      [`faktor://login?v=2&p=${p}`, 'protocol-version'],
      [`faktor://login?p=${p}`, 'protocol-malformed'],
      [`faktor://login?v=1`, 'protocol-malformed'],
      [`faktor://login?v=1&p=${p}&next=https://evil.example`, 'protocol-malformed'],
      [`faktor://login?v=1&p=${p}&p=${p}`, 'protocol-malformed'],
      [`faktor://login?v=1&p=%E0%A4%A`, 'protocol-malformed'],
      [
        `faktor://login?v=1&p=${encodeURIComponent('otpauth://totp/x?secret=JBSWY3DPEHPK3PXP')}`,
        'unsupported-payload',
      ],
      [`faktor://login?v=1&p=${encodeURIComponent('faktor-pair:{}')}`, 'unsupported-payload'],
      [`faktor://login?v=1&p=${'a'.repeat(MAX_PAYLOAD_CHARS + 1)}`, 'protocol-oversize'],
      [`faktor://login?v=1&p=${'%41'.repeat(MAX_LINK_CHARS)}`, 'protocol-oversize'],
    ];
    for (const [link, code] of cases)
      expect([String(link).slice(0, 60), codeOf(() => unwrapSameDeviceLink(link))]).toEqual([
        String(link).slice(0, 60),
        code,
      ]);
  });

  it('never throws anything but a FaktorError, and returns only login payloads (property)', () => {
    const junk = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.string({ maxLength: 200 }).map((s) => `faktor://login?${s}`),
      fc.string({ maxLength: 200 }).map((s) => `faktor://login?v=1&p=${s}`),
      fc.string({ maxLength: 200 }).map((s) => formatSameDeviceLink(`faktor-login:${s}`)),
    );
    fc.assert(
      fc.property(junk, (link) => {
        const code = codeOf(() => unwrapSameDeviceLink(link));
        if (code === 'ok')
          expect(unwrapSameDeviceLink(link).trim().toLowerCase().startsWith('faktor-login:')).toBe(
            true,
          );
      }),
    );
  });
});
