import { createApiCore, uiLanguage, type ApiDeps } from './api';
import {
  createDesktopActions,
  type DesktopActions,
  type DesktopPorts,
} from './services/desktop/desktop-actions';
import {
  createDispatcher,
  createEventPublisher,
  type ChannelHandlers,
  type Dispatch,
  type EventSink,
  type IpcLog,
} from './ipc';
import type { Ports } from './ports';
import type { Settings } from '../../shared/ipc/schemas';
import { createSenderPolicy } from './security/sender-policy';

/**
 * The one wiring of the main process: services + api + validating dispatcher + event publisher.
 * Electron's bootstrap (platform/bootstrap.ts) and the test harness (test/harness/harness.ts) both
 * call this, so the harness runs exactly what the app runs; only the transports (ipcMain and
 * webContents.send in the app, a Playwright binding in the harness) differ. No electron import.
 */

/** What the main process is built from. */
export interface MainProcessOptions {
  /** Platform ports (clipboard, dialogs, clock, locale, QR sources); events go through `eventSink`. */
  readonly ports: Omit<Ports, 'emit'>;
  /** Transport that delivers an already validated event to the renderer(s). */
  readonly eventSink: EventSink;
  /** App-data directory (Electron: app.getPath('userData')). */
  readonly appDataDir: string;
  /** Keychain service name (DEFAULT_KEYCHAIN_SERVICE in the app, a throwaway one in tests). */
  readonly keychainService: string;
  /** Origins whose top frame may call the api (app://faktor, plus the dev server in development). */
  readonly trustedOrigins: readonly string[];
  /** A built QR worker file to run instead of the default (the e2e harness: out/main's, as the app does). */
  readonly qrWorkerBundle?: string;
  /** Where the dispatcher and publisher log refusals (never payloads); default console.error. */
  readonly log?: IpcLog;
  /** Window, quit, global shortcuts and login item (platform/desktop-ports.ts; doubles in the harness). */
  readonly desktop?: DesktopPorts;
  /** Test-only knobs of the api (a cheaper KDF); never set by the Electron bootstrap. */
  readonly testing?: ApiDeps['testing'];
}

/** The wired main process. */
export interface MainProcess {
  /** One function per channel (for seeding data in benchmarks; the renderer goes through `dispatch`). */
  readonly api: ChannelHandlers;
  /** Sender check → schema → api → response schema; what every IPC call goes through. */
  readonly dispatch: Dispatch;
  /** Schema-checked main → renderer events. */
  readonly emit: Ports['emit'];
  /**
   * Tray, global shortcuts, notification clicks and faktor:// links (docs/desktop.md): what the
   * Electron glue calls, and what the harness calls the same way.
   */
  readonly desktop: DesktopActions;
  /** The settings in force (the bootstrap's close/minimise-to-tray decisions read them). */
  settings(): Settings;
}

/** Builds services, api, dispatcher and event publisher. Nothing is read until the first call. */
export function createMainProcess(o: MainProcessOptions): MainProcess {
  let desktop: DesktopActions | null = null;
  // Every published event also reaches the desktop integration (the tray follows the vault).
  const emit = createEventPublisher((name, payload) => {
    desktop?.onEvent(name, payload);
    return o.eventSink(name, payload);
  }, o.log);
  const core = createApiCore({
    appDataDir: o.appDataDir,
    keychainService: o.keychainService,
    ports: { ...o.ports, emit },
    desktopStatus: () =>
      desktop?.status() ?? { shortcuts: { scan: 'off', search: 'off' }, loginItem: false },
    onSettings: (s) => desktop?.applySettings(s),
    testing: o.testing,
    qrWorkerBundle: o.qrWorkerBundle,
  });
  const { api, links, settings } = core;
  desktop = createDesktopActions({
    api,
    emit,
    links,
    ports: o.desktop,
    language: () => uiLanguage(settings.current().language, o.ports.locale()),
  });
  const dispatch = createDispatcher({
    api,
    isTrustedSender: createSenderPolicy(o.trustedOrigins),
    log: o.log,
  });
  return { api, dispatch, emit, desktop, settings: () => settings.current() };
}
