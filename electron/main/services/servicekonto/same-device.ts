import { FaktorError } from '../../../../shared/errors';
import type { FoundCode, ScanSource } from '../../../../shared/qr/found-code';
import { unwrapSameDeviceLink } from '../../../../shared/servicekonto/same-device-link';
import type { OfflineLogin } from './offline-login';

/** How many used links are remembered (each only until its payload expires anyway). */
const MAX_REMEMBERED = 1000;

/** What opening a link needs: the Servicekonto check of a login payload and the scan service's token store. */
export interface SameDeviceDeps {
  /** servicekonto-service's prepareOffline: router + parser (expiry) + origin/account pinning. */
  prepare(payload: string): Promise<OfflineLogin>;
  /** qr-scan's admitText: routes the payload again and keeps it behind a token, like a scanned code. */
  admit(payload: string, source: ScanSource): FoundCode;
  now(): number;
}

/**
 * Same-device approval in the app (docs/desktop.md): a `faktor://login` link from the OS is unwrapped
 * (shared/servicekonto/same-device-link.ts) and its payload goes through exactly the checks of a
 * scanned login QR — router, parser, expiry, and the pinning to a paired origin + account, BEFORE the
 * user sees anything. A link is single use here too: the same transaction opened twice is refused
 * ('protocol-replayed'), on top of the server's own single use of the transaction.
 */
export function createSameDeviceLinks(deps: SameDeviceDeps) {
  const used = new Map<string, number>();
  const sweep = (): void => {
    const now = deps.now();
    for (const [key, until] of used)
      if (until <= now || used.size > MAX_REMEMBERED) used.delete(key);
  };
  return {
    /** Checks a link and returns the code to show (the renderer's confirm step); throws a FaktorError. */
    async open(link: unknown): Promise<FoundCode> {
      const payload = unwrapSameDeviceLink(link);
      const { login } = await deps.prepare(payload);
      sweep();
      const key = `${login.origin} ${login.tx}`;
      if (used.has(key)) throw new FaktorError('protocol-replayed', 'link already opened');
      used.set(key, login.exp * 1000);
      return deps.admit(payload, { kind: 'link' });
    },
  };
}

/** The same-device link opener's shape. */
export type SameDeviceLinks = ReturnType<typeof createSameDeviceLinks>;
