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
  | 'unknown-host' // Host header not on the allowlist (DNS rebinding)
  | 'invalid-code'
  | 'conflict' // the account changed between read and save (optimistic concurrency)
  | 'enrollment-invalid'; // desktop-app enrollment token unknown, used, expired or its web session ended (one answer for all)

/** Non-secret parameters of an error (a field name, a reason, the level needed). */
export type ErrorParams = Readonly<Record<string, string | number>>;

/** Thrown by services; the HTTP layer turns it into `{ error: { code, message, params } }` with the status of its code. */
export class ServiceError extends Error {
  override readonly name = 'ServiceError';
  constructor(
    readonly code: ServiceErrorCode,
    readonly params?: ErrorParams,
  ) {
    super(code);
  }
}

/** A refusal with a stable code: a service's own or a domain rule's (never a bug). */
export type CodedError = ServiceError | DomainError;

/** True when `e` is a refusal with a stable code, not a bug. */
export function isCodedError(e: unknown): e is CodedError;
/** True when `e` is a refusal with one of `codes` (no type narrowing: `false` may still be another coded error). */
export function isCodedError(
  e: unknown,
  ...codes: [ServiceErrorCode, ...ServiceErrorCode[]]
): boolean;
export function isCodedError(e: unknown, ...codes: ServiceErrorCode[]): boolean {
  if (!(e instanceof ServiceError) && !isDomainError(e)) return false;
  return codes.length === 0 || codes.includes(e.code);
}

/** The generic failure of every authentication attempt (TR-03107-1 MF2, ASVS 6.3.8). */
export function authFailed(): ServiceError {
  return new ServiceError('authentication-failed');
}
