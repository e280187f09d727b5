import { execFileSync } from 'node:child_process';

/*
 * Independent expectations for codes: Debian's `oathtool` (a different implementation from ours)
 * and the RFC 6238 Appendix B test seeds. The e2e suite never asks Faktor what the code "should" be.
 */

/** RFC 6238 Appendix B seeds as Base32 (ASCII "1234567890…" of 20, 32 and 64 bytes). */
export const RFC_SEEDS = {
  SHA1: base32(Buffer.from('12345678901234567890')),
  SHA256: base32(Buffer.from('12345678901234567890123456789012')),
  SHA512: base32(Buffer.from('1234567890123456789012345678901234567890123456789012345678901234')),
} as const;

/** RFC 6238 Appendix B: 8-digit codes at T = 1234567890 s. */
export const RFC_CODES_AT_1234567890 = {
  SHA1: '89005924',
  SHA256: '91819424',
  SHA512: '93441116',
} as const;

/** RFC 4648 Base32 without padding (test helper; the app's own decoder is not used for expectations). */
export function base32(bytes: Uint8Array): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out;
}

/** The TOTP code oathtool computes for `secret` at `atMs`. */
export function oathTotp(
  secret: string,
  atMs: number,
  opts: { algorithm?: 'SHA1' | 'SHA256' | 'SHA512'; digits?: number; period?: number } = {},
): string {
  return execFileSync(
    'oathtool',
    [
      `--totp=${opts.algorithm ?? 'SHA1'}`,
      '-d',
      String(opts.digits ?? 6),
      '-s',
      `${opts.period ?? 30}s`,
      '-N',
      `@${Math.floor(atMs / 1000)}`,
      '-b',
      secret,
    ],
    { encoding: 'utf8' },
  ).trim();
}

/** The HOTP code oathtool computes for `secret` at `counter`. */
export function oathHotp(secret: string, counter: number, digits = 6): string {
  return execFileSync('oathtool', ['-c', String(counter), '-d', String(digits), '-b', secret], {
    encoding: 'utf8',
  }).trim();
}

/** A code as the app shows and names it: two groups, the first one the longer (123 456, 1234 5678). */
export function shown(code: string): string {
  const half = Math.ceil(code.length / 2);
  return code.length >= 6 ? `${code.slice(0, half)} ${code.slice(half)}` : code;
}
