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
  // ipc
  'forbidden-sender',
  'internal',
  // names (appended)
  'unsafe-name',
] as const;

/** One of the stable error codes. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Error thrown by parsers and services; `detail` is for developers and must never hold a secret. */
export class FaktorError extends Error {
  override readonly name = 'FaktorError';
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    readonly params?: Readonly<Record<string, string | number>>,
  ) {
    super(detail ? `${code}: ${detail}` : code);
  }
}

/** True when `e` is a FaktorError, optionally with the given code. */
export function isFaktorError(e: unknown, code?: ErrorCode): e is FaktorError {
  return e instanceof FaktorError && (code === undefined || e.code === code);
}
