import { isFaktorError } from '../../../../shared/errors';
import type { EventName, EventOf } from '../../../../shared/ipc/contract';
import type { DesktopAction, DesktopStatus } from '../../../../shared/ipc/desktop-schemas';
import type { Settings } from '../../../../shared/ipc/schemas';
import type { ScanResult } from '../../../../shared/qr/found-code';
import type { Api } from '../../api';
import type { SameDeviceLinks } from '../servicekonto/same-device';
import { createShortcutManager, type GlobalShortcutPort } from './shortcuts';
import type { TrayCommand } from './tray-menu';
import { createLockedLinkOpener } from './locked-link';
import { createTrayState } from './tray-state';

/** What the desktop integration needs from Electron (platform/desktop-ports.ts; doubles in the harness). */
export interface DesktopPorts {
  /** Shows, restores and focuses the main window. */
  showWindow(): void;
  /** Quits the app (the quit tasks run as for any quit). */
  quit(): void;
  /** Global shortcuts; absent → every shortcut reports 'taken'. */
  readonly globalShortcuts?: GlobalShortcutPort;
  /** Start at login; absent → the option is not offered (DesktopStatus.loginItem false). */
  readonly loginItem?: { set(openAtLogin: boolean): void };
}

/**
 * For a scan triggered outside the window: when exactly one otpauth:// code was found, only that one
 * (the scan flow then opens straight at its confirm step); otherwise everything, for the picker.
 */
export function scanAction(result: ScanResult): DesktopAction {
  const accounts = result.codes.filter((c) => c.route.kind === 'add-account');
  return {
    kind: 'show-scan',
    result:
      accounts.length === 1 ? { codes: accounts, imagesScanned: result.imagesScanned } : result,
  };
}

/**
 * The actions of the tray, the global shortcuts, notification clicks and `faktor://` links, on the
 * SAME api the renderer calls (lock gate, auto-lock, clipboard guard included). platform/tray.ts and
 * platform/bootstrap.ts only call these; the harness calls them the same way (test/e2e/desktop.spec.ts).
 * Whatever fails outside the window brings the window up with the error said plainly.
 */
export function createDesktopActions(deps: {
  api: Api;
  emit<E extends EventName>(event: E, payload: EventOf<E>): void;
  links: SameDeviceLinks;
  ports: DesktopPorts | undefined;
  language(): 'de' | 'en';
}) {
  const { api, emit } = deps;
  const tray = createTrayState(api, deps.language);
  const show = (): void => deps.ports?.showWindow();
  const fail = (e: unknown): void => {
    show();
    emit('desktop-action', { kind: 'error', code: isFaktorError(e) ? e.code : 'internal' });
  };
  const emitAction = (action: DesktopAction): void => emit('desktop-action', action);
  const links = createLockedLinkOpener({
    links: deps.links,
    showWindow: show,
    emit: emitAction,
    fail,
  });

  const actions = {
    ...apiActions({ api, tray, show, fail, emit: emitAction }),
    /** Search shortcut: the window, with the search field focused. */
    showSearch(): void {
      show();
      emit('desktop-action', { kind: 'focus-search' });
    },
    /** Notification click: the window, with that approval request in view. */
    openRequest(tx: string): void {
      show();
      emit('desktop-action', { kind: 'open-request', tx: tx.slice(0, 64) });
    },
    /** A `faktor://` link from the OS: checked like a scanned login QR, then its confirm step. */
    openLink: links.open,
    showWindow: show,
    quit(): void {
      deps.ports?.quit();
    },
    /** The tray menu for the current state (built by tray-menu.ts). */
    trayMenu: tray.menu,
    /** Runs what a tray entry says (the tray's click handler). */
    run: (command: TrayCommand): Promise<void> => runTrayCommand(actions, command),
    /** Every event main publishes passes here: the tray follows the vault, a waiting link follows the unlock. */
    onEvent(name: EventName, payload: unknown): void {
      if (name === 'vault-status' || name === 'vault-changed') tray.changed();
      if (name === 'vault-status' && (payload as { state?: string }).state === 'ready')
        void links.unlocked();
    },
    /** Subscribes to "the tray menu may have changed"; returns the unsubscribe function. */
    onChange: tray.onChange,
    /** Applies the desktop settings (shortcuts, login item); run at start and after every settings change. */
    applySettings(s: Settings): void {
      shortcuts.apply({ scan: s.shortcutScan, search: s.shortcutSearch });
      deps.ports?.loginItem?.set(s.startAtLogin);
      tray.changed();
    },
    /** For the settings screen (desktop-status). */
    status(): DesktopStatus {
      return { shortcuts: shortcuts.state(), loginItem: deps.ports?.loginItem !== undefined };
    },
    /** Quit: lets go of the global shortcuts. */
    dispose(): void {
      shortcuts.clear();
      tray.clear();
    },
  };
  const shortcuts = createShortcutManager(deps.ports?.globalShortcuts, {
    scan: () => void actions.scanScreen(),
    search: () => actions.showSearch(),
  });
  return actions;
}

/** The actions that go through the api (tray and shortcuts); whatever fails goes to `fail`. */
function apiActions(d: {
  api: Api;
  tray: Pick<ReturnType<typeof createTrayState>, 'copied'>;
  show: () => void;
  emit: (action: DesktopAction) => void;
  fail: (e: unknown) => void;
}) {
  const { api, tray, show, emit, fail } = d;
  return {
    /** Tray: copies an account's current code (clipboard guard clears it as for an in-app copy). */
    async copyCode(accountId: string): Promise<void> {
      try {
        await api['codes-copy']({ id: accountId });
        tray.copied(accountId);
      } catch (e) {
        fail(e);
      }
    },
    /** Tray and scan shortcut: scans every screen, then shows the result in the window. */
    async scanScreen(): Promise<void> {
      try {
        const result = await api['qr-scan-screen']({});
        show();
        emit(scanAction(result));
      } catch (e) {
        fail(e);
      }
    },
    /** Tray: locks the vault (a no-op without an app password). */
    async lock(): Promise<void> {
      try {
        await api['vault-lock']({});
      } catch (e) {
        fail(e);
      }
    },
  };
}

/** Runs what a tray entry says with the matching desktop action. */
async function runTrayCommand(
  actions: Pick<DesktopActions, 'copyCode' | 'scanScreen' | 'showWindow' | 'lock' | 'quit'>,
  command: TrayCommand,
): Promise<void> {
  switch (command.kind) {
    case 'copy':
      return actions.copyCode(command.accountId);
    case 'scan-screen':
      return actions.scanScreen();
    case 'show':
      return actions.showWindow();
    case 'lock':
      return actions.lock();
    case 'quit':
      return actions.quit();
  }
}

/** The desktop actions' shape (MainProcess.desktop). */
export type DesktopActions = ReturnType<typeof createDesktopActions>;
