/**
 * The tray / menu-bar menu as data, built by a pure function from the app's state (docs/desktop.md).
 * platform/tray.ts only turns these items into an Electron Menu and sends a click back as its command,
 * so everything the menu decides (what is offered when locked, which codes, the labels) is unit-tested.
 */

/** What a tray entry does when clicked (desktop-actions.ts runs it). */
export type TrayCommand =
  | { readonly kind: 'copy'; readonly accountId: string }
  | { readonly kind: 'scan-screen' }
  | { readonly kind: 'show' }
  | { readonly kind: 'lock' }
  | { readonly kind: 'quit' };

/** One menu entry. */
export type TrayItem =
  | {
      readonly type: 'item';
      readonly label: string;
      readonly enabled: boolean;
      readonly command: TrayCommand;
    }
  | { readonly type: 'heading'; readonly label: string }
  | { readonly type: 'separator' };

/** An account as the tray may show it: a name, never a code or a secret. */
export interface TrayAccount {
  readonly id: string;
  readonly issuer: string;
  readonly label: string;
}

/** Everything the menu depends on. */
export interface TrayState {
  readonly vault: 'ready' | 'locked' | 'error';
  /** Lock is only offered with an app password (without one, "locked" would open again at once). */
  readonly hasPassword: boolean;
  /** Accounts offered for a quick copy, in order (quickAccounts). */
  readonly quick: readonly TrayAccount[];
  readonly language: 'de' | 'en';
}

/** How many accounts the tray offers at most. */
export const MAX_TRAY_ACCOUNTS = 5;
/** Longest account name in a menu entry. */
const MAX_NAME = 48;

const WORDS = {
  en: {
    copy: 'Copy a code',
    scan: 'Scan screen for a QR code',
    show: 'Show Faktor',
    unlock: 'Unlock Faktor…',
    lock: 'Lock',
    quit: 'Quit Faktor',
    error: 'Faktor needs attention…',
    none: 'No accounts yet',
  },
  de: {
    copy: 'Code kopieren',
    scan: 'Bildschirm nach QR-Code durchsuchen',
    show: 'Faktor anzeigen',
    unlock: 'Faktor entsperren…',
    lock: 'Sperren',
    quit: 'Faktor beenden',
    error: 'Faktor braucht Aufmerksamkeit…',
    none: 'Noch keine Konten',
  },
} as const;

/**
 * Which accounts the tray offers: the most recently copied first, then the rest in the user's order
 * (pinned ones first when the list says so), at most MAX_TRAY_ACCOUNTS, each once.
 */
export function quickAccounts(
  list: ReadonlyArray<TrayAccount & { pinned?: boolean }>,
  recentIds: readonly string[],
  max = MAX_TRAY_ACCOUNTS,
): TrayAccount[] {
  const byId = new Map(list.map((a) => [a.id, a]));
  const ordered = [
    ...list.filter((a) => a.pinned === true),
    ...recentIds.map((id) => byId.get(id)).filter((a) => a !== undefined),
    ...list,
  ];
  const seen = new Set<string>();
  const out: TrayAccount[] = [];
  for (const a of ordered) {
    if (seen.has(a.id)) continue;
    seen.add(a.id);
    out.push({ id: a.id, issuer: a.issuer, label: a.label });
    if (out.length >= max) break;
  }
  return out;
}

/**
 * A name as a menu label: control and direction characters removed (a menu shows no <bdi>), capped,
 * and `&` doubled so Windows does not read it as a mnemonic.
 */
export function menuLabel(a: TrayAccount): string {
  const clean = (s: string): string => s.replace(/[\p{Cc}\p{Cf}]/gu, '').trim();
  const issuer = clean(a.issuer);
  const label = clean(a.label);
  const name = issuer && label ? `${issuer} (${label})` : issuer || label || '—';
  const capped = name.length > MAX_NAME ? `${name.slice(0, MAX_NAME - 1)}…` : name;
  return capped.replace(/&/g, '&&');
}

/** The menu for a state. Locked or failed: only "unlock/show" and quit — no names of accounts. */
export function buildTrayMenu(state: TrayState): TrayItem[] {
  const w = WORDS[state.language];
  const quit: TrayItem = { type: 'item', label: w.quit, enabled: true, command: { kind: 'quit' } };
  if (state.vault !== 'ready') {
    return [
      {
        type: 'item',
        label: state.vault === 'locked' ? w.unlock : w.error,
        enabled: true,
        command: { kind: 'show' },
      },
      { type: 'separator' },
      quit,
    ];
  }
  const copies: TrayItem[] =
    state.quick.length > 0
      ? state.quick.map((a) => ({
          type: 'item',
          label: menuLabel(a),
          enabled: true,
          command: { kind: 'copy', accountId: a.id },
        }))
      : [{ type: 'item', label: w.none, enabled: false, command: { kind: 'show' } }];
  return [
    { type: 'heading', label: w.copy },
    ...copies,
    { type: 'separator' },
    { type: 'item', label: w.scan, enabled: true, command: { kind: 'scan-screen' } },
    { type: 'item', label: w.show, enabled: true, command: { kind: 'show' } },
    { type: 'item', label: w.lock, enabled: state.hasPassword, command: { kind: 'lock' } },
    { type: 'separator' },
    quit,
  ];
}
