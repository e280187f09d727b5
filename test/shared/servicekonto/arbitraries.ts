import fc from 'fast-check';
import { p256 } from '@noble/curves/nist.js';
import { toBase64url } from '../../../shared/servicekonto/base64url';

/** fast-check generators for valid wire values, shared by the servicekonto property tests. */
const b64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.split('');

/** base64url text of exactly `n` characters. */
export const b64Text = (n: number): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...b64), { minLength: n, maxLength: n }).map((a) => a.join(''));

/** Canonical origins, https anywhere or http on loopback. */
export const origin = fc.oneof(
  fc
    .tuple(
      fc.stringMatching(
        /^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?){0,3}$/,
      ),
      fc.option(fc.integer({ min: 1, max: 65535 }).filter((p) => p !== 443)),
    )
    .map(([h, p]) => `https://${h}${p === null ? '' : `:${p}`}`),
  fc
    .tuple(
      fc.constantFrom('127.0.0.1', '[::1]', 'localhost'),
      fc.option(fc.integer({ min: 1, max: 65535 }).filter((p) => p !== 80)),
    )
    .map(([h, p]) => `http://${h}${p === null ? '' : `:${p}`}`),
);

/** Display texts: printable, trimmed, non-empty. */
export const display = (max: number): fc.Arbitrary<string> =>
  fc
    .string({ minLength: 1, maxLength: max, unit: 'grapheme' })
    .map((s) => s.replace(/[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/gu, '').trim())
    .filter((s) => s.length >= 1 && s.length <= max);

/** Opaque ids. */
export const identifier = fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/);

/** A P-256 public key in wire form. */
export const publicKey = fc
  .uint8Array({ minLength: 32, maxLength: 32 })
  .filter((k) => p256.utils.isValidSecretKey(k))
  .map((k) => toBase64url(p256.getPublicKey(k, false)));

/** Fuzz input for "never throws anything but our typed errors": random text, and valid JSON shapes with wrong values. */
export const junk = fc.oneof(
  fc.string({ maxLength: 300, unit: 'binary' }),
  fc.json({ maxDepth: 2 }),
  fc
    .dictionary(
      fc.constantFrom(
        'v',
        'origin',
        'account',
        'accountName',
        'token',
        'exp',
        'level',
        'tx',
        'challenge',
        'service',
        'means',
        'numbers',
      ),
      fc.jsonValue({ maxDepth: 1 }),
    )
    .map((o) => JSON.stringify({ v: 1, ...o })),
);
