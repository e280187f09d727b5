import { useEffect } from 'react';
import { lock } from '../../actions/vault';
import { undoLast } from '../../actions/undo';
import { useStore } from '../../store';
import { shortcutFor, type ShortcutAction } from './shortcut-map';

/** The id of the search field (SearchBar.tsx), focused by several shortcuts. */
export const SEARCH_ID = 'search';

/** True when the focused element takes typing itself (so plain keys must not be taken from it). */
function takesTyping(el: Element | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  if (el.isContentEditable) return true;
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  return (
    el instanceof HTMLInputElement &&
    !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(el.type)
  );
}

/** Focuses the search field; `append` adds typed text to the query first. */
export function focusSearch(append = ''): void {
  const s = useStore.getState();
  if (append) s.setQuery(s.query + append);
  document.getElementById(SEARCH_ID)?.focus();
}

function run(action: ShortcutAction): void {
  const s = useStore.getState();
  switch (action.kind) {
    case 'focus-search':
      return focusSearch();
    case 'type-to-search':
      return focusSearch(action.text);
    case 'add':
      return s.openDialog({ kind: 'add' });
    case 'settings':
      return s.openDialog({ kind: 'settings' });
    case 'help':
      return s.openDialog({ kind: 'shortcuts' });
    case 'lock':
      if (s.status?.hasPassword) void lock();
      return;
    case 'undo':
      return undoLast();
  }
}

/**
 * Installs the keyboard shortcuts on the list screen (the vault is open). While a dialog is open the
 * dialog owns the keyboard, so nothing here fires.
 */
export function useShortcuts(): void {
  useEffect(() => {
    const mac = /Mac|iPhone|iPad/.test(navigator.platform);
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing || useStore.getState().dialog !== null) return;
      const action = shortcutFor({
        key: e.key,
        ctrlKey: e.ctrlKey,
        metaKey: e.metaKey,
        altKey: e.altKey,
        inTextField: takesTyping(document.activeElement),
        mac,
      });
      if (action === null) return;
      e.preventDefault();
      run(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
