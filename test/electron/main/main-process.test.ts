import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventName } from '../../../shared/ipc/contract';
import { createMainProcess } from '../../../electron/main/main-process';
import { systemClock } from '../../../electron/main/ports';
import { MemoryClipboard, ScriptedDialogs } from '../../support/doubles';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function build() {
  const dir = await mkdtemp(join(tmpdir(), 'faktor-main-'));
  dirs.push(dir);
  const delivered: { name: EventName; payload: unknown }[] = [];
  const logs: string[] = [];
  const main = createMainProcess({
    ports: {
      clipboard: new MemoryClipboard(),
      dialogs: new ScriptedDialogs(),
      clock: systemClock,
      locale: () => 'de-DE',
    },
    eventSink: (name, payload) => delivered.push({ name, payload }),
    appDataDir: dir,
    keychainService: 'faktor-main-process-test-unused',
    trustedOrigins: ['app://faktor'],
    log: (l) => logs.push(l),
  });
  return { main, delivered, logs };
}

describe('createMainProcess (the one wiring for Electron and the harness)', () => {
  it('dispatches calls from a trusted top frame and refuses any other origin', async () => {
    const { main } = await build();
    await expect(
      main.dispatch({ url: 'app://faktor/index.html', isMainFrame: true }, 'app-locale', {}),
    ).resolves.toEqual({ ok: true, value: { locale: 'de-DE' } });
    await expect(
      main.dispatch({ url: 'http://127.0.0.1:1/index.html', isMainFrame: true }, 'app-locale', {}),
    ).resolves.toEqual({
      ok: false,
      error: { code: 'forbidden-sender' },
    });
  });

  it('events reach the sink only through the schema-checking publisher', async () => {
    const { main, delivered, logs } = await build();
    main.emit('vault-changed', {});
    // A payload that is not the contract's (an extra field could be a secret riding along) is dropped.
    (main.emit as (n: string, p: unknown) => void)('vault-changed', { seed: 'JBSWY3DPEHPK3PXP' });
    (main.emit as (n: string, p: unknown) => void)('no-such-event', {});
    expect(delivered).toEqual([{ name: 'vault-changed', payload: {} }]);
    expect(logs.join('\n')).not.toContain('JBSWY3DPEHPK3PXP');
    expect(logs).toHaveLength(2);
  });
});
