import { describe, expect, it } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { minimatch } from 'minimatch';
import { createRequire } from 'node:module';
import { runUdevRules, type UdevDevice } from '../../../support/udev-rules';

/**
 * electron-builder cannot run here (it needs the Electron zip), so the packaging config's
 * security-relevant parts are checked as data: fuses (checklist item 19), asar + unpacking of
 * native modules, the file set, no rebuild, and the resources it points at.
 */
const root = resolve(import.meta.dirname, '../../../..');
const config = parse(readFileSync(resolve(root, 'electron-builder.yml'), 'utf8')) as Record<
  string,
  unknown
>;

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema validation (catches misspelt keys)", async () => {
    const require = createRequire(import.meta.url);
    const {
      getConfig,
      validateConfiguration,
    } = require('app-builder-lib/out/util/config/config.js');
    const { DebugLogger } = require('builder-util');
    const loaded = await getConfig(root, null, null);
    await expect(validateConfiguration(loaded, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('names the app and separates build resources from installers', () => {
    expect(config.productName).toBe('Faktor');
    expect(config.appId).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
    expect(config.directories).toEqual({ buildResources: 'build', output: 'release' });
  });

  it('sets every hardening fuse', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs into asar and unpacks native .node files only (packaging-dry-run.test.ts checks the real output)', () => {
    // smartUnpack would unpack a native module's whole package directory, its JS included.
    expect(config.asar).toEqual({ smartUnpack: false });
    expect(config.asarUnpack).toEqual(['**/*.node']);
  });

  it('never rebuilds native modules (that would download Electron headers)', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.buildDependenciesFromSource).toBe(false);
  });

  it('ships only the build output and package.json — no sources, tests, server or maps', () => {
    const files = config.files as string[];
    const included = (p: string) => {
      let inc = false;
      for (const g of files) {
        if (g.startsWith('!')) {
          if (minimatch(p, g.slice(1), { dot: true })) inc = false;
        } else if (minimatch(p, g, { dot: true })) inc = true;
      }
      return inc;
    };
    for (const p of [
      'out/main/index.js',
      'out/preload/index.cjs',
      'out/renderer/index.html',
      'out/renderer/assets/index-abc.js',
      'package.json',
    ]) {
      expect(included(p), p).toBe(true);
    }
    for (const p of [
      'out/main/index.js.map',
      'out/renderer/assets/index-abc.js.map',
      'server/main.ts',
      'test/x.test.ts',
      'electron/main/index.ts',
      'renderer/index.html',
      'shared/errors.ts',
      'docs/security.md',
      '.ci/run',
    ]) {
      expect(included(p), p).toBe(false);
    }
    const excludesDep = (dep: string) =>
      files.some(
        (g) =>
          g.startsWith('!') && minimatch(`node_modules/${dep}/index.js`, g.slice(1), { dot: true }),
      );
    for (const dep of ['fastify', 'better-sqlite3', '@simplewebauthn/server', 'react'])
      expect(excludesDep(dep), dep).toBe(true);
    for (const dep of ['node-hid', '@napi-rs/keyring', 'zod', 'zxing-wasm'])
      expect(excludesDep(dep), dep).toBe(false);
  });

  it('targets AppImage+deb, dmg and nsis, and the resources it names exist', () => {
    const linux = config.linux as Record<string, unknown>;
    const mac = config.mac as Record<string, unknown>;
    expect(linux.target).toEqual(['AppImage', 'deb']);
    expect(linux.category).toBe('Utility');
    expect(mac.target).toBe('dmg');
    expect((config.win as Record<string, unknown>).target).toBe('nsis');
    expect(mac.hardenedRuntime).toBe(true);
    expect((mac.extendInfo as Record<string, string>).NSCameraUsageDescription).toBeTruthy();
    const win = config.win as Record<string, unknown>;
    for (const p of [
      mac.entitlements,
      mac.entitlementsInherit,
      mac.icon,
      win.icon,
      'build/icon.png',
      'build/installer.nsh',
    ])
      expect(existsSync(resolve(root, p as string)), String(p)).toBe(true);
    expect(linux.icon).toBe('build/icons');
    for (const n of [16, 32, 48, 128, 256, 512])
      expect(existsSync(resolve(root, `build/icons/${n}x${n}.png`)), `${n}`).toBe(true);
    const extra = linux.extraResources as Array<{ from: string; to: string }>;
    expect(extra).toContainEqual({
      from: 'build/70-faktor-fido.rules',
      to: '70-faktor-fido.rules',
    });
    expect(existsSync(resolve(root, 'build/70-faktor-fido.rules'))).toBe(true);
  });

  it('registers the faktor:// scheme for every platform, and only that scheme', () => {
    expect(config.protocols).toEqual([{ name: 'Faktor approval link', schemes: ['faktor'] }]);
    // Windows: electron-builder's NSIS target does not register protocols; build/installer.nsh does.
    expect((config.nsis as Record<string, unknown>).include).toBe('build/installer.nsh');
    const nsh = readFileSync(resolve(root, 'build/installer.nsh'), 'utf8');
    const macro = (name: string) =>
      nsh.slice(
        nsh.indexOf(`!macro ${name}\n`),
        nsh.indexOf('!macroend', nsh.indexOf(`!macro ${name}\n`)),
      );
    const install = macro('customInstall')
      .split('\n')
      .slice(1)
      .map((l) => l.trim())
      .filter(Boolean);
    expect(install).toEqual([
      'WriteRegStr SHCTX "Software\\Classes\\faktor" "" "URL:Faktor approval link"',
      'WriteRegStr SHCTX "Software\\Classes\\faktor" "URL Protocol" ""',
      'WriteRegStr SHCTX "Software\\Classes\\faktor\\DefaultIcon" "" "$appExe,0"',
      'WriteRegStr SHCTX "Software\\Classes\\faktor\\shell\\open\\command" "" \'"$appExe" "%1"\'',
    ]);
    expect(macro('customUnInstall')).toContain('DeleteRegKey SHCTX "Software\\Classes\\faktor"');
    // Per-user install, so SHCTX is HKCU: no admin rights, no machine-wide handler.
    expect((config.nsis as Record<string, unknown>).perMachine).toBe(false);
  });

  it('mac usage strings say why the camera is used', () => {
    const info = (config.mac as Record<string, unknown>).extendInfo as Record<string, string>;
    expect(Object.keys(info)).toEqual(['NSCameraUsageDescription']);
    expect(info.NSCameraUsageDescription).toMatch(/QR code/);
  });

  it('mac entitlements grant the camera and JIT, nothing else', () => {
    const plist = readFileSync(resolve(root, 'build/entitlements.mac.plist'), 'utf8');
    const keys = [...plist.matchAll(/<key>([^<]+)<\/key>/g)].map((m) => m[1]).sort();
    expect(keys).toEqual(['com.apple.security.cs.allow-jit', 'com.apple.security.device.camera']);
  });

  describe('the udev rule (build/70-faktor-fido.rules)', () => {
    const rules = readFileSync(resolve(root, 'build/70-faktor-fido.rules'), 'utf8');
    const fidoId = ['/usr/lib/udev/fido_id'];
    const hidraw = (
      env: Record<string, string>,
      attrs: Record<string, string>,
      files: string[],
    ): UdevDevice => ({
      action: 'add',
      subsystem: 'hidraw',
      kernel: 'hidraw3',
      env,
      attrs,
      files,
    });
    const yubikey = { idVendor: '1050', idProduct: '0407' };

    it('grants the seat user (uaccess) a FIDO interface recognised by its usage page, and nothing else', () => {
      expect(
        runUdevRules(rules, hidraw({ ID_FIDO_TOKEN: '1', ID_SECURITY_TOKEN: '1' }, yubikey, fidoId))
          .tags,
      ).toEqual(['uaccess']);
      expect(runUdevRules(rules, hidraw({ ID_SECURITY_TOKEN: '1' }, {}, fidoId)).tags).toEqual([
        'uaccess',
      ]);
      // With fido_id present, the same key's keyboard (OTP) interface and other vendors' HID devices stay closed.
      expect(runUdevRules(rules, hidraw({}, yubikey, fidoId)).tags).toEqual([]);
      expect(
        runUdevRules(rules, hidraw({}, { idVendor: '046d', idProduct: 'c52b' }, fidoId)).tags,
      ).toEqual([]);
      expect(
        runUdevRules(rules, {
          ...hidraw({ ID_FIDO_TOKEN: '1' }, yubikey, fidoId),
          subsystem: 'input',
          kernel: 'event3',
        }).tags,
      ).toEqual([]);
      expect(
        runUdevRules(rules, {
          ...hidraw({ ID_FIDO_TOKEN: '1' }, yubikey, fidoId),
          action: 'remove',
        }).tags,
      ).toEqual([]);
    });

    it('falls back to the listed FIDO keys only where fido_id does not exist', () => {
      expect(runUdevRules(rules, hidraw({}, yubikey, [])).tags).toEqual(['uaccess']);
      expect(
        runUdevRules(rules, hidraw({}, { idVendor: '18d1', idProduct: '5026' }, [])).tags,
      ).toEqual(['uaccess']);
      expect(
        runUdevRules(rules, hidraw({}, { idVendor: '18d1', idProduct: '4ee7' }, [])).tags,
      ).toEqual([]);
      expect(
        runUdevRules(rules, hidraw({}, { idVendor: '046d', idProduct: 'c52b' }, [])).tags,
      ).toEqual([]);
      expect(runUdevRules(rules, hidraw({}, yubikey, ['/lib/udev/fido_id'])).tags).toEqual([]);
    });

    it('changes no group, mode or owner (membership in plugdev grants nothing)', () => {
      const devices = [
        hidraw({ ID_FIDO_TOKEN: '1' }, yubikey, fidoId),
        hidraw({}, yubikey, []),
        hidraw({}, {}, []),
      ];
      for (const d of devices) expect(runUdevRules(rules, d).assignments).toEqual([]);
      expect(rules).not.toMatch(/^[^#]*\b(GROUP|MODE|OWNER)\s*:?=/m);
    });
  });
});
