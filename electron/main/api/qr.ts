import { isFaktorError } from '../../../shared/errors';
import { otpParamsOf } from '../../../shared/account';
import type { Channel, RequestOf, ResponseOf } from '../../../shared/ipc/contract';
import type { AccountView, ImportResult } from '../../../shared/ipc/schemas';
import type { Ports } from '../ports';
import { createQrDecoder, type QrDecoder } from '../services/qr-decoder';
import { createQrScanService, type QrScanService } from '../services/qr-scan';
import type { NewAccount } from '../services/vault-account';

/** The QR channels of the contract (docs/qr.md). */
export type QrChannel = Extract<Channel, `qr-${string}`>;

/** The vault operations the QR channels use (a subset of services/vault.ts's Vault). */
export interface QrApiVault {
  list(): Promise<AccountView[]>;
  add(input: NewAccount): Promise<AccountView>;
  importAccounts(list: readonly NewAccount[]): Promise<ImportResult>;
}

/**
 * One function per QR channel, hooked into api/index.ts. Every call first asks the vault for its list, so a
 * locked app neither captures the screen nor decodes anything (the same early refusal as backup-import).
 * Payloads scanned before a lock are forgotten the moment the vault locks (`onVaultLocked`, fed from
 * the vault's status changes), and again by any call that finds the vault locked.
 */
export function createQrHandlers(deps: {
  vault: QrApiVault;
  ports: Ports;
  decoder?: QrDecoder;
  /** The scan service to use (shared with the Servicekonto channels, which act on scanned tokens). */
  scan?: QrScanService;
  /** Registers a callback run whenever the vault leaves the ready state (lock, error). */
  onVaultLocked?: (listener: () => void) => void;
}): {
  readonly [C in QrChannel]: (request: RequestOf<C>) => Promise<ResponseOf<C>>;
} {
  const scan = deps.scan ?? createAppScanService(deps);
  // A locked vault drops every scanned payload still held (they may hold secrets): at once on lock,
  // and on any call that finds it locked (a lock that raced a scan).
  deps.onVaultLocked?.(() => scan.forgetAll());
  const unlocked = async () => {
    try {
      await deps.vault.list();
    } catch (e) {
      if (isFaktorError(e, 'vault-locked')) scan.forgetAll();
      throw e;
    }
  };
  return {
    'qr-scan-screen': async () => (await unlocked(), scan.scanScreen()),
    'qr-decode-image': async (req) => (await unlocked(), scan.decodeImage(req)),
    'qr-scan-clipboard': async () => (await unlocked(), scan.scanClipboard()),
    'qr-add-account': async (req) => (await unlocked(), scan.addAccount(req)),
    'qr-import-migration': async (req) => (await unlocked(), scan.importMigration(req)),
  };
}

/** The app's scan service on the vault (one per app, shared by the QR and Servicekonto channels). */
export function createAppScanService(deps: {
  vault: QrApiVault;
  ports: Ports;
  decoder?: QrDecoder;
  workerBundle?: string;
}): QrScanService {
  return createQrScanService({
    decoder: deps.decoder ?? createQrDecoder({ workerBundle: deps.workerBundle }),
    ports: deps.ports.qrSources ?? {},
    vault: {
      // Only the fields the vault stores are handed over.
      add: (p) => deps.vault.add(otpParamsOf(p)),
      importAccounts: (list) => deps.vault.importAccounts(list.map((p) => otpParamsOf(p))),
    },
    now: () => deps.ports.clock.now(),
  });
}
