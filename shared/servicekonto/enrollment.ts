import { fromBase64url } from './base64url';
import { DESKTOP_OCRA_SUITE, OCRA_SECRET_BYTES } from './login-ocra';
import { readAccountRef, type AccountRef } from './account-ref';
import { DESKTOP_APP_LEVELS, TOKEN_PATTERN, type DesktopAppLevel } from './pairing-payload';
import { readPublicKey } from './p256';
import { IDENTIFIER, PROTOCOL_VERSION, oneOf, protocolError, readObject, str, text } from './wire';

/**
 * Enrollment (docs/protocol.md §Enrollment): after scanning the pairing QR the app POSTs an
 * EnrollmentRequest to `<origin>/api/pairing/enroll`; the server answers an EnrollmentResponse.
 * Two key pairs: `approvalKey` is PIN-encrypted on the desktop and signs login approvals;
 * `deviceKey` stays unlocked in the keychain-protected vault and signs the app's own requests (event
 * stream, means view), so the stream can run without the PIN and no bearer secret exists.
 */

/** Longest device name ("Erikas Laptop"). */
export const MAX_DEVICE_NAME_CHARS = 64;

/** What the app sends to enrol. */
export interface EnrollmentRequest {
  readonly v: typeof PROTOCOL_VERSION;
  readonly token: string;
  /** P-256 public key (base64url, 65-byte uncompressed) whose secret key is PIN-encrypted. */
  readonly approvalKey: string;
  /** P-256 public key of the device-authentication key (not PIN-protected). */
  readonly deviceKey: string;
  /** The 32-byte OCRA secret, base64url (43 characters). Only ever sent here, over HTTPS/loopback. */
  readonly ocraSecret: string;
  readonly deviceName: string;
}

/** What the server answers to a successful enrollment. */
export interface EnrollmentResponse extends AccountRef {
  readonly v: typeof PROTOCOL_VERSION;
  /** Id of the new desktop-app means; the app keeps it (it names this device in the means list). */
  readonly means: string;
  readonly level: DesktopAppLevel;
  /** Always `pending` at enrollment: one approval in the same web session confirms it (§4.2). */
  readonly status: 'pending';
  readonly ocraSuite: typeof DESKTOP_OCRA_SUITE;
}

const REQUEST_KEYS = ['token', 'approvalKey', 'deviceKey', 'ocraSecret', 'deviceName'] as const;
const RESPONSE_KEYS = [
  'origin',
  'account',
  'accountName',
  'means',
  'level',
  'status',
  'ocraSuite',
] as const;

/** Checks an enrollment request body (already JSON-parsed by the HTTP layer). */
export function parseEnrollmentRequest(body: unknown): EnrollmentRequest {
  const o = readObject(body, REQUEST_KEYS, 'enrollment');
  const ocraSecret = str(o, 'ocraSecret', /^[A-Za-z0-9_-]{43}$/, 43);
  if (fromBase64url(ocraSecret)?.length !== OCRA_SECRET_BYTES)
    throw protocolError('protocol-malformed', 'ocraSecret');
  const approvalKey = readPublicKey(o, 'approvalKey');
  const deviceKey = readPublicKey(o, 'deviceKey');
  if (approvalKey === deviceKey) throw protocolError('protocol-malformed', 'deviceKey');
  return {
    v: PROTOCOL_VERSION,
    token: str(o, 'token', TOKEN_PATTERN, 43),
    approvalKey,
    deviceKey,
    ocraSecret,
    deviceName: text(o, 'deviceName', MAX_DEVICE_NAME_CHARS),
  };
}

/** Checks the server's enrollment answer (the app stores nothing unless this passes). */
export function parseEnrollmentResponse(body: unknown): EnrollmentResponse {
  const o = readObject(body, RESPONSE_KEYS, 'enrollment-response');
  return {
    v: PROTOCOL_VERSION,
    ...readAccountRef(o),
    means: str(o, 'means', IDENTIFIER, 64),
    level: oneOf(o, 'level', DESKTOP_APP_LEVELS),
    status: oneOf(o, 'status', ['pending'] as const),
    ocraSuite: oneOf(o, 'ocraSuite', [DESKTOP_OCRA_SUITE] as const),
  };
}
