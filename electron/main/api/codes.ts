import { FaktorError } from '../../../shared/errors';
import type { Channel } from '../../../shared/ipc/contract';
import type { CodeView } from '../../../shared/ipc/schemas';
import { hotpCode, totpCode } from '../../../shared/otp/generate';
import type { Clock } from '../ports';
import type { ClipboardGuard } from '../services/clipboard-guard';
import type { Vault } from '../services/vault';
import type { HandlersOf } from './handlers';

/** The codes-* channels: current TOTP codes, the next HOTP code, and copying a code to the clipboard. */
export function createCodeHandlers(deps: {
  vault: Vault;
  clock: Clock;
  clipboard: ClipboardGuard;
  clearSeconds: () => number;
}): HandlersOf<Extract<Channel, `codes-${string}`>> {
  const { vault, clock } = deps;
  return {
    'codes-current': async ({ ids }) => {
      const now = clock.now();
      return vault.withTotpParams(ids, (id, params): CodeView => ({ id, ...totpCode(params, now) }));
    },
    'codes-hotp-next': async ({ id }) => {
      const { code } = await vault.nextHotp(id, (params, counter) => hotpCode(params, counter));
      const now = clock.now();
      return { id, code, validFrom: now, validUntil: now };
    },
    'codes-copy': async ({ id }) => {
      const now = clock.now();
      const code = await vault.withParams(id, (p) => (p.type === 'totp' ? totpCode(p, now).code : null));
      const text = code ?? (await vault.lastHotpCode(id));
      if (text === null) throw new FaktorError('invalid-request', 'no HOTP code generated yet');
      return { clearsAt: await deps.clipboard.copy(text, deps.clearSeconds()) };
    },
  };
}
