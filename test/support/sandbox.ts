import { isFaktorError } from '../../shared/errors';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createApi, type Api, type ApiDeps } from '../../electron/main/api';
import type { Ports } from '../../electron/main/ports';
import { createOsKeychain } from '../../electron/main/services/keychain';
import { KEY_ACCOUNT } from '../../electron/main/services/vault-lock';
import { OS_UNLOCK_ACCOUNT } from '../../electron/main/services/os-unlock';
import { TEST_KDF } from './doubles';

/** A temp data dir and a keychain service name no real user has, for one test. */
export interface Sandbox {
  readonly dir: string;
  readonly service: string;
  /** Removes the dir only. */
  cleanup(): void;
  /** Deletes the vault's keychain items (real gnome-keyring) and removes the dir. */
  close(): Promise<void>;
}

/** A fresh sandbox; tests end it with `await box.close()`. */
export function sandbox(): Sandbox {
  const dir = mkdtempSync(join(tmpdir(), 'faktor-vault-'));
  const service = `faktor-test-${randomBytes(6).toString('hex')}`;
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  return {
    dir,
    service,
    cleanup,
    async close() {
      await createOsKeychain(service)
        .delete(KEY_ACCOUNT)
        .catch(() => undefined);
      await createOsKeychain(service)
        .delete(OS_UNLOCK_ACCOUNT)
        .catch(() => undefined);
      cleanup();
    },
  };
}

/** The real api on a sandbox with the given port doubles and the cheap test KDF. */
export function testApi(box: Sandbox, ports: Ports, extra: Partial<ApiDeps> = {}): Api {
  return createApi({
    appDataDir: box.dir,
    keychainService: box.service,
    ports,
    testing: { kdf: TEST_KDF },
    ...extra,
  });
}

/** 'ok' when `run` resolves, else the FaktorError code it threw (anything else is rethrown). */
export async function outcome(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
    return 'ok';
  } catch (e) {
    if (!isFaktorError(e)) throw e;
    return e.code;
  }
}
