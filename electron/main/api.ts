import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { FaktorError, isFaktorError } from '../../shared/errors';
import type { Channel, RequestOf, ResponseOf } from '../../shared/ipc/contract';
import type { CodeView } from '../../shared/ipc/schemas';
import { decodeBase32 } from '../../shared/otp/base32';
import { hotpCode, totpCode } from '../../shared/otp/generate';
import { parseOtpauthUri } from '../../shared/otp/uri';
import type { Ports } from './ports';
import { writeFileAtomic } from './services/atomic-file';
import { createAutoLock } from './services/auto-lock';
import { decodeBackup, encodeBackup, encodePlainList, fromParams, looksEncrypted, MAX_BACKUP_BYTES, parsePlainList } from './services/backup';
import { createClipboardGuard } from './services/clipboard-guard';
import { DEFAULT_KDF, type KdfCost } from './services/crypto';
import { createOsKeychain, type Keychain } from './services/keychain';
import { createSettingsStore, DEFAULT_SETTINGS } from './services/settings';
import { createVault, type VaultHooks } from './services/vault';
import { createAppScanService, createQrHandlers } from './qr-api';
import { createImportHandlers } from './import-api';
import { createServicekontoHandlers } from './servicekonto-api';
import { createRecoveryHandlers } from './recovery-api';

/**
 * The main-process implementation of every IPC channel (shared/ipc/contract.ts), on top of the
 * services. The dispatcher (electron/main/ipc.ts) validates payload shapes before calling in and
 * validates responses on the way out; this layer does the semantic checks, the lock gate and the
 * auto-lock bookkeeping. No response carries a secret; errors are FaktorErrors with codes only.
 */

/** One async function per channel; a channel missing here is a compile error. */
export type Api = { readonly [C in Channel]: (request: RequestOf<C>) => Promise<ResponseOf<C>> };

/** What the API is built from. */
export interface ApiDeps {
  /** App-data directory (Electron: app.getPath('userData')); vault.json and settings.json live here. */
  readonly appDataDir: string;
  /** Keychain service name; the app uses DEFAULT_KEYCHAIN_SERVICE, tests a unique throwaway one. */
  readonly keychainService: string;
  readonly ports: Ports;
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

/**
 * Calls that are user activity and reset the auto-lock countdown. Polls (codes-current,
 * accounts-list, vault-status, settings-get, app-locale) deliberately do not: the renderer refreshes
 * codes every second, which must not keep an unattended app unlocked forever.
 */
const ACTIVITY: ReadonlySet<Channel> = new Set<Channel>([
  'vault-activity', 'vault-unlock', 'vault-set-password',
  'accounts-add-uri', 'accounts-add-manual', 'accounts-update', 'accounts-delete', 'accounts-restore', 'accounts-reorder',
  'codes-hotp-next', 'codes-copy', 'settings-set', 'backup-export', 'backup-export-plain', 'backup-import',
  'qr-scan-screen', 'qr-decode-image', 'qr-scan-clipboard', 'qr-add-account', 'qr-import-migration',
  'import-preview', 'import-commit', 'export-as',
  'servicekonto-pair', 'servicekonto-offline-code', 'servicekonto-answer', 'servicekonto-forget',
]);

/**
 * Whether a call counts as the user being there. A camera frame does not: an open camera scan sends
 * one every ~250 ms by itself and would keep an unattended app unlocked forever (issue #7 item 9).
 */
export function isUserActivity(channel: Channel, request: unknown): boolean {
  if (!ACTIVITY.has(channel)) return false;
  if (channel === 'qr-decode-image') return (request as RequestOf<'qr-decode-image'>).source !== 'camera';
  return true;
}

/** The language main's own native dialogs use: the app setting, else the OS locale (German or English). */
export function uiLanguage(setting: 'system' | 'de' | 'en', osLocale: string): 'de' | 'en' {
  if (setting !== 'system') return setting;
  return /^de\b/i.test(osLocale) ? 'de' : 'en';
}

/** Builds the API. Nothing is read from disk or keychain until the first call. */
export function createApi(deps: ApiDeps): Api {
  const { ports } = deps;
  const { clock } = ports;
  const kdf = deps.testing?.kdf ?? DEFAULT_KDF;
  const settings = createSettingsStore(deps.appDataDir);
  let current = { ...DEFAULT_SETTINGS };
  // A settings file that cannot be read leaves the defaults in force (it is nothing secret).
  const settingsReady = settings.get().then((s) => (current = s), () => current);
  const clipboard = createClipboardGuard(ports.clipboard, clock);
  /** Run when the vault leaves 'ready' (locked by the user or auto-lock, or failed): drop what must not outlive it. */
  const onLocked: (() => void)[] = [];
  const keychain = deps.testing?.keychain ?? createOsKeychain(deps.keychainService);
  const vault = createVault({
    dir: deps.appDataDir,
    keychain,
    clock,
    kdf,
    hooks: deps.testing?.vaultHooks,
    undoMs: deps.testing?.undoMs,
    onStatus: (status) => {
      if (status.state !== 'ready') {
        void clipboard.clearNow().catch(() => undefined);
        for (const listener of onLocked) listener();
      }
      ports.emit('vault-status', status);
    },
    onChange: () => ports.emit('vault-changed', {}),
  });
  // Quit: a copied code must not outlive the app on the clipboard (only if it is still ours there).
  ports.onQuit?.(() => clipboard.clearNow().catch(() => undefined));
  const autoLock = createAutoLock({ clock, minutes: () => current.autoLockMinutes, canLock: () => vault.canLock(), lock: () => vault.lock() });

  const scan = createAppScanService({ vault, ports });
  const handlers: Api = {
    'vault-status': async () => vault.open(),
    'vault-unlock': async ({ password }) => vault.unlock(password),
    'vault-lock': async () => vault.lock(),
    'vault-set-password': async ({ current: cur, next }) => vault.setPassword(cur, next),
    'vault-activity': async () => ({}),

    'accounts-list': async () => vault.list(),
    'accounts-add-uri': async ({ uri }) => {
      if (/^otpauth-migration:/i.test(uri.trim())) throw new FaktorError('unsupported-payload', 'use import for Google Authenticator exports');
      return vault.add(fromParams(parseOtpauthUri(uri).params));
    },
    'accounts-add-manual': async (m) => {
      const label = m.label.trim();
      if (label === '') throw new FaktorError('invalid-parameter', 'label', { name: 'label' });
      return vault.add({
        type: m.type,
        issuer: m.issuer.trim(),
        label,
        algorithm: m.algorithm,
        digits: m.digits,
        period: m.period,
        counter: m.type === 'hotp' ? m.counter : 0,
        secret: decodeBase32(m.secret),
      });
    },
    'accounts-update': async ({ id, patch }) => vault.update(id, patch),
    'accounts-delete': async ({ id }) => vault.remove(id),
    'accounts-restore': async ({ undoToken }) => vault.restore(undoToken),
    'accounts-reorder': async ({ ids }) => {
      await vault.reorder(ids);
      return {};
    },

    'codes-current': async ({ ids }) => {
      const now = clock.now();
      return vault.withTotpParams(ids, (id, params): CodeView => ({ id, ...totpCode(params, now) }));
    },
    'codes-hotp-next': async ({ id }) => {
      const { code } = await vault.nextHotp(id, (params, counter) => hotpCode(params, counter));
      const now = clock.now();
      return { id, code, validFrom: now, validUntil: now };
    },
    'codes-copy': async ({ id }) => {
      const now = clock.now();
      const code = await vault.withParams(id, (p) => (p.type === 'totp' ? totpCode(p, now).code : null));
      const text = code ?? (await vault.lastHotpCode(id));
      if (text === null) throw new FaktorError('invalid-request', 'no HOTP code generated yet');
      return { clearsAt: await clipboard.copy(text, current.clipboardClearSeconds) };
    },

    'settings-get': async () => settings.get(),
    'settings-set': async (patch) => {
      // A locked app is a locked app: nobody at the keyboard may turn auto-lock or clipboard clearing off.
      if ((await vault.open()).state === 'locked') throw new FaktorError('vault-locked');
      current = await settings.set(patch);
      autoLock.reschedule();
      return current;
    },
    'app-locale': async () => ({ locale: ports.locale().slice(0, 64) }),

    'backup-export': async ({ password }) => {
      const accounts = await vault.exportAccounts();
      try {
        const path = await ports.dialogs.chooseSaveFile(`faktor-backup-${isoDate(clock.now())}.faktor`);
        if (path === null) throw new FaktorError('cancelled');
        await writeFileAtomic(path, await encodeBackup(accounts, password, clock.now(), kdf));
        return { count: accounts.length, fileName: basename(path) };
      } finally {
        for (const a of accounts) a.secret.fill(0);
      }
    },
    'backup-export-plain': async ({ acknowledgedUnencrypted }) => {
      if (acknowledgedUnencrypted !== true) throw new FaktorError('invalid-request', 'unencrypted export not acknowledged');
      await vault.list(); // refuse early while locked, before asking anything
      // The renderer's checkbox is not consent a compromised renderer cannot fake; main asks natively.
      const language = uiLanguage(current.language, ports.locale());
      if (!ports.dialogs.confirmPlainExport || !(await ports.dialogs.confirmPlainExport(language))) throw new FaktorError('cancelled', 'plain export not confirmed');
      const accounts = await vault.exportAccounts();
      try {
        const path = await ports.dialogs.chooseSaveFile(`faktor-otpauth-${isoDate(clock.now())}.txt`);
        if (path === null) throw new FaktorError('cancelled');
        await writeFileAtomic(path, encodePlainList(accounts));
        return { count: accounts.length, fileName: basename(path) };
      } finally {
        for (const a of accounts) a.secret.fill(0);
      }
    },
    'backup-import': async ({ password }) => {
      await vault.list(); // refuse early while locked, before asking for a file
      const path = await ports.dialogs.chooseOpenFile([
        { name: 'Faktor backup', extensions: ['faktor', 'json'] },
        { name: 'otpauth:// list', extensions: ['txt'] },
      ]);
      if (path === null) throw new FaktorError('cancelled');
      if ((await stat(path)).size > MAX_BACKUP_BYTES) throw new FaktorError('invalid-backup', 'too large');
      const text = await readFile(path, 'utf8');
      let accounts;
      if (looksEncrypted(text)) {
        if (password === null || password === '') throw new FaktorError('backup-wrong-password', 'password required');
        accounts = await decodeBackup(text, password);
      } else {
        accounts = parsePlainList(text);
      }
      return vault.importAccounts(accounts);
    },
    ...createQrHandlers({ vault, ports, scan, onVaultLocked: (listener) => onLocked.push(listener) }),
    ...createImportHandlers({ vault, ports, onVaultLocked: (listener) => onLocked.push(listener) }),
    ...createServicekontoHandlers({ vault, scan, ports, kdf, onVaultLocked: (listener) => onLocked.push(listener) }),
    ...createRecoveryHandlers({ vault, keychain, dir: deps.appDataDir, now: () => clock.now() }),
  };

  const wrap = <C extends Channel>(channel: C, fn: Api[C]): Api[C] =>
    (async (request: RequestOf<C>) => {
      try {
        await settingsReady;
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

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
