import { sha256 } from '@noble/hashes/sha2.js';
import { verifyAuthenticationResponse, verifyRegistrationResponse } from '@simplewebauthn/server';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeCbor } from '../../../../../shared/ctap/cbor';
import { CtapHidChannel } from '../../../../../electron/main/services/fido/ctaphid-channel';
import { Ctap2Client } from '../../../../../electron/main/services/fido/ctap2-client';
import { createMemoryPipe } from '../../../../../electron/main/services/fido/memory-transport';
import { NidEmulatorBackend } from '../../../../support/soft-authenticator/nid-emulator-shim';
import { SoftCtapHid } from '../../../../support/soft-authenticator/soft-ctaphid';

// Our client against an authenticator we did not write: nid-webauthn-emulator (npm), bridged behind
// our CTAPHID layer because it only speaks CTAP2 CBOR. Its outputs are checked by @simplewebauthn/server.
const b64u = (b: Uint8Array): string => Buffer.from(b).toString('base64url');
const origin = 'https://konto.example';
const rpId = 'konto.example';
let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

describe('CTAP2 client against nid-webauthn-emulator', () => {
  it('GetInfo, MakeCredential, GetAssertion; attestation and assertion verify', async () => {
    const { host, device } = createMemoryPipe();
    const hid = new SoftCtapHid(new NidEmulatorBackend(), device);
    stop = () => hid.stop();
    const ctap = new Ctap2Client(await CtapHidChannel.open(host));

    const info = await ctap.info();
    expect(info.versions).toContain('FIDO_2_0');
    expect(info.aaguid).toHaveLength(16);

    const challenge = new Uint8Array(32).fill(7);
    const create = new TextEncoder().encode(JSON.stringify({ type: 'webauthn.create', challenge: b64u(challenge), origin }));
    const att = await ctap.makeCredential({ clientDataHash: sha256(create), rp: { id: rpId, name: 'Servicekonto' }, user: { id: Uint8Array.of(5), name: 'erika', displayName: 'Erika' }, residentKey: true });
    const id = att.authData.credential!.credentialId;
    const attestationObject = encodeCbor(new Map<string, never>([['fmt', att.fmt as never], ['attStmt', att.attStmt as never], ['authData', att.authData.raw as never]]));
    const reg = await verifyRegistrationResponse({
      response: { id: b64u(id), rawId: b64u(id), type: 'public-key', clientExtensionResults: {}, response: { clientDataJSON: b64u(create), attestationObject: b64u(attestationObject) } },
      expectedChallenge: b64u(challenge),
      expectedOrigin: origin,
      expectedRPID: rpId,
      requireUserVerification: false,
    });
    expect(reg.verified).toBe(true);

    const get = new TextEncoder().encode(JSON.stringify({ type: 'webauthn.get', challenge: b64u(challenge), origin }));
    const [assertion] = await ctap.getAssertions({ rpId, clientDataHash: sha256(get), allowList: [id] });
    const auth = await verifyAuthenticationResponse({
      response: { id: b64u(id), rawId: b64u(id), type: 'public-key', clientExtensionResults: {}, response: { clientDataJSON: b64u(get), authenticatorData: b64u(assertion!.authData.raw), signature: b64u(assertion!.signature) } },
      expectedChallenge: b64u(challenge),
      expectedOrigin: origin,
      expectedRPID: rpId,
      credential: { id: b64u(id), publicKey: new Uint8Array(att.authData.credential!.publicKeyCose), counter: 0 },
      requireUserVerification: false,
    });
    expect(auth.verified).toBe(true);
  });
});
