import type { VaultStatus } from '../../../shared/ipc/schemas';
import { bridge, unwrap } from './bridge';

/** Where the vault stands (ready, locked, error). */
export const vaultStatus = (): Promise<VaultStatus> => unwrap(bridge().vaultStatus({}));
/** Unlocks with the app password; wrong-password / too-many-attempts come back as FaktorError. */
export const vaultUnlock = (password: string): Promise<VaultStatus> =>
  unwrap(bridge().vaultUnlock({ password }));
/** Locks now; main then refuses every secret-touching call. */
export const vaultLock = (): Promise<VaultStatus> => unwrap(bridge().vaultLock({}));
/** Sets (current null), changes, or removes (next null) the app password. */
export const vaultSetPassword = (
  current: string | null,
  next: string | null,
): Promise<VaultStatus> => unwrap(bridge().vaultSetPassword({ current, next }));
/** Tells main the user is active so the inactivity lock restarts its timer. */
export const vaultActivity = (): Promise<unknown> => unwrap(bridge().vaultActivity({}));
/** Damaged vault only: main keeps the file and key aside and opens a new empty vault. */
export const vaultReset = (): Promise<VaultStatus> =>
  unwrap(bridge().vaultReset({ confirm: true }));
