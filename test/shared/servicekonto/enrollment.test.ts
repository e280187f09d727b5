import fc from 'fast-check';
import { p256 } from '@noble/curves/nist.js';
import { describe, expect, it } from 'vitest';
import '../../support/fast-check-seed';
import { toBase64url } from '../../../shared/servicekonto/base64url';
import {
  parseEnrollmentRequest,
  parseEnrollmentResponse,
} from '../../../shared/servicekonto/enrollment';
import { b64Text, display, junk, publicKey } from './arbitraries';
import { codeOf } from './support';

const key = (n: number): string =>
  toBase64url(
    p256.getPublicKey(
      Uint8Array.from({ length: 32 }, (_, i) => (i === 31 ? n : 1)),
      false,
    ),
  );
const request = {
  v: 1,
  token: 'q3Xo0m3QUmKQd0fQ9b2Xr0K3yQW8r9y1P7sZ4tK2mVg',
  approvalKey: key(1),
  deviceKey: key(2),
  ocraSecret: toBase64url(Uint8Array.from({ length: 32 }, (_, i) => i)),
  deviceName: 'Erikas Laptop',
};

describe('enrollment request', () => {
  it('accepts a well-formed request', () => {
    expect(parseEnrollmentRequest(request)).toEqual(request);
  });

  it('refuses keys off the curve, a short secret, the same key twice, unknown fields, other versions', () => {
    const bytes = p256.getPublicKey(
      Uint8Array.from({ length: 32 }, () => 1),
      false,
    );
    bytes[64] = (bytes[64] ?? 0) ^ 1;
    expect(
      codeOf(() => parseEnrollmentRequest({ ...request, approvalKey: toBase64url(bytes) })),
    ).toBe('protocol-malformed');
    expect(
      codeOf(() =>
        parseEnrollmentRequest({
          ...request,
          deviceKey: toBase64url(
            p256.getPublicKey(
              Uint8Array.from({ length: 32 }, () => 1),
              true,
            ),
          ),
        }),
      ),
    ).toBe('protocol-malformed');
    expect(
      codeOf(() =>
        parseEnrollmentRequest({ ...request, ocraSecret: toBase64url(new Uint8Array(20)) }),
      ),
    ).toBe('protocol-malformed');
    expect(
      codeOf(() => parseEnrollmentRequest({ ...request, deviceKey: request.approvalKey })),
    ).toBe('protocol-malformed');
    expect(codeOf(() => parseEnrollmentRequest({ ...request, pin: '1234' }))).toBe(
      'protocol-malformed',
    );
    expect(codeOf(() => parseEnrollmentRequest({ ...request, v: 0 }))).toBe('protocol-version');
    expect(codeOf(() => parseEnrollmentRequest({ ...request, deviceName: 'x'.repeat(65) }))).toBe(
      'protocol-oversize',
    );
    expect(codeOf(() => parseEnrollmentRequest([request]))).toBe('protocol-malformed');
  });

  it('accepts every valid request and never throws untyped (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.record({
          token: b64Text(43),
          approvalKey: publicKey,
          deviceKey: publicKey,
          secret: fc.uint8Array({ minLength: 32, maxLength: 32 }),
          deviceName: display(64),
        }),
        (r) => {
          fc.pre(r.approvalKey !== r.deviceKey);
          const body = {
            v: 1,
            token: r.token,
            approvalKey: r.approvalKey,
            deviceKey: r.deviceKey,
            ocraSecret: toBase64url(r.secret),
            deviceName: r.deviceName,
          };
          expect(parseEnrollmentRequest(body)).toEqual(body);
        },
      ),
      { numRuns: 50 },
    );
    fc.assert(
      fc.property(junk, (s) => {
        let value: unknown = s;
        try {
          value = JSON.parse(s);
        } catch {
          // not JSON: parse the text itself
        }
        expect(codeOf(() => parseEnrollmentRequest(value))).toMatch(/^protocol-/);
      }),
    );
  });
});

describe('enrollment response', () => {
  it('accepts the documented answer and refuses a status other than pending', () => {
    const body = {
      v: 1,
      origin: 'http://127.0.0.1:8787',
      account: 'acc',
      accountName: 'erika',
      means: 'm-1',
      level: 'substanziell',
      status: 'pending',
      ocraSuite: 'OCRA-1:HOTP-SHA256-8:QH40-S064',
    };
    expect(parseEnrollmentResponse(body)).toEqual(body);
    expect(codeOf(() => parseEnrollmentResponse({ ...body, status: 'active' }))).toBe(
      'protocol-malformed',
    );
    expect(
      codeOf(() => parseEnrollmentResponse({ ...body, ocraSuite: 'OCRA-1:HOTP-SHA1-6:QH10-S' })),
    ).toBe('protocol-malformed');
  });
});
