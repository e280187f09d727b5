import type {
  KeyCredentialGroup,
  KeyList,
  KeyRegistered,
  KeyRegisterRequest,
  KeyServicekontoMeans,
} from '../../../../shared/ipc/keys-schemas';
import { bridge, unwrap } from '../../api/bridge';

/** Every plugged-in key (main starts watching for plugs and unplugs). */
export const keysList = (): Promise<KeyList> => unwrap(bridge().keysList({}));
/** Sets the first PIN of a key. */
export const keysSetPin = (path: string, pin: string): Promise<object> =>
  unwrap(bridge().keysSetPin({ path, pin }));
/** Changes a key's PIN. */
export const keysChangePin = (path: string, current: string, next: string): Promise<object> =>
  unwrap(bridge().keysChangePin({ path, current, next }));
/** The key's passkeys by site. */
export const keysCredentials = (path: string, pin: string): Promise<KeyCredentialGroup[]> =>
  unwrap(bridge().keysCredentials({ path, pin }));
/** Deletes one passkey. */
export const keysDeleteCredential = (
  path: string,
  pin: string,
  credentialId: string,
): Promise<object> => unwrap(bridge().keysDeleteCredential({ path, pin, credentialId }));
/** Replug, touch, reset; resolves with the key's path after the replug. */
export const keysReset = (path: string): Promise<{ path: string }> =>
  unwrap(bridge().keysReset({ path, confirm: true }));
/** Blinks the key. */
export const keysWink = (path: string): Promise<object> => unwrap(bridge().keysWink({ path }));
/** Stops waiting for a replug or touch. */
export const keysCancel = (): Promise<object> => unwrap(bridge().keysCancel({}));
/** Registers the key at a paired Servicekonto as "password + security key" (progress: keys-progress touch, confirm). */
export const keysServicekontoRegister = (request: KeyRegisterRequest): Promise<KeyRegistered> =>
  unwrap(bridge().keysServicekontoRegister(request));
/** Which Servicekonto means the key is (a silent check; no touch). */
export const keysServicekontoMeans = (path: string): Promise<KeyServicekontoMeans> =>
  unwrap(bridge().keysServicekontoMeans({ path }));
