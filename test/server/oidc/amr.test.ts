/**
 * RFC 8176 `amr` values per means kind: only registered values, `mfa` from two factors on.
 */
import { expect, it } from 'vitest';
import { amrFor } from '../../../server/oidc/amr';
import { MEANS_KINDS } from '../../../server/domain/policy';

const REGISTERED = new Set([
  'face',
  'fpt',
  'geo',
  'hwk',
  'iris',
  'kba',
  'mca',
  'mfa',
  'otp',
  'pin',
  'pop',
  'pwd',
  'rba',
  'retina',
  'sc',
  'sms',
  'swk',
  'tel',
  'user',
  'vbm',
  'wia',
]);

it('names each means kind with registered values only, and adds mfa for two factors', () => {
  for (const kind of MEANS_KINDS)
    for (const v of amrFor([kind])) expect(REGISTERED.has(v), `${kind}: ${v}`).toBe(true);
  expect(amrFor(['password'])).toEqual(['pwd']);
  expect(amrFor(['password', 'desktop-app'])).toEqual(['pin', 'pwd', 'swk', 'mfa']);
  expect(amrFor(['password', 'password'])).toEqual(['pwd']);
  expect(amrFor([])).toEqual([]);
});
