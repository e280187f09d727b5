import { app, dialog, session, type BrowserWindow, type WebContents } from 'electron';
import { join } from 'node:path';
import { DEFAULT_KEYCHAIN_SERVICE } from '../api';
import { createMainProcess } from '../main-process';
import { systemClock } from '../ports';
import { listKeyDevices, openNodeHidTransport } from '../services/fido/node-hid-transport';
import { APP_ENTRY_URL, APP_ORIGIN, createOriginSet } from '../security/app-origin';
import { productionCsp } from '../security/csp';
import { APP_DIR_NAME } from '../services/app-data-dir';
import { createQuitTasks } from '../services/quit-tasks';
import { startupFailureMessage } from '../services/startup-failure';
import { readClipboardImage } from './clipboard-image';
import { bindIpc, createRendererEventSink } from './ipc-main';
import { acquireDataDirLock, type DataDirLock } from '../services/data-dir-lock';
import { electronNotify } from './notifications';
import { electronClipboard, electronFileDialogs, electronLocale } from './ports';
import { registerAppScheme, serveAppProtocol } from './protocol';
import { createScreenCapture } from './screen-capture';
import { installSessionGuards } from './session-guards';
import { installWebContentsGuards } from './web-contents-guards';
import { createMainWindow } from './window';
import type { MainProcess } from '../main-process';
import {
  onWindowClose,
  onWindowMinimize,
  startsHidden,
} from '../services/desktop/window-behaviour';
import { createLinkInbox } from '../services/desktop/link-inbox';
import { electronDesktopPorts, launchedAtLogin } from './desktop-ports';
import { electronOsVerifier } from './os-verifier';
import { createTray } from './tray';

/**
 * Main-process bootstrap (entry: electron/main/index.ts): one instance, the app:// scheme and every
 * guard installed before any window exists, then the API bound to IPC through the validating
 * dispatcher, then the window. Development (`electron-vite dev`) loads the Vite server — only when the
 * app is not packaged. Lives in platform/ because it is Electron glue through and through.
 */

const devServerUrl =
  !app.isPackaged && process.env.ELECTRON_RENDERER_URL ? process.env.ELECTRON_RENDERER_URL : null;
const trustedOrigins = devServerUrl ? [APP_ORIGIN, devServerUrl] : [APP_ORIGIN];
/** out/ (this file is bundled into out/main/index.js). */
const outDir = join(import.meta.dirname, '..');

let mainWindow: BrowserWindow | null = null;
let unbindIpc: (() => void) | null = null;
/** Run before exit (e.g. the clipboard guard clears a copied code); see services/quit-tasks.ts. */
const quitTasks = createQuitTasks();
/** The longest a quit waits for those tasks. */
const QUIT_TASKS_LIMIT_MS = 2000;
let dataDirLock: DataDirLock | null = null;
let main: MainProcess | null = null;
let tray: { destroy(): void } | null = null;
/** Set once a real quit starts, so close-to-tray does not swallow it. */
let quitting = false;
/** faktor:// links from argv and open-url, held until the window has loaded (services/desktop/link-inbox.ts). */
const links = createLinkInbox();

/** Brings the existing window forward (a second launch, or macOS dock activation). */
function focusMainWindow(): void {
  if (mainWindow === null) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

/** Wires services, IPC and the window once Electron is ready. */
async function start(): Promise<void> {
  installSessionGuards(session.defaultSession, trustedOrigins, devServerUrl);
  serveAppProtocol(join(outDir, 'renderer'), productionCsp());

  const isOurs = (wc: WebContents) =>
    mainWindow !== null && !mainWindow.isDestroyed() && wc === mainWindow.webContents;
  // One writer per data dir: the tester CLI (electron/cli) takes the same lock; a busy dir fails startup.
  dataDirLock = await acquireDataDirLock(app.getPath('userData'));
  main = createMainProcess({
    appDataDir: app.getPath('userData'),
    keychainService: DEFAULT_KEYCHAIN_SERVICE,
    trustedOrigins,
    eventSink: createRendererEventSink(
      () => (mainWindow && !mainWindow.isDestroyed() ? [mainWindow.webContents] : []),
      createOriginSet(trustedOrigins),
    ),
    ports: {
      clipboard: electronClipboard,
      dialogs: electronFileDialogs(() => mainWindow),
      clock: systemClock,
      locale: electronLocale,
      onQuit: (run) => quitTasks.add(run),
      qrSources: { captureScreens: createScreenCapture(() => mainWindow), readClipboardImage },
      notify: electronNotify(focusMainWindow),
      keys: { list: listKeyDevices, open: openNodeHidTransport },
      osVerifier: electronOsVerifier(),
    },
    desktop: electronDesktopPorts({ showWindow: focusMainWindow, quit: () => app.quit() }),
  });
  const wired = main;
  unbindIpc = bindIpc(wired.dispatch, isOurs);
  tray = createTray(wired.desktop);

  const win = createMainWindow({
    preloadPath: join(outDir, 'preload', 'index.cjs'),
    devTools: !app.isPackaged,
    startHidden: startsHidden(process.argv, launchedAtLogin(), true),
  });
  mainWindow = win;
  // Close / minimise to the tray when the user chose so (services/desktop/window-behaviour.ts).
  win.on('close', (event) => {
    if (onWindowClose(wired.settings(), quitting, tray !== null) === 'hide') {
      event.preventDefault();
      win.hide();
    }
  });
  win.on('minimize', () => {
    if (onWindowMinimize(wired.settings(), tray !== null) === 'hide') win.hide();
  });
  win.on('closed', () => {
    mainWindow = null;
  });
  await win.loadURL(devServerUrl ?? APP_ENTRY_URL);
  // Links that started Faktor or came before the window was ready, then every later one.
  links.attach((link) => void wired.desktop.openLink(link));
}

/** Starts Faktor; called once at module load of the main entry. */
export function startFaktor(): void {
  // Before anything resolves userData: the folder is named after the product ("Faktor", what the CLI
  // defaults to), also in `electron-vite dev`, where the name would otherwise be package.json's "faktor".
  app.setName(APP_DIR_NAME);
  // Must happen before 'ready' (privileged schemes) and before any WebContents exists (guards).
  registerAppScheme();
  installWebContentsGuards(trustedOrigins);

  if (!app.requestSingleInstanceLock()) {
    // Another Faktor is running; it gets our 'second-instance' and comes to the front.
    app.quit();
  } else {
    // A second launch focuses this one; on Windows/Linux a clicked faktor:// link arrives this way.
    app.on('second-instance', (_event, argv) => {
      focusMainWindow();
      links.receive(argv);
    });
    // macOS hands links over as open-url (also at launch, before 'ready').
    app.on('open-url', (event, url) => {
      event.preventDefault();
      links.receive([url]);
    });
    // A link that started Faktor (Windows/Linux: in argv); held until the window has loaded.
    links.receive(process.argv);
    app.on('before-quit', () => {
      quitting = true;
    });
    app.on('activate', focusMainWindow);
    // An authenticator should not linger with an unlocked vault behind a closed window: quit on every
    // platform (including macOS) when the window closes.
    app.on('window-all-closed', () => app.quit());
    app.on('will-quit', (event) => {
      unbindIpc?.();
      unbindIpc = null;
      main?.desktop.dispose();
      tray?.destroy();
      tray = null;
      if (quitTasks.started) {
        // Second pass, after the quit tasks: the data dir is free for the CLI again.
        void dataDirLock?.release();
        dataDirLock = null;
        return;
      }
      // Hold the exit until the quit tasks ran (bounded), then quit again; the second pass goes through.
      event.preventDefault();
      void quitTasks.run(QUIT_TASKS_LIMIT_MS).finally(() => app.quit());
    });
    app
      .whenReady()
      .then(start)
      .catch((e: unknown) => {
        // Nothing secret has been read yet (createApi is lazy), so the full error is safe to log.
        console.error('faktor: startup failed', e);
        // The user gets a plain, localized reason (e.g. the CLI holds the data dir), not a silent exit.
        const m = startupFailureMessage(e, electronLocale(), app.getPath('userData'));
        dialog.showErrorBox(m.title, m.text);
        app.exit(1);
      });
  }
}
