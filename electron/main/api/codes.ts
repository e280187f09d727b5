import { FaktorError } from '../../../shared/errors';
import type { Channel } from '../../../shared/ipc/contract';
import type { CodeView } from '../../../shared/ipc/schemas';
import { hotpCode, totpCode } from '../../../shared/otp/generate';
import { nextTotpCode } from '../../../shared/otp/next-preview';
import type { Clock } from '../ports';
import type { ClipboardGuard } from '../services/clipboard-guard';
import type { Vault } from '../services/vault';
import type { HandlersOf } from './handlers';

/** The codes-* channels: current TOTP codes, the next window's near a period's end, the next HOTP code, and copying a code to the clipboard. */
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
      return vault.withTotpParams(ids, (id, params): CodeView => ({
        id,
        ...totpCode(params, now),
      }));
    },
    'codes-next': async ({ ids }) => {
      // Main reads its own clock; the renderer's idea of the time is never trusted for this.
      const now = clock.now();
      const out: CodeView[] = [];
      for (const id of ids)
        out.push({ id, ...(await vault.withParams(id, (p) => nextTotpCode(p, now))) });
      return out;
    },
    'codes-hotp-next': async ({ id }) => {
      const { code } = await vault.nextHotp(id, (params, counter) => hotpCode(params, counter));
      const now = clock.now();
      return { id, code, validFrom: now, validUntil: now };
    },
    'codes-copy': async ({ id }) => {
      const now = clock.now();
      const code = await vault.withParams(id, (p) =>
        p.type === 'totp' ? totpCode(p, now).code : null,
      );
      const text = code ?? (await vault.lastHotpCode(id));
      if (text === null) throw new FaktorError('invalid-request', 'no HOTP code generated yet');
      const clearsAt = await deps.clipboard.copy(text, deps.clearSeconds());
      // For "sort by recent use"; a failed write of this hint never fails the copy that happened.
      await vault.markUsed(id).catch(() => undefined);
      return { clearsAt };
    },
  };
}
