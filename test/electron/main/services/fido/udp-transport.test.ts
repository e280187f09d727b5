import { describe, expect, it } from 'vitest';
import { CtapHidChannel } from '../../../../../electron/main/services/fido/ctaphid-channel';
import { Ctap2Client } from '../../../../../electron/main/services/fido/ctap2-client';
import { CtapHidCmd } from '../../../../../shared/ctap/hid-frame';
import { openUdpTransport } from '../../../../../electron/main/services/fido/udp-transport';
import { serveSoftAuthenticatorUdp } from '../../../../support/soft-authenticator/serve-udp';

// The simulator convention (device 8111, host 7112) with ephemeral ports on both sides, so parallel
// test runs never collide; a developer points openUdpTransport() at a solo1/canokey simulator the same way.
describe('UDP transport', () => {
  it('our client reaches the software authenticator over loopback UDP: INIT, PING of a multi-packet payload, GetInfo', async () => {
    const served = await serveSoftAuthenticatorUdp(0);
    const transport = await openUdpTransport(served.port, 0);
    try {
      const channel = await CtapHidChannel.open(transport);
      const payload = Uint8Array.from({ length: 1000 }, (_, i) => i & 0xff);
      expect(await channel.transact(CtapHidCmd.PING, payload)).toEqual(payload);
      expect((await new Ctap2Client(channel).info()).versions).toContain('FIDO_2_1');
    } finally {
      await transport.close();
      await served.stop();
    }
  });

  it('a closed UDP transport reports the key as removed', async () => {
    const transport = await openUdpTransport(9, 0);
    await transport.close();
    await expect(transport.read(10)).rejects.toMatchObject({ code: 'key-removed' });
    await expect(transport.write(new Uint8Array(64))).rejects.toMatchObject({
      code: 'key-removed',
    });
  });
});
