import { p256 } from '@noble/curves/nist.js';
import { concatBytes } from '@noble/hashes/utils.js';
import { CtapError } from '../../../shared/ctap/errors';
import { parseApdu, U2fAuthMode, U2fIns, U2fSw } from '../../../shared/ctap/u2f';
import { selfSignedCertificate } from './attestation-cert';
import type { RequestContext } from './presence';
import type { CredentialStore } from './store';

const sw = (word: number): Uint8Array => Uint8Array.of(word >> 8, word & 0xff);

/** The U2F attestation identity of one simulated key. */
export interface U2fIdentity {
  readonly secretKey: Uint8Array;
  readonly certificate: Uint8Array;
}

/** A fresh attestation key with its self-signed certificate. */
export function newU2fIdentity(): U2fIdentity {
  const secretKey = p256.utils.randomSecretKey();
  return {
    secretKey,
    certificate: selfSignedCertificate(secretKey, p256.getPublicKey(secretKey, false)),
  };
}

/**
 * U2F raw messages over CTAPHID_MSG: VERSION, REGISTER and AUTHENTICATE (check-only, enforce, don't
 * enforce). Like a real token it answers 0x6985 until touched instead of blocking.
 */
export function handleU2f(
  store: CredentialStore,
  identity: U2fIdentity,
  apduBytes: Uint8Array,
  ctx: RequestContext,
): Uint8Array {
  let apdu;
  try {
    apdu = parseApdu(apduBytes);
  } catch (e) {
    if (e instanceof CtapError) return sw(U2fSw.WRONG_LENGTH);
    throw e;
  }
  if (apdu.cla !== 0) return sw(U2fSw.CLA_NOT_SUPPORTED);
  if (apdu.ins === U2fIns.VERSION)
    return concatBytes(new TextEncoder().encode('U2F_V2'), sw(U2fSw.OK));
  if (apdu.ins === U2fIns.REGISTER) {
    if (apdu.data.length !== 64) return sw(U2fSw.WRONG_LENGTH);
    if (!ctx.touchedNow()) return sw(U2fSw.CONDITIONS_NOT_SATISFIED);
    const challenge = apdu.data.subarray(0, 32);
    const app = apdu.data.subarray(32, 64);
    const c = store.create({ rpIdHash: app.slice(), resident: false });
    const signed = concatBytes(Uint8Array.of(0), app, challenge, c.id, c.publicKey);
    const sig = p256.sign(signed, identity.secretKey, { format: 'der' });
    return concatBytes(
      Uint8Array.of(5),
      c.publicKey,
      Uint8Array.of(c.id.length),
      c.id,
      identity.certificate,
      sig,
      sw(U2fSw.OK),
    );
  }
  if (apdu.ins === U2fIns.AUTHENTICATE) {
    const d = apdu.data;
    if (d.length < 65 || d.length !== 65 + (d[64] ?? 0)) return sw(U2fSw.WRONG_LENGTH);
    const c = store.find(d.subarray(65), d.subarray(32, 64));
    if (!c) return sw(U2fSw.WRONG_DATA);
    if (apdu.p1 === U2fAuthMode.CHECK_ONLY) return sw(U2fSw.CONDITIONS_NOT_SATISFIED);
    const enforce = apdu.p1 === U2fAuthMode.ENFORCE;
    if (enforce && !ctx.touchedNow()) return sw(U2fSw.CONDITIONS_NOT_SATISFIED);
    const counter = new Uint8Array(4);
    new DataView(counter.buffer).setUint32(0, store.nextCounter());
    const up = Uint8Array.of(enforce ? 1 : 0);
    const sig = p256.sign(
      concatBytes(d.subarray(32, 64), up, counter, d.subarray(0, 32)),
      c.secretKey,
      { format: 'der' },
    );
    return concatBytes(up, counter, sig, sw(U2fSw.OK));
  }
  return sw(U2fSw.INS_NOT_SUPPORTED);
}
