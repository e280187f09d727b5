/**
 * "Start at login" on Linux: the XDG autostart entry in a real temp directory, and its Exec line read
 * back by an independent parser — GLib's `gio launch` (Debian libglib2.0-bin, the code GNOME uses to
 * start autostart entries) runs a stand-in program whose path holds spaces, `$`, quotes and a backslash,
 * and the stand-in records the argv it got. (`%` is left out there: GLib looks the program up before it
 * undoes `%%`, so it cannot find such a path although the entry follows the specification.)
 */
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  AUTOSTART_FILE,
  autostartDir,
  autostartEntry,
  quoteExecArg,
  xdgAutostart,
} from '../../../../../electron/main/services/desktop/xdg-autostart';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'faktor-autostart-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('finds the autostart directory from XDG_CONFIG_HOME, else ~/.config (a relative value is ignored, per the spec)', () => {
  expect(autostartDir({ XDG_CONFIG_HOME: '/x/cfg' }, '/home/e')).toBe('/x/cfg/autostart');
  expect(autostartDir({}, '/home/e')).toBe('/home/e/.config/autostart');
  expect(autostartDir({ XDG_CONFIG_HOME: 'relative' }, '/home/e')).toBe(
    '/home/e/.config/autostart',
  );
});

it('writes the entry when turned on (atomically, no temp file left), rewrites it idempotently, and removes it when turned off', () => {
  const auto = path.join(dir, 'cfg', 'autostart');
  const item = xdgAutostart(auto, '/opt/Faktor/faktor');
  item.set(true);
  item.set(true);
  const file = path.join(auto, AUTOSTART_FILE);
  expect(readFileSync(file, 'utf8')).toBe(autostartEntry('/opt/Faktor/faktor'));
  expect(readFileSync(file, 'utf8')).toContain('Exec=/opt/Faktor/faktor --hidden\n');
  expect(statSync(file).mode & 0o777).toBe(0o644);
  expect(execFileSync('ls', ['-A', auto], { encoding: 'utf8' }).trim()).toBe(AUTOSTART_FILE);
  item.set(false);
  item.set(false);
  expect(existsSync(file)).toBe(false);
});

it('GLib starts the entry with exactly the program and --hidden, whatever the program path holds', () => {
  const odd = path.join(dir, `Faktor "app" $HOME 'x' \\ back`);
  execFileSync('mkdir', ['-p', odd]);
  const program = path.join(odd, 'faktor');
  const argvFile = path.join(dir, 'argv.json');
  writeFileSync(
    program,
    `#!/bin/sh\nnode -e 'require("fs").writeFileSync(process.argv[1], JSON.stringify(process.argv.slice(2)))' ${JSON.stringify(argvFile)} "$0" "$@"\n`,
  );
  chmodSync(program, 0o755);
  const auto = path.join(dir, 'autostart');
  xdgAutostart(auto, program).set(true);
  execFileSync('gio', ['launch', path.join(auto, AUTOSTART_FILE)], {
    env: { ...process.env, DISPLAY: '' },
    timeout: 20_000,
  });
  for (let i = 0; i < 100 && !existsSync(argvFile); i++) execFileSync('sleep', ['0.1']);
  expect(JSON.parse(readFileSync(argvFile, 'utf8'))).toEqual([program, '--hidden']);
});

it('quotes only what needs it and refuses control characters (property)', () => {
  expect(quoteExecArg('/usr/bin/faktor')).toBe('/usr/bin/faktor');
  // In the file: the Exec escape (backslash) is itself escaped as a string value (\\).
  expect(quoteExecArg('/a b/$x "q" 5%')).toBe('"/a b/\\\\$x \\\\"q\\\\" 5%%"');
  expect(quoteExecArg('/a\\b c')).toBe('"/a\\\\\\\\b c"');
  expect(() => quoteExecArg('/a\nb')).toThrow(/control/);
  fc.assert(
    fc.property(
      fc.string({ unit: fc.constantFrom('a', ' ', '"', '$', '\\', '%', '`', "'", '/') }),
      (s) => {
        const q = quoteExecArg(s);
        expect(q).not.toMatch(/[\n\r]/);
        // A quoted argument has no unescaped quote inside.
        if (q.startsWith('"'))
          expect(q.slice(1, -1).replace(/\\\\\\\\|\\\\["`$]/g, '')).not.toMatch(/["`$\\]/);
      },
    ),
  );
});
