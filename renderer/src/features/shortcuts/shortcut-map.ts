/**
 * The app's keyboard shortcuts as a pure table: a key event in, at most one action out. Kept apart
 * from the DOM so every binding is unit-tested (test/renderer/features/shortcuts).
 */

/** What a shortcut does. `type-to-search` carries the character typed on the list. */
export type ShortcutAction =
  | { kind: 'focus-search' }
  | { kind: 'type-to-search'; text: string }
  | { kind: 'add' }
  | { kind: 'lock' }
  | { kind: 'settings' }
  | { kind: 'help' }
  | { kind: 'undo' };

/** The parts of a KeyboardEvent the table looks at. */
export interface KeyInput {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  /** Focus is in a text field, select or other control that takes typing. */
  readonly inTextField: boolean;
  /** macOS uses Cmd where the others use Ctrl. */
  readonly mac: boolean;
}

/** Rows of the help dialog: keys (as shown) and the i18n key of what they do. */
export const SHORTCUT_HELP = [
  { keys: ['Mod+F', '/'], what: 'shortcuts.search' },
  { keys: ['Enter'], what: 'shortcuts.copyFirst' },
  { keys: ['Mod+N'], what: 'shortcuts.add' },
  { keys: ['Mod+Z'], what: 'shortcuts.undo' },
  { keys: ['Mod+L'], what: 'shortcuts.lock' },
  { keys: ['Mod+,'], what: 'shortcuts.settings' },
  { keys: ['F1', '?'], what: 'shortcuts.help' },
] as const;

/** Maps one key press to an action, or null to leave it to the browser. */
export function shortcutFor(e: KeyInput): ShortcutAction | null {
  const mod = e.mac ? e.metaKey && !e.ctrlKey : e.ctrlKey && !e.metaKey;
  if (mod && !e.altKey) {
    switch (e.key.toLowerCase()) {
      case 'f':
        return { kind: 'focus-search' };
      case 'n':
        return { kind: 'add' };
      case 'l':
        return { kind: 'lock' };
      case ',':
        return { kind: 'settings' };
      case 'z':
        return e.inTextField ? null : { kind: 'undo' };
      default:
        return null;
    }
  }
  if (e.key === 'F1') return { kind: 'help' };
  if (e.ctrlKey || e.metaKey || e.altKey || e.inTextField) return null;
  if (e.key === '/') return { kind: 'focus-search' };
  if (e.key === '?') return { kind: 'help' };
  // One printable character typed on the list starts a search with it.
  if ([...e.key].length === 1 && /\S/u.test(e.key)) return { kind: 'type-to-search', text: e.key };
  return null;
}
