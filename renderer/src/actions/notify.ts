import i18next from 'i18next';
import type { ErrorCode } from '../../../shared/errors';
import { errorCode } from '../api/bridge';
import { useStore } from '../store';

/** Plain words for an error code in the current language. */
export function errorText(code: ErrorCode): string {
  return i18next.t(`errors.${code}`);
}

/** Shows an info message in the live region; it goes away after a while. Returns the toast's id. */
export function notify(text: string, action?: { label: string; run: () => void }, ms = action ? 10_000 : 6_000): number {
  const id = useStore.getState().pushToast({ kind: 'info', text, ...(action ? { action } : {}) });
  setTimeout(() => useStore.getState().dismissToast(id), ms);
  return id;
}

/** Shows any thrown error as plain words (cancelled dialogs stay silent). */
export function notifyError(e: unknown): void {
  const code = errorCode(e);
  if (code === 'cancelled') return;
  const id = useStore.getState().pushToast({ kind: 'error', text: errorText(code) });
  setTimeout(() => useStore.getState().dismissToast(id), 10_000);
}
