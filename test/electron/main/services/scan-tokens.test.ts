import { describe, expect, it } from 'vitest';
import { isFaktorError } from '../../../../shared/errors';
import type { OtpParams } from '../../../../shared/otp/types';
import {
  createScanTokens,
  TOKEN_TTL_MS,
  type ScanEntry,
} from '../../../../electron/main/services/scan-tokens';
import { routeAndHold } from '../../../../electron/main/services/scan-hold';

const params = (fill: number): OtpParams => ({
  type: 'totp',
  secret: new Uint8Array(10).fill(fill),
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  issuer: 'Example',
  label: 'alice',
});
const summary = {
  type: 'totp',
  issuer: 'Example',
  label: 'alice',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
} as const;
const addEntry = (p: OtpParams): ScanEntry => ({
  route: { kind: 'add-account', summary, warnings: [] },
  held: { kind: 'add-account', params: p },
});
const zero = (b: Uint8Array) => b.every((x) => x === 0);
const codeOf = (fn: () => unknown): string | null => {
  try {
    fn();
    return null;
  } catch (e) {
    return isFaktorError(e) ? e.code : 'not a FaktorError';
  }
};

describe('scan-token map', () => {
  it('zeroes the held secret bytes when a token is forgotten, and the token is gone', () => {
    const tokens = createScanTokens(() => 0);
    const p = params(7);
    const t = tokens.hold('k1', addEntry(p));
    expect(tokens.take(t).held).toEqual({ kind: 'add-account', params: p });
    tokens.forget(t);
    expect(zero(p.secret)).toBe(true);
    expect(codeOf(() => tokens.take(t))).toBe('not-found');
  });

  it('zeroes every kept secret on forgetAll: accounts of a migration part and servicekonto payload bytes', () => {
    const tokens = createScanTokens(() => 0);
    const a = params(1);
    const b = params(2);
    const payload = new TextEncoder().encode('faktor-pair:{"token":"x"}');
    const route: ScanEntry['route'] = {
      kind: 'migration-part',
      batchId: 1,
      batchIndex: 0,
      batchSize: 1,
      version: 1,
      accounts: [summary, summary],
    };
    tokens.hold('m', { route, held: { kind: 'migration-part', accounts: [a, b] } });
    tokens.hold('s', {
      route: { kind: 'text', text: '' },
      held: { kind: 'servicekonto', payload },
    });
    tokens.forgetAll();
    expect([a.secret, b.secret, payload].every(zero)).toBe(true);
  });

  it('zeroes the bytes of an expired token on the next access', () => {
    let now = 0;
    const tokens = createScanTokens(() => now);
    const p = params(9);
    const t = tokens.hold('k', addEntry(p));
    now += TOKEN_TTL_MS + 1;
    expect(codeOf(() => tokens.take(t))).toBe('not-found');
    expect(zero(p.secret)).toBe(true);
  });

  it('gives a re-scan the same token, keeps the bytes already held and zeroes the fresh copy', () => {
    const tokens = createScanTokens(() => 0);
    const first = params(3);
    const again = params(3);
    const t = tokens.hold('same', addEntry(first));
    expect(tokens.hold('same', addEntry(again))).toBe(t);
    expect(zero(again.secret)).toBe(true);
    expect(zero(first.secret)).toBe(false);
    expect(tokens.take(t).held).toEqual({ kind: 'add-account', params: first });
  });
});

describe('routeAndHold', () => {
  it('keeps the parsed secret as bytes (one parse) and the route without the secret', () => {
    const { route, held } = routeAndHold(
      'otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&issuer=Example',
      0,
    );
    expect(route.kind).toBe('add-account');
    expect(held.kind === 'add-account' && [...held.params.secret]).toEqual([
      0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef,
    ]);
    expect(JSON.stringify(route)).not.toContain('"secret"');
  });

  it('holds nothing for text or a broken code', () => {
    expect(routeAndHold('hello', 0).held).toEqual({ kind: 'none' });
    expect(routeAndHold('otpauth://totp/x?secret=!!', 0).held).toEqual({ kind: 'none' });
  });
});
