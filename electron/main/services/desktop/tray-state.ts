import type { Api } from '../../api';
import { buildTrayMenu, MAX_TRAY_ACCOUNTS, quickAccounts, type TrayItem } from './tray-menu';

/**
 * What the tray menu is built from besides the vault: the accounts copied most recently (first in the
 * quick list) and the subscribers told when the menu may have changed.
 */
export function createTrayState(api: Api, language: () => 'de' | 'en') {
  let recent: string[] = [];
  const listeners = new Set<() => void>();
  const changed = (): void => {
    for (const l of listeners) l();
  };
  return {
    /** Tells every subscriber that the tray menu may have changed. */
    changed,
    /** An account's code was copied: it moves to the front of the quick list. */
    copied(accountId: string): void {
      recent = [accountId, ...recent.filter((id) => id !== accountId)].slice(0, MAX_TRAY_ACCOUNTS);
      changed();
    },
    /** The tray menu for the current state (built by tray-menu.ts). */
    async menu(): Promise<TrayItem[]> {
      const status = await api['vault-status']({});
      const list = status.state === 'ready' ? await api['accounts-list']({}).catch(() => []) : [];
      return buildTrayMenu({
        vault: status.state,
        hasPassword: status.hasPassword,
        quick: quickAccounts(list, recent),
        language: language(),
      });
    },
    /** Subscribes to "the tray menu may have changed"; returns the unsubscribe function. */
    onChange(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Drops every subscriber (quit). */
    clear(): void {
      listeners.clear();
    },
  };
}
