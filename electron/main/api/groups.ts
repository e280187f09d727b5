import type { Channel } from '../../../shared/ipc/contract';
import type { Vault } from '../services/vault';
import type { HandlersOf } from './handlers';

/** The groups-* channels (issue #12): list, rename and dissolve a group in one place, undo. */
export function createGroupHandlers(
  vault: Vault,
): HandlersOf<Extract<Channel, `groups-${string}`>> {
  return {
    'groups-list': async () => vault.groups(),
    'groups-rename': async ({ from, to }) => vault.renameGroup(from, to),
    'groups-dissolve': async ({ name }) => vault.dissolveGroup(name),
    'groups-restore': async ({ undoToken }) => vault.restoreGroups(undoToken),
  };
}
