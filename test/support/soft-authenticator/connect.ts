import { createMemoryPipe } from '../../../electron/main/services/fido/memory-transport';
import {
  CtapHidChannel,
  type ChannelOptions,
} from '../../../electron/main/services/fido/ctaphid-channel';
import { Ctap2Client } from '../../../electron/main/services/fido/ctap2-client';
import { SoftAuthenticator, type SoftAuthenticatorOptions } from './authenticator';
import { SoftCtapHid, type SoftHidOptions } from './soft-ctaphid';

/**
 * Our client connected to a fresh software authenticator through the in-memory 64-byte-report pipe:
 * the stand-in for a USB key plugged in (none can exist in CI). `stop` unplugs it.
 */
export async function connectSoftKey(
  options: SoftAuthenticatorOptions = {},
  hidOptions: SoftHidOptions = {},
  channelOptions: ChannelOptions = {},
) {
  const { host, device } = createMemoryPipe();
  const hid = new SoftCtapHid(new SoftAuthenticator(options), device, hidOptions);
  const channel = await CtapHidChannel.open(host, channelOptions);
  return {
    hid,
    authenticator: hid.authenticator,
    host,
    channel,
    ctap: new Ctap2Client(channel),
    stop: () => hid.stop(),
  };
}
