import { createApi } from '../../electron/main/api';
import type { ChannelHandlers } from '../../electron/main/ipc';
import type { Ports } from '../../electron/main/ports';
import { createOsKeychain } from '../../electron/main/services/keychain';
import { KEY_ACCOUNT } from '../../electron/main/services/vault';

/** The real api plus the cleanup the harness needs. */
export interface RealApi {
  readonly api: ChannelHandlers;
  /** Removes this run's vault key from the (throwaway) keychain. */
  dispose(): Promise<void>;
}

/**
 * Builds the REAL main-process api (electron/main/api.ts) exactly as the app does, with the harness's
 * port doubles, a temp app-data dir and a unique keychain service name in the real Secret Service.
 * No `testing` knobs: the KDF, the vault and the keychain are the production ones.
 */
export async function createRealApi(o: { ports: Ports; dataDir: string; keychainService: string }): Promise<RealApi> {
  const api = createApi({ appDataDir: o.dataDir, keychainService: o.keychainService, ports: o.ports });
  return {
    api,
    async dispose() {
      await createOsKeychain(o.keychainService)
        .delete(KEY_ACCOUNT)
        .catch(() => false);
    },
  };
}
