/**
 * "Start at login" on Linux, where Electron has no login items: an XDG autostart entry
 * (`$XDG_CONFIG_HOME/autostart/faktor.desktop`, Desktop Application Autostart Specification), which
 * GNOME, KDE, Xfce and the other XDG desktops start at login. Written atomically (temp file + rename),
 * removed when turned off. Written by hand: it is one small file whose only subtle part is the Exec
 * quoting of the Desktop Entry Specification, and no maintained package does just that.
 */
import fs from 'node:fs';
import path from 'node:path';
import { START_HIDDEN_ARG } from './window-behaviour';

/** File name of the entry (the app's desktop id). */
export const AUTOSTART_FILE = 'faktor.desktop';

/** The autostart directory: `$XDG_CONFIG_HOME/autostart`, `~/.config/autostart` when unset or relative. */
export function autostartDir(env: NodeJS.ProcessEnv, home: string): string {
  const configHome =
    env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME)
      ? env.XDG_CONFIG_HOME
      : path.join(home, '.config');
  return path.join(configHome, 'autostart');
}

/**
 * One Exec argument as written in the file (Desktop Entry Specification, "The Exec key"): quoted when it
 * holds a reserved character; inside the quotes `"`, `` ` ``, `$` and `\` take a backslash, and since the
 * file's string escapes are undone first, that backslash is itself written doubled (`\\$`, and `\\\\`
 * for a backslash). `%` is doubled everywhere (field codes).
 */
export function quoteExecArg(arg: string): string {
  if (/[\p{Cc}]/u.test(arg)) throw new Error('an Exec argument cannot hold control characters');
  const escaped = arg.replace(/%/g, '%%');
  if (!/[\s"'\\><~|&;$*?#()`]/.test(arg)) return escaped;
  return `"${escaped.replace(/(["`$\\])/g, (c) => (c === '\\' ? '\\\\\\\\' : `\\\\${c}`))}"`;
}

/** The entry's text for the program at `executable` (started hidden to the tray). */
export function autostartEntry(executable: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Faktor',
    'Comment=Desktop authenticator (started at login)',
    `Exec=${quoteExecArg(executable)} ${START_HIDDEN_ARG}`,
    'Icon=faktor',
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** The login-item port for Linux over the autostart directory `dir`, starting `executable`. */
export function xdgAutostart(dir: string, executable: string): { set(openAtLogin: boolean): void } {
  const file = path.join(dir, AUTOSTART_FILE);
  return {
    set(openAtLogin) {
      if (!openAtLogin) {
        fs.rmSync(file, { force: true });
        return;
      }
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, autostartEntry(executable), { mode: 0o644 });
      fs.renameSync(tmp, file);
    },
  };
}
