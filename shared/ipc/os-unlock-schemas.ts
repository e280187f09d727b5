import { z } from 'zod';

/**
 * IPC shapes of unlocking with the OS's user-verification prompt (docs/desktop.md, "OS unlock"). They
 * say only which prompt this computer offers and whether the option is on; the key it releases never
 * crosses IPC.
 */

/** The prompt the platform offers: Touch ID on macOS; Windows Hello is named for the port but not reachable yet. */
export const OsUnlockMethod = z.enum(['touch-id', 'windows-hello']);
/** One of the prompts. */
export type OsUnlockMethod = z.infer<typeof OsUnlockMethod>;

/** What Settings and the lock screen need: the prompt offered here (null: none) and whether OS unlock is on. */
export const OsUnlockStatus = z.strictObject({
  method: OsUnlockMethod.nullable(),
  enabled: z.boolean(),
});
/** See OsUnlockStatus. */
export type OsUnlockStatus = z.infer<typeof OsUnlockStatus>;
