import { z } from 'zod';
import { MEANS_LEVELS } from '../levels';
import { signText, verifyText } from './p256';
import { PROTOCOL_VERSION } from './wire';

/**
 * A paired desktop registers a security key at its Servicekonto as "password + security key"
 * (docs/protocol.md §Security key registration). The server's options name the WebAuthn ceremony
 * (RP, user, two challenges) and a proof challenge; the app answers with the attestation, the
 * confirming assertion, the account password (footnote 5: the means is password + key) and the
 * approval key's signature over {transaction, challenge, credential} — the PIN-bound proof the online
 * approval uses, so a copied data folder without the PIN cannot add a key.
 */

const B64U = /^[A-Za-z0-9_-]+$/;
const b64u = (max: number) => z.string().min(1).max(max).regex(B64U);
/** A WebAuthn credential id as base64url (CTAP allows up to 1023 bytes). */
export const CredentialIdText = b64u(1364);

/** The server's answer to `POST /api/device/security-keys/options`. */
export const KeyRegistrationOptions = z.strictObject({
  v: z.literal(PROTOCOL_VERSION),
  tx: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
  /** Signed by the approval key (PIN-bound) together with tx and the new credential id. */
  challenge: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  rp: z.strictObject({ id: z.string().min(1).max(253), name: z.string().min(1).max(200) }),
  user: z.strictObject({
    id: b64u(86),
    name: z.string().min(1).max(200),
    displayName: z.string().max(200),
  }),
  /** Challenge of clientDataJSON `webauthn.create`. */
  createChallenge: b64u(128),
  /** Challenge of the confirming `webauthn.get` (§4.2: confirmed by authenticating with the new means). */
  getChallenge: b64u(128),
  /** COSE algorithms the server accepts, in its order of preference. */
  algorithms: z.array(z.number().int()).min(1).max(8),
  /** Credential ids the account already has (a key that holds one of them is refused: CREDENTIAL_EXCLUDED). */
  exclude: z.array(CredentialIdText).max(64),
  /** Unix ms. */
  expiresAt: z.number().int().nonnegative(),
});
/** The server's answer to `POST /api/device/security-keys/options`. */
export type KeyRegistrationOptions = z.infer<typeof KeyRegistrationOptions>;

/** The server's answer to `POST /api/device/security-keys`: the new means, confirmed in the same registration. */
export const KeyRegistrationResult = z.strictObject({
  v: z.literal(PROTOCOL_VERSION),
  meansId: z.string().min(1).max(128),
  kind: z.literal('password+security-key'),
  label: z.string().max(64).nullable(),
  level: z.enum(MEANS_LEVELS),
  status: z.enum(['active', 'pending']),
  credentialId: CredentialIdText,
});
/** The server's answer to `POST /api/device/security-keys`. */
export type KeyRegistrationResult = z.infer<typeof KeyRegistrationResult>;

/** What the PIN-bound proof covers. */
export interface KeyRegistrationSigned {
  readonly transaction: string;
  readonly challenge: string;
  /** base64url id of the credential being registered (binds the proof to this key). */
  readonly credentialId: string;
}

/** The exact text the approval key signs for a key registration (UTF-8; ECDSA P-256/SHA-256). */
export function keyRegistrationSignedText(s: KeyRegistrationSigned): string {
  return JSON.stringify({
    type: 'faktor-key-registration',
    v: PROTOCOL_VERSION,
    transaction: s.transaction,
    challenge: s.challenge,
    credential: s.credentialId,
  });
}

/** Signs the proof with the PIN-decrypted approval secret key. */
export function signKeyRegistration(
  approvalSecretKey: Uint8Array,
  s: KeyRegistrationSigned,
): string {
  return signText(approvalSecretKey, keyRegistrationSignedText(s));
}

/** True when `signature` covers `s` under the enrolled approval key. Never throws. */
export function verifyKeyRegistration(
  approvalKey: string,
  s: KeyRegistrationSigned,
  signature: string,
): boolean {
  return verifyText(approvalKey, keyRegistrationSignedText(s), signature);
}

/**
 * True when `rpId` may be used from `origin` (WebAuthn's rule: the origin's host equals the RP id or
 * is a subdomain of it). The app refuses options whose RP id does not belong to the paired origin, so
 * a server cannot make the key sign for another site.
 */
export function rpIdFitsOrigin(rpId: string, origin: string): boolean {
  const m = /^https?:\/\/(\[[0-9a-f:.]+\]|[^:/[\]]+)(?::\d{1,5})?$/i.exec(origin);
  if (!m?.[1]) return false;
  const host = m[1].toLowerCase();
  const id = rpId.toLowerCase();
  if (host.startsWith('[') || /^\d+\.\d+\.\d+\.\d+$/.test(host)) return host === id;
  return host === id || host.endsWith(`.${id}`);
}
