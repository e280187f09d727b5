import { FaktorError } from '../../../shared/errors';
import type { Channel } from '../../../shared/ipc/contract';
import { decodeBase32 } from '../../../shared/otp/base32';
import { parseOtpauthUri } from '../../../shared/otp/uri';
import { newAccountOf } from '../services/vault-account';
import type { Vault } from '../services/vault';
import type { HandlersOf } from './handlers';

/** The accounts-* channels: list, add (URI or typed), edit, delete with undo, reorder. */
export function createAccountHandlers(
  vault: Vault,
): HandlersOf<Extract<Channel, `accounts-${string}`>> {
  return {
    'accounts-list': async () => vault.list(),
    'accounts-add-uri': async ({ uri }) => {
      if (/^otpauth-migration:/i.test(uri.trim()))
        throw new FaktorError('unsupported-payload', 'use import for Google Authenticator exports');
      return vault.add(newAccountOf(parseOtpauthUri(uri).params));
    },
    'accounts-add-manual': async (m) => {
      const label = m.label.trim();
      if (label === '') throw new FaktorError('invalid-parameter', 'label', { name: 'label' });
      return vault.add(
        newAccountOf({ ...m, issuer: m.issuer.trim(), label, secret: decodeBase32(m.secret) }),
      );
    },
    'accounts-update': async ({ id, patch }) => vault.update(id, patch),
    'accounts-delete': async ({ id }) => vault.remove(id),
    'accounts-restore': async ({ undoToken }) => vault.restore(undoToken),
    'accounts-reorder': async ({ ids }) => {
      await vault.reorder(ids);
      return {};
    },
  };
}
