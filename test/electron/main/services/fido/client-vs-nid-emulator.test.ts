import { afterEach, describe, expect, it } from 'vitest';
import { CtapHidChannel } from '../../../../../electron/main/services/fido/ctaphid-channel';
import { Ctap2Client } from '../../../../../electron/main/services/fido/ctap2-client';
import { createMemoryPipe } from '../../../../../electron/main/services/fido/memory-transport';
import { NidEmulatorBackend } from '../../../../support/soft-authenticator/nid-emulator-shim';
import { SoftCtapHid } from '../../../../support/soft-authenticator/soft-ctaphid';
import {
  clientData,
  RP,
  verifyAssertion,
  verifyAttestation,
} from '../../../../support/soft-authenticator/webauthn-verify';

// Our client against an authenticator we did not write: nid-webauthn-emulator (npm), bridged behind
// our CTAPHID layer because it only speaks CTAP2 CBOR. Its outputs are checked by @simplewebauthn/server.
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
    const create = clientData('webauthn.create', challenge);
    const att = await ctap.makeCredential({
      clientDataHash: create.hash,
      rp: { id: RP.id, name: 'Servicekonto' },
      user: { id: Uint8Array.of(5), name: 'erika', displayName: 'Erika' },
      residentKey: true,
    });
    expect(await verifyAttestation(att, create, challenge, false)).toBe(true);

    const get = clientData('webauthn.get', challenge);
    const [assertion] = await ctap.getAssertions({
      rpId: RP.id,
      clientDataHash: get.hash,
      allowList: [att.authData.credential!.credentialId],
    });
    expect(await verifyAssertion(att, assertion!, get, challenge)).toBe(true);
  });
});
