import type { OsUnlockStatus } from '../../../../shared/ipc/os-unlock-schemas';
import type { VaultStatus } from '../../../../shared/ipc/schemas';
import { bridge, unwrap } from '../../api/bridge';

/** Which OS prompt this computer offers and whether unlocking with it is on. */
export const osUnlockStatus = (): Promise<OsUnlockStatus> => unwrap(bridge().osUnlockStatus({}));
/** Turns OS unlock on; main checks the app password and shows the OS prompt once. */
export const osUnlockEnable = (password: string): Promise<OsUnlockStatus> =>
  unwrap(bridge().osUnlockEnable({ password }));
/** Turns OS unlock off (main deletes its keychain item). */
export const osUnlockDisable = (): Promise<OsUnlockStatus> => unwrap(bridge().osUnlockDisable({}));
/** Asks main to show the OS prompt and unlock; a cancel comes back as a FaktorError code. */
export const osUnlockVault = (): Promise<VaultStatus> => unwrap(bridge().osUnlockVault({}));
