import i18next from 'i18next';
import type { ErrorCode } from '../../../shared/errors';
import { errorCode } from '../api/bridge';
import { useStore } from '../store';
import type { Toast } from '../store/ui-slice';

/** Plain words for an error code in the current language. */
export function errorText(code: ErrorCode): string {
  return i18next.t(`errors.${code}`);
}

/** Shows an info message in the live region; it goes away after a while. Returns the toast's id. */
export function notify(
  text: string,
  action?: { label: string; run: () => void },
  ms = action ? 10_000 : 6_000,
  named?: Toast['named'],
): number {
  const id = useStore
    .getState()
    .pushToast({ kind: 'info', text, ...(action ? { action } : {}), ...(named ? { named } : {}) });
  setTimeout(() => useStore.getState().dismissToast(id), ms);
  return id;
}

/**
 * Shows an info message that names an account or a group (`{{name}}` in the translation): the name is rendered
 * isolated in <bdi>, so a right-to-left or mixed name cannot reorder the words around it.
 */
export function notifyNamed(
  key:
    | 'toast.added'
    | 'toast.deleted'
    | 'toast.restored'
    | 'toast.groupRenamed'
    | 'toast.groupDissolved',
  name: string,
  action?: { label: string; run: () => void },
): number {
  const marker = '\u0000';
  const [before = '', after = ''] = i18next.t(key, { name: marker }).split(marker);
  return notify(before + name + after, action, undefined, { before, name, after });
}

/** Shows any thrown error as plain words (cancelled dialogs stay silent). */
export function notifyError(e: unknown): void {
  const code = errorCode(e);
  if (code === 'cancelled') return;
  const id = useStore.getState().pushToast({ kind: 'error', text: errorText(code) });
  setTimeout(() => useStore.getState().dismissToast(id), 10_000);
}
