import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import '../../support/fast-check-seed';
import { ERROR_CODES } from '../../../shared/errors';
import {
  formatPairingPayload,
  parsePairingPayload,
  pairingView,
  type PairingPayload,
} from '../../../shared/servicekonto/pairing-payload';
import { b64Text, display, identifier, junk, origin } from './arbitraries';
import { codeOf } from './support';

const NOW = 1_800_000_000_000;
const example: Omit<PairingPayload, 'v'> = {
  origin: 'https://konto.example',
  account: '3f1c2b9e-8d1a-4a57-9c0e-6f2d1b7a9e44',
  accountName: 'erika.mustermann',
  token: 'q3Xo0m3QUmKQd0fQ9b2Xr0K3yQW8r9y1P7sZ4tK2mVg',
  exp: 1_800_000_300,
  level: 'substanziell',
};
const json = (o: object): string => `faktor-pair:${JSON.stringify(o)}`;
describe('pairing payload', () => {
  it('formats with a fixed key order and parses back', () => {
    const text = formatPairingPayload(example);
    expect(text).toBe(
      'faktor-pair:{"v":1,"origin":"https://konto.example","account":"3f1c2b9e-8d1a-4a57-9c0e-6f2d1b7a9e44","accountName":"erika.mustermann","token":"q3Xo0m3QUmKQd0fQ9b2Xr0K3yQW8r9y1P7sZ4tK2mVg","exp":1800000300,"level":"substanziell"}',
    );
    expect(parsePairingPayload(text, NOW)).toEqual({ v: 1, ...example });
    expect(pairingView(parsePairingPayload(text, NOW))).not.toHaveProperty('token');
  });

  it('refuses with a typed code: unknown version, missing or unknown field, oversize, bad origin, expired', () => {
    const base = { v: 1, ...example };
    expect(codeOf(() => parsePairingPayload(json({ ...base, v: 2 }), NOW))).toBe(
      'protocol-version',
    );
    expect(codeOf(() => parsePairingPayload(json({ ...base, v: '1' }), NOW))).toBe(
      'protocol-version',
    );
    const { token: _t, ...noToken } = base;
    expect(codeOf(() => parsePairingPayload(json(noToken), NOW))).toBe('protocol-malformed');
    expect(codeOf(() => parsePairingPayload(json({ ...base, extra: 1 }), NOW))).toBe(
      'protocol-malformed',
    );
    expect(
      codeOf(() => parsePairingPayload(json({ ...base, accountName: 'x'.repeat(129) }), NOW)),
    ).toBe('protocol-oversize');
    expect(codeOf(() => parsePairingPayload(`faktor-pair:${'x'.repeat(3000)}`, NOW))).toBe(
      'protocol-oversize',
    );
    expect(
      codeOf(() => parsePairingPayload(json({ ...base, origin: 'http://konto.example' }), NOW)),
    ).toBe('protocol-origin');
    expect(
      codeOf(() => parsePairingPayload(json({ ...base, origin: 'https://konto.example/' }), NOW)),
    ).toBe('protocol-origin');
    expect(codeOf(() => parsePairingPayload(json({ ...base, level: 'hoch' }), NOW))).toBe(
      'protocol-malformed',
    );
    expect(codeOf(() => parsePairingPayload(json({ ...base, exp: 1_800_000_000 }), NOW))).toBe(
      'protocol-expired',
    );
    expect(codeOf(() => parsePairingPayload(json({ ...base, token: 'short' }), NOW))).toBe(
      'protocol-malformed',
    );
    expect(codeOf(() => parsePairingPayload('faktor-login:{}', NOW))).toBe('protocol-malformed');
  });

  it('round-trips every valid payload (fast-check)', () => {
    const payload = fc.record({
      origin,
      account: identifier,
      accountName: display(128),
      token: b64Text(43),
      exp: fc.integer({ min: NOW / 1000 + 1, max: 9_999_999_999 }),
      level: fc.constantFrom('niedrig' as const, 'substanziell' as const),
    });
    fc.assert(
      fc.property(payload, (p) => {
        expect(parsePairingPayload(formatPairingPayload(p), NOW)).toEqual({ v: 1, ...p });
      }),
    );
  });

  it('never throws anything but a protocol error (fast-check)', () => {
    fc.assert(
      fc.property(junk, (s) => {
        const code = codeOf(() => parsePairingPayload(`faktor-pair:${s}`, NOW));
        expect(
          code.startsWith('protocol-') && (ERROR_CODES as readonly string[]).includes(code),
        ).toBe(true);
      }),
    );
  });
});
