import type { VaultStatus } from '../../../shared/ipc/schemas';
import { vaultActivity, vaultLock, vaultStatus, vaultUnlock } from '../api/vault';
import { useStore } from '../store';
import { loadAccounts } from './accounts';
import { notifyError } from './notify';

/** Applies a vault status: entering 'ready' loads the list; leaving it drops everything shown. */
export async function applyStatus(status: VaultStatus): Promise<void> {
  const s = useStore.getState();
  const wasReady = s.status?.state === 'ready';
  s.setStatus(status);
  if (status.state === 'ready' && !wasReady) await loadAccounts();
  if (status.state !== 'ready') {
    s.clearAccounts();
    s.clearCodes();
    s.openDialog(null);
    // Messages may name accounts ("GitHub (alice) deleted"); nothing of the vault stays on screen.
    useStore.setState({ toasts: [], query: '' });
  }
}

/** Reads the status from main (startup, retry). */
export async function refreshStatus(): Promise<void> {
  try {
    await applyStatus(await vaultStatus());
  } catch (e) {
    notifyError(e);
  }
}

/** Unlocks; throws wrong-password / too-many-attempts for the lock screen to show. */
export async function unlock(password: string): Promise<void> {
  await applyStatus(await vaultUnlock(password));
}

/** Locks now. */
export async function lock(): Promise<void> {
  try {
    await applyStatus(await vaultLock());
  } catch (e) {
    notifyError(e);
  }
}

const ACTIVITY_EVERY_MS = 15_000;
let lastPing = 0;

/** Reports user input to main at most every 15 s, so the inactivity lock knows the user is there. */
export function startActivityPings(target: Document = document): () => void {
  const ping = (): void => {
    const now = Date.now();
    if (now - lastPing < ACTIVITY_EVERY_MS || useStore.getState().status?.state !== 'ready') return;
    lastPing = now;
    vaultActivity().catch(() => undefined);
  };
  const kinds = ['keydown', 'pointerdown', 'wheel'] as const;
  for (const k of kinds) target.addEventListener(k, ping, { passive: true, capture: true });
  return () => kinds.forEach((k) => target.removeEventListener(k, ping, { capture: true }));
}
