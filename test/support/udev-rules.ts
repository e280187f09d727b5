/**
 * A small evaluator for the subset of udev rule syntax build/70-faktor-fido.rules uses (udevadm is not
 * installed on the build machines, and `udevadm verify` needs systemd ≥ 253). It runs a rules file
 * against a described device the way udev walks it — line by line, every match key must hold, GOTO
 * jumps to its LABEL — and returns the tags and assignments. Any key it does not know throws, so the
 * rules file cannot grow syntax the test silently ignores.
 */

/** A device as udev sees it while processing one event. */
export interface UdevDevice {
  readonly action: string;
  readonly subsystem: string;
  readonly kernel: string;
  readonly env: Readonly<Record<string, string>>;
  /** Sysfs attributes of the device or one parent (ATTRS{} searches up the chain). */
  readonly attrs: Readonly<Record<string, string>>;
  /** Files that exist (for TEST=="path"). */
  readonly files: readonly string[];
}

/** What the rules did to the device. */
export interface UdevResult {
  readonly tags: string[];
  /** Every assignment other than TAG+= (GROUP=, MODE=, OWNER=, ENV{..}=, …), as `KEY=value`. */
  readonly assignments: string[];
}

const TOKEN = /([A-Z]+)(?:\{([^}]+)\})?\s*(==|!=|\+=|:=|=)\s*"([^"]*)"/g;

/** udev's pattern match: shell glob (* ? [..]) with `|` alternatives. */
function globMatch(pattern: string, value: string): boolean {
  return pattern.split('|').some((alt) => {
    const re = alt
      .replace(/[.+^${}()\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.');
    return new RegExp(`^${re}$`).test(value);
  });
}

function lookup(dev: UdevDevice, key: string, attr: string | undefined): string | undefined {
  switch (key) {
    case 'ACTION':
      return dev.action;
    case 'SUBSYSTEM':
      return dev.subsystem;
    case 'KERNEL':
      return dev.kernel;
    case 'ENV':
      return dev.env[attr!] ?? '';
    case 'ATTRS':
      return dev.attrs[attr!];
    default:
      throw new Error(`udev-rules: unsupported match key ${key}`);
  }
}

/** Runs `rules` (file text) against `dev`. */
export function runUdevRules(rules: string, dev: UdevDevice): UdevResult {
  const lines = rules
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  const tags: string[] = [];
  const assignments: string[] = [];
  let goto: string | null = null;
  for (const line of lines) {
    const parts = [...line.matchAll(TOKEN)];
    if (line.replace(TOKEN, '').replace(/[,\s]/g, '') !== '')
      throw new Error(`udev-rules: cannot parse ${line}`);
    if (goto !== null) {
      if (parts.length === 1 && parts[0]![1] === 'LABEL' && parts[0]![4] === goto) goto = null;
      continue;
    }
    let matches = true;
    const actions: RegExpExecArray[] = [];
    for (const p of parts) {
      const [, key, attr, op, value] = p as unknown as [
        string,
        string,
        string | undefined,
        string,
        string,
      ];
      if (op === '==' || op === '!=') {
        const actual =
          key === 'TEST' ? (dev.files.includes(value) ? value : undefined) : lookup(dev, key, attr);
        const hit = actual !== undefined && (key === 'TEST' || globMatch(value, actual));
        if (hit !== (op === '==')) matches = false;
      } else actions.push(p);
    }
    if (!matches) continue;
    for (const [, key, attr, op, value] of actions as unknown as Array<
      [string, string, string | undefined, string, string]
    >) {
      if (key === 'TAG' && op === '+=') tags.push(value);
      else if (key === 'GOTO') goto = value;
      else if (key !== 'LABEL') assignments.push(`${key}${attr ? `{${attr}}` : ''}${op}${value}`);
    }
  }
  if (goto !== null) throw new Error(`udev-rules: GOTO ${goto} without its LABEL`);
  return { tags, assignments };
}
