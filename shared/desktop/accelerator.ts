/**
 * Global-shortcut accelerators (Electron's `Accelerator` syntax, e.g. `CommandOrControl+Shift+K`),
 * checked before they reach globalShortcut.register: one key, known modifiers each at most once, and at
 * least one modifier besides Shift — a global shortcut without one would swallow ordinary typing in
 * every other app. Pure; used by the settings schema, the settings screen and the shortcut service.
 */

/** Why an accelerator is refused (the settings screen words each one). */
export type AcceleratorProblem =
  'too-long' | 'no-key' | 'unknown-part' | 'two-keys' | 'duplicate-modifier' | 'needs-modifier';

/** The verdict: the accelerator in canonical spelling, or the problem. */
export type AcceleratorCheck =
  { ok: true; accelerator: string } | { ok: false; problem: AcceleratorProblem };

/** Longest accelerator text accepted (the longest valid one is about 40 characters). */
export const MAX_ACCELERATOR_CHARS = 64;

/** Modifier spellings → canonical name. Command and Control mean the same key only on one platform each. */
const MODIFIERS: Readonly<Record<string, string>> = {
  commandorcontrol: 'CommandOrControl',
  cmdorctrl: 'CommandOrControl',
  command: 'Command',
  cmd: 'Command',
  control: 'Control',
  ctrl: 'Control',
  alt: 'Alt',
  option: 'Alt',
  altgr: 'AltGr',
  shift: 'Shift',
  super: 'Super',
  meta: 'Super',
};

const NAMED_KEYS = [
  'Plus',
  'Space',
  'Tab',
  'Capslock',
  'Numlock',
  'Scrolllock',
  'Backspace',
  'Delete',
  'Insert',
  'Return',
  'Enter',
  'Up',
  'Down',
  'Left',
  'Right',
  'Home',
  'End',
  'PageUp',
  'PageDown',
  'Escape',
  'Esc',
  'PrintScreen',
  'VolumeUp',
  'VolumeDown',
  'VolumeMute',
  'MediaNextTrack',
  'MediaPreviousTrack',
  'MediaStop',
  'MediaPlayPause',
  'numdec',
  'numadd',
  'numsub',
  'nummult',
  'numdiv',
];
const NAMED = new Map(NAMED_KEYS.map((k) => [k.toLowerCase(), k]));
const PUNCTUATION = new Set([...')!@#$%^&*(:;=<,_->.?/~`{][|\\}"\'']);

/** The canonical spelling of one key, or null when Electron would not know it. */
function keyName(part: string): string | null {
  if (/^[a-z0-9]$/i.test(part)) return part.toUpperCase();
  if (PUNCTUATION.has(part)) return part;
  const f = /^f([1-9]|1[0-9]|2[0-4])$/i.exec(part);
  if (f) return `F${f[1]}`;
  const num = /^num([0-9])$/i.exec(part);
  if (num) return `num${num[1]}`;
  return NAMED.get(part.toLowerCase()) ?? null;
}

/** Checks one accelerator; `ok` carries the canonical form that is stored and registered. */
export function checkAccelerator(text: string): AcceleratorCheck {
  if (text.length > MAX_ACCELERATOR_CHARS) return { ok: false, problem: 'too-long' };
  // "+" as a key is spelled "Plus"; a trailing "+" is an empty part.
  const parts = text.split('+').map((p) => p.trim());
  const modifiers: string[] = [];
  let key: string | null = null;
  for (const part of parts) {
    if (part === '') return { ok: false, problem: 'no-key' };
    const modifier = MODIFIERS[part.toLowerCase()];
    if (modifier !== undefined) {
      if (modifiers.includes(modifier)) return { ok: false, problem: 'duplicate-modifier' };
      modifiers.push(modifier);
      continue;
    }
    const k = keyName(part);
    if (k === null) return { ok: false, problem: 'unknown-part' };
    if (key !== null) return { ok: false, problem: 'two-keys' };
    key = k;
  }
  if (key === null) return { ok: false, problem: 'no-key' };
  if (!modifiers.some((m) => m !== 'Shift')) return { ok: false, problem: 'needs-modifier' };
  return { ok: true, accelerator: [...modifiers, key].join('+') };
}

/** A stored shortcut setting is off ('') or a valid accelerator in canonical spelling. */
export function isShortcutSetting(text: string): boolean {
  if (text === '') return true;
  const c = checkAccelerator(text);
  return c.ok && c.accelerator === text;
}
