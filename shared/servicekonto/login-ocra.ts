import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { ocraResponse } from '../ocra/ocra';
import { parseOcraSuite } from '../ocra/suite';
import { formatLoginPayload, type LoginPayload } from './login-payload';

/**
 * The offline login code (docs/protocol.md §Offline response): RFC 6287 OCRA with the suite below.
 * Q = the payload's 20-byte random challenge; S = SHA-256 of the canonical login payload, so the code
 * is bound to origin, account, transaction, service, level and expiry. App and server both call this.
 */

/** Why this suite: SHA-256 HMAC; 8 digits (≈ 3·10⁻⁸ guess chance with the 3-failure block, still
 * typable as 4+4); a 160-bit hex challenge (QH40); 64 bytes of session data to carry the binding hash. */
export const DESKTOP_OCRA_SUITE = 'OCRA-1:HOTP-SHA256-8:QH40-S064';
/** Length of the OCRA secret the app generates and enrols (bytes). */
export const OCRA_SECRET_BYTES = 32;

const SUITE = parseOcraSuite(DESKTOP_OCRA_SUITE);

/** The S input for a login payload: hex SHA-256 of its canonical serialisation. */
export function loginSessionHex(p: Omit<LoginPayload, 'v'>): string {
  return bytesToHex(sha256(utf8ToBytes(formatLoginPayload(p))));
}

/** The 8-digit response the app shows for `p`, computed with the (PIN-decrypted) OCRA secret. */
export function loginResponse(p: Omit<LoginPayload, 'v'>, ocraSecret: Uint8Array): string {
  return ocraResponse(SUITE, ocraSecret, { question: p.challenge, sessionHex: loginSessionHex(p) });
}
