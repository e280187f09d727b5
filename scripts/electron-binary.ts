import { join } from 'node:path';

/**
 * The pure decisions behind `npm start`'s first step (scripts/ensure-electron.ts). Electron ≥ 45 has no
 * install script: its binary is downloaded the first time `require('electron')` runs, but electron-vite
 * reads `node_modules/electron/path.txt` directly and fails with "Electron uninstall" when it is missing.
 * So before electron-vite starts, the binary is checked and, if missing, fetched with Electron's own
 * installer (`node_modules/electron/install.js`); where that cannot work, one plain sentence says what
 * is missing and how to get it.
 */

/** What is on disk (and in the environment) for the installed `electron` package. */
export interface ElectronInstall {
  /** node_modules/electron */
  readonly packageDir: string;
  readonly version: string;
  /** Contents of path.txt (the executable, relative to dist/), or null when there is none. */
  readonly pathTxt: string | null;
  /** Whether dist/<pathTxt> exists. */
  readonly binaryExists: boolean;
  /** ELECTRON_EXEC_PATH (electron-vite uses it instead of path.txt), if set. */
  readonly execPathOverride?: string | undefined;
  readonly overrideExists?: boolean;
}

/** What to do next. */
export type ElectronStep =
  | { readonly kind: 'ready'; readonly executable: string }
  | { readonly kind: 'download' }
  | { readonly kind: 'bad-override'; readonly path: string };

/** Ready when electron-vite will find an executable; otherwise Electron's installer has to run. */
export function nextStep(i: ElectronInstall): ElectronStep {
  if (i.execPathOverride)
    return i.overrideExists
      ? { kind: 'ready', executable: i.execPathOverride }
      : { kind: 'bad-override', path: i.execPathOverride };
  const rel = i.pathTxt?.trim();
  if (rel && i.binaryExists) return { kind: 'ready', executable: join(i.packageDir, 'dist', rel) };
  return { kind: 'download' };
}

/**
 * How long the installer may take: FAKTOR_ELECTRON_DOWNLOAD_TIMEOUT_S seconds when that is a positive
 * number (slow links; the tests use a short one), else 15 minutes.
 */
export function downloadTimeoutMs(seconds: string | undefined): number {
  const n = Number(seconds);
  return Number.isFinite(n) && n > 0 ? n * 1000 : 15 * 60_000;
}

/** The zip Electron's installer downloads (@electron/get's artifact name). */
export function electronZipName(version: string, platform: string, arch: string): string {
  return `electron-v${version.replace(/^v/, '')}-${platform}-${arch}.zip`;
}

/**
 * The one line worth showing from the installer's stderr (it prints a stack trace): the first
 * `SomeError: message` line, else the last non-empty line; `timedOut` wins.
 */
export function downloadFailureReason(
  stderr: string,
  timedOut: boolean,
  timeoutMs: number,
): string {
  if (timedOut) return `no answer within ${Math.round(timeoutMs / 1000)} s`;
  const lines = stderr
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('at '));
  const error = lines
    .map((l) => /^(?:\w*Error|Error)(?: \[[\w-]+\])?: (.+)$/.exec(l))
    .find((m) => m !== null);
  const reason = error ? error[1]! : (lines.at(-1) ?? 'no reason given');
  return reason.length > 160 ? `${reason.slice(0, 157)}...` : reason;
}

/** The one plain sentence `npm start` prints when the binary is missing and the download failed. */
export function missingElectronMessage(o: {
  version: string;
  platform: string;
  arch: string;
  reason: string;
}): string {
  const zip = electronZipName(o.version, o.platform, o.arch);
  return (
    `Faktor cannot start: the Electron ${o.version} binary is not installed and its download failed (${o.reason}) — ` +
    `connect to the internet and run npm start again, or set ELECTRON_MIRROR to a mirror you can reach, ` +
    `or unzip ${zip} from https://github.com/electron/electron/releases into node_modules/electron/dist ` +
    `and write its executable's name (${executableName(o.platform)}) into node_modules/electron/path.txt.`
  );
}

/** The message when ELECTRON_EXEC_PATH names a file that is not there. */
export function badOverrideMessage(path: string): string {
  return `Faktor cannot start: ELECTRON_EXEC_PATH is set to ${path}, which does not exist — point it at an Electron executable or unset it.`;
}

/** The executable inside Electron's zip, as install.js writes it into path.txt. */
function executableName(platform: string): string {
  if (platform === 'win32') return 'electron.exe';
  if (platform === 'darwin' || platform === 'mas') return 'Electron.app/Contents/MacOS/Electron';
  return 'electron';
}
