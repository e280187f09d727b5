import { FaktorError, isFaktorError } from '../../../shared/errors';
import type { Channel, RequestOf, ResponseOf } from '../../../shared/ipc/contract';
import type { Ports } from '../ports';
import { createAutoLock, type AutoLock } from '../services/auto-lock';
import { createClipboardGuard, type ClipboardGuard } from '../services/clipboard-guard';
import { DEFAULT_KDF, type KdfCost } from '../services/crypto';
import { createOsKeychain, type Keychain } from '../services/keychain';
import { createVault, type Vault } from '../services/vault';
import type { VaultHooks } from '../services/vault-options';
import { createAccountHandlers } from './accounts';
import { isUserActivity } from './activity';
import { createBackupHandlers } from './backup';
import { createCodeHandlers } from './codes';
import { createGroupHandlers } from './groups';
import { createImportHandlers } from './import';
import { createKeyHandlers } from './keys';
import { createAppScanService, createQrHandlers } from './qr';
import { createRecoveryHandlers } from './recovery';
import { createServicekontoHandlers } from './servicekonto';
import {
  createLiveSettings,
  createSettingsHandlers,
  uiLanguage,
  type LiveSettings,
} from './settings';
import { createVaultHandlers } from './vault';
import { createOsUnlockHandlers, OS_UNLOCK_REASON } from './os-unlock';
import { createOsUnlock, type OsUnlock } from '../services/os-unlock';
import type { DesktopStatus } from '../../../shared/ipc/desktop-schemas';
import type { Settings } from '../../../shared/ipc/schemas';
import { createSameDeviceLinks, type SameDeviceLinks } from '../services/servicekonto/same-device';
import { createServicekontoService } from '../services/servicekonto/servicekonto-service';

/**
 * The main-process implementation of every IPC channel (shared/ipc/contract.ts), one file per area
 * in this folder, on top of the services. The dispatcher (electron/main/ipc.ts) validates payload
 * shapes before calling in and validates responses on the way out; this layer does the semantic
 * checks, the lock gate and the auto-lock bookkeeping. No response carries a secret; errors are
 * FaktorErrors with codes only.
 */

export { isUserActivity } from './activity';
export { uiLanguage } from './settings';

/** One async function per channel; a channel missing here is a compile error. */
export type Api = { readonly [C in Channel]: (request: RequestOf<C>) => Promise<ResponseOf<C>> };

/** What the API is built from. */
export interface ApiDeps {
  /** App-data directory (Electron: app.getPath('userData')); vault.json and settings.json live here. */
  readonly appDataDir: string;
  /** Keychain service name; the app uses DEFAULT_KEYCHAIN_SERVICE, tests a unique throwaway one. */
  readonly keychainService: string;
  readonly ports: Ports;
  /** A built QR worker file to run (the e2e harness: out/main's); default: the one next to the running code. */
  readonly qrWorkerBundle?: string;
  /** The desktop integration's state for `desktop-status` (main-process.ts); absent → everything off. */
  readonly desktopStatus?: () => DesktopStatus;
  /** Called with the settings in force once they are read, and after every change (desktop integration). */
  readonly onSettings?: (settings: Settings) => void;
  /**
   * Knobs for tests and the harness only: a cheaper KDF (never lowered silently in production: it is
   * DEFAULT_KDF unless a caller passes this), crash hooks, another Keychain implementation, undo window.
   */
  readonly testing?: {
    readonly kdf?: KdfCost;
    readonly vaultHooks?: VaultHooks;
    readonly keychain?: Keychain;
    readonly undoMs?: number;
  };
}

/** Keychain service name of the real app. */
export const DEFAULT_KEYCHAIN_SERVICE = 'Faktor';

/** Builds the API. Nothing is read from disk or keychain until the first call. */
export function createApi(deps: ApiDeps): Api {
  return createApiCore(deps).api;
}

/** The API plus what main's desktop integration acts on besides channels: the same-device link opener and the settings. */
export interface ApiCore {
  readonly api: Api;
  readonly links: SameDeviceLinks;
  readonly settings: LiveSettings;
}

/** Builds the API and the parts the desktop integration shares with it (main-process.ts). */
export function createApiCore(deps: ApiDeps): ApiCore {
  const { ports } = deps;
  const { clock } = ports;
  const kdf = deps.testing?.kdf ?? DEFAULT_KDF;
  const settings = createLiveSettings(deps.appDataDir);
  const clipboard = createClipboardGuard(ports.clipboard, clock);
  /** Run when the vault leaves 'ready' (locked by the user or auto-lock, or failed): drop what must not outlive it. */
  const onLocked: (() => void)[] = [];
  const onVaultLocked = (listener: () => void) => onLocked.push(listener);
  const keychain = deps.testing?.keychain ?? createOsKeychain(deps.keychainService);
  // Built after the vault (it needs it); the vault's re-key hook reaches it through this binding.
  let osUnlock: OsUnlock | null = null;
  const vault = createApiVault(deps, {
    keychain,
    kdf,
    clipboard,
    onLocked,
    osUnlock: () => osUnlock,
  });
  // Quit: a copied code must not outlive the app on the clipboard (only if it is still ours there).
  ports.onQuit?.(() => clipboard.clearNow().catch(() => undefined));
  const autoLock = createAutoLock({
    clock,
    minutes: () => settings.current().autoLockMinutes,
    canLock: () => vault.canLock(),
    lock: () => vault.lock(),
  });

  const scan = createAppScanService({ vault, ports, workerBundle: deps.qrWorkerBundle });
  // Same-device links (docs/desktop.md): the Servicekonto service's own checks, the scan service's tokens.
  const linkChecks = createServicekontoService({ vault, kdf, clock });
  const links = createSameDeviceLinks({
    prepare: (p) => linkChecks.prepareOffline(p),
    admit: (p, source) => scan.admitText(p, source),
    now: () => clock.now(),
  });
  void settings.ready.then(() => deps.onSettings?.(settings.current()));
  /** The language of main's own native dialogs. */
  const language = (): 'de' | 'en' => uiLanguage(settings.current().language, ports.locale());
  osUnlock = createOsUnlock({
    vault,
    keychain,
    verifier: ports.osVerifier,
    reason: () => OS_UNLOCK_REASON[language()],
  });
  const osUnlockService = osUnlock;
  const desktopStatus =
    deps.desktopStatus ??
    ((): DesktopStatus => ({ shortcuts: { scan: 'off', search: 'off' }, loginItem: false }));
  const handlers: Api = {
    ...createVaultHandlers(vault),
    ...createAccountHandlers(vault),
    ...createGroupHandlers(vault),
    ...createCodeHandlers({
      vault,
      clock,
      clipboard,
      clearSeconds: () => settings.current().clipboardClearSeconds,
    }),
    ...createSettingsHandlers({
      settings,
      vault,
      ports,
      onChanged: () => {
        autoLock.reschedule();
        deps.onSettings?.(settings.current());
      },
    }),
    ...createBackupHandlers({ vault, ports, kdf, language }),
    ...createQrHandlers({ vault, ports, scan, onVaultLocked }),
    ...createImportHandlers({ vault, ports, onVaultLocked }),
    ...createServicekontoHandlers({ vault, scan, ports, kdf, onVaultLocked, language }),
    ...createRecoveryHandlers({ vault, keychain, dir: deps.appDataDir, now: () => clock.now() }),
    ...createOsUnlockHandlers(osUnlockService),
    ...createKeyHandlers({
      ports,
      language,
      servicekonto: linkChecks,
      vault,
      now: () => clock.now(),
    }),
    'desktop-status': async () => desktopStatus(),
  };

  const api = gated(handlers, { settings, autoLock });
  return { api, links, settings };
}

/**
 * The vault as the API runs it: leaving 'ready' clears a copied code and runs the `onLocked` listeners,
 * status and changes go out as events, and a re-key reaches OS unlock (or its key copy is zeroed).
 */
function createApiVault(
  deps: ApiDeps,
  o: {
    keychain: Keychain;
    kdf: KdfCost;
    clipboard: ClipboardGuard;
    onLocked: readonly (() => void)[];
    osUnlock: () => OsUnlock | null;
  },
): Vault {
  const { ports } = deps;
  return createVault({
    dir: deps.appDataDir,
    keychain: o.keychain,
    clock: ports.clock,
    kdf: o.kdf,
    hooks: deps.testing?.vaultHooks,
    undoMs: deps.testing?.undoMs,
    onStatus: (status) => {
      if (status.state !== 'ready') {
        void o.clipboard.clearNow().catch(() => undefined);
        for (const listener of o.onLocked) listener();
      }
      ports.emit('vault-status', status);
    },
    onChange: () => ports.emit('vault-changed', {}),
    onRekey: async (next) => {
      const osUnlock = o.osUnlock();
      if (osUnlock) await osUnlock.afterRekey(next);
      else next?.key.fill(0);
    },
  });
}

/**
 * Every channel through the same gate: the settings read, the auto-lock checked (and touched on user
 * activity), and only typed errors out.
 */
function gated(handlers: Api, o: { settings: LiveSettings; autoLock: AutoLock }): Api {
  const { settings, autoLock } = o;
  const wrap = <C extends Channel>(channel: C, fn: Api[C]): Api[C] =>
    (async (request: RequestOf<C>) => {
      try {
        await settings.ready;
        await autoLock.check();
        if (isUserActivity(channel, request)) autoLock.touch();
        return await (fn as (r: RequestOf<C>) => Promise<ResponseOf<C>>)(request);
      } catch (e) {
        // Only our typed errors cross; anything else becomes 'internal' without its message
        // (a platform message could name a path or worse, never a secret we let it see).
        if (isFaktorError(e)) throw e;
        throw new FaktorError('internal', e instanceof Error ? e.name : 'error');
      }
    }) as Api[C];

  return Object.fromEntries(
    (Object.keys(handlers) as Channel[]).map((c) => [c, wrap(c, handlers[c] as Api[typeof c])]),
  ) as Api;
}
