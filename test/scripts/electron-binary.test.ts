import { describe, expect, it } from 'vitest';
import {
  badOverrideMessage,
  downloadFailureReason,
  downloadTimeoutMs,
  electronZipName,
  missingElectronMessage,
  nextStep,
  type ElectronInstall,
} from '../../scripts/electron-binary';

const base: ElectronInstall = {
  packageDir: '/p/node_modules/electron',
  version: '45.4.1',
  pathTxt: null,
  binaryExists: false,
};

describe('nextStep (what npm start does before electron-vite)', () => {
  it('is ready when path.txt names an executable that exists', () => {
    expect(nextStep({ ...base, pathTxt: 'electron', binaryExists: true })).toEqual({
      kind: 'ready',
      executable: '/p/node_modules/electron/dist/electron',
    });
  });

  it('downloads when path.txt is missing, empty, or names a file that is gone', () => {
    expect(nextStep(base)).toEqual({ kind: 'download' });
    expect(nextStep({ ...base, pathTxt: '' })).toEqual({ kind: 'download' });
    expect(nextStep({ ...base, pathTxt: 'electron', binaryExists: false })).toEqual({
      kind: 'download',
    });
  });

  it('trusts ELECTRON_EXEC_PATH (electron-vite uses it) only when the file exists', () => {
    expect(
      nextStep({ ...base, execPathOverride: '/opt/electron/electron', overrideExists: true }),
    ).toEqual({ kind: 'ready', executable: '/opt/electron/electron' });
    expect(nextStep({ ...base, execPathOverride: '/nope', overrideExists: false })).toEqual({
      kind: 'bad-override',
      path: '/nope',
    });
  });
});

describe('the offline message', () => {
  it("takes the error line out of the installer's stack trace", () => {
    const stderr =
      'TypeError: fetch failed\n    at node:internal/deps/undici/undici:14976:13\n    at async FetchDownloader.download (file:///x.js:46:30)\n';
    expect(downloadFailureReason(stderr, false, 1000)).toBe('fetch failed');
    expect(
      downloadFailureReason(
        'HTTPError: Response code 404 (Not Found) for http://m/v45.4.1/x.zip\n    at y\n',
        false,
        1000,
      ),
    ).toBe('Response code 404 (Not Found) for http://m/v45.4.1/x.zip');
    expect(downloadFailureReason('Error [ERR_X]: checksum mismatch\n', false, 1000)).toBe(
      'checksum mismatch',
    );
    expect(downloadFailureReason('something odd\n\n', false, 1000)).toBe('something odd');
    expect(downloadFailureReason('', false, 1000)).toBe('no reason given');
    expect(downloadFailureReason('TypeError: fetch failed', true, 2000)).toBe(
      'no answer within 2 s',
    );
    expect(
      downloadFailureReason(`Error: ${'x'.repeat(500)}`, false, 1000).length,
    ).toBeLessThanOrEqual(160);
  });

  it('is one plain sentence naming the zip, ELECTRON_MIRROR and where to unzip it', () => {
    const m = missingElectronMessage({
      version: '45.4.1',
      platform: 'linux',
      arch: 'x64',
      reason: 'fetch failed',
    });
    expect(m).not.toContain('\n');
    expect(m.match(/\.(\s|$)/g)).toHaveLength(1);
    expect(m).toContain('(fetch failed)');
    expect(m).toContain('ELECTRON_MIRROR');
    expect(m).toContain('electron-v45.4.1-linux-x64.zip');
    expect(m).toContain('node_modules/electron/path.txt');
    expect(
      missingElectronMessage({ version: '45.4.1', platform: 'win32', arch: 'x64', reason: 'r' }),
    ).toContain('(electron.exe)');
    expect(
      missingElectronMessage({ version: '45.4.1', platform: 'darwin', arch: 'arm64', reason: 'r' }),
    ).toContain('Electron.app/Contents/MacOS/Electron');
    expect(badOverrideMessage('/nope')).toContain('ELECTRON_EXEC_PATH is set to /nope');
  });

  it("names the zip as Electron's installer does", () => {
    expect(electronZipName('45.4.1', 'linux', 'x64')).toBe('electron-v45.4.1-linux-x64.zip');
    expect(electronZipName('v45.4.1', 'darwin', 'arm64')).toBe('electron-v45.4.1-darwin-arm64.zip');
  });

  it('waits 15 minutes unless FAKTOR_ELECTRON_DOWNLOAD_TIMEOUT_S says otherwise', () => {
    expect(downloadTimeoutMs(undefined)).toBe(900_000);
    expect(downloadTimeoutMs('2')).toBe(2000);
    for (const bad of ['', '0', '-3', 'soon']) expect(downloadTimeoutMs(bad)).toBe(900_000);
  });
});
