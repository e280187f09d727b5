import { z } from 'zod';
import { VaultStatus } from './schemas';
import { OsUnlockStatus } from './os-unlock-schemas';

/** The vault's lock: status, unlock with the app password or the OS prompt, the password itself, activity and reset. */
export const vaultChannels = {
  'vault-status': { request: z.strictObject({}), response: VaultStatus },
  'vault-unlock': {
    request: z.strictObject({ password: z.string().min(1).max(1024) }),
    response: VaultStatus,
  },
  'vault-lock': { request: z.strictObject({}), response: VaultStatus },
  /** Set, change (current required) or remove (next = null) the app password. */
  'vault-set-password': {
    request: z.strictObject({
      current: z.string().max(1024).nullable(),
      next: z.string().min(8).max(1024).nullable(),
    }),
    response: VaultStatus,
  },
  /** Renderer reports user activity (throttled) so main can run the inactivity lock. */
  'vault-activity': { request: z.strictObject({}), response: z.strictObject({}) },
  /** Damaged vault only: keeps vault.json + key aside (`.damaged-<time>`) and opens a new empty vault. */
  'vault-reset': { request: z.strictObject({ confirm: z.literal(true) }), response: VaultStatus },

  /** OS unlock (docs/desktop.md): the prompt this computer offers and whether the option is on. */
  'os-unlock-status': { request: z.strictObject({}), response: OsUnlockStatus },
  /** Turns OS unlock on: the app password once (and one passed OS prompt) while unlocked. */
  'os-unlock-enable': {
    request: z.strictObject({ password: z.string().min(1).max(1024) }),
    response: OsUnlockStatus,
  },
  /** Turns OS unlock off (deletes its keychain item); only while unlocked. */
  'os-unlock-disable': { request: z.strictObject({}), response: OsUnlockStatus },
  /** Unlocks after the OS prompt passed; a cancel or any failure is a typed error and the password stays the way in. */
  'os-unlock-vault': { request: z.strictObject({}), response: VaultStatus },
} as const;
