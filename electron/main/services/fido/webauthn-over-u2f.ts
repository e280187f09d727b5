import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes } from '@noble/hashes/utils.js';
import { AuthFlag } from '../../../../shared/ctap/auth-data';
import { encodeCbor, type CborValue } from '../../../../shared/ctap/cbor';
import { CoseAlg, p256ToCose } from '../../../../shared/ctap/cose';
import { CtapError, Status } from '../../../../shared/ctap/errors';
import type { U2fClient } from './u2f-client';
import {
  assertionJson,
  clientDataFor,
  registrationJson,
  type AssertionJson,
  type AssertionRequest,
  type CreateRequest,
  type RegistrationJson,
} from './webauthn-ceremony';

/**
 * The WebAuthn client part for keys that speak only U2F (CTAP1), as browsers do it (WebAuthn §8.6
 * "FIDO U2F Attestation Statement Format", §6.1.2 "FIDO U2F Signature Format Compatibility"; CTAP 2.1
 * §10 "Interoperating with CTAP1/U2F authenticators"): the challenge parameter is SHA-256 of
 * clientDataJSON, the application parameter SHA-256 of the RP id, and the U2F answers are rewritten
 * into the authenticator data and attestation object a WebAuthn server verifies.
 */

const MAX_PROBES = 64;
const idBytes = (id: string): Uint8Array => new Uint8Array(Buffer.from(id, 'base64url'));
const appParam = (rpId: string): Uint8Array => sha256(new TextEncoder().encode(rpId));

function once(fn: (() => void) | undefined): () => void {
  let told = false;
  return () => {
    if (told) return;
    told = true;
    fn?.();
  };
}

/**
 * Which of `credentialIds` (base64url) this U2F key holds for `rpId`: U2F_AUTHENTICATE check-only
 * (0x07) per id, no touch, nothing signed. Ids a U2F key cannot have (empty, over 255 bytes) are not held.
 */
export async function heldU2fCredentials(
  u2f: U2fClient,
  rpId: string,
  credentialIds: readonly string[],
): Promise<string[]> {
  const app = appParam(rpId);
  const held: string[] = [];
  for (const id of credentialIds.slice(0, MAX_PROBES))
    if (await u2f.holds(app, idBytes(id))) held.push(id);
  return held;
}

/**
 * U2F_REGISTER as navigator.credentials.create() over a U2F key: excluded ids are probed first
 * (check-only; a held one is `key-credential-excluded` before any touch), ES256 must be acceptable
 * (the only U2F algorithm), then the key is polled until touched. The result carries attestation
 * format `fido-u2f` (attStmt {sig, x5c: [certificate]}): in U2F only that signature covers the
 * creation challenge, so the server verifies it rather than an empty `none`. No key PIN exists in U2F.
 */
export async function createCredentialU2f(
  u2f: U2fClient,
  r: Omit<CreateRequest, 'keyPin' | 'user'>,
): Promise<RegistrationJson> {
  if (!r.algorithms.includes(CoseAlg.ES256))
    throw new CtapError('status', 'a U2F key signs with ES256 only', Status.UNSUPPORTED_ALGORITHM);
  if ((await heldU2fCredentials(u2f, r.rp.id, r.exclude)).length > 0)
    throw CtapError.fromStatus(Status.CREDENTIAL_EXCLUDED);
  const client = clientDataFor('webauthn.create', r.challenge, r.origin);
  const app = appParam(r.rp.id);
  const reg = await u2f.register(client.hash, app, {
    onTouchNeeded: once(r.onTouch),
    signal: r.signal,
  });
  const kh = reg.keyHandle;
  if (kh.length === 0) throw new CtapError('malformed', 'the U2F key returned an empty key handle');
  const authData = concatBytes(
    app,
    Uint8Array.of(AuthFlag.UP | AuthFlag.AT),
    new Uint8Array(4), // signature counter 0
    new Uint8Array(16), // AAGUID: all zero for U2F
    Uint8Array.of(kh.length >> 8, kh.length & 0xff),
    kh,
    encodeCbor(p256ToCose(reg.publicKey, CoseAlg.ES256)),
  );
  const attStmt = new Map<string, CborValue>([
    ['sig', reg.signature],
    ['x5c', [reg.certificate]],
  ]);
  const attestationObject = encodeCbor(
    new Map<string, CborValue>([
      ['fmt', 'fido-u2f'],
      ['attStmt', attStmt],
      ['authData', authData],
    ]),
  );
  return registrationJson(kh, client.json, attestationObject);
}

/**
 * U2F_AUTHENTICATE (presence enforced) as navigator.credentials.get() for one credential: the
 * authenticator data is rpIdHash ‖ the key's presence byte as flags ‖ its counter, which is exactly
 * what the U2F signature covers before the clientDataJSON hash, so the server verifies it unchanged.
 */
export async function assertCredentialU2f(
  u2f: U2fClient,
  r: AssertionRequest,
): Promise<AssertionJson> {
  const client = clientDataFor('webauthn.get', r.challenge, r.origin);
  const app = appParam(r.rpId);
  const a = await u2f.authenticate(client.hash, app, idBytes(r.credentialId), {
    onTouchNeeded: once(r.onTouch),
    signal: r.signal,
  });
  if ((a.userPresence & AuthFlag.UP) === 0)
    throw new CtapError('malformed', 'the U2F key signed without user presence');
  const counter = new Uint8Array(4);
  new DataView(counter.buffer).setUint32(0, a.counter);
  return assertionJson(
    r.credentialId,
    client.json,
    concatBytes(app, Uint8Array.of(a.userPresence), counter),
    a.signature,
  );
}
