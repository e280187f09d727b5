import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TRAY_ICON_PNG_BASE64 } from '../../../../../electron/main/services/desktop/tray-icon';
import {
  buildTrayMenu,
  menuLabel,
  quickAccounts,
  type TrayState,
} from '../../../../../electron/main/services/desktop/tray-menu';

const acc = (id: string, issuer = `Issuer ${id}`, label = `user-${id}`) => ({ id, issuer, label });
const ready: TrayState = {
  vault: 'ready',
  hasPassword: true,
  quick: [acc('a'), acc('b')],
  language: 'en',
};
const labels = (s: TrayState) =>
  buildTrayMenu(s).map((i) => (i.type === 'separator' ? '—' : i.label));

describe('tray menu model', () => {
  it('unlocked: a quick copy per account, scan, show, lock, quit — each entry names its command', () => {
    expect(labels(ready)).toEqual([
      'Copy a code',
      'Issuer a (user-a)',
      'Issuer b (user-b)',
      '—',
      'Scan screen for a QR code',
      'Show Faktor',
      'Lock',
      '—',
      'Quit Faktor',
    ]);
    const commands = buildTrayMenu(ready).flatMap((i) => (i.type === 'item' ? [i.command] : []));
    expect(commands).toEqual([
      { kind: 'copy', accountId: 'a' },
      { kind: 'copy', accountId: 'b' },
      { kind: 'scan-screen' },
      { kind: 'show' },
      { kind: 'lock' },
      { kind: 'quit' },
    ]);
  });

  it('locked or failed: no account names at all, only unlock/show and quit; German when the app is German', () => {
    expect(labels({ ...ready, vault: 'locked', language: 'de' })).toEqual([
      'Faktor entsperren…',
      '—',
      'Faktor beenden',
    ]);
    expect(labels({ ...ready, vault: 'error' })).toEqual([
      'Faktor needs attention…',
      '—',
      'Quit Faktor',
    ]);
  });

  it('lock is disabled without an app password; an empty vault says so', () => {
    const items = buildTrayMenu({ ...ready, hasPassword: false, quick: [] });
    expect(items.find((i) => i.type === 'item' && i.command.kind === 'lock')).toMatchObject({
      enabled: false,
    });
    expect(items[1]).toMatchObject({ label: 'No accounts yet', enabled: false });
  });

  it('quick accounts: pinned first, then most recently copied, then the user order; five at most, each once', () => {
    const list = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id) => ({
      ...acc(id),
      pinned: id === 'f',
    }));
    expect(quickAccounts(list, ['d', 'gone', 'b']).map((a) => a.id)).toEqual([
      'f',
      'd',
      'b',
      'a',
      'c',
    ]);
    expect(quickAccounts(list, [], 2).map((a) => a.id)).toEqual(['f', 'a']);
    expect(Object.keys(quickAccounts(list, [])[0]!)).toEqual(['id', 'issuer', 'label']);
  });

  it('labels: control and direction characters removed, & escaped for Windows mnemonics, long names capped', () => {
    expect(menuLabel(acc('x', 'A&B\u202E', 'al\u0007ice'))).toBe('A&&B (alice)');
    expect(menuLabel(acc('x', '', 'only-label'))).toBe('only-label');
    expect(menuLabel(acc('x', '', ''))).toBe('—');
    expect(menuLabel(acc('x', 'I'.repeat(100), 'l'))).toHaveLength(48);
  });
});

describe('tray icon', () => {
  it('is build/icons/32x32.png, byte for byte (re-run the base64 step after npm run icons)', () => {
    expect(
      Buffer.from(TRAY_ICON_PNG_BASE64, 'base64').equals(
        readFileSync(join(__dirname, '../../../../../build/icons/32x32.png')),
      ),
    ).toBe(true);
  });
});
