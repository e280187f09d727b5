import { Permission } from '../../../shared/ctap/client-pin';
import { Ctap2Client } from '../../../electron/main/services/fido/ctap2-client';
import { CtapHidChannel } from '../../../electron/main/services/fido/ctaphid-channel';
import { createMemoryPipe } from '../../../electron/main/services/fido/memory-transport';
import { PinClient } from '../../../electron/main/services/fido/pin-client';
import type { SoftAuthenticator } from './authenticator';
import { SoftCtapHid } from './soft-ctaphid';

/**
 * Puts a resident credential (passkey) for `user` at `rpId` on a simulated key through our own client's
 * MakeCredential with a PIN token — how a site would, so listing/deleting tests start from real data.
 */
export async function enrolResident(
  a: SoftAuthenticator,
  pin: string,
  rpId: string,
  user: string,
): Promise<void> {
  const { host, device } = createMemoryPipe();
  const hid = new SoftCtapHid(a, device);
  try {
    const ctap = new Ctap2Client(await CtapHidChannel.open(host));
    const t = await new PinClient(ctap).token(pin, Permission.MC, rpId);
    const cdh = new Uint8Array(32);
    await ctap.makeCredential({
      clientDataHash: cdh,
      rp: { id: rpId },
      user: { id: new TextEncoder().encode(user), name: user, displayName: user },
      residentKey: true,
      pinUvAuthParam: t.protocol.authenticate(t.token, cdh),
      pinUvAuthProtocol: t.protocol.version,
    });
  } finally {
    await hid.stop();
  }
}
