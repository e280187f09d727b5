import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import type { EventName } from '../../shared/ipc/contract';
import type { ChannelHandlers, Dispatch } from '../../electron/main/ipc';
import { createMainProcess } from '../../electron/main/main-process';
import { systemClock, type Clock, type Ports } from '../../electron/main/ports';
import { acquireDataDirLock, type DataDirLock } from '../../electron/main/services/data-dir-lock';
import { workerBundlePath } from '../../electron/main/services/qr-decoder';
import { createOsKeychain } from '../../electron/main/services/keychain';
import { KEY_ACCOUNT } from '../../electron/main/services/vault-lock';
import { bridgeInitScript } from './bridge-script';
import {
  EventRelay,
  ManualClock,
  MemoryClipboard,
  ScriptedDialogs,
  StandInOsVerifier,
} from '../support/doubles';
import type { OsUnlockMethod } from '../../shared/ipc/os-unlock-schemas';
import { OS_UNLOCK_ACCOUNT } from '../../electron/main/services/os-unlock';
import { ScriptedQrSources } from './qr-doubles';
import { SoftKeyBay } from '../support/soft-authenticator/key-bay';
import { DesktopDoubles } from './desktop-doubles';
import type { DesktopActions } from '../../electron/main/services/desktop/desktop-actions';
import { startStaticServer, type StaticServer } from './static-server';

/** A pinned instant for deterministic codes: RFC 6238's T = 1234567890 s, the first second of a 30 s window. */
export const RFC_TIME_MS = 1_234_567_890_000;

/** How to start the harness. */
export interface HarnessOptions {
  /** What the OS locale double answers (app-locale), e.g. 'en-US' or 'de-DE'. */
  locale?: string;
  /** Pin both clocks (main's and the page's) at this instant; default RFC_TIME_MS. null = real time (benchmarks). */
  pinnedTime?: number | null;
  /** Reuse an app-data dir / keychain service (a "restart"); default: fresh temp ones. */
  dataDir?: string;
  keychainService?: string;
  /** Built renderer to serve (default out/renderer). */
  rendererDir?: string;
  /** What the stand-in OS prompt offers (OS unlock, docs/desktop.md); default null = no prompt, as on Linux. */
  osUnlock?: OsUnlockMethod | null;
  /** Runs against the real api before the page loads (benchmarks seed their data here). */
  beforeLoad?: (api: ChannelHandlers, ports: Ports) => Promise<void>;
}

/**
 * The QR worker `npm run build` emitted next to out/main/index.js: the harness runs the same built file
 * the app runs (the sources would go through tsx), so a bundling mistake fails e2e.
 */
export function builtQrWorker(
  mainDir = resolve(process.env.FAKTOR_MAIN_DIR ?? 'out/main'),
): string {
  const file = workerBundlePath(pathToFileURL(join(mainDir, 'index.js')).href);
  if (!existsSync(file))
    throw new Error(`no built QR worker at ${file}: run \`npm run build\` first`);
  return file;
}

/** A running harness bound to one page. */
export interface Harness {
  readonly page: Page;
  readonly origin: string;
  readonly clipboard: MemoryClipboard;
  readonly dialogs: ScriptedDialogs;
  /** DOUBLE of the desktop notifications: every one shown, in order. */
  readonly notifications: Array<{ title: string; body: string; onClick?: () => void }>;
  /** DOUBLE of the QR sources (screens, clipboard image). */
  readonly qrSources: ScriptedQrSources;
  /**
   * DOUBLE of the USB ports security keys plug into: software authenticators behind the same HID
   * transport seam node-hid implements — it stands in for physical USB keys. Empty until a test plugs one.
   */
  readonly keys: SoftKeyBay;
  /**
   * STAND-IN for the OS's user-verification prompt (Touch ID cannot exist here): script its answers with
   * `next('pass' | 'refuse' | 'throw')`; `method` is what the platform offers (HarnessOptions.osUnlock).
   */
  readonly osVerifier: StandInOsVerifier;
  /** Main's clock: a ManualClock when pinned, else the system clock. */
  readonly clock: Clock;
  readonly events: EventRelay;
  readonly dataDir: string;
  readonly keychainService: string;
  /** The real api (for seeding data in benchmarks); tests should go through the UI. */
  readonly api: ChannelHandlers;
  /** The real validating dispatcher the page's calls go through. */
  readonly dispatch: Dispatch;
  /** The app's desktop actions (tray clicks, shortcuts, faktor:// links): call them as the Electron glue does. */
  readonly desktop: DesktopActions;
  /** DOUBLES of window show / quit, global shortcuts (press them here) and the login item. */
  readonly desktopDoubles: DesktopDoubles;
  /** Lets go of the data-dir lock as a quitting app does (a test then "restarts" on the same dir). */
  releaseDataDir(): Promise<void>;
  /** Advances main's clock and the page's clock together by `ms`, firing due timers in both. */
  advance(ms: number): Promise<void>;
  /** Stops the api, the server, and removes the app-data dir (unless it was passed in). */
  close(): Promise<void>;
}

/**
 * Serves the built renderer to the page and binds the REAL main-process api into it: createApi with
 * platform-port doubles (doubles.ts), wrapped by the REAL createDispatcher whose sender policy trusts
 * only this harness's origin, reached through `page.exposeBinding('__faktorInvoke')`; `window.faktor`
 * is the preload's own builder over that binding. Only the transport differs from Electron's IPC.
 * Call before the page navigates; it navigates to the app.
 */
export async function startHarness(page: Page, options: HarnessOptions = {}): Promise<Harness> {
  const pinnedTime = options.pinnedTime === undefined ? RFC_TIME_MS : options.pinnedTime;
  const ownDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'faktor-e2e-')));
  const keychainService = options.keychainService ?? `faktor-e2e-${randomBytes(6).toString('hex')}`;
  const clipboard = new MemoryClipboard();
  const dialogs = new ScriptedDialogs();
  const qrSources = new ScriptedQrSources();
  const keys = new SoftKeyBay({ keepaliveMs: 50 });
  const notifications: Array<{ title: string; body: string; onClick?: () => void }> = [];
  const notify = (n: { title: string; body: string; onClick?: () => void }): void =>
    void notifications.push(n);
  const desktopDoubles = new DesktopDoubles();
  const osVerifier = new StandInOsVerifier(options.osUnlock ?? null);
  const clock: Clock = pinnedTime === null ? systemClock : new ManualClock(pinnedTime);
  const events = new EventRelay();
  const locale = options.locale ?? 'en-US';
  /** Removes this run's vault key from the (throwaway) keychain, unless it is someone else's (a "restart"). */
  const disposeKey = async () => {
    if (options.keychainService !== undefined) return;
    for (const account of [KEY_ACCOUNT, OS_UNLOCK_ACCOUNT])
      await createOsKeychain(keychainService)
        .delete(account)
        .catch(() => false);
  };

  let server: StaticServer | null = null;
  let lock: DataDirLock | null = null;
  try {
    if (process.env.FAKTOR_HARNESS_DEBUG === '1') console.log(`[harness] start ${dataDir}`);
    // The same data-dir lock as the app's bootstrap, so a CLI on this dir is refused while the harness runs.
    lock = await acquireDataDirLock(dataDir);
    server = await startStaticServer(options.rendererDir);
    const origin = server.origin;
    // The app's own wiring (electron/main/main-process.ts); only the transports below are the harness's.
    const main = createMainProcess({
      ports: {
        clipboard,
        dialogs,
        clock,
        locale: () => locale,
        qrSources,
        notify,
        keys,
        osVerifier,
      },
      eventSink: (name, payload) => events.emit(name, payload),
      appDataDir: dataDir,
      keychainService,
      trustedOrigins: [origin],
      qrWorkerBundle: builtQrWorker(),
      log: () => undefined,
      desktop: desktopDoubles,
    });
    const { dispatch } = main;
    const ports: Ports = {
      clipboard,
      dialogs,
      clock,
      locale: () => locale,
      qrSources,
      notify,
      keys,
      osVerifier,
      emit: main.emit,
    };

    const debug = process.env.FAKTOR_HARNESS_DEBUG === '1';
    if (debug) {
      page.on('console', (m) => console.log(`[page] ${m.type()}: ${m.text()}`));
      page.on('pageerror', (e) => console.log(`[page] error: ${e.message}`));
      page.on('requestfailed', (r) =>
        console.log(`[page] request failed: ${r.url()} ${r.failure()?.errorText}`),
      );
      page.on('response', (r) => console.log(`[page] ${r.status()} ${r.url()}`));
    }
    await page.exposeBinding(
      '__faktorInvoke',
      async (source, channel: unknown, payload: unknown) => {
        if (debug) console.log(`[harness] → ${String(channel)}`);
        const result = await dispatch(
          { url: source.frame.url(), isMainFrame: source.frame === source.page.mainFrame() },
          String(channel),
          payload,
        );
        if (debug)
          console.log(`[harness] ← ${String(channel)} ${result.ok ? 'ok' : result.error.code}`);
        return result;
      },
    );
    await page.addInitScript({ content: await bridgeInitScript() });
    events.attach(async (name: EventName, payload: unknown) => {
      await page.evaluate(
        ([n, p]) =>
          (
            window as unknown as { __faktorDeliver: (n: unknown, p: unknown) => void }
          ).__faktorDeliver(n, p),
        [name, payload] as const,
      );
    });
    if (pinnedTime !== null) {
      // Install a minute early, then jump forward and pause: pauseAt may only move forward.
      await page.clock.install({ time: pinnedTime - 60_000 });
      await page.clock.pauseAt(pinnedTime);
    }
    await options.beforeLoad?.(main.api, ports);
    if (debug) console.log(`[harness] goto ${origin}`);
    await page.goto(`${origin}/index.html`);
    if (debug) console.log(`[harness] loaded ${page.url()}`);

    const manual = clock instanceof ManualClock ? clock : null;
    const srv = server;
    return {
      page,
      origin,
      clipboard,
      dialogs,
      qrSources,
      keys,
      osVerifier,
      notifications,
      clock,
      events,
      dataDir,
      keychainService,
      api: main.api,
      dispatch,
      desktop: main.desktop,
      desktopDoubles,
      async advance(ms) {
        if (!manual) throw new Error('advance() needs a pinned clock');
        manual.advance(ms);
        await page.clock.runFor(ms);
      },
      async releaseDataDir() {
        await lock?.release();
        lock = null;
      },
      async close() {
        await keys.close();
        main.desktop.dispose();
        await disposeKey();
        await srv.close();
        await lock?.release();
        if (ownDir) await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await disposeKey();
    await server?.close();
    await lock?.release();
    if (ownDir) await rm(dataDir, { recursive: true, force: true });
    throw e;
  }
}
