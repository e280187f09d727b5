/**
 * TOTP against an independent peer: codes from Debian's `oathtool` are accepted by the server's
 * verifier at the same instant, the single-use marker rejects a step twice, and the otpauth URI
 * carries the seed an authenticator app needs.
 */
import { execFileSync } from 'node:child_process';
import { expect, it } from 'vitest';
import { newTotpSecret, totpCodeAt, totpEnrolment, verifyTotp } from '../../../server/means/totp';
import { codeMatches, hashCode, newOobCode } from '../../../server/means/codes';

const oathtool = (secret: string, epochS: number): string =>
  execFileSync('oathtool', ['--totp', '-b', '-N', `@${epochS}`, secret], {
    encoding: 'utf8',
  }).trim();

it('agrees with oathtool and accepts each step once, within ±1 step', async () => {
  const secret = newTotpSecret();
  expect(secret).toMatch(/^[A-Z2-7]{32}$/); // 160 bits
  const now = 1_795_000_000_000;
  const code = oathtool(secret, now / 1000);
  expect(totpCodeAt(secret, now)).toBe(code);
  const step = await verifyTotp(secret, code, now, null);
  expect(step).toBe(Math.floor(now / 30_000));
  expect(await verifyTotp(secret, code, now, step ?? null)).toBeUndefined();
  expect(await verifyTotp(secret, oathtool(secret, now / 1000 - 30), now, null)).toBe(
    (step as number) - 1,
  );
  expect(await verifyTotp(secret, oathtool(secret, now / 1000 + 30), now, null)).toBe(
    (step as number) + 1,
  );
  expect(await verifyTotp(secret, oathtool(secret, now / 1000 - 60), now, null)).toBeUndefined();
  expect(await verifyTotp(secret, 'abcdef', now, null)).toBeUndefined();
});

it('builds an otpauth URI with issuer, label and seed', async () => {
  const e = await totpEnrolment('Faktor Servicekonto', 'erika', 'JBSWY3DPEHPK3PXP');
  const u = new URL(e.uri);
  expect(u.protocol).toBe('otpauth:');
  expect(u.searchParams.get('secret')).toBe('JBSWY3DPEHPK3PXP');
  expect(u.searchParams.get('issuer')).toBe('Faktor Servicekonto');
  expect(e.qrSvg).toContain('<svg');
});

it('out-of-band codes: 8 digits, hashed per purpose, compared in constant time', () => {
  const c = newOobCode();
  expect(c).toMatch(/^\d{8}$/);
  const h = hashCode('sms:m1', c);
  expect(codeMatches('sms:m1', c, h)).toBe(true);
  expect(codeMatches('sms:m2', c, h)).toBe(false);
  expect(codeMatches('sms:m1', c === '00000000' ? '00000001' : '00000000', h)).toBe(false);
});
