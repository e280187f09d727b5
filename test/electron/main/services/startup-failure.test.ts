import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FaktorError } from '../../../../shared/errors';
import {
  acquireDataDirLock,
  type DataDirLock,
} from '../../../../electron/main/services/data-dir-lock';
import { startupFailureMessage } from '../../../../electron/main/services/startup-failure';

/**
 * The startup error box: a data dir held by the CLI (a real lock file of a live process, this one)
 * gives a localized "in use" message naming the folder; anything else a generic one with the code only.
 */

const dirs: string[] = [];
const locks: DataDirLock[] = [];
afterEach(async () => {
  for (const l of locks.splice(0)) await l.release();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function busyError(dir: string): Promise<unknown> {
  locks.push(await acquireDataDirLock(dir)); // the "CLI" holds it
  try {
    locks.push(await acquireDataDirLock(dir)); // the app starts on the same dir
    return null;
  } catch (e) {
    return e;
  }
}

describe('startup failure message', () => {
  it('explains a data dir held by the CLI, in German for a German locale and in English otherwise', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faktor-busy-'));
    dirs.push(dir);
    const e = await busyError(dir);
    expect(e).toBeInstanceOf(FaktorError);
    const de = startupFailureMessage(e, 'de-DE', dir);
    expect(de.title).toBe('Faktor kann nicht starten');
    expect(de.text).toContain('Kommandozeilenwerkzeug „faktor“');
    expect(de.text).toContain(dir);
    const en = startupFailureMessage(e, 'en-GB', dir);
    expect(en.title).toBe('Faktor cannot start');
    expect(en.text).toContain('in use by another program');
    expect(en.text).toContain(dir);
    expect(startupFailureMessage(e, 'fr-FR', dir).text).toBe(en.text);
  });

  it('says nothing but the code for other errors (no message text, no stack)', () => {
    const m = startupFailureMessage(
      new FaktorError('keychain-unavailable', 'secret detail'),
      'en-US',
      '/x',
    );
    expect(m.text).toContain('(keychain-unavailable)');
    expect(m.text).not.toContain('secret detail');
    expect(startupFailureMessage(new Error('boom /home/user'), 'de', '/x').text).toContain(
      '(internal)',
    );
    expect(startupFailureMessage(new Error('boom /home/user'), 'de', '/x').text).not.toContain(
      'boom',
    );
  });
});
