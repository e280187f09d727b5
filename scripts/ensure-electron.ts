import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  badOverrideMessage,
  downloadFailureReason,
  downloadTimeoutMs,
  missingElectronMessage,
  nextStep,
  type ElectronInstall,
} from './electron-binary';

/**
 * `npm start`'s first step (before `electron-vite dev`): makes sure the Electron binary is there,
 * running Electron's own installer when it is not, and otherwise exits 1 with one plain sentence (no
 * stack trace). The decisions are in electron-binary.ts; this file only reads the disk and runs
 * node_modules/electron/install.js.
 */

/** Reads what is installed for the electron package in `packageDir`. */
function readElectronInstall(packageDir: string, env: NodeJS.ProcessEnv): ElectronInstall {
  const version = (
    JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string }
  ).version;
  const pathFile = join(packageDir, 'path.txt');
  const pathTxt = existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : null;
  const override = env.ELECTRON_EXEC_PATH || undefined;
  return {
    packageDir,
    version,
    pathTxt,
    binaryExists:
      pathTxt !== null &&
      pathTxt.trim() !== '' &&
      existsSync(join(packageDir, 'dist', pathTxt.trim())),
    execPathOverride: override,
    overrideExists: override !== undefined && existsSync(override),
  };
}

/** Outcome of ensureElectron. */
type EnsureResult = { ok: true; executable: string } | { ok: false; message: string };

/** Checks the binary and, if missing, runs Electron's installer once (at most `timeoutMs`). */
function ensureElectron(
  packageDir: string,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): EnsureResult {
  const first = readElectronInstall(packageDir, env);
  const step = nextStep(first);
  if (step.kind === 'ready') return { ok: true, executable: step.executable };
  if (step.kind === 'bad-override') return { ok: false, message: badOverrideMessage(step.path) };

  process.stdout.write(`Downloading Electron ${first.version} (once, about 100 MB)...\n`);
  const run = spawnSync(process.execPath, [join(packageDir, 'install.js')], {
    env,
    stdio: ['ignore', 'inherit', 'pipe'],
    timeout: timeoutMs,
    encoding: 'utf8',
  });
  const after = nextStep(readElectronInstall(packageDir, env));
  if (after.kind === 'ready') return { ok: true, executable: after.executable };
  const timedOut = (run.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
  const reason = downloadFailureReason(run.stderr ?? '', timedOut, timeoutMs);
  return {
    ok: false,
    message: missingElectronMessage({
      version: first.version,
      platform: env.ELECTRON_INSTALL_PLATFORM || process.platform,
      arch: env.ELECTRON_INSTALL_ARCH || process.arch,
      reason,
    }),
  };
}

/** The electron package the project in `cwd` resolves (the one electron-vite will use). */
function locateElectron(cwd: string): string {
  return dirname(createRequire(join(cwd, 'package.json')).resolve('electron/package.json'));
}

let result: EnsureResult;
try {
  result = ensureElectron(
    locateElectron(process.cwd()),
    process.env,
    downloadTimeoutMs(process.env.FAKTOR_ELECTRON_DOWNLOAD_TIMEOUT_S),
  );
} catch (e) {
  result = {
    ok: false,
    message: `Faktor cannot start: the electron package is not installed (${e instanceof Error ? e.message.split('\n')[0] : String(e)}) — run npm ci first.`,
  };
}
if (!result.ok) {
  process.stderr.write(`${result.message}\n`);
  process.exit(1);
}
