import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  shortcutFor,
  type KeyInput,
} from '../../../../renderer/src/features/shortcuts/shortcut-map';

const key = (k: string, o: Partial<KeyInput> = {}): KeyInput => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  inTextField: false,
  mac: false,
  ...o,
});

describe('shortcutFor', () => {
  it.each([
    [key('f', { ctrlKey: true }), 'focus-search'],
    [key('F', { ctrlKey: true }), 'focus-search'],
    [key('f', { metaKey: true, mac: true }), 'focus-search'],
    [key('/'), 'focus-search'],
    [key('n', { ctrlKey: true }), 'add'],
    [key('l', { ctrlKey: true }), 'lock'],
    [key(',', { ctrlKey: true }), 'settings'],
    [key('F1'), 'help'],
    [key('?'), 'help'],
    [key('z', { ctrlKey: true }), 'undo'],
    [key('z', { metaKey: true, mac: true }), 'undo'],
  ])('%o → %s', (input, kind) => {
    expect(shortcutFor(input)?.kind).toBe(kind);
  });

  it('typing a character on the list starts a search with it', () => {
    expect(shortcutFor(key('g'))).toEqual({ kind: 'type-to-search', text: 'g' });
    expect(shortcutFor(key('ä'))).toEqual({ kind: 'type-to-search', text: 'ä' });
  });

  it('leaves text fields, the platform modifier of the other OS and Alt combinations alone', () => {
    expect(shortcutFor(key('g', { inTextField: true }))).toBeNull();
    expect(shortcutFor(key('/', { inTextField: true }))).toBeNull();
    expect(shortcutFor(key('z', { ctrlKey: true, inTextField: true }))).toBeNull(); // the field's own undo
    expect(shortcutFor(key('f', { metaKey: true }))).toBeNull(); // Cmd on Linux/Windows
    expect(shortcutFor(key('f', { ctrlKey: true, mac: true }))).toBeNull(); // Ctrl on macOS
    expect(shortcutFor(key('f', { ctrlKey: true, altKey: true }))).toBeNull();
    expect(shortcutFor(key(' '))).toBeNull();
    expect(shortcutFor(key('Enter'))).toBeNull();
    expect(shortcutFor(key('Tab'))).toBeNull();
    expect(shortcutFor(key('ArrowDown'))).toBeNull();
  });

  it('property: nothing fires while typing into a field without a modifier, except F1', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (k) => {
        const out = shortcutFor(key(k, { inTextField: true }));
        return k === 'F1' ? out?.kind === 'help' : out === null;
      }),
    );
  });
});
