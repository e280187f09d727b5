import type { TFunction } from 'i18next';
import { FaktorError } from '../../../../shared/errors';
import { errorCode } from '../../api/bridge';

/**
 * The words for a failed key action: the app's error text, except for a reset the key refused because
 * it came too late after the plug-in (CTAP NOT_ALLOWED), which gets its own instruction.
 */
export function keyErrorText(t: TFunction, e: unknown): string {
  if (e instanceof FaktorError && e.params?.status === 'NOT_ALLOWED')
    return t('keys.reset.tooLate');
  return t(`errors.${errorCode(e)}`);
}

/** A key's display name: its product string, or the generic one. */
export function keyName(k: { product?: string }, fallback: string): string {
  return k.product?.trim() || fallback;
}
