import { StableCodeError } from './stable-code-error';

/**
 * Typed errors shared by every part. The `code` is stable and is what crosses IPC and HTTP; the UI
 * turns it into plain words through i18n (`errors.<code>`), so no message text (and never a secret)
 * needs to travel.
 */
export const ERROR_CODES = [
  // input parsing
  'invalid-uri',
  'invalid-secret',
  'invalid-parameter',
  'unsupported-payload',
  'invalid-migration',
  'invalid-request',
  // vault and keychain
  'keychain-unavailable',
  'keychain-locked',
  'vault-key-missing',
  'vault-corrupt',
  'vault-locked',
  'wrong-password',
  'too-many-attempts',
  'not-found',
  'duplicate',
  // backup
  'invalid-backup',
  'backup-wrong-password',
  'cancelled',
  // import of other apps' files (docs/import-formats.md)
  'import-damaged',
  'import-unknown-format',
  'import-unsupported',
  // qr
  'no-qr-found',
  'image-unreadable',
  'screen-capture-denied',
  'camera-denied',
  // security keys (FIDO/CTAP over USB HID)
  'key-protocol',
  'key-refused',
  'key-pin-invalid',
  'key-pin-blocked',
  'key-pin-required',
  'key-pin-policy',
  'key-no-credentials',
  'key-credential-excluded',
  'key-timeout',
  'key-removed',
  'key-permission-denied',
  'key-busy',
  'key-unsupported',
  // ipc
  'forbidden-sender',
  // Servicekonto wire formats (docs/protocol.md)
  'protocol-version',
  'protocol-malformed',
  'protocol-oversize',
  'protocol-origin',
  'protocol-expired',
  'internal',
  // names (appended)
  'unsafe-name',
  // servicekonto pairing and approval (app side)
  'invalid-pin',
  'not-paired',
  'server-unreachable',
  'server-refused',
  'data-dir-busy',
  // security keys: a reset needs exactly one key plugged in (which one was replugged is otherwise unknowable)
  'key-several-plugged',
  // same-device approval (faktor:// links, issue #11)
  'protocol-replayed',
  // unlock with the OS's user-verification prompt (Touch ID), docs/desktop.md
  'os-unlock-unavailable',
  'os-unlock-refused',
  'os-unlock-stale',
  // next-code preview asked for before the end of the current period (shared/otp/next-preview.ts)
  'code-not-due',
  // groups renamed or dissolved in one place (shared/groups.ts, issue #12)
  'group-not-found',
  'invalid-group-name',
] as const;

/** One of the stable error codes. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Error thrown by parsers and services; `detail` is for developers and must never hold a secret. */
export class FaktorError extends StableCodeError<ErrorCode> {
  override readonly name = 'FaktorError';
}

/** True when `e` is a FaktorError, optionally with the given code. */
export function isFaktorError(e: unknown, code?: ErrorCode): e is FaktorError {
  return e instanceof FaktorError && (code === undefined || e.code === code);
}
