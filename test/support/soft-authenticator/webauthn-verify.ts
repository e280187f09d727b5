import { sha256 } from '@noble/hashes/sha2.js';
import { verifyAuthenticationResponse, verifyRegistrationResponse } from '@simplewebauthn/server';
import { encodeCbor } from '../../../shared/ctap/cbor';
import type { Assertion } from '../../../shared/ctap/get-assertion';
import type { Attestation } from '../../../shared/ctap/make-credential';

/** The relying party the cross-checks pretend to be. */
export const RP = { origin: 'https://konto.example', id: 'konto.example' } as const;

/** base64url, as WebAuthn JSON carries bytes. */
export const b64u = (b: Uint8Array): string => Buffer.from(b).toString('base64url');

/** clientDataJSON for `type` and its hash (what the authenticator signs over). */
export function clientData(
  type: 'webauthn.create' | 'webauthn.get',
  challenge: Uint8Array,
): { json: Uint8Array; hash: Uint8Array } {
  const json = new TextEncoder().encode(
    JSON.stringify({ type, challenge: b64u(challenge), origin: RP.origin, crossOrigin: false }),
  );
  return { json, hash: sha256(json) };
}

/**
 * Has @simplewebauthn/server (an independent verifier) check a MakeCredential result as a registration
 * response; returns its verdict.
 */
export async function verifyAttestation(
  att: Attestation,
  create: { json: Uint8Array },
  challenge: Uint8Array,
  requireUserVerification: boolean,
): Promise<boolean> {
  const id = b64u(att.authData.credential?.credentialId ?? new Uint8Array(0));
  const attestationObject = encodeCbor(
    new Map<string, never>([
      ['fmt', att.fmt as never],
      ['attStmt', att.attStmt as never],
      ['authData', att.authData.raw as never],
    ]),
  );
  const result = await verifyRegistrationResponse({
    response: {
      id,
      rawId: id,
      type: 'public-key',
      clientExtensionResults: {},
      response: { clientDataJSON: b64u(create.json), attestationObject: b64u(attestationObject) },
    },
    expectedChallenge: b64u(challenge),
    expectedOrigin: RP.origin,
    expectedRPID: RP.id,
    requireUserVerification,
  });
  return result.verified;
}

/** Has @simplewebauthn/server check an assertion against the credential from `att`. */
export async function verifyAssertion(
  att: Attestation,
  assertion: Assertion,
  get: { json: Uint8Array },
  challenge: Uint8Array,
): Promise<boolean> {
  const id = b64u(att.authData.credential?.credentialId ?? new Uint8Array(0));
  const result = await verifyAuthenticationResponse({
    response: {
      id,
      rawId: id,
      type: 'public-key',
      clientExtensionResults: {},
      response: {
        clientDataJSON: b64u(get.json),
        authenticatorData: b64u(assertion.authData.raw),
        signature: b64u(assertion.signature),
      },
    },
    expectedChallenge: b64u(challenge),
    expectedOrigin: RP.origin,
    expectedRPID: RP.id,
    credential: {
      id,
      publicKey: new Uint8Array(att.authData.credential?.publicKeyCose ?? []),
      counter: 0,
    },
    requireUserVerification: false,
  });
  return result.verified;
}
