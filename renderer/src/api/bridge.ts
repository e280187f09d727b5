import { ERROR_CODES, FaktorError, type ErrorCode } from '../../../shared/errors';
import type { Envelope, FaktorApi } from '../../../shared/ipc/contract';

/** The preload's bridge (or the test harness's twin); the renderer's only way to main. */
export function bridge(): FaktorApi {
  return window.faktor;
}

const known = new Set<string>(ERROR_CODES);

/** Turns an Envelope into its value, or throws a typed FaktorError (unknown codes become 'internal'). */
export async function unwrap<T>(call: Promise<Envelope<T>>): Promise<T> {
  let envelope: Envelope<T>;
  try {
    envelope = await call;
  } catch {
    throw new FaktorError('internal', 'bridge call rejected');
  }
  if (envelope.ok) return envelope.value;
  const code: ErrorCode = known.has(envelope.error.code)
    ? (envelope.error.code as ErrorCode)
    : 'internal';
  throw new FaktorError(code, undefined, envelope.error.params);
}

/** The error code of anything thrown by an api call (a non-FaktorError is 'internal'). */
export function errorCode(e: unknown): ErrorCode {
  return e instanceof FaktorError ? e.code : 'internal';
}
