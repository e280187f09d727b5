import type { Channel } from '../../../shared/ipc/contract';
import type { Vault } from '../services/vault';
import type { HandlersOf } from './handlers';

/** vault-status, -unlock, -lock, -set-password and -activity (docs/vault.md). */
export function createVaultHandlers(
  vault: Vault,
): HandlersOf<Exclude<Extract<Channel, `vault-${string}`>, 'vault-reset'>> {
  return {
    'vault-status': async () => vault.open(),
    'vault-unlock': async ({ password }) => vault.unlock(password),
    'vault-lock': async () => vault.lock(),
    'vault-set-password': async ({ current, next }) => vault.setPassword(current, next),
    // Nothing to do: the api's wrapper counts the call as user activity for auto-lock.
    'vault-activity': async () => ({}),
  };
}
