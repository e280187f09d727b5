import { verifyAuthenticationResponse, verifyRegistrationResponse } from '@simplewebauthn/server';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeCbor, encodeCbor, type CborValue } from '../../../../../shared/ctap/cbor';
import { U2fClient } from '../../../../../electron/main/services/fido/u2f-client';
import {
  assertCredentialU2f,
  createCredentialU2f,
  heldU2fCredentials,
} from '../../../../../electron/main/services/fido/webauthn-over-u2f';
import { connectSoftKey } from '../../../../support/soft-authenticator/connect';
import { b64u, RP } from '../../../../support/soft-authenticator/webauthn-verify';

/**
 * WebAuthn over a U2F-only key (no CTAP2): our U2F_REGISTER / U2F_AUTHENTICATE rewrite, verified by
 * @simplewebauthn/server (an independent verifier: its `fido-u2f` attestation check and its assertion
 * check). The key is the software authenticator in U2F-only mode, the stand-in for a physical U2F key
 * (none can exist in CI); its U2F answers are validated by python-fido2's Ctap1 (docs/keys.md).
 */

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

async function u2fKey() {
  const key = await connectSoftKey({ ctap2: false });
  stop = key.stop;
  expect(key.ctap.supportsCtap2).toBe(false);
  return { u2f: new U2fClient(key.channel), hid: key.hid };
}

const chal = (fill: number): string => b64u(new Uint8Array(32).fill(fill));
const create = (exclude: string[] = [], algorithms = [-7, -8, -257]) => ({
  origin: RP.origin,
  rp: { id: RP.id, name: 'Konto' },
  challenge: chal(1),
  algorithms,
  exclude,
});

describe('WebAuthn over U2F', () => {
  it('registration is a fido-u2f attestation @simplewebauthn/server verifies; an assertion from U2F_AUTHENTICATE verifies against the stored key, twice with a rising counter', async () => {
    const { u2f, hid } = await u2fKey();
    // The simulated user touches after half a second: the key answers 0x6985 until then, we poll.
    hid.touch = { mode: 'never' };
    setTimeout(() => (hid.touch = { mode: 'auto' }), 500);
    let touched = 0;
    const reg = await createCredentialU2f(u2f, { ...create(), onTouch: () => touched++ });
    expect(touched).toBe(1);
    const att = decodeCbor(
      new Uint8Array(Buffer.from(reg.response.attestationObject, 'base64url')),
    ) as Map<string, unknown>;
    expect(att.get('fmt')).toBe('fido-u2f');
    expect([...(att.get('attStmt') as Map<string, unknown>).keys()].sort()).toEqual(['sig', 'x5c']);
    const verified = await verifyRegistrationResponse({
      response: reg,
      expectedChallenge: chal(1),
      expectedOrigin: RP.origin,
      expectedRPID: RP.id,
      requireUserVerification: false,
      supportedAlgorithmIDs: [-7, -8, -257],
    });
    expect(verified.verified).toBe(true);
    if (!verified.verified) return;
    expect(verified.registrationInfo).toMatchObject({
      fmt: 'fido-u2f',
      aaguid: '00000000-0000-0000-0000-000000000000',
      userVerified: false,
      credential: { id: reg.id, counter: 0 },
    });

    let counter = 0;
    for (const fill of [2, 3]) {
      const a = await assertCredentialU2f(u2f, {
        origin: RP.origin,
        rpId: RP.id,
        challenge: chal(fill),
        credentialId: reg.id,
      });
      const r = await verifyAuthenticationResponse({
        response: a,
        expectedChallenge: chal(fill),
        expectedOrigin: RP.origin,
        expectedRPID: RP.id,
        requireUserVerification: false,
        credential: { ...verified.registrationInfo.credential, counter },
      });
      expect(r.verified).toBe(true);
      expect(r.authenticationInfo.newCounter).toBeGreaterThan(counter);
      counter = r.authenticationInfo.newCounter;
    }
  });

  it('@simplewebauthn/server refuses the same registration when its attestation names another key’s certificate', async () => {
    const { u2f } = await u2fKey();
    const other = await connectSoftKey({ ctap2: false });
    const theirs = await createCredentialU2f(new U2fClient(other.channel), create());
    await other.stop();
    const attOf = (r: { response: { attestationObject: string } }) =>
      decodeCbor(new Uint8Array(Buffer.from(r.response.attestationObject, 'base64url'))) as Map<
        string,
        CborValue
      >;
    const reg = await createCredentialU2f(u2f, create());
    const att = attOf(reg);
    (att.get('attStmt') as Map<string, CborValue>).set(
      'x5c',
      (attOf(theirs).get('attStmt') as Map<string, CborValue>).get('x5c') as CborValue,
    );
    const spoilt = {
      ...reg,
      response: { ...reg.response, attestationObject: b64u(encodeCbor(att)) },
    };
    const verify = (response: typeof reg) =>
      verifyRegistrationResponse({
        response,
        expectedChallenge: chal(1),
        expectedOrigin: RP.origin,
        expectedRPID: RP.id,
        requireUserVerification: false,
      });
    expect((await verify(reg)).verified).toBe(true);
    expect((await verify(spoilt)).verified).toBe(false);
  });

  it('check-only matching: the key names its own handle for that RP only, not another key’s, not an impossible id', async () => {
    const { u2f } = await u2fKey();
    const mine = (await createCredentialU2f(u2f, create())).id;
    const other = await connectSoftKey({ ctap2: false });
    const theirs = (await createCredentialU2f(new U2fClient(other.channel), create())).id;
    await other.stop();
    const tooLong = b64u(new Uint8Array(256).fill(9));
    expect(await heldU2fCredentials(u2f, RP.id, [theirs, mine, tooLong, ''])).toEqual([mine]);
    expect(await heldU2fCredentials(u2f, 'other.example', [mine])).toEqual([]);
  });

  it('an excluded handle the key holds is key-credential-excluded before any touch; a request without ES256 is key-unsupported', async () => {
    const { u2f } = await u2fKey();
    const mine = (await createCredentialU2f(u2f, create())).id;
    let touched = 0;
    await expect(
      createCredentialU2f(u2f, { ...create([mine]), onTouch: () => touched++ }),
    ).rejects.toMatchObject({ code: 'key-credential-excluded' });
    await expect(createCredentialU2f(u2f, create([], [-8, -257]))).rejects.toMatchObject({
      code: 'key-unsupported',
    });
    expect(touched).toBe(0);
  });
});
