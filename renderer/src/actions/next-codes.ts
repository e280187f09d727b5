import { isFaktorError } from '../../../shared/errors';
import { previewOpensAt } from '../../../shared/otp/next-preview';
import { codesNext } from '../api/codes';
import { useStore } from '../store';
import { onTick } from '../ticker';
import { shownIds } from './codes';
import { notifyError } from './notify';

/** Per account: the end of the period for which main refused the preview (no second ask in that period). */
const refused = new Map<string, number>();
let inflight = false;

/**
 * Of the TOTP rows in view, those whose period is in its preview window (shared/otp/next-preview.ts,
 * the same rule main checks with its own clock) and that have no next code for it yet.
 */
function dueForPreview(now: number): string[] {
  const s = useStore.getState();
  return shownIds().filter((id) => {
    const current = s.totp[id];
    const account = s.byId[id];
    if (!current || !account || current.validUntil <= now) return false;
    if (now < previewOpensAt(account.period, now) || (refused.get(id) ?? 0) >= current.validUntil)
      return false;
    return s.upcoming[id]?.validFrom !== current.validUntil;
  });
}

/**
 * Near a period's end, asks main for the next window's codes of the rows in view (codes-next), so a row
 * can show "→ 123 456" beside the running-out countdown. A 'code-not-due' answer (the clocks disagree by a
 * moment) is retried at the next tick; any other error is shown once and not retried in that period.
 */
export function startNextCodePreview(): () => void {
  return onTick((now) => {
    if (inflight || useStore.getState().status?.state !== 'ready') return;
    const ids = dueForPreview(now);
    if (ids.length === 0) return;
    inflight = true;
    codesNext(ids)
      .then((codes) => useStore.getState().mergeUpcoming(codes, Date.now()))
      .catch((e: unknown) => {
        if (isFaktorError(e, 'code-not-due')) return;
        for (const id of ids) refused.set(id, useStore.getState().totp[id]?.validUntil ?? 0);
        notifyError(e);
      })
      .finally(() => {
        inflight = false;
      });
  });
}
