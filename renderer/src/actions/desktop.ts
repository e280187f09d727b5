import { flushSync } from 'react-dom';
import type { DesktopAction } from '../../../shared/ipc/desktop-schemas';
import type { ErrorCode } from '../../../shared/errors';
import { useStore } from '../store';
import { errorText } from './notify';

/**
 * What main asks for after the user acted outside the window (tray, global shortcut, notification
 * click, faktor:// link — docs/desktop.md). Only when the vault is open: otherwise the lock screen is
 * showing, and main re-sends a link once it is unlocked.
 */
export function handleDesktopAction(action: DesktopAction): void {
  const s = useStore.getState();
  switch (action.kind) {
    case 'show-scan':
      if (s.status?.state !== 'ready') return;
      // A fresh object each time, so a second link re-opens the dialog on its own code.
      s.openDialog(null);
      queueMicrotask(() =>
        useStore.getState().openDialog({ kind: 'scan', initial: action.result }),
      );
      return;
    case 'focus-search':
      if (s.status?.state !== 'ready') return;
      // Close any dialog synchronously (its focus return runs now), then focus the search.
      flushSync(() => s.openDialog(null));
      document.getElementById('search')?.focus();
      return;
    case 'open-request': {
      flushSync(() => s.openDialog(null));
      const card = document.querySelector<HTMLElement>(
        `[data-request-tx="${CSS.escape(action.tx)}"]`,
      );
      card?.scrollIntoView({ block: 'nearest' });
      card?.focus();
      return;
    }
    case 'error': {
      const id = s.pushToast({ kind: 'error', text: errorText(action.code as ErrorCode) });
      setTimeout(() => useStore.getState().dismissToast(id), 10_000);
      return;
    }
  }
}
