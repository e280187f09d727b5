import { FaktorError, type ErrorCode } from '../errors';

/**
 * Why a CTAP exchange failed, finer than the app's error code: `malformed` (device bytes we cannot
 * parse), `framing` (CTAPHID packets out of order or on the wrong channel), `hid` (a CTAPHID ERROR
 * frame), `status` (a CTAP2 status byte), `u2f` (an APDU status word), plus the transport outcomes.
 */
export type CtapErrorKind =
  | 'malformed'
  | 'framing'
  | 'hid'
  | 'status'
  | 'u2f'
  | 'timeout'
  | 'cancelled'
  | 'removed'
  | 'permission-denied'
  | 'busy'
  | 'unsupported'
  | 'invalid-argument';

/** CTAP2 status codes (CTAP 2.1 §8.2) with the names python-fido2 and libfido2 use. */
export const CTAP2_STATUS = {
  0x00: 'OK',
  0x01: 'INVALID_COMMAND',
  0x02: 'INVALID_PARAMETER',
  0x03: 'INVALID_LENGTH',
  0x04: 'INVALID_SEQ',
  0x05: 'TIMEOUT',
  0x06: 'CHANNEL_BUSY',
  0x0a: 'LOCK_REQUIRED',
  0x0b: 'INVALID_CHANNEL',
  0x11: 'CBOR_UNEXPECTED_TYPE',
  0x12: 'INVALID_CBOR',
  0x14: 'MISSING_PARAMETER',
  0x15: 'LIMIT_EXCEEDED',
  0x17: 'FP_DATABASE_FULL',
  0x18: 'LARGE_BLOB_STORAGE_FULL',
  0x19: 'CREDENTIAL_EXCLUDED',
  0x21: 'PROCESSING',
  0x22: 'INVALID_CREDENTIAL',
  0x23: 'USER_ACTION_PENDING',
  0x24: 'OPERATION_PENDING',
  0x25: 'NO_OPERATIONS',
  0x26: 'UNSUPPORTED_ALGORITHM',
  0x27: 'OPERATION_DENIED',
  0x28: 'KEY_STORE_FULL',
  0x2b: 'UNSUPPORTED_OPTION',
  0x2c: 'INVALID_OPTION',
  0x2d: 'KEEPALIVE_CANCEL',
  0x2e: 'NO_CREDENTIALS',
  0x2f: 'USER_ACTION_TIMEOUT',
  0x30: 'NOT_ALLOWED',
  0x31: 'PIN_INVALID',
  0x32: 'PIN_BLOCKED',
  0x33: 'PIN_AUTH_INVALID',
  0x34: 'PIN_AUTH_BLOCKED',
  0x35: 'PIN_NOT_SET',
  0x36: 'PIN_REQUIRED',
  0x37: 'PIN_POLICY_VIOLATION',
  0x38: 'PIN_TOKEN_EXPIRED',
  0x39: 'REQUEST_TOO_LARGE',
  0x3a: 'ACTION_TIMEOUT',
  0x3b: 'UP_REQUIRED',
  0x3c: 'UV_BLOCKED',
  0x3d: 'INTEGRITY_FAILURE',
  0x3e: 'INVALID_SUBCOMMAND',
  0x3f: 'UV_INVALID',
  0x40: 'UNAUTHORIZED_PERMISSION',
  0x7f: 'OTHER',
} as const satisfies Record<number, string>;

/** Status codes the client reacts to by name. */
export const Status = {
  OK: 0x00,
  INVALID_COMMAND: 0x01,
  INVALID_PARAMETER: 0x02,
  INVALID_LENGTH: 0x03,
  CBOR_UNEXPECTED_TYPE: 0x11,
  INVALID_CBOR: 0x12,
  MISSING_PARAMETER: 0x14,
  CREDENTIAL_EXCLUDED: 0x19,
  INVALID_CREDENTIAL: 0x22,
  UNSUPPORTED_ALGORITHM: 0x26,
  OPERATION_DENIED: 0x27,
  UNSUPPORTED_OPTION: 0x2b,
  KEEPALIVE_CANCEL: 0x2d,
  NO_CREDENTIALS: 0x2e,
  USER_ACTION_TIMEOUT: 0x2f,
  NOT_ALLOWED: 0x30,
  PIN_INVALID: 0x31,
  PIN_BLOCKED: 0x32,
  PIN_AUTH_INVALID: 0x33,
  PIN_AUTH_BLOCKED: 0x34,
  PIN_NOT_SET: 0x35,
  PIN_REQUIRED: 0x36,
  PIN_POLICY_VIOLATION: 0x37,
  PIN_TOKEN_EXPIRED: 0x38,
  REQUEST_TOO_LARGE: 0x39,
  ACTION_TIMEOUT: 0x3a,
  UP_REQUIRED: 0x3b,
  UV_BLOCKED: 0x3c,
  INVALID_SUBCOMMAND: 0x3e,
  UNAUTHORIZED_PERMISSION: 0x40,
} as const;

/** The spec name of a CTAP2 status byte, or `0xNN` for codes the spec does not name. */
export function statusName(status: number): string {
  return (
    (CTAP2_STATUS as Record<number, string>)[status] ?? `0x${status.toString(16).padStart(2, '0')}`
  );
}

const STATUS_CODES: Readonly<Record<number, ErrorCode>> = {
  [Status.PIN_INVALID]: 'key-pin-invalid',
  [Status.PIN_AUTH_INVALID]: 'key-pin-invalid',
  [Status.PIN_BLOCKED]: 'key-pin-blocked',
  [Status.PIN_AUTH_BLOCKED]: 'key-pin-blocked',
  [Status.UV_BLOCKED]: 'key-pin-blocked',
  [Status.PIN_NOT_SET]: 'key-pin-required',
  [Status.PIN_REQUIRED]: 'key-pin-required',
  [Status.PIN_POLICY_VIOLATION]: 'key-pin-policy',
  [Status.NO_CREDENTIALS]: 'key-no-credentials',
  [Status.CREDENTIAL_EXCLUDED]: 'key-credential-excluded',
  [Status.USER_ACTION_TIMEOUT]: 'key-timeout',
  [Status.ACTION_TIMEOUT]: 'key-timeout',
  [Status.KEEPALIVE_CANCEL]: 'cancelled',
  [Status.INVALID_COMMAND]: 'key-unsupported',
  [Status.UNSUPPORTED_OPTION]: 'key-unsupported',
  [Status.UNSUPPORTED_ALGORITHM]: 'key-unsupported',
};

const KIND_CODES: Readonly<Record<Exclude<CtapErrorKind, 'status'>, ErrorCode>> = {
  malformed: 'key-protocol',
  framing: 'key-protocol',
  hid: 'key-protocol',
  u2f: 'key-refused',
  timeout: 'key-timeout',
  cancelled: 'cancelled',
  removed: 'key-removed',
  'permission-denied': 'key-permission-denied',
  busy: 'key-busy',
  unsupported: 'key-unsupported',
  'invalid-argument': 'invalid-parameter',
};

/**
 * The one error type of the CTAP codecs and client: a FaktorError (so the code crosses IPC and the UI
 * words it) that also keeps the protocol detail (`kind`, the raw status byte) for the key manager.
 */
export class CtapError extends FaktorError {
  constructor(
    readonly kind: CtapErrorKind,
    detail: string,
    readonly status?: number,
  ) {
    super(
      kind === 'status' ? (STATUS_CODES[status ?? -1] ?? 'key-refused') : KIND_CODES[kind],
      detail,
      status === undefined
        ? undefined
        : { status: kind === 'status' ? statusName(status) : status },
    );
  }

  /** The error for a non-zero CTAP2 status byte. */
  static fromStatus(status: number): CtapError {
    return new CtapError('status', `authenticator answered ${statusName(status)}`, status);
  }
}

/** True when `e` is a CtapError, optionally one for the given CTAP2 status byte. */
export function isCtapError(e: unknown, status?: number): e is CtapError {
  return (
    e instanceof CtapError && (status === undefined || (e.kind === 'status' && e.status === status))
  );
}

/** Shorthand for device bytes that do not parse: every decoder throws only this. */
export function malformed(detail: string): CtapError {
  return new CtapError('malformed', detail);
}
