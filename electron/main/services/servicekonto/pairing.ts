import { p256 } from '@noble/curves/nist.js';
import { FaktorError } from '../../../../shared/errors';
import { route } from '../../../../shared/qr/payload-parsers';
import { toBase64url } from '../../../../shared/servicekonto/base64url';
import { parseEnrollmentResponse } from '../../../../shared/servicekonto/enrollment';
import { publicKeyOf } from '../../../../shared/servicekonto/p256';
import {
  parsePairingPayload,
  type PairingPayload,
} from '../../../../shared/servicekonto/pairing-payload';
import { PROTOCOL_VERSION } from '../../../../shared/servicekonto/wire';
import type { KdfCost } from '../crypto';
import { newId } from '../vault-account';
import { type Vault } from '../vault';
import { toPairedView, type PairedRecord, type PairedView } from './paired-record';
import { checkPin, newDeviceSecrets, sealWithPin, toScalar, wipeSecrets } from './pin-secrets';
import { ENROLL_PATH } from './routes';
import { callJson, type Fetch } from './server-http';

/**
 * Pairing (docs/servicekonto-app.md §Pairing): a scanned `faktor-pair:` payload goes through the QR
 * router, the user's PIN seals a fresh OCRA secret and approval key, a separate device key is created
 * for the app's own requests, the public halves and the OCRA secret are enrolled at the payload's
 * origin, and only a well-formed answer for the SAME origin and account is stored. Nothing is stored
 * on any failure.
 */

/** What pairing needs around it. */
export interface PairingDeps {
  readonly vault: Vault;
  readonly kdf: KdfCost;
  readonly now: () => number;
  readonly fetch?: Fetch;
}

/** The payload behind a scanned text, or the router's typed refusal ('protocol-*', or 'unsupported-payload' for other codes). */
export function readPairingPayload(text: string, nowMs: number): PairingPayload {
  const r = route(text, nowMs);
  if (r.kind === 'invalid') throw new FaktorError(r.error);
  if (r.kind !== 'servicekonto-pairing')
    throw new FaktorError('unsupported-payload', 'not a pairing code');
  return parsePairingPayload(r.payload, nowMs);
}

/** Pairs this desktop with the account named in `text`; returns the stored record's view. */
export async function pair(
  deps: PairingDeps,
  text: string,
  pin: string,
  deviceName: string,
): Promise<PairedView & { status: 'pending' }> {
  const p = readPairingPayload(text, deps.now());
  checkPin(pin);
  const secrets = newDeviceSecrets();
  const deviceKey = p256.utils.randomSecretKey();
  try {
    const sealed = await sealWithPin(pin, secrets, deps.kdf);
    const body = {
      v: PROTOCOL_VERSION,
      token: p.token,
      approvalKey: publicKeyOf(toScalar(secrets.signingKey)),
      deviceKey: publicKeyOf(deviceKey),
      ocraSecret: toBase64url(secrets.ocraSecret),
      deviceName,
    };
    const answer = parseEnrollmentResponse(
      await callJson(p.origin, 'POST', ENROLL_PATH, body, { fetch: deps.fetch }),
    );
    if (answer.origin !== p.origin || answer.account !== p.account)
      throw new FaktorError('protocol-origin', 'enrollment answer names another server or account');
    const record: PairedRecord = {
      id: newId(),
      origin: p.origin,
      account: p.account,
      accountName: answer.accountName,
      meansId: answer.means,
      suite: answer.ocraSuite,
      level: answer.level,
      pairedAt: deps.now(),
      sealed,
      deviceKey: Buffer.from(deviceKey).toString('base64'),
    };
    await deps.vault.savePairing(record);
    return { ...toPairedView(record), status: answer.status };
  } finally {
    wipeSecrets(secrets);
    deviceKey.fill(0);
  }
}
