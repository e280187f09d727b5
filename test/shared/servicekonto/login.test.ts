import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import '../../support/fast-check-seed';
import { ocraResponse } from '../../../shared/ocra/ocra';
import {
  DESKTOP_OCRA_SUITE,
  loginResponse,
  loginSessionHex,
} from '../../../shared/servicekonto/login-ocra';
import {
  formatLoginPayload,
  parseLoginPayload,
  type LoginPayload,
} from '../../../shared/servicekonto/login-payload';
import { b64Text, display, identifier, junk, origin } from './arbitraries';
import { codeOf } from './support';

const NOW = 1_800_000_000_000;
// The worked example of docs/protocol.md §Login QR.
const EXAMPLE: Omit<LoginPayload, 'v'> = {
  origin: 'https://konto.example',
  account: '3f1c2b9e-8d1a-4a57-9c0e-6f2d1b7a9e44',
  accountName: 'erika.mustermann',
  tx: 'p0Vt7cW1m2Qx9KzL4sYb8A',
  challenge: '8ab9d150470123456789abcdef0123456789abcd',
  service: 'Wohngeld-Antrag',
  level: 'substanziell',
  exp: 1_800_000_120,
};
// The 32-byte OCRA secret of the worked example: bytes 0x00…0x1f.
const EXAMPLE_SECRET = Uint8Array.from({ length: 32 }, (_, i) => i);

describe('login payload', () => {
  it('round-trips the worked example', () => {
    const text = formatLoginPayload(EXAMPLE);
    expect(text.startsWith('faktor-login:{"v":1,"origin":"https://konto.example","account":')).toBe(
      true,
    );
    expect(parseLoginPayload(text, NOW)).toEqual({ v: 1, ...EXAMPLE });
  });

  it('refuses bad input with typed codes', () => {
    const j = (o: object): string => `faktor-login:${JSON.stringify({ v: 1, ...EXAMPLE, ...o })}`;
    expect(codeOf(() => parseLoginPayload(j({ v: 7 }), NOW))).toBe('protocol-version');
    expect(
      codeOf(() => parseLoginPayload(j({ challenge: 'ABCDEF'.repeat(7).slice(0, 40) }), NOW)),
    ).toBe('protocol-malformed');
    expect(codeOf(() => parseLoginPayload(j({ service: 'x'.repeat(121) }), NOW))).toBe(
      'protocol-oversize',
    );
    expect(codeOf(() => parseLoginPayload(j({ service: 'a\u0000b' }), NOW))).toBe(
      'protocol-malformed',
    );
    expect(codeOf(() => parseLoginPayload(j({ level: 'basisregistrierung' }), NOW))).toBe(
      'protocol-malformed',
    );
    expect(codeOf(() => parseLoginPayload(j({ origin: 'http://evil.example' }), NOW))).toBe(
      'protocol-origin',
    );
    expect(codeOf(() => parseLoginPayload(j({ exp: 1_799_999_999 }), NOW))).toBe(
      'protocol-expired',
    );
  });

  it('round-trips every valid payload and never throws untyped (fast-check)', () => {
    const payload = fc.record({
      origin,
      account: identifier,
      accountName: display(128),
      tx: b64Text(22),
      challenge: fc.stringMatching(/^[0-9a-f]{40}$/),
      service: display(120),
      level: fc.constantFrom('niedrig' as const, 'substanziell' as const, 'hoch' as const),
      exp: fc.integer({ min: NOW / 1000 + 1, max: 9_999_999_999 }),
    });
    fc.assert(
      fc.property(payload, (p) => {
        expect(parseLoginPayload(formatLoginPayload(p), NOW)).toEqual({ v: 1, ...p });
      }),
    );
    fc.assert(
      fc.property(junk, (s) => {
        expect(codeOf(() => parseLoginPayload(`faktor-login:${s}`, NOW))).toMatch(/^protocol-/);
      }),
    );
  });
});

describe('offline login response', () => {
  it('is OCRA with Q = challenge and S = SHA-256 of the canonical payload (the documented worked example)', () => {
    const s = loginSessionHex(EXAMPLE);
    expect(s).toMatch(/^[0-9a-f]{64}$/);
    const code = loginResponse(EXAMPLE, EXAMPLE_SECRET);
    expect(code).toBe(
      ocraResponse(DESKTOP_OCRA_SUITE, EXAMPLE_SECRET, {
        question: EXAMPLE.challenge,
        sessionHex: s,
      }),
    );
    expect(code).toBe('24215000'); // docs/protocol.md worked example
  });

  it('changes when any bound field changes (a relayed or edited QR gives a code the server refuses)', () => {
    const base = loginResponse(EXAMPLE, EXAMPLE_SECRET);
    for (const change of [
      { origin: 'https://phish.example' },
      { service: 'Anderer Dienst' },
      { level: 'niedrig' as const },
      { tx: 'q0Vt7cW1m2Qx9KzL4sYb8A' },
      { exp: 1_800_000_121 },
    ]) {
      expect(loginResponse({ ...EXAMPLE, ...change }, EXAMPLE_SECRET)).not.toBe(base);
    }
  });
});
