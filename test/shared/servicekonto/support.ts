import { isFaktorError } from '../../../shared/errors';

/** The FaktorError code `fn` throws, 'ok' when it returns; rethrows anything else so a test fails loudly. */
export function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (isFaktorError(e)) return e.code;
    throw e;
  }
  return 'ok';
}
