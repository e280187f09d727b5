import { describe, expect, it } from 'vitest';
import { createShortcutManager } from '../../../../../electron/main/services/desktop/shortcuts';
import { OsShortcuts } from '../../../../harness/desktop-doubles';

describe('global shortcut manager', () => {
  it('off by default registers nothing; set ones are registered and run their action', () => {
    const os = new OsShortcuts();
    const ran: string[] = [];
    const m = createShortcutManager(os, {
      scan: () => ran.push('scan'),
      search: () => ran.push('search'),
    });
    expect(m.apply({ scan: '', search: '' })).toEqual({ scan: 'off', search: 'off' });
    expect(os.held.size).toBe(0);
    expect(m.apply({ scan: 'CommandOrControl+Shift+K', search: 'Alt+F' })).toEqual({
      scan: 'active',
      search: 'active',
    });
    os.held.get('CommandOrControl+Shift+K')!();
    os.held.get('Alt+F')!();
    expect(ran).toEqual(['scan', 'search']);
  });

  it('reports a shortcut another app holds as taken, an invalid one as invalid, and the same keys twice as taken', () => {
    const os = new OsShortcuts(new Set(['Control+Alt+S']));
    const m = createShortcutManager(os, { scan: () => undefined, search: () => undefined });
    expect(m.apply({ scan: 'Control+Alt+S', search: 'Shift+S' })).toEqual({
      scan: 'taken',
      search: 'invalid',
    });
    expect(m.apply({ scan: 'Alt+F', search: 'Alt+F' })).toEqual({
      scan: 'active',
      search: 'taken',
    });
    expect(m.apply({ scan: 'Control+num9', search: '' })).toEqual({ scan: 'taken', search: 'off' });
    expect(m.state()).toEqual({ scan: 'taken', search: 'off' });
  });

  it('a new apply releases the old keys; clear releases everything; no OS shortcuts at all means taken', () => {
    const os = new OsShortcuts();
    const m = createShortcutManager(os, { scan: () => undefined, search: () => undefined });
    m.apply({ scan: 'Alt+1', search: 'Alt+2' });
    m.apply({ scan: 'Alt+3', search: '' });
    expect([...os.held.keys()]).toEqual(['Alt+3']);
    m.clear();
    expect(os.held.size).toBe(0);
    expect(
      createShortcutManager(undefined, { scan: () => undefined, search: () => undefined }).apply({
        scan: 'Alt+1',
        search: '',
      }),
    ).toEqual({ scan: 'taken', search: 'off' });
  });
});
