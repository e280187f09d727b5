import type { Channel } from '../../../shared/ipc/contract';
import type { OsUnlock } from '../services/os-unlock';
import type { HandlersOf } from './handlers';

/**
 * The reason macOS puts into its Touch ID prompt after the app's name ("Faktor is trying to …"), in the
 * user's language. Main's own text: the renderer cannot choose what the OS prompt says.
 */
export const OS_UNLOCK_REASON: Readonly<Record<'de' | 'en', string>> = {
  en: 'unlock your accounts',
  de: 'Ihre Konten zu entsperren',
};

/** os-unlock-status, -enable, -disable and -vault (docs/desktop.md, "OS unlock"). */
export function createOsUnlockHandlers(
  osUnlock: OsUnlock,
): HandlersOf<Extract<Channel, `os-unlock-${string}`>> {
  return {
    'os-unlock-status': async () => osUnlock.status(),
    'os-unlock-enable': async ({ password }) => osUnlock.enable(password),
    'os-unlock-disable': async () => osUnlock.disable(),
    'os-unlock-vault': async () => osUnlock.unlock(),
  };
}
