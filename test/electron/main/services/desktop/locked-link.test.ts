import { describe, expect, it } from 'vitest';
import { FaktorError } from '../../../../../shared/errors';
import type { DesktopAction } from '../../../../../shared/ipc/desktop-schemas';
import type { FoundCode } from '../../../../../shared/qr/found-code';
import { createLockedLinkOpener } from '../../../../../electron/main/services/desktop/locked-link';

// The link check itself (same-device.ts) has its own tests; here a stand-in answers as it would for an
// unlocked vault, a locked one, and a refused link, so the waiting and the window handling are what is tested.
const code = {
  token: 't',
  route: { kind: 'text', text: '' },
  source: { kind: 'link' },
} as unknown as FoundCode;

function setup(answer: (link: string) => Promise<FoundCode>) {
  const log: string[] = [];
  const shown: DesktopAction[] = [];
  const failed: unknown[] = [];
  const opener = createLockedLinkOpener({
    links: { open: (link) => (log.push(`check ${String(link)}`), answer(String(link))) },
    showWindow: () => log.push('window'),
    emit: (a) => shown.push(a),
    fail: (e) => failed.push(e),
  });
  return { opener, log, shown, failed };
}

describe('faktor:// links while the vault is locked', () => {
  it('brings the window up, then shows the checked link at its confirm step', async () => {
    const { opener, log, shown, failed } = setup(async () => code);
    await opener.open('faktor://login?v=1&p=a');
    expect(log).toEqual(['window', 'check faktor://login?v=1&p=a']);
    expect(shown).toEqual([{ kind: 'show-scan', result: { codes: [code], imagesScanned: 0 } }]);
    expect(failed).toEqual([]);
  });

  it('keeps the latest link that met a locked vault and opens it once after the unlock, window first', async () => {
    let locked = true;
    const { opener, log, shown } = setup(async () => {
      if (locked) throw new FaktorError('vault-locked');
      return code;
    });
    await opener.open('faktor://login?v=1&p=a');
    await opener.open('faktor://login?v=1&p=b');
    expect(shown).toEqual([]);
    locked = false;
    log.length = 0;
    await opener.unlocked();
    expect(log).toEqual(['window', 'check faktor://login?v=1&p=b']);
    expect(shown).toHaveLength(1);
    await opener.unlocked(); // nothing waits any more
    expect(log).toHaveLength(2);
  });

  it('says any other refusal in the window and keeps nothing waiting', async () => {
    const refused = new FaktorError('protocol-replayed');
    const { opener, log, shown, failed } = setup(async () => {
      throw refused;
    });
    await opener.open('faktor://login?v=1&p=a');
    expect(failed).toEqual([refused]);
    expect(shown).toEqual([]);
    log.length = 0;
    await opener.unlocked();
    expect(log).toEqual([]);
  });
});
