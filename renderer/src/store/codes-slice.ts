import type { StateCreator } from 'zustand';
import type { CodeView } from '../../../shared/ipc/schemas';
import type { Store } from './index';

/** The codes currently shown (computed in main) and when to fetch the next batch. */
export interface CodesSlice {
  /** TOTP codes by account id; fetched for the rows in view, merged in as batches. */
  totp: Record<string, CodeView>;
  /** HOTP codes the user asked for, by account id. */
  hotp: Record<string, CodeView>;
  /** Earliest validUntil of the shown TOTP codes (ms); the ticker refetches at this instant. */
  nextRefreshAt: number;
  /**
   * Merges freshly fetched codes; the next refresh is due when the earliest code among `shownIds` (the
   * rows in view) expires. Expired codes of rows no longer in view are dropped.
   */
  mergeTotpCodes: (codes: CodeView[], now: number, shownIds: readonly string[]) => void;
  setHotpCode: (code: CodeView) => void;
  /** Next-window TOTP codes (codes-next), asked for only near a period's end; by account id. */
  upcoming: Record<string, CodeView>;
  /** Adds next-window codes and drops those whose window has begun (they are current codes now). */
  mergeUpcoming: (codes: CodeView[], now: number) => void;
  clearCodes: () => void;
}

/**
 * When the earliest valid code among `ids` expires (ms); Infinity when no TOTP row is shown (showing
 * one fetches its code). Never in the past: if main's window already ended (clock skew) or no code
 * arrived yet, a second from now, so the refresher retries without spinning.
 */
export function nextRefreshAt(
  totp: Readonly<Record<string, CodeView>>,
  ids: readonly string[],
  now: number,
): number {
  if (ids.length === 0) return Infinity;
  let next = Infinity;
  for (const id of ids) {
    const until = totp[id]?.validUntil;
    if (until !== undefined && until > now && until < next) next = until;
  }
  return Number.isFinite(next) ? next : now + 1000;
}

/** Creates the codes slice. Unchanged codes keep their object identity so their rows don't re-render. */
export const createCodesSlice: StateCreator<Store, [], [], CodesSlice> = (set) => ({
  totp: {},
  hotp: {},
  nextRefreshAt: 0,
  mergeTotpCodes: (codes, now, shownIds) =>
    set((s) => {
      const shown = new Set(shownIds);
      const totp: Record<string, CodeView> = {};
      for (const [id, c] of Object.entries(s.totp))
        if (c.validUntil > now || shown.has(id)) totp[id] = c;
      for (const c of codes) {
        const old = s.totp[c.id];
        totp[c.id] = old && old.code === c.code && old.validUntil === c.validUntil ? old : c;
      }
      return { totp, nextRefreshAt: nextRefreshAt(totp, shownIds, now) };
    }),
  setHotpCode: (code) => set((s) => ({ hotp: { ...s.hotp, [code.id]: code } })),
  upcoming: {},
  mergeUpcoming: (codes, now) =>
    set((s) => {
      const upcoming: Record<string, CodeView> = {};
      for (const [id, c] of Object.entries(s.upcoming)) if (c.validFrom > now) upcoming[id] = c;
      for (const c of codes) upcoming[c.id] = c;
      return { upcoming };
    }),
  clearCodes: () => set({ totp: {}, hotp: {}, upcoming: {}, nextRefreshAt: 0 }),
});
