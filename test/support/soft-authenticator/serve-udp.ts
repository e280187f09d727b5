import { SoftAuthenticator, type SoftAuthenticatorOptions } from './authenticator';
import { SoftCtapHid } from './soft-ctaphid';
import { listenUdpDevice } from './udp-device';

/**
 * Starts a software authenticator on loopback UDP; `port` 0 picks an ephemeral one (tests), 8111 is
 * the simulator convention (pointing a developer's tools at it by hand).
 */
export async function serveSoftAuthenticatorUdp(
  port = 0,
  options: SoftAuthenticatorOptions = {},
): Promise<{ port: number; hid: SoftCtapHid<SoftAuthenticator>; stop: () => Promise<void> }> {
  const { transport, port: bound } = await listenUdpDevice(port);
  const hid = new SoftCtapHid(new SoftAuthenticator(options), transport);
  return { port: bound, hid, stop: () => hid.stop() };
}
