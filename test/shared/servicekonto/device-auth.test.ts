import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import '../../support/fast-check-seed';
import {
  deviceRequestText,
  formatDeviceAuthorization,
  parseDeviceAuthorization,
  verifyDeviceRequest,
} from '../../../shared/servicekonto/device-auth';
import { publicKeyOf } from '../../../shared/servicekonto/p256';
import { codeOf } from './support';

const secret = Uint8Array.from({ length: 32 }, (_, i) => 100 - i);
const req = {
  method: 'GET',
  origin: 'http://127.0.0.1:8787',
  path: '/api/device/account',
  means: 'm-1',
  ts: 1_800_000_000_000,
  nonce: 'AAAAAAAAAAAAAAAAAAAAAA',
  body: '',
};

describe('device request authentication', () => {
  it('signs method, origin, path, means, time, nonce and body hash', () => {
    expect(deviceRequestText(req)).toBe(
      'faktor-device\n1\nGET\nhttp://127.0.0.1:8787\n/api/device/account\nm-1\n1800000000000\nAAAAAAAAAAAAAAAAAAAAAA\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    const header = formatDeviceAuthorization(secret, req);
    const auth = parseDeviceAuthorization(header);
    expect(auth).toMatchObject({ means: 'm-1', ts: req.ts, nonce: req.nonce });
    const { means: _m, ts: _t, nonce: _n, ...rest } = req;
    expect(verifyDeviceRequest(publicKeyOf(secret), auth, rest)).toBe(true);
    expect(
      verifyDeviceRequest(publicKeyOf(secret), auth, {
        ...rest,
        path: '/api/device/means/x/block',
      }),
    ).toBe(false);
    expect(verifyDeviceRequest(publicKeyOf(secret), auth, { ...rest, body: '{}' })).toBe(false);
    expect(verifyDeviceRequest(publicKeyOf(secret), { ...auth, ts: auth.ts + 1 }, rest)).toBe(
      false,
    );
  });

  it('parses only the exact header shape (fast-check: nothing untyped escapes)', () => {
    expect(codeOf(() => parseDeviceAuthorization('Bearer abc'))).toBe('protocol-malformed');
    fc.assert(
      fc.property(fc.string({ maxLength: 500 }), (s) => {
        expect(['ok', 'protocol-malformed']).toContain(codeOf(() => parseDeviceAuthorization(s)));
      }),
    );
  });
});
