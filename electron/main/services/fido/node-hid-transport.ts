import HID from 'node-hid';
import { CtapError } from '../../../../shared/ctap/errors';
import { UDEV_RULE } from '../../../../shared/ctap/udev-rule';
import { checkReport, type HidTransport } from './transport';

/** The FIDO HID usage page; only interfaces on it are security keys. */
export const FIDO_USAGE_PAGE = 0xf1d0;

/** A FIDO interface the OS lists. */
export interface KeyDevice {
  readonly path: string;
  readonly vendorId: number;
  readonly productId: number;
  readonly product?: string;
  readonly manufacturer?: string;
  readonly serialNumber?: string;
}

/** The udev rule a Linux user needs (build/70-faktor-fido.rules ships the full one). */
export { UDEV_RULE } from '../../../../shared/ctap/udev-rule';

let driverSet = false;
function hid(): typeof HID {
  // hidraw, not libusb: libusb would detach the kernel driver and needs write access to the USB node.
  if (!driverSet && process.platform === 'linux') HID.setDriverType('hidraw');
  driverSet = true;
  return HID;
}

/** FIDO interfaces currently plugged in; zero devices is a valid answer (no key, or none visible). */
export async function listKeyDevices(): Promise<KeyDevice[]> {
  const all = await hid().devicesAsync();
  return all
    .filter((d) => d.usagePage === FIDO_USAGE_PAGE && typeof d.path === 'string')
    .map((d) => ({
      path: d.path as string,
      vendorId: d.vendorId,
      productId: d.productId,
      product: d.product,
      manufacturer: d.manufacturer,
      serialNumber: d.serialNumber,
    }));
}

/**
 * Turns an open/read/write failure into what the user can act on: permission denied (with the udev
 * rule on Linux, elevation on Windows), or the key being gone.
 */
export function classifyHidError(
  e: unknown,
  platform: NodeJS.Platform = process.platform,
): CtapError {
  const message = e instanceof Error ? e.message : String(e);
  if (/permission|access denied|EACCES|cannot open device/i.test(message)) {
    const fix =
      platform === 'linux'
        ? ` Install the udev rule: ${UDEV_RULE}`
        : platform === 'win32'
          ? ' On Windows, FIDO keys need the browser API or an elevated process.'
          : '';
    return new CtapError('permission-denied', `cannot open the key.${fix}`);
  }
  return new CtapError('removed', `the key stopped answering (${message.slice(0, 80)})`);
}

/**
 * Opens a key through node-hid. Writes are 65 bytes (report id 0 + the 64-byte report) as hidapi and
 * libfido2 do; reads return 64 bytes.
 */
export async function openNodeHidTransport(path: string): Promise<HidTransport> {
  let device: HID.HIDAsync;
  try {
    device = await hid().HIDAsync.open(path);
  } catch (e) {
    throw classifyHidError(e);
  }
  let closed = false;
  const guard = async <T>(op: () => Promise<T>): Promise<T> => {
    if (closed) throw new CtapError('removed', 'the key was closed');
    try {
      return await op();
    } catch (e) {
      throw classifyHidError(e);
    }
  };
  return {
    write: (report) =>
      guard(async () => {
        checkReport(report);
        const framed = Buffer.alloc(65);
        framed.set(report, 1);
        await device.write(framed);
      }),
    read: (timeoutMs) =>
      guard(async () => {
        const data = await device.read(Math.max(0, Math.round(timeoutMs)));
        return data && data.length > 0 ? new Uint8Array(data) : undefined;
      }),
    close: async () => {
      if (closed) return;
      closed = true;
      await device.close().catch(() => undefined);
    },
  };
}
