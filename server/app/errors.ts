/**
 * The service layer's error: a stable code (what the API and the pages show) and optional non-secret
 * parameters. A domain rule's `DomainError` passes through the services unchanged; both are "coded
 * errors" (`isCodedError`), and the HTTP layer alone decides their status (server/http/error-status.ts).
 */
import { isDomainError, type DomainError, type DomainErrorCode } from '../domain/errors';

/** Codes the service adds to the domain's. */
export type ServiceErrorCode =
  | DomainErrorCode
  | 'authentication-failed' // the ONE answer to any failed login/step-up/block-password attempt
  | 'too-many-attempts'
  | 'username-taken'
  | 'csrf'
  | 'not-found'
  | 'validation'
  | 'unsupported-media-type'
  | 'test-mode-only'
  | 'unknown-host' // Host header not on the allowlist (DNS rebinding), 421
  | 'invalid-code'
  | 'conflict' // the account changed between read and save (optimistic concurrency), 409
  | 'enrollment-invalid'; // desktop-app enrollment token unknown, used, expired or its web session ended (one answer for all)

/** Thrown by services; the HTTP layer turns it into `{ error: { code, message, params } }`. */
export class ServiceError extends Error {
  override readonly name = 'ServiceError';
  constructor(
    readonly code: ServiceErrorCode,
    readonly status: number,
    readonly params?: Readonly<Record<string, string | number>>,
  ) {
    super(code);
  }
}

const DOMAIN_STATUS: Record<DomainErrorCode, number> = {
  'invalid-input': 400,
  'invalid-policy': 500,
  'not-authenticated': 401,
  'insufficient-level': 403,
  'unknown-means': 404,
  'unknown-attribute': 404,
  'means-blocked': 409,
  'means-removed': 409,
  'means-pending': 409,
  'not-pending': 409,
  'not-blocked': 409,
  'wrong-session': 409,
  'last-means': 409,
  'means-dependent': 409,
  'block-password-required': 400,
  'account-locked': 423,
  'verification-expired': 410,
  'mds-incomplete': 409,
  'mds-mismatch': 409,
  'deletion-not-due': 409,
  'not-applicable': 409,
};

/** A refusal with a stable code: a service's own or a domain rule's (never a bug). */
export type CodedError = ServiceError | DomainError;

/** True when `e` is a refusal with a stable code, not a bug. */
export function isCodedError(e: unknown): e is CodedError;
/** True when `e` is a refusal with one of `codes` (no type narrowing: `false` may still be another coded error). */
export function isCodedError(e: unknown, ...codes: [ServiceErrorCode, ...ServiceErrorCode[]]): boolean;
export function isCodedError(e: unknown, ...codes: ServiceErrorCode[]): boolean {
  if (!(e instanceof ServiceError) && !isDomainError(e)) return false;
  return codes.length === 0 || codes.includes(e.code);
}

/** Maps a thrown DomainError to a ServiceError; anything else passes through unchanged. */
export function fromDomain(e: unknown): unknown {
  if (isDomainError(e)) return new ServiceError(e.code, DOMAIN_STATUS[e.code] ?? 400, e.params);
  return e;
}

/**
 * Runs `fn`, translating domain errors. No longer needed (the HTTP layer answers a DomainError
 * itself); still called only by approval-service.ts and device-key-service.ts, which are being
 * rewritten — remove it with their last call.
 */
export function domain<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw fromDomain(e);
  }
}

/** The generic failure of every authentication attempt (TR-03107-1 MF2, ASVS 6.3.8). */
export function authFailed(): ServiceError {
  return new ServiceError('authentication-failed', 401);
}
