import { FaktorError } from '../../../../shared/errors';
import { route } from '../../../../shared/qr/payload-parsers';
import { loginResponse } from '../../../../shared/servicekonto/login-ocra';
import {
  parseLoginPayload,
  type LoginPayload,
} from '../../../../shared/servicekonto/login-payload';
import { samePairing, type PairedRecord } from './paired-record';
import { openWithKey, pinKey, wipeSecrets } from './pin-secrets';

/**
 * Offline QR login (docs/servicekonto-app.md §Offline login): a scanned `faktor-login:` payload is
 * accepted only when this desktop is paired with exactly that server origin AND account — a login QR
 * from any other origin is what a phishing page would show, so it is refused with 'not-paired' before a
 * PIN is even asked. The response is the RFC 6287 OCRA code over the payload (shared/servicekonto/
 * login-ocra.ts) with the PIN-decrypted secret; a wrong PIN gives a wrong code, never an error.
 */

/** A login that passed the checks, ready for the PIN. */
export interface OfflineLogin {
  readonly login: LoginPayload;
  readonly record: PairedRecord;
}

/** Routes and parses `text`, then finds the pairing it belongs to ('not-paired' if none). */
export function prepareOfflineLogin(
  text: string,
  pairings: readonly PairedRecord[],
  nowMs: number,
): OfflineLogin {
  const r = route(text, nowMs);
  if (r.kind === 'invalid') throw new FaktorError(r.error);
  if (r.kind !== 'servicekonto-login')
    throw new FaktorError('unsupported-payload', 'not a login code');
  const login = parseLoginPayload(r.payload, nowMs);
  const record = pairings.find((p) => samePairing(p, login));
  if (!record) throw new FaktorError('not-paired');
  return { login, record };
}

/** The OCRA response with an already derived PIN key (pinKey): everything after the KDF. */
export function offlineCodeWithKey(prepared: OfflineLogin, key: Uint8Array): string {
  const secrets = openWithKey(key, prepared.record.sealed);
  try {
    return loginResponse(prepared.login, secrets.ocraSecret);
  } finally {
    wipeSecrets(secrets);
  }
}

/** The OCRA response for a prepared login with the secret the PIN decrypts to. */
export async function offlineCode(prepared: OfflineLogin, pin: string): Promise<string> {
  const key = await pinKey(pin, prepared.record.sealed);
  try {
    return offlineCodeWithKey(prepared, key);
  } finally {
    key.fill(0);
  }
}
