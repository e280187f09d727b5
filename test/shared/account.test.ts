import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { route } from '../../shared/qr/payload-parsers';
import { encodeBase32 } from '../../shared/otp/base32';
import { isFaktorError, type ErrorCode } from '../../shared/errors';
import { AccountView, ManualAccount } from '../../shared/ipc/schemas';
import { checkNewAccount } from '../../electron/main/services/vault-account';
import { validateManual } from '../../renderer/src/validate';
import type { OtpAlgorithm } from '../../shared/otp/types';

/**
 * Issue #8 "One account schema": the scanner, the IPC contract, the vault and the manual form must
 * agree on what an account may be. Before the fix the parser allowed a period up to 2^31−1 while the
 * others stopped at 86 400, so a scanned code was offered for confirmation and then refused by the vault.
 */

interface Fields {
  issuer: string;
  label: string;
  secret: Uint8Array;
  algorithm: OtpAlgorithm;
  digits: number;
  period: number;
}

const uriOf = (f: Fields): string => {
  const name = f.issuer ? `${f.issuer}:${f.label}` : f.label;
  const issuer = f.issuer ? `&issuer=${f.issuer}` : '';
  return `otpauth://totp/${name}?secret=${encodeBase32(f.secret)}${issuer}&algorithm=${f.algorithm}&digits=${f.digits}&period=${f.period}`;
};

/** The error code the vault gives (null = accepted): the one verdict every other check must match. */
function vaultVerdict(f: Fields): ErrorCode | null {
  try {
    checkNewAccount({
      type: 'totp',
      issuer: f.issuer,
      label: f.label,
      secret: f.secret,
      algorithm: f.algorithm,
      digits: f.digits,
      period: f.period,
      counter: 0,
    });
    return null;
  } catch (e) {
    if (!isFaktorError(e)) throw e;
    return e.code;
  }
}

function scanVerdict(f: Fields): ErrorCode | null {
  const r = route(uriOf(f));
  if (r.kind === 'add-account') return null;
  if (r.kind === 'invalid') return r.error;
  throw new Error(`unexpected route ${r.kind}`);
}

const ipcAccepts = (f: Fields): boolean =>
  ManualAccount.safeParse({
    type: 'totp',
    issuer: f.issuer,
    label: f.label,
    secret: encodeBase32(f.secret),
    algorithm: f.algorithm,
    digits: f.digits,
    period: f.period,
    counter: 0,
  }).success &&
  AccountView.safeParse({
    id: 'abcdefgh12',
    type: 'totp',
    issuer: f.issuer,
    label: f.label,
    algorithm: f.algorithm,
    digits: f.digits,
    period: f.period,
    counter: 0,
    color: null,
    icon: null,
    createdAt: 0,
    pinned: false,
    tags: [],
    lastUsed: null,
  }).success;

const formAccepts = (f: Fields): boolean =>
  validateManual({
    type: 'totp',
    issuer: f.issuer,
    label: f.label,
    secret: encodeBase32(f.secret),
    algorithm: f.algorithm,
    digits: String(f.digits),
    period: String(f.period),
    counter: '0',
  }).value !== null;

const word = (max: number): fc.Arbitrary<string> =>
  fc.stringMatching(/^[A-Za-z0-9]*$/, { maxLength: max });
const near = (edges: number[]): fc.Arbitrary<number> =>
  fc.oneof(
    ...edges.map((e) => fc.integer({ min: Math.max(0, e - 3), max: e + 3 })),
    fc.integer({ min: 0, max: 2 ** 31 }),
  );
const fields: fc.Arbitrary<Fields> = fc.record({
  issuer: fc.oneof(word(10), word(260)),
  label: fc.oneof(word(10), word(260)).map((s) => `u${s}`),
  secret: fc.oneof(
    fc.uint8Array({ minLength: 1, maxLength: 40 }),
    fc.uint8Array({ minLength: 1000, maxLength: 1100 }),
  ),
  algorithm: fc.constantFrom<OtpAlgorithm>('SHA1', 'SHA256', 'SHA512'),
  digits: fc.integer({ min: 4, max: 12 }),
  period: near([1, 30, 86_400, 2 ** 31 - 1]),
});

describe('one account schema (issue #8)', () => {
  it('refuses a scanned period of 100000 at scan time with the vault’s error code', () => {
    const f: Fields = {
      issuer: 'A',
      label: 'b',
      secret: Uint8Array.of(0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef),
      algorithm: 'SHA1',
      digits: 6,
      period: 100_000,
    };
    expect(vaultVerdict(f)).toBe('invalid-parameter');
    expect(route('otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP&period=100000')).toEqual({
      kind: 'invalid',
      target: 'otpauth',
      error: 'invalid-parameter',
    });
  });

  it('scanner, IPC schema, vault and manual form accept exactly the same accounts', () => {
    fc.assert(
      fc.property(fields, (f) => {
        const vault = vaultVerdict(f);
        expect(scanVerdict(f)).toBe(vault);
        expect(ipcAccepts(f)).toBe(vault === null);
        expect(formAccepts(f)).toBe(vault === null);
      }),
      { numRuns: 300 },
    );
  });
});
