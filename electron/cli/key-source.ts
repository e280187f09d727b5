import type { KeyView } from '../../shared/ipc/keys-schemas';
import { FaktorError } from '../../shared/errors';
import { KeyManager, type KeyManagerDeps } from '../main/services/fido/key-manager';
import { keyView } from '../main/services/fido/key-views';
import {
  listKeyDevices,
  openNodeHidTransport,
  type KeyDevice,
} from '../main/services/fido/node-hid-transport';
import { openUdpTransport } from '../main/services/fido/udp-transport';
import { UsageError, type CommandArgs, type OptionSpec } from './command';

/** The option every `keys` subcommand takes: talk to a simulator on loopback UDP instead of USB. */
export const KEY_SOURCE_OPTIONS: OptionSpec = { udp: { type: 'string' } };

/** Help line for it. */
export const KEY_SOURCE_HELP =
  '  --udp PORT          a key simulator on 127.0.0.1:PORT (solo1/canokey convention 8111, or the test soft key) instead of USB';

/**
 * Where the CLI's keys come from: node-hid (USB), or with `--udp PORT` one simulated key on loopback
 * UDP, the convention the solo1 and canokey simulators use (and how the tests reach the soft key).
 */
export function keySource(args: CommandArgs): Pick<KeyManagerDeps, 'list' | 'open'> {
  const udp = args.values.udp;
  if (typeof udp !== 'string') return { list: listKeyDevices, open: openNodeHidTransport };
  if (!/^[0-9]{1,5}$/.test(udp) || Number(udp) < 1 || Number(udp) > 65535)
    throw new UsageError('--udp needs a port number');
  const port = Number(udp);
  const device: KeyDevice = {
    path: `udp:127.0.0.1:${port}`,
    vendorId: 0,
    productId: 0,
    product: 'UDP key simulator',
  };
  return { list: async () => [device], open: async () => openUdpTransport(port, 0) };
}

/** The manager over that source. */
export function keyManager(args: CommandArgs): KeyManager {
  return new KeyManager(keySource(args));
}

/**
 * The key a subcommand means: the path given, or the only key plugged in. None plugged, an unknown
 * path → key-removed; several keys and no path → a usage error naming them.
 */
export async function chooseKey(manager: KeyManager, path: string | undefined): Promise<KeyView> {
  const keys = (await manager.listKeys()).map(keyView);
  if (path !== undefined) {
    const k = keys.find((x) => x.path === path);
    if (!k) throw new FaktorError('key-removed', `no security key at ${path}`);
    return k;
  }
  if (keys.length === 0) throw new FaktorError('key-removed', 'no security key is plugged in');
  if (keys.length > 1)
    throw new UsageError(
      `several keys are plugged in; name one: ${keys.map((k) => k.path).join(', ')}`,
    );
  return keys[0]!;
}

/** One line per key for the plain-text list. */
export function keyLine(k: KeyView): string {
  const name = k.product ?? 'Security key';
  if (k.error) return `${k.path}  ${name}  cannot be read: ${k.error}`;
  const pin = !k.ctap2
    ? 'U2F only'
    : k.pinSet
      ? `PIN set${k.pinRetries !== undefined ? ` (${k.pinRetries} tries left)` : ''}`
      : 'no PIN';
  return `${k.path}  ${name}  ${k.versions.join(',')}  ${pin}`;
}
