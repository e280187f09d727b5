/**
 * Server side of the desktop-app means: the stored credential (two public keys, the OCRA secret, the
 * device name), random tokens/transactions/challenges, the QR image of a payload, and the constant-time
 * check of an offline response against the shared OCRA computation (shared/servicekonto/login-ocra.ts).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import QRCode from 'qrcode';
import { fromBase64url } from '../../shared/servicekonto/base64url';
import { loginResponse } from '../../shared/servicekonto/login-ocra';
import type { LoginPayload } from '../../shared/servicekonto/login-payload';

/** What the store keeps for one desktop-app means (credentials table, JSON). */
export interface DesktopAppCredential {
  /** P-256 public key (wire form) that verifies approval signatures. */
  approvalKey: string;
  /** P-256 public key (wire form) that verifies the app's own requests. */
  deviceKey: string;
  /** The 32-byte OCRA secret, base64url; sealed at rest with the whole credential (FAKTOR_DATA_KEYS, account-repo). */
  ocraSecret: string;
  deviceName: string;
}

/** 32 random bytes, base64url: an enrollment token. */
export function newEnrollmentToken(): string {
  return randomBytes(32).toString('base64url');
}

/** 16 random bytes, base64url: a transaction id. */
export function newTransactionId(): string {
  return randomBytes(16).toString('base64url');
}

/** 20 random bytes as 40 hex digits: an OCRA challenge (QH40). */
export function newOcraChallenge(): string {
  return randomBytes(20).toString('hex');
}

/** An SVG QR code of a payload for the pages. */
export function payloadQrSvg(payload: string): Promise<string> {
  return QRCode.toString(payload, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

/** True when `code` is the OCRA response of this credential for `payload`; constant time in the code. */
export function offlineCodeMatches(
  cred: DesktopAppCredential,
  payload: Omit<LoginPayload, 'v'>,
  code: string,
): boolean {
  const secret = fromBase64url(cred.ocraSecret);
  if (!secret || !/^\d{8}$/.test(code)) return false;
  const expected = Buffer.from(loginResponse(payload, secret), 'utf8');
  return timingSafeEqual(expected, Buffer.from(code, 'utf8'));
}
