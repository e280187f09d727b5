/**
 * The server's native ECDSA verification answers exactly like the shared pure-JS one (the definition
 * the app and the protocol docs use): valid, tampered, wrong-key, high-S and malformed inputs.
 */
import fc from 'fast-check';
import { p256 } from '@noble/curves/nist.js';
import { expect, it } from 'vitest';
import { publicKeyOf, signText, verifyText } from '../../../shared/servicekonto/p256';
import { fromBase64url, toBase64url } from '../../../shared/servicekonto/base64url';
import { verifyTextNative } from '../../../server/app/native-p256';

const N = p256.Point.CURVE().n;

/** The same signature with S replaced by n − S (valid too; neither side demands low S). */
function highS(sig: string): string {
  const b = fromBase64url(sig)!;
  const s = BigInt(`0x${Buffer.from(b.slice(32)).toString('hex')}`);
  return toBase64url(
    new Uint8Array([
      ...b.slice(0, 32),
      ...Buffer.from((N - s).toString(16).padStart(64, '0'), 'hex'),
    ]),
  );
}

it('agrees with the shared verifyText on valid, altered, foreign-key, high-S and malformed signatures', () => {
  fc.assert(
    fc.property(
      fc.uint8Array({ minLength: 32, maxLength: 32 }),
      fc.uint8Array({ minLength: 32, maxLength: 32 }),
      fc.string({ maxLength: 200 }),
      fc.nat(63),
      (a, b, message, at) => {
        fc.pre(p256.utils.isValidSecretKey(a) && p256.utils.isValidSecretKey(b));
        const pub = publicKeyOf(a);
        const sig = signText(a, message);
        const raw = fromBase64url(sig)!;
        raw[at] = (raw[at] ?? 0) ^ 1;
        const cases: [string, string, string][] = [
          [pub, message, sig],
          [pub, `${message}.`, sig],
          [publicKeyOf(b), message, sig],
          [pub, message, toBase64url(raw)],
          [pub, message, highS(sig)],
          [pub, message, sig.slice(1)],
          [pub.slice(2), message, sig],
          ['!', message, sig],
        ];
        for (const [k, m, s] of cases)
          expect(verifyTextNative(k, m, s), `${k} ${s}`).toBe(verifyText(k, m, s));
        expect(verifyTextNative(pub, message, sig)).toBe(true);
      },
    ),
    { numRuns: 60 },
  );
});
